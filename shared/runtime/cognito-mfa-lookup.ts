import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { MfaLookup } from '../identity/token-trigger.ts';

/**
 * Reads the user's enabled second factors with `AdminGetUser`. `UserMFASettingList` lists only the
 * methods that are enabled, which are the ones Cognito challenges for at sign-in.
 */
export function cognitoMfaLookup(client = new CognitoIdentityProviderClient({})): MfaLookup {
  return async (userPoolId, username) => {
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return (user.UserMFASettingList ?? []).length > 0;
  };
}
