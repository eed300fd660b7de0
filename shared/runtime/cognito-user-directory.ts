import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PasswordRejectedError, type UserDirectory, UserExistsError } from '../identity/user-directory.ts';

type Cognito = typeof import('@aws-sdk/client-cognito-identity-provider');

/**
 * Member accounts in the Cognito user pool, through the admin API only (the pool has no self
 * sign-up). The pool signs in by email, so a user's username is its `sub`, which is the account id.
 * The SDK loads on first use, not at cold start.
 */
export class CognitoUserDirectory implements UserDirectory {
  private client: CognitoIdentityProviderClient | undefined;
  private sdk: Cognito | undefined;

  constructor(
    private readonly userPoolId: string,
    client?: CognitoIdentityProviderClient,
  ) {
    this.client = client;
  }

  async createMemberUser(user: { email: string; memberId: string }): Promise<{ userId: string }> {
    const { send, sdk } = await this.api();
    let userId: string | undefined;
    try {
      const created = await send(
        new sdk.AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.email,
          UserAttributes: [
            { Name: 'email', Value: user.email },
            // Only addresses someone confirmed get an invitation.
            { Name: 'email_verified', Value: 'true' },
            { Name: 'custom:memberId', Value: user.memberId },
          ],
          // Our own invitation, in the contact's language, replaces Cognito's message.
          MessageAction: 'SUPPRESS',
        }),
      );
      userId = created.User?.Username;
    } catch (error) {
      if (error instanceof sdk.UsernameExistsException) {
        throw new UserExistsError('Another user already signs in with this address.');
      }
      throw error;
    }
    if (!userId) throw new Error('Cognito created the user without a username.');
    await send(
      new sdk.AdminAddUserToGroupCommand({
        UserPoolId: this.userPoolId,
        Username: userId,
        GroupName: 'member',
      }),
    );
    return { userId };
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const { send, sdk } = await this.api();
    try {
      await send(
        new sdk.AdminSetUserPasswordCommand({
          UserPoolId: this.userPoolId,
          Username: userId,
          Password: password,
          Permanent: true,
        }),
      );
    } catch (error) {
      if (error instanceof sdk.InvalidPasswordException) throw new PasswordRejectedError(error.message);
      throw error;
    }
  }

  async enable(userId: string): Promise<void> {
    const { send, sdk } = await this.api();
    await send(new sdk.AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  async disable(userId: string): Promise<void> {
    const { send, sdk } = await this.api();
    await send(new sdk.AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
    await send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  async remove(userId: string): Promise<void> {
    const { send, sdk } = await this.api();
    try {
      await send(new sdk.AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
    } catch (error) {
      if (!(error instanceof sdk.UserNotFoundException)) throw error;
    }
  }

  /** The latest sign-in among the user's auth events (the pool's threat protection records them). */
  async lastSignIn(userId: string): Promise<string | null> {
    const { send, sdk } = await this.api();
    const events = await send(
      new sdk.AdminListUserAuthEventsCommand({
        UserPoolId: this.userPoolId,
        Username: userId,
        MaxResults: 10,
      }),
    );
    const signIn = (events.AuthEvents ?? []).find(
      (event) => event.EventType === 'SignIn' && event.EventResponse === 'Pass',
    );
    return signIn?.CreationDate?.toISOString() ?? null;
  }

  private async api() {
    this.sdk ??= await import('@aws-sdk/client-cognito-identity-provider');
    this.client ??= new this.sdk.CognitoIdentityProviderClient({});
    return { sdk: this.sdk, send: this.client.send.bind(this.client) };
  }
}
