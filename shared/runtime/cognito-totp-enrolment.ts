import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { TotpEnrolment } from '../console/session/totp-enrolment.ts';
import { ServiceUnavailableError, UnauthorizedError } from '../domain/errors.ts';

/** The client and the three commands, loaded on first use. */
async function cognitoSdk() {
  const {
    AssociateSoftwareTokenCommand,
    CognitoIdentityProviderClient,
    SetUserMFAPreferenceCommand,
    VerifySoftwareTokenCommand,
  } = await import('@aws-sdk/client-cognito-identity-provider');
  return {
    AssociateSoftwareTokenCommand,
    CognitoIdentityProviderClient,
    SetUserMFAPreferenceCommand,
    VerifySoftwareTokenCommand,
  };
}

/** Cognito's answers to a wrong first code: the code, not the request, is at fault. */
const mismatchErrors = new Set(['CodeMismatchException', 'EnableSoftwareTokenMFAException']);
const busyErrors = new Set(['TooManyRequestsException', 'LimitExceededException', 'InternalErrorException']);

/**
 * TOTP enrolment through Cognito's user API, authorised by the user's access token alone (no IAM
 * permission): AssociateSoftwareToken, then VerifySoftwareToken and SetUserMFAPreference. The SDK's
 * client is loaded on first use, as the client secret's reader loads it: most requests never enrol.
 */
export function cognitoTotpEnrolment(client?: CognitoIdentityProviderClient): TotpEnrolment {
  let sdk: ReturnType<typeof cognitoSdk> | undefined;
  let cognito: CognitoIdentityProviderClient | undefined = client;
  const load = async () => {
    sdk ??= cognitoSdk();
    const module = await sdk;
    cognito ??= new module.CognitoIdentityProviderClient({});
    return { module, cognito };
  };
  const refused = (error: unknown): never => {
    const name = (error as { name?: unknown }).name;
    if (name === 'NotAuthorizedException')
      throw new UnauthorizedError('The sign-in behind this enrolment has ended.', { cause: error });
    if (typeof name === 'string' && busyErrors.has(name))
      throw new ServiceUnavailableError('Cognito is busy; try again shortly.', 1, { cause: error });
    throw error;
  };
  return {
    async associate(accessToken) {
      const { module, cognito } = await load();
      const answer = await cognito
        .send(new module.AssociateSoftwareTokenCommand({ AccessToken: accessToken }))
        .catch(refused);
      if (!answer.SecretCode) throw new Error('Cognito associated no secret.');
      return answer.SecretCode;
    },
    async verify(accessToken, code) {
      const { module, cognito } = await load();
      let status: string | undefined;
      try {
        ({ Status: status } = await cognito.send(
          new module.VerifySoftwareTokenCommand({
            AccessToken: accessToken,
            UserCode: code,
            FriendlyDeviceName: 'Bridge CRM',
          }),
        ));
      } catch (error) {
        if (mismatchErrors.has((error as { name?: string }).name ?? '')) return 'mismatch';
        return refused(error);
      }
      if (status !== 'SUCCESS') return 'mismatch';
      await cognito
        .send(
          new module.SetUserMFAPreferenceCommand({
            AccessToken: accessToken,
            SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
          }),
        )
        .catch(refused);
      return 'enrolled';
    },
  };
}
