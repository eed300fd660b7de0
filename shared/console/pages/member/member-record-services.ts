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
export const contactParam = `:contactId{${ulidPattern}}`;

/** The member a record route names (every one has the parameter; a route built from a variable types it optional). */
export const memberIdOf = (c: Context<ConsoleEnv>): string => c.req.param('id') ?? '';

/**
 * What the record reads and writes through: the members' services, its accounts and leads. Not
 * the directory list's: the record neither imports nor exports, so its code carries no CSV.
 */
export function memberRecordServices(deps: ConsolePageDeps) {
  const members = memberServices(deps);
  return {
    ...members,
    accounts: accountServiceFor(deps.app, members.members),
    leads: new LeadRepository(deps.app.db),
  };
}
export type MemberRecordServices = ReturnType<typeof memberRecordServices>;

/** The member as the signed-in role reads it (as `GET /v1/members/{id}` answers it); a 404 if none. */
export async function memberAsSeen(
  c: Context<ConsoleEnv>,
  services: Pick<MemberRecordServices, 'service'>,
  id: string,
  consistent = false,
): Promise<Member> {
  return memberSeenBy(c.get('principal').role, await services.service.get(id, { consistent }));
}
