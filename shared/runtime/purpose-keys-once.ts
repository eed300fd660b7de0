import type { CursorCodec } from '../data/cursor.ts';
import { ServiceUnavailableError } from '../domain/errors.ts';
import { cursorCodec, type PurposeKeys, purposeKeys, type SigningSecrets } from '../security/purpose-keys.ts';
import { requiredEnv } from './environment.ts';
import { cursorSecretsFromExtension, signingSecretsFromExtension } from './secrets-extension.ts';

/**
 * Keys made from the signing secret, fetched on first use only: most requests carry no cursor and
 * erase nobody, and never pay for it. Kept for the cold start; a failed fetch is retried by the next
 * request. `SIGNING_SECRET` stands in for Secrets Manager where the function runs outside AWS.
 */
function once<Secrets, Keys>(
  fromExtension: (secretId: string) => Promise<Secrets>,
  derive: (secrets: Secrets | Pick<SigningSecrets, 'current'>) => Keys,
): () => Promise<Keys> {
  let keys: Promise<Keys> | undefined;
  return () => {
    keys ??= (
      process.env.SIGNING_SECRET
        ? Promise.resolve({ current: Buffer.from(process.env.SIGNING_SECRET, 'utf8') })
        : fromExtension(requiredEnv('SIGNING_SECRET_ARN')).catch((cause: unknown) => {
            // Secrets Manager or the extension is briefly unreachable: the client may retry shortly.
            throw new ServiceUnavailableError(
              'The signing keys cannot be read right now; try again shortly.',
              2,
              {
                cause,
              },
            );
          })
    ).then(derive);
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };
}

// Pure, so a bundle that uses one of the two leaves the other out.
/** Every purpose's key: three versions of the secret (current, previous, permanent). */
export const purposeKeysOnce: () => Promise<PurposeKeys> = /* @__PURE__ */ once(
  signingSecretsFromExtension,
  purposeKeys,
);

/**
 * The cursors' key alone, from two versions: what a first page of a list waits on (the console's
 * pages fetch it beside their session), without the permanent version and the keys made from it.
 */
export const cursorCodecOnce: () => Promise<CursorCodec> = /* @__PURE__ */ once(
  cursorSecretsFromExtension,
  cursorCodec,
);
