import type { Context } from 'hono';
import type { Member } from '../../../domain/member-schema.ts';
import { LeadRepository } from '../../../leads/lead-repository.ts';
import { accountServiceFor } from '../../../members/account-service-for.ts';
import { memberSeenBy } from '../../../members/seen-by-role.ts';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { ulidPattern } from '../route-patterns.ts';
import { memberServices } from './member-services.ts';

/** A member's record: a ULID only, so the directory's `export.csv` and `import` stay its own. */
export const recordRoute = `/console/members/:id{${ulidPattern}}`;

/** The member a record route names (every one has the parameter; a route built from a variable types it optional). */
export const memberIdOf = (c: Context<ConsoleEnv>): string => c.req.param('id') ?? '';

/**
 * What the record's edits write through: the members' services and its accounts (a removed contact's
 * account is revoked). Not the directory list's: neither imports nor exports, so their code carries no
 * CSV.
 */
export function memberEditServices(deps: ConsolePageDeps) {
  const members = memberServices(deps);
  return { ...members, accounts: accountServiceFor(deps.app, members.members) };
}
export type MemberEditServices = ReturnType<typeof memberEditServices>;

/** What the record reads and writes through: the edits' services and the member's leads. */
export function memberRecordServices(deps: ConsolePageDeps) {
  return { ...memberEditServices(deps), leads: new LeadRepository(deps.app.db) };
}

/** The member as the signed-in role reads it (as `GET /v1/members/{id}` answers it); a 404 if none. */
export async function memberAsSeen(
  c: Context<ConsoleEnv>,
  services: Pick<MemberEditServices, 'service'>,
  id: string,
  consistent = false,
): Promise<Member> {
  return memberSeenBy(c.get('principal').role, await services.service.get(id, { consistent }));
}
