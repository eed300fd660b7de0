import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JWK } from 'jose';
import type { SigningSecrets } from '../../shared/security/purpose-keys.ts';

/** `.data/` in the project; `BRIDGE_DATA_DIR` moves it (the e2e tests run a server on a scratch copy). */
export const dataDir = process.env.BRIDGE_DATA_DIR
  ? resolve(process.env.BRIDGE_DATA_DIR)
  : fileURLToPath(new URL('../../.data/', import.meta.url));
const secretsFile = join(dataDir, 'dev-secrets.json');

/**
 * The local runtime's secrets: the key pair that stands in for Cognito's signing key, and the signing
 * secret the app's keys are derived from (base64). Made on first start and kept under `.data/`
 * (git-ignored), so tokens issued by `npm run token` stay valid across restarts; `--reset` makes new
 * ones. Rotating the signing secret by hand works as in AWS (README, "Keys and rotation").
 */
export interface DevSecrets {
  privateJwk: JWK;
  publicJwk: JWK;
  /** The newest signing secret: signs cursors. */
  signingSecret: string;
  /** The signing secret a rotation replaced: cursors it signed still page until it is removed. */
  previousSigningSecret?: string;
  /** The signing secret the suppression list is keyed with, kept forever once a rotation replaced it. */
  permanentSigningSecret?: string;
}

export function signingSecretsOf(secrets: DevSecrets): SigningSecrets {
  const bytes = (value: string | undefined) => (value ? Buffer.from(value, 'base64') : undefined);
  return {
    current: Buffer.from(secrets.signingSecret, 'base64'),
    previous: bytes(secrets.previousSigningSecret),
    permanent: bytes(secrets.permanentSigningSecret),
  };
}

export async function loadDevSecrets(file = secretsFile): Promise<DevSecrets | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DevSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function createDevSecrets(): Promise<DevSecrets> {
  // Loaded here, not at the top: npm start imports this file for `dataDir` before it spawns DynamoDB
  // Local, and jose (~0.15 s) is not needed until then.
  const { exportJWK, generateKeyPair } = await import('jose');
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `local-${randomBytes(4).toString('hex')}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
    signingSecret: randomBytes(32).toString('base64'),
  };
}

export async function loadOrCreateDevSecrets(file = secretsFile): Promise<DevSecrets> {
  const existing = await loadDevSecrets(file);
  if (existing) return existing;
  const secrets = await createDevSecrets();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
