/**
 * The signing secret's versions, read through the Parameters and Secrets extension, played here by a
 * local HTTP server that answers like Secrets Manager: a label no version carries is a 400
 * ResourceNotFoundException.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  permanentSecretFromExtension,
  rotatingSecretsFromExtension,
} from '../../shared/runtime/secrets-extension.ts';
import {
  type SecretsExtensionStandIn,
  type StagedVersions,
  startSecretsExtensionStandIn,
} from '../support/secrets-extension-stand-in.ts';

const arn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:signing-AbCdEf';
/** The value at each staging label; a label that is absent has no version; `fail` answers 500. */
let versions: StagedVersions = {};
let extension: SecretsExtensionStandIn;

beforeAll(async () => {
  extension = await startSecretsExtensionStandIn(() => versions);
  process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String(extension.port);
  process.env.AWS_SESSION_TOKEN = 'session-token';
});
afterAll(async () => {
  delete process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  delete process.env.AWS_SESSION_TOKEN;
  await extension.close();
});

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** Every version a function holds: the rotating two and the permanent one, read side by side. */
async function signingSecrets() {
  const [rotating, permanent] = await Promise.all([
    rotatingSecretsFromExtension(arn),
    permanentSecretFromExtension(arn),
  ]);
  return { ...rotating, permanent };
}

describe('the signing secret from the secrets extension', () => {
  it('is the current version alone on a secret never rotated', async () => {
    versions = { AWSCURRENT: 'first' };
    const secrets = await signingSecrets();
    expect([text(secrets.current), text(secrets.previous), text(secrets.permanent)]).toEqual([
      'first',
      undefined,
      undefined,
    ]);
    expect(extension.requests.at(-1)).toMatchObject({ secretId: arn, token: 'session-token' });
  });

  it('holds the previous version during an overlap, and the permanent one always', async () => {
    versions = { AWSCURRENT: 'second', AWSPREVIOUS: 'first', PERMANENT: 'first' };
    let secrets = await signingSecrets();
    expect([text(secrets.current), text(secrets.previous), text(secrets.permanent)]).toEqual([
      'second',
      'first',
      'first',
    ]);

    versions = { AWSCURRENT: 'second', PERMANENT: 'first' };
    secrets = await signingSecrets();
    expect([text(secrets.current), text(secrets.previous), text(secrets.permanent)]).toEqual([
      'second',
      undefined,
      'first',
    ]);
  });

  it("reads the cursors' two versions without the permanent one", async () => {
    versions = { AWSCURRENT: 'second', AWSPREVIOUS: 'first', PERMANENT: 'first' };
    const before = extension.requests.length;
    const secrets = await rotatingSecretsFromExtension(arn);
    expect([text(secrets.current), text(secrets.previous)]).toEqual(['second', 'first']);
    const stages = extension.requests.slice(before).map((request) => request.versionStage);
    expect(stages.toSorted()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
    versions = {};
    await expect(rotatingSecretsFromExtension(arn)).rejects.toThrow(/no current version/);
  });

  it('is read once for the cursors and the other purposes alike: three requests, not five', async () => {
    versions = { AWSCURRENT: 'second', AWSPREVIOUS: 'first', PERMANENT: 'first' };
    process.env.SIGNING_SECRET_ARN = arn;
    vi.resetModules();
    const { cursorCodecOnce, purposeKeysOnce } = await import('../../shared/runtime/purpose-keys-once.ts');
    const before = extension.requests.length;
    await Promise.all([cursorCodecOnce(), purposeKeysOnce()]);
    await Promise.all([cursorCodecOnce(), purposeKeysOnce()]);
    const stages = extension.requests.slice(before).map((request) => request.versionStage);
    expect(stages.toSorted()).toEqual(['AWSCURRENT', 'AWSPREVIOUS', 'PERMANENT']);
    delete process.env.SIGNING_SECRET_ARN;
  });

  it('fails rather than take an unreadable version for a missing one', async () => {
    versions = { AWSCURRENT: 'second', PERMANENT: 'fail' };
    await expect(signingSecrets()).rejects.toThrow(/answered 500 for PERMANENT/);
    versions = {};
    await expect(signingSecrets()).rejects.toThrow(/no current version/);
  });

  it('reads them without loading undici, which a fresh process pays ~60 ms for', async () => {
    versions = { AWSCURRENT: 'first' };
    // A process of its own, asynchronously: this one serves the extension's part meanwhile.
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const module = new URL('../../shared/runtime/secrets-extension.ts', import.meta.url).href;
    const script = `
      const { rotatingSecretsFromExtension } = await import(${JSON.stringify(module)});
      const secrets = await rotatingSecretsFromExtension(${JSON.stringify(arn)});
      process.stdout.write(JSON.stringify({
        current: Buffer.from(secrets.current).toString('utf8'),
        undici: process.moduleLoadList.filter((m) => m.includes('undici')),
      }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', env: process.env },
    );
    expect(JSON.parse(stdout)).toEqual({ current: 'first', undici: [] });
  });
});
