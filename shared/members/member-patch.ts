import type { ExpectedVersion } from '../domain/expected-version.ts';
import type { Member } from '../domain/member-schema.ts';
import type { AccountService } from './account-service.ts';
import type { Actor } from './actor.ts';
import type { MemberService } from './member-service.ts';

/**
 * An edit of a member as `PATCH /v1/members/{id}`, `PATCH /v1/me` and the console's forms make it:
 * authorized before the expected version is even looked at (a caller refused learns nothing of it),
 * written at that version, and then every account whose contact is gone or has another address revoked.
 */
export async function editMember(
  services: { members: MemberService; accounts: AccountService },
  id: string,
  patch: Record<string, unknown>,
  actor: Actor,
  expected: () => ExpectedVersion,
): Promise<Member> {
  await services.members.authorizePatch(id, patch, actor);
  const member = await services.members.patch(id, patch, actor, expected());
  if ('contacts' in patch) await services.accounts.revokeStale(member, actor);
  return member;
}
