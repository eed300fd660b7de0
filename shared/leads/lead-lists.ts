import { z } from '@hono/zod-openapi';
import { type SummaryCondition, summaryCheck } from '../data/checked-query.ts';
import { type CursorCodec, pageFrom } from '../data/cursor.ts';
import { BadRequestError } from '../domain/errors.ts';
import { countrySchema, ulidSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { type LeadFacet, unassigned } from './lead-items.ts';
import type { LeadRepository } from './lead-repository.ts';
import { type LeadSummary, leadStageSchema } from './lead-schema.ts';

export const servedLeadFilters =
  'Filters: `stage`; `owner` (a user id, `me` or `none` for unassigned); `memberId`; `partnerId`; ' +
  '`country` (the other company’s); `campaignId`; `overdue=true` (open leads whose next action is past ' +
  'due, the longest overdue first; other lists newest activity first). They combine: one Query on the ' +
  'narrowest one’s index (overdue, campaign, partner, member, stage with owner, country, owner, stage, ' +
  'in that order), the others checked on each lead as it is read, so a page may hold fewer than ' +
  '`limit` leads (even none) and still have a `nextCursor`. `campaignId` with `overdue` is a 400 (two ' +
  'lists, neither of which holds the other’s key).';

/** A lead list's filters by name, in the order a URL writes them. */
export const leadFilterNames = [
  'stage',
  'owner',
  'memberId',
  'partnerId',
  'country',
  'campaignId',
  'overdue',
] as const;

/**
 * A lead list's filters, as `GET /v1/leads` and the console's board and lists take them. Built when
 * asked for: as a module-level object it built five schemas as a bundle loads (the board's function
 * among them), which reads the filters' names only.
 */
export const leadListFilters = () =>
  ({
    stage: leadStageSchema.optional(),
    owner: z.string().min(1).max(200).optional(),
    memberId: ulidSchema.optional(),
    partnerId: ulidSchema.optional(),
    country: countrySchema.optional(),
    campaignId: ulidSchema.optional(),
    overdue: z.enum(['true']).optional(),
  }) satisfies Record<(typeof leadFilterNames)[number], z.ZodType>;
export const leadFiltersSchema = onFirstUse(() => z.object(leadListFilters()));
export type LeadFilters = z.infer<typeof leadFiltersSchema>;

export type LeadPlan =
  | { kind: 'list'; facet: LeadFacet; value: string; check: SummaryCondition[] }
  | { kind: 'overdue'; check: SummaryCondition[] };

/**
 * The index Query that serves a list request: the narrowest of the given filters picks the index
 * partition, and each other filter becomes a condition on the entries' summaries. A campaign's id is
 * in no summary, so it is always the partition; the overdue list is one partition of its own, which
 * therefore takes no campaign.
 */
export function planLeadQuery(filters: LeadFilters, callerSub: string): LeadPlan {
  const owner = filters.owner === 'me' ? callerSub : filters.owner;
  if (filters.overdue && filters.campaignId) {
    throw new BadRequestError(`Filters campaignId and overdue cannot be combined. ${servedLeadFilters}`);
  }
  const conditions: Record<string, SummaryCondition[]> = {
    stage: filters.stage ? [{ attribute: 'stage', equals: filters.stage }] : [],
    owner:
      owner === undefined
        ? []
        : [
            owner === unassigned
              ? { attribute: 'owner', isNull: true }
              : { attribute: 'owner', equals: owner },
          ],
    memberId: filters.memberId ? [{ attribute: 'memberId', equals: filters.memberId }] : [],
    partnerId: filters.partnerId
      ? [
          // The partner list holds leads with a partner only; a second member's id finds none there either.
          { attribute: 'counterpart.kind', equals: 'partner' },
          { attribute: 'counterpart.id', equals: filters.partnerId },
        ]
      : [],
    country: filters.country ? [{ attribute: 'counterpart.country', equals: filters.country }] : [],
  };
  const checkOthers = (...served: string[]) =>
    Object.entries(conditions).flatMap(([name, terms]) => (served.includes(name) ? [] : terms));
  if (filters.overdue) return { kind: 'overdue', check: checkOthers() };
  const partition: [LeadFacet, string | undefined, string[]][] = [
    ['campaign', filters.campaignId, []],
    ['partner', filters.partnerId, ['partnerId']],
    ['member', filters.memberId, ['memberId']],
    [
      'board',
      filters.stage && owner !== undefined ? `${filters.stage}#${owner}` : undefined,
      ['stage', 'owner'],
    ],
    ['country', filters.country, ['country']],
    ['owner', owner, ['owner']],
    ['stage', filters.stage, ['stage']],
  ];
  for (const [facet, value, served] of partition) {
    if (value !== undefined) return { kind: 'list', facet, value, check: checkOthers(...served) };
  }
  return { kind: 'list', facet: 'all', value: 'leads', check: [] };
}

/**
 * One page of the leads the filters name: what `GET /v1/leads` answers and what the console's board
 * and lists show. The cursor is bound to the caller, as `owner=me` means someone else for another user.
 */
export async function leadPage(
  deps: { leads: LeadRepository; clock: () => Date; cursors: () => Promise<CursorCodec> },
  filters: LeadFilters,
  callerSub: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: LeadSummary[]; nextCursor: string | null }> {
  const plan = planLeadQuery(filters, callerSub);
  const scope = `leads:${callerSub}:${JSON.stringify(plan)}`;
  const check = summaryCheck(plan.check);
  return pageFrom(deps.cursors, scope, page.cursor, (startKey) =>
    plan.kind === 'overdue'
      ? deps.leads.overdue({
          today: deps.clock().toISOString().slice(0, 10),
          check,
          limit: page.limit,
          startKey,
        })
      : deps.leads.list({ facet: plan.facet, value: plan.value, check, limit: page.limit, startKey }),
  );
}
