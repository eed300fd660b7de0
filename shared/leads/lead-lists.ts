import { z } from '@hono/zod-openapi';
import type { CursorCodec } from '../data/cursor.ts';
import { BadRequestError } from '../domain/errors.ts';
import { countrySchema, ulidSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { LeadFacet } from './lead-items.ts';
import type { LeadRepository } from './lead-repository.ts';
import { type LeadSummary, leadStageSchema } from './lead-schema.ts';

export const servedLeadFilters =
  'Served: no filter; `stage`; `owner` (a user id, `me` or `none` for unassigned); `stage` with `owner` ' +
  '(the board); `memberId`; `partnerId`; `country` (the other company’s); `campaignId`; or `overdue=true` ' +
  '(open leads whose next action is past due, the longest overdue first). Others newest activity first. ' +
  'Each is one Query on an index; other combinations are a 400.';

/** A lead list's filters, as `GET /v1/leads` and the console's board and lists take them. */
export const leadListFilters = {
  stage: leadStageSchema.optional(),
  owner: z.string().max(200).optional(),
  memberId: ulidSchema.optional(),
  partnerId: ulidSchema.optional(),
  country: countrySchema.optional(),
  campaignId: ulidSchema.optional(),
  overdue: z.enum(['true']).optional(),
};
export const leadFiltersSchema = onFirstUse(() => z.object(leadListFilters));
export type LeadFilters = z.infer<typeof leadFiltersSchema>;

export type LeadPlan = { kind: 'list'; facet: LeadFacet; value: string } | { kind: 'overdue' };

/** The one index Query that serves a list request; other combinations are refused, not filtered. */
export function planLeadQuery(filters: LeadFilters, callerSub: string): LeadPlan {
  const given = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
  const owner = filters.owner === 'me' ? callerSub : filters.owner;
  const key = given.join('+');
  if (key === '') return { kind: 'list', facet: 'all', value: 'leads' };
  if (key === 'owner+stage') return { kind: 'list', facet: 'board', value: `${filters.stage}#${owner}` };
  if (key === 'overdue') return { kind: 'overdue' };
  const single: Record<string, [LeadFacet, string | undefined]> = {
    stage: ['stage', filters.stage],
    owner: ['owner', owner],
    memberId: ['member', filters.memberId],
    partnerId: ['partner', filters.partnerId],
    country: ['country', filters.country],
    campaignId: ['campaign', filters.campaignId],
  };
  const plan = single[key];
  if (!plan)
    throw new BadRequestError(`Filters ${given.join(' and ')} cannot be combined. ${servedLeadFilters}`);
  return { kind: 'list', facet: plan[0], value: plan[1]! };
}

/**
 * One page of the leads the filters name, with one Query: what `GET /v1/leads` answers and what the
 * console's board and lists show. The cursor is bound to the caller, as `owner=me` means someone else
 * for another user.
 */
export async function leadPage(
  deps: { leads: LeadRepository; clock: () => Date; cursors: () => Promise<CursorCodec> },
  filters: LeadFilters,
  callerSub: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: LeadSummary[]; nextCursor: string | null }> {
  const plan = planLeadQuery(filters, callerSub);
  const scope = `leads:${callerSub}:${JSON.stringify(plan)}`;
  const cursors = await deps.cursors();
  const startKey = cursors.decode(scope, page.cursor);
  const found =
    plan.kind === 'overdue'
      ? await deps.leads.overdue({
          today: deps.clock().toISOString().slice(0, 10),
          limit: page.limit,
          startKey,
        })
      : await deps.leads.list({ ...plan, limit: page.limit, startKey });
  return { items: found.items, nextCursor: cursors.encode(scope, found.lastKey) };
}
