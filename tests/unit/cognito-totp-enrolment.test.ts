/**
 * TOTP enrolment through Cognito's user API with the user's own access token: which calls it makes,
 * and how Cognito's answers become the console's (a wrong code, an ended sign-in, a busy service).
 */
import {
  AssociateSoftwareTokenCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
  SetUserMFAPreferenceCommand,
  TooManyRequestsException,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { otpauthUri } from '../../shared/console/session/totp-enrolment.ts';
import { ServiceUnavailableError, UnauthorizedError } from '../../shared/domain/errors.ts';
import { cognitoTotpEnrolment } from '../../shared/runtime/cognito-totp-enrolment.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const enrolment = cognitoTotpEnrolment(new CognitoIdentityProviderClient({ region: 'eu-central-1' }));
const meta = { $metadata: {}, message: 'refused' };

beforeEach(() => cognito.reset());

describe('TOTP enrolment with Cognito', () => {
  it('associates a secret with the token’s user', async () => {
    cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: 'JBSWY3DPEHPK3PXP' });
    expect(await enrolment.associate('at-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(cognito.commandCalls(AssociateSoftwareTokenCommand)[0]!.args[0].input).toEqual({
      AccessToken: 'at-1',
    });
  });

  it('turns TOTP on, as the preferred factor, only once the first code verifies', async () => {
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS' });
    cognito.on(SetUserMFAPreferenceCommand).resolves({});
    expect(await enrolment.verify('at-1', '123456')).toBe('enrolled');
    expect(cognito.commandCalls(VerifySoftwareTokenCommand)[0]!.args[0].input).toEqual({
      AccessToken: 'at-1',
      UserCode: '123456',
      FriendlyDeviceName: 'Bridge CRM',
    });
    expect(cognito.commandCalls(SetUserMFAPreferenceCommand)[0]!.args[0].input).toEqual({
      AccessToken: 'at-1',
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  it('answers a wrong code as a mismatch and turns nothing on', async () => {
    cognito.on(VerifySoftwareTokenCommand).rejects(new CodeMismatchException(meta));
    expect(await enrolment.verify('at-1', '000000')).toBe('mismatch');
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'ERROR' });
    expect(await enrolment.verify('at-1', '000000')).toBe('mismatch');
    expect(cognito.commandCalls(SetUserMFAPreferenceCommand)).toHaveLength(0);
  });

  it('says an ended sign-in is unauthorised and a busy Cognito unavailable', async () => {
    cognito.on(VerifySoftwareTokenCommand).rejects(new NotAuthorizedException(meta));
    await expect(enrolment.verify('at-1', '123456')).rejects.toBeInstanceOf(UnauthorizedError);
    cognito.on(AssociateSoftwareTokenCommand).rejects(new TooManyRequestsException(meta));
    await expect(enrolment.associate('at-1')).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('names the account and the issuer in what the app scans', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'olga@example.org')).toBe(
      'otpauth://totp/Bridge%20CRM:olga%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Bridge%20CRM',
    );
  });
});
