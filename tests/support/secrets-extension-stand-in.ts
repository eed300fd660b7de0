import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in holds at each staging label: a value, or `fail` for a 500. */
export type StagedVersions = Record<string, string | 'fail'>;

export interface SecretsExtensionStandIn {
  port: number;
  /** Every request, as the extension would see it. */
  requests: { secretId: string | null; versionStage: string | null; token: string | undefined }[];
  close(): Promise<void>;
}

/**
 * The AWS Parameters and Secrets Lambda extension as a function sees it (`GET /secretsmanager/get` on
 * localhost), answering like Secrets Manager: the version at a staging label, and a 400
 * ResourceNotFoundException for a label no version carries. `versions` is read on every request, so a
 * test can rotate the secret between calls. For the tests of shared/runtime/secrets-extension.ts and
 * for the bench, which runs the functions' bundles as deployed, their signing secret read through it.
 */
export async function startSecretsExtensionStandIn(
  versions: () => StagedVersions,
): Promise<SecretsExtensionStandIn> {
  const requests: SecretsExtensionStandIn['requests'] = [];
  const server = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const stage = query.get('versionStage') ?? '';
    requests.push({
      secretId: query.get('secretId'),
      versionStage: stage,
      token: request.headers['x-aws-parameters-secrets-token'] as string | undefined,
    });
    const value = versions()[stage];
    if (value === 'fail') {
      response.writeHead(500).end('internal error');
    } else if (value === undefined) {
      response.writeHead(400).end(
        JSON.stringify({
          __type: 'ResourceNotFoundException',
          message: `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
        }),
      );
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ ARN: query.get('secretId'), SecretString: value, VersionStages: [stage] }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
