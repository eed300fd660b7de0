import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * A user's email address by the token's subject, for test sends: the pool signs in by email, so each
 * user's Cognito username is its `sub`. Loaded on the first test send, not at cold start.
 */
export function cognitoUserEmail(userPoolId: string, client?: CognitoIdentityProviderClient) {
  let cognito = client;
  return async (sub: string): Promise<string | undefined> => {
    const { AdminGetUserCommand, CognitoIdentityProviderClient, UserNotFoundException } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    cognito ??= new CognitoIdentityProviderClient({});
    try {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: sub }));
      return user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  };
}
