import { ServiceUnavailableError } from '../domain/errors.ts';
import { type PurposeKeys, purposeKeys } from '../security/purpose-keys.ts';
import { requiredEnv } from './environment.ts';
import { signingSecretsFromExtension } from './secrets-extension.ts';

let keys: Promise<PurposeKeys> | undefined;

/**
 * The purpose keys, from the signing secret fetched on first use only: most requests carry no cursor
 * and erase nobody, and never pay for it. Kept for the cold start; a failed fetch is retried by the
 * next request. `SIGNING_SECRET` stands in for Secrets Manager where the function runs outside AWS.
 */
export function purposeKeysOnce(): Promise<PurposeKeys> {
  keys ??= (
    process.env.SIGNING_SECRET
      ? Promise.resolve({ current: Buffer.from(process.env.SIGNING_SECRET, 'utf8') })
      : signingSecretsFromExtension(requiredEnv('SIGNING_SECRET_ARN')).catch((cause: unknown) => {
          // Secrets Manager or the extension is briefly unreachable: the client may retry shortly.
          throw new ServiceUnavailableError(
            'The signing keys cannot be read right now; try again shortly.',
            2,
            {
              cause,
            },
          );
        })
  ).then(purposeKeys);
  keys.catch(() => {
    keys = undefined;
  });
  return keys;
}
