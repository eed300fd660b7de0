import { keptUntilFailure } from '../concurrency/kept-until-failure.ts';
import type { CursorCodec } from '../data/cursor.ts';
import { ServiceUnavailableError } from '../domain/errors.ts';
import { cursorCodec, type PurposeKeys, purposeKeys, type SigningSecrets } from '../security/purpose-keys.ts';
import { requiredEnv } from './environment.ts';
import { permanentSecretFromExtension, rotatingSecretsFromExtension } from './secrets-extension.ts';

// Keys made from the signing secret, fetched on first use only: most requests carry no cursor and
// erase nobody, and never pay for it. Kept for the cold start; a failed fetch is retried by the next
// request. `SIGNING_SECRET` stands in for Secrets Manager where the function runs outside AWS.
const localSecret = () => process.env.SIGNING_SECRET;

function fromExtension<T>(read: (secretId: string) => Promise<T>): Promise<T> {
  return read(requiredEnv('SIGNING_SECRET_ARN')).catch((cause: unknown) => {
    // Secrets Manager or the extension is briefly unreachable: the client may retry shortly.
    throw new ServiceUnavailableError('The signing keys cannot be read right now; try again shortly.', 2, {
      cause,
    });
  });
}

// Pure, so that a bundle keeps only what it uses (the workers sign no cursor).
/** The current and previous versions, read once for the cursors and the other purposes alike. */
const rotatingSecrets = /* @__PURE__ */ keptUntilFailure(
  (): Promise<Pick<SigningSecrets, 'current' | 'previous'>> => {
    const local = localSecret();
    return local
      ? Promise.resolve({ current: Buffer.from(local, 'utf8') })
      : fromExtension(rotatingSecretsFromExtension);
  },
);

/**
 * The cursors' key alone, from two versions: what a first page of a list waits on (the console's
 * pages fetch it beside their session), without the permanent version and the keys made from it.
 */
export const cursorCodecOnce: () => Promise<CursorCodec> = /* @__PURE__ */ keptUntilFailure(async () =>
  cursorCodec(await rotatingSecrets()),
);

/** Every other purpose's key: the permanent version too, which keys the suppression list. */
export const purposeKeysOnce: () => Promise<PurposeKeys> = /* @__PURE__ */ keptUntilFailure(async () => {
  const [rotating, permanent] = await Promise.all([
    rotatingSecrets(),
    localSecret() ? undefined : fromExtension(permanentSecretFromExtension),
  ]);
  return purposeKeys({ ...rotating, permanent });
});
