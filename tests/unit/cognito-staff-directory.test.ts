/**
 * The console's groups as Cognito lists them: every page of each group, users named by their `sub`
 * attribute, an admin in both groups an admin.
 */
import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoStaffDirectory } from '../../shared/runtime/cognito-staff-directory.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const directory = cognitoStaffDirectory(
  'eu-central-1_Pool',
  new CognitoIdentityProviderClient({ region: 'eu-central-1' }),
);
const user = (sub: string) => ({
  Username: `${sub}@association.example`,
  Attributes: [
    { Name: 'email', Value: `${sub}@association.example` },
    { Name: 'sub', Value: sub },
  ],
});

beforeEach(() => cognito.reset());

describe('the staff directory in Cognito', () => {
  it('lists every page of the staff and admin groups by sub, an admin in both as admin', async () => {
    cognito
      .on(ListUsersInGroupCommand, { GroupName: 'staff', NextToken: undefined })
      .resolves({ Users: [user('s-1'), user('a-1')], NextToken: 'page-2' })
      .on(ListUsersInGroupCommand, { GroupName: 'staff', NextToken: 'page-2' })
      .resolves({ Users: [user('s-2')] })
      .on(ListUsersInGroupCommand, { GroupName: 'admin' })
      .resolves({ Users: [user('a-1'), { Username: 'no-sub' }] });
    expect(await directory.members()).toEqual(
      new Map([
        ['s-1', 'staff'],
        ['a-1', 'admin'],
        ['s-2', 'staff'],
      ]),
    );
    expect(cognito.commandCalls(ListUsersInGroupCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'eu-central-1_Pool', GroupName: 'staff', NextToken: undefined },
      { UserPoolId: 'eu-central-1_Pool', GroupName: 'staff', NextToken: 'page-2' },
      { UserPoolId: 'eu-central-1_Pool', GroupName: 'admin', NextToken: undefined },
    ]);
  });

  it('passes a refusal on, so that the roster is left as it is', async () => {
    cognito.on(ListUsersInGroupCommand).rejects(new Error('AccessDenied'));
    await expect(directory.members()).rejects.toThrow('AccessDenied');
  });
});
