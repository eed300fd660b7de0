import type { SigningSecrets } from '../security/purpose-keys.ts';
import { requestWithoutUndici } from './http-without-undici.ts';

/**
 * The staging label that keeps the signing secret's first version (the suppression list's key) alive
 * and findable after rotations: Secrets Manager keeps every version that carries a label.
 */
export const permanentVersionStage = 'PERMANENT';

/**
 * The signing secret's versions that rotate: AWSCURRENT signs; AWSPREVIOUS, which Secrets Manager
 * gives the version a new value replaced, still verifies until the label is removed. A fresh secret
 * has only AWSCURRENT. Cursors need these two alone.
 */
export async function rotatingSecretsFromExtension(
  secretId: string,
): Promise<Pick<SigningSecrets, 'current' | 'previous'>> {
  const [current, previous] = await Promise.all([
    secretFromExtension(secretId, 'AWSCURRENT'),
    secretFromExtension(secretId, 'AWSPREVIOUS'),
  ]);
  if (current === undefined) throw new Error('The signing secret has no current version.');
  return { current: bytes(current)!, previous: bytes(previous) };
}

/** The version labelled PERMANENT, which keys the suppression list; undefined before the first rotation. */
export async function permanentSecretFromExtension(secretId: string): Promise<Uint8Array | undefined> {
  return bytes(await secretFromExtension(secretId, permanentVersionStage));
}

const bytes = (value: string | undefined) => (value === undefined ? undefined : Buffer.from(value, 'utf8'));

/**
 * Reads a Secrets Manager secret version through the AWS Parameters and Secrets Lambda extension (a
 * layer listening on localhost:2773) instead of bundling the Secrets Manager client: it keeps the
 * function bundle small, and the extension caches the value across invocations. Undefined when no
 * version carries the label (Secrets Manager's ResourceNotFoundException, which the extension relays);
 * any other failure throws, so a transient error never passes for a missing version.
 */
async function secretFromExtension(secretId: string, versionStage: string): Promise<string | undefined> {
  const query = new URLSearchParams({ secretId, versionStage });
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  // Not `fetch`, which would load undici for these calls alone (http-without-undici.ts says more).
  const response = await requestWithoutUndici(`http://localhost:${port}/secretsmanager/get?${query}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (response.status !== 200) {
    if (response.status < 500 && response.text.includes('ResourceNotFoundException')) return undefined;
    throw new Error(`The secrets extension answered ${response.status} for ${versionStage}.`);
  }
  const body = JSON.parse(response.text) as { SecretString?: string };
  if (!body.SecretString)
    throw new Error(`The signing secret's ${versionStage} version has no string value.`);
  return body.SecretString;
}
