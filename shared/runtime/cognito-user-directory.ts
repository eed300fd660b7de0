import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PasswordRejectedError, type UserDirectory, UserExistsError } from '../identity/user-directory.ts';

/**
 * Member accounts in the Cognito user pool, through the admin API only (the pool has no self
 * sign-up). The pool signs in by email, so a user's username is its `sub`, which is the account id.
 * The SDK loads on first use, not at cold start.
 */
export class CognitoUserDirectory implements UserDirectory {
  private client: CognitoIdentityProviderClient | undefined;

  constructor(
    private readonly userPoolId: string,
    client?: CognitoIdentityProviderClient,
  ) {
    this.client = client;
  }

  async createMemberUser(user: { email: string; memberId: string }): Promise<{ userId: string }> {
    const { AdminAddUserToGroupCommand, AdminCreateUserCommand, UsernameExistsException } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    const cognito = await this.cognito();
    let userId: string | undefined;
    try {
      const created = await cognito.send(
        new AdminCreateUserCommand({
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
      if (error instanceof UsernameExistsException) {
        throw new UserExistsError('Another user already signs in with this address.');
      }
      throw error;
    }
    if (!userId) throw new Error('Cognito created the user without a username.');
    try {
      await cognito.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: this.userPoolId,
          Username: userId,
          GroupName: 'member',
        }),
      );
    } catch (error) {
      // A user outside the group could sign in as nobody; it is not left behind to block the address.
      await this.remove(userId);
      throw error;
    }
    return { userId };
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const { AdminSetUserPasswordCommand, InvalidPasswordException } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    try {
      await (await this.cognito()).send(
        new AdminSetUserPasswordCommand({
          UserPoolId: this.userPoolId,
          Username: userId,
          Password: password,
          Permanent: true,
        }),
      );
    } catch (error) {
      if (error instanceof InvalidPasswordException) throw new PasswordRejectedError(error.message);
      throw error;
    }
  }

  async enable(userId: string): Promise<void> {
    const { AdminEnableUserCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await (await this.cognito()).send(
      new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: userId }),
    );
  }

  async disable(userId: string): Promise<void> {
    const { AdminDisableUserCommand, AdminUserGlobalSignOutCommand } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    const cognito = await this.cognito();
    // Signed out first: whether Cognito signs out a user already disabled is not documented.
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: userId }));
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  async remove(userId: string): Promise<void> {
    const { AdminDeleteUserCommand, UserNotFoundException } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    try {
      await (await this.cognito()).send(
        new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: userId }),
      );
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }

  /** The latest sign-in among the user's auth events (the pool's threat protection records them). */
  async lastSignIn(userId: string): Promise<string | null> {
    const { AdminListUserAuthEventsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const events = await (await this.cognito()).send(
      new AdminListUserAuthEventsCommand({ UserPoolId: this.userPoolId, Username: userId, MaxResults: 10 }),
    );
    const signIn = (events.AuthEvents ?? []).find(
      (event) => event.EventType === 'SignIn' && event.EventResponse === 'Pass',
    );
    return signIn?.CreationDate?.toISOString() ?? null;
  }

  private async cognito(): Promise<CognitoIdentityProviderClient> {
    const { CognitoIdentityProviderClient } = await import('@aws-sdk/client-cognito-identity-provider');
    this.client ??= new CognitoIdentityProviderClient({});
    return this.client;
  }
}
