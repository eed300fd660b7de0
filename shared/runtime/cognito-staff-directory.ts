import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { StaffDirectory } from '../console/session/staff-directory.ts';

/**
 * The pool's `admin` and `staff` groups, listed page by page (ListUsersInGroup, 60 a page). A user is
 * named by the `sub` attribute the tokens carry, not the pool's user name. Membership is the group's,
 * whatever the token trigger withholds from a user still enrolling a second factor. The SDK loads on
 * first use.
 */
export function cognitoStaffDirectory(
  userPoolId: string,
  client?: CognitoIdentityProviderClient,
): StaffDirectory {
  return {
    async members() {
      const { CognitoIdentityProviderClient, ListUsersInGroupCommand } = await import(
        '@aws-sdk/client-cognito-identity-provider'
      );
      const cognito = client ?? new CognitoIdentityProviderClient({});
      const members = new Map<string, 'admin' | 'staff'>();
      // Staff first, so that an admin in both groups ends as admin.
      for (const group of ['staff', 'admin'] as const) {
        let next: string | undefined;
        do {
          const page = await cognito.send(
            new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken: next }),
          );
          for (const user of page.Users ?? []) {
            const sub = user.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
            if (sub) members.set(sub, group);
          }
          next = page.NextToken;
        } while (next);
      }
      return members;
    },
  };
}
