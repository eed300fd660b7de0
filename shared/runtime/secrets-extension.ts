import type { SigningSecrets } from '../security/purpose-keys.ts';

/**
 * The staging label that keeps the signing secret's first version (the suppression list's key) alive
 * and findable after rotations: Secrets Manager keeps every version that carries a label.
 */
export const permanentVersionStage = 'PERMANENT';

/**
 * The signing secret's versions: AWSCURRENT signs; AWSPREVIOUS, which Secrets Manager gives the
 * version a new value replaced, still verifies until the label is removed; PERMANENT keys the
 * suppression list. A fresh secret has only AWSCURRENT.
 */
export async function signingSecretsFromExtension(secretId: string): Promise<SigningSecrets> {
  const [current, previous, permanent] = await Promise.all([
    secretFromExtension(secretId, 'AWSCURRENT'),
    secretFromExtension(secretId, 'AWSPREVIOUS'),
    secretFromExtension(secretId, permanentVersionStage),
  ]);
  if (current === undefined) throw new Error('The signing secret has no current version.');
  const bytes = (value: string | undefined) => (value === undefined ? undefined : Buffer.from(value, 'utf8'));
  return { current: bytes(current)!, previous: bytes(previous), permanent: bytes(permanent) };
}

/**
 * Reads a Secrets Manager secret version through the AWS Parameters and Secrets Lambda extension (a
 * layer listening on localhost:2773) instead of bundling the Secrets Manager client: it keeps the
 * function bundle small, and the extension caches the value across invocations. Undefined when no
 * version carries the label (Secrets Manager's ResourceNotFoundException, which the extension relays);
 * any other failure throws, so a transient error never passes for a missing version.
 */
async function secretFromExtension(secretId: string, versionStage: string): Promise<string | undefined> {
  const query = new URLSearchParams({ secretId, versionStage });
  const response = await getFromExtension(`/secretsmanager/get?${query}`);
  if (response.status !== 200) {
    if (response.status < 500 && response.body.includes('ResourceNotFoundException')) return undefined;
    throw new Error(`The secrets extension answered ${response.status} for ${versionStage}.`);
  }
  const body = JSON.parse(response.body) as { SecretString?: string };
  if (!body.SecretString)
    throw new Error(`The signing secret's ${versionStage} version has no string value.`);
  return body.SecretString;
}

/**
 * One GET to the extension, with node:http rather than `fetch`: Node's `fetch` is undici, which a
 * function would load for these calls alone (a fresh process's first `fetch` takes ~60 ms, against
 * the ~2 ms of node:http, which the AWS SDK has loaded already), on the first list page of a cold start.
 * Taken with `process.getBuiltinModule`, not `import`: an ES module namespace of node:http reads every
 * export, and one of them loads undici all the same.
 */
function getFromExtension(path: string): Promise<{ status: number; body: string }> {
  const { get } = process.getBuiltinModule('node:http');
  return new Promise((resolve, reject) => {
    const request = get(
      {
        host: 'localhost',
        port: Number(process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? 2773),
        path,
        headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
  });
}
