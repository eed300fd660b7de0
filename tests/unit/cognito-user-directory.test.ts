/** Member accounts in Cognito: the exact admin commands and parameters, against a mocked client. */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListUserAuthEventsCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  InvalidPasswordException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PasswordRejectedError,
  passwordProblems,
  UserExistsError,
} from '../../shared/identity/user-directory.ts';
import { CognitoUserDirectory } from '../../shared/runtime/cognito-user-directory.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());
const pool = 'eu-central-1_Example';
const directory = () =>
  new CognitoUserDirectory(pool, new CognitoIdentityProviderClient({ region: 'eu-central-1' }));
const sub = '8f0e3c1a-5d2b-4e6f-9a1b-2c3d4e5f6a7b';
const meta = { $metadata: {} };

describe('member accounts in Cognito', () => {
  it('creates the user without a password or Cognito’s message, bound to its member, in group member', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: sub } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    expect(await directory().createMemberUser({ email: 'anna@example.ru', memberId: 'M1' })).toEqual({
      userId: sub,
    });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: pool,
      Username: 'anna@example.ru',
      UserAttributes: [
        { Name: 'email', Value: 'anna@example.ru' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:memberId', Value: 'M1' },
      ],
      MessageAction: 'SUPPRESS',
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: pool,
      Username: sub,
      GroupName: 'member',
    });
  });

  it('says when another user signs in with the address already', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', ...meta }));
    await expect(
      directory().createMemberUser({ email: 'a@b.example', memberId: 'M' }),
    ).rejects.toBeInstanceOf(UserExistsError);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('sets a permanent password, and passes on the pool’s refusal', async () => {
    cognito.on(AdminSetUserPasswordCommand).resolvesOnce({});
    await directory().setPassword(sub, 'Hanoi-2026-Vladimir!');
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0]!.args[0].input).toEqual({
      UserPoolId: pool,
      Username: sub,
      Password: 'Hanoi-2026-Vladimir!',
      Permanent: true,
    });
    cognito
      .on(AdminSetUserPasswordCommand)
      .rejects(new InvalidPasswordException({ message: 'too common', ...meta }));
    await expect(directory().setPassword(sub, 'Password123456!')).rejects.toBeInstanceOf(
      PasswordRejectedError,
    );
  });

  it('signs out everywhere and disables, enables, deletes (one gone is fine)', async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    cognito.on(AdminEnableUserCommand).resolves({});
    cognito.on(AdminDeleteUserCommand).rejects(new UserNotFoundException({ message: 'gone', ...meta }));
    const users = directory();
    await users.disable(sub);
    await users.enable(sub);
    await users.remove(sub);
    const target = { UserPoolId: pool, Username: sub };
    expect(cognito.calls().map((call) => [call.args[0].constructor.name, call.args[0].input])).toEqual([
      ['AdminUserGlobalSignOutCommand', target],
      ['AdminDisableUserCommand', target],
      ['AdminEnableUserCommand', target],
      ['AdminDeleteUserCommand', target],
    ]);
  });

  it('reads the last successful sign-in from the user’s auth events', async () => {
    cognito.on(AdminListUserAuthEventsCommand).resolves({
      AuthEvents: [
        { EventType: 'SignIn', EventResponse: 'Fail', CreationDate: new Date('2026-12-02T10:00:00Z') },
        { EventType: 'SignIn', EventResponse: 'Pass', CreationDate: new Date('2026-12-01T09:00:00Z') },
      ],
    });
    expect(await directory().lastSignIn(sub)).toBe('2026-12-01T09:00:00.000Z');
    expect(cognito.commandCalls(AdminListUserAuthEventsCommand)[0]!.args[0].input).toEqual({
      UserPoolId: pool,
      Username: sub,
      MaxResults: 10,
    });
  });
});

describe('the password policy, checked before the pool is asked', () => {
  it('names each missing kind of character, as the pool’s policy asks', () => {
    expect(passwordProblems('Hanoi-2026-Vladimir!')).toEqual([]);
    expect(passwordProblems('short')).toEqual(['length', 'upper', 'digit', 'symbol']);
    expect(passwordProblems('ВЛАДИМИР-2026-ханой')).toEqual([]);
  });
});
