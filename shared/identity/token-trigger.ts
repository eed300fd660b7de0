import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { MEMBER_ID_CLAIM, MFA_ENROLMENT_CLAIM } from './access-token-claims.ts';

/** Groups whose tokens can read every member's personal data: they need a second factor. */
const PRIVILEGED_GROUPS = ['admin', 'staff'];

/** Whether the user has a second factor enabled (TOTP), looked up in the user pool. */
export type MfaLookup = (userPoolId: string, username: string) => Promise<boolean>;

/**
 * Cognito's Pre Token Generation (V2) trigger, run at every sign-in and every refresh:
 *
 * - A member's access token gets {@link MEMBER_ID_CLAIM} from the user's `custom:memberId`
 *   attribute. Refreshes re-read the attribute, so a user moved to another company or removed from
 *   the group reaches the old company's data only until its current access token ends.
 * - MFA for staff and admins: Cognito sets MFA per pool, not per group, and does not tell a trigger
 *   whether this sign-in used a second factor. With MFA optional in the pool, Cognito challenges
 *   every user who has TOTP enabled; so a staff or admin user with no TOTP enabled gets a token
 *   without those groups and with {@link MFA_ENROLMENT_CLAIM}. Such a token can do nothing in the
 *   API, but it still carries Cognito's own account scope, which is exactly what enrolling TOTP
 *   needs: the console's enrolment page uses it (console/pages/shell/mfa-enrolment-pages.tsx).
 */
export async function tokenClaims(
  event: PreTokenGenerationV2TriggerEvent,
  mfaEnabled: MfaLookup,
): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  const privileged = groups.some((group) => PRIVILEGED_GROUPS.includes(group));
  const withheld = privileged && !(await mfaEnabled(event.userPoolId, event.userName));
  const keptGroups = withheld ? groups.filter((group) => !PRIVILEGED_GROUPS.includes(group)) : groups;
  const memberId = event.request.userAttributes['custom:memberId'];
  const addMemberId = keptGroups.includes('member') && memberId !== undefined && memberId !== '';
  const claims = {
    ...(addMemberId ? { [MEMBER_ID_CLAIM]: memberId } : {}),
    ...(withheld ? { [MFA_ENROLMENT_CLAIM]: groups.includes('admin') ? 'admin' : 'staff' } : {}),
  };
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: Object.keys(claims).length > 0 ? { claimsToAddOrOverride: claims } : {},
      groupOverrideDetails: { ...event.request.groupConfiguration, groupsToOverride: keptGroups },
    },
  };
  return event;
}
