import { z } from '@hono/zod-openapi';
import { type CursorCodec, pageFrom } from '../data/cursor.ts';
import type { PartnerFacet } from '../data/keys.ts';
import { BadRequestError } from '../domain/errors.ts';
import { countrySchema, topicSchema } from '../domain/member-schema.ts';
import { searchQuery } from '../domain/name-search.ts';
import type { PartnerSummary } from '../domain/partner-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { PartnerRepository, PartnerWhere } from './partner-repository.ts';

export const servedPartnerCombinations =
  'Filters combine: any of country, sector and topic (what it offers or seeks) is one Query on the index ' +
  'of the narrowest of them (topic, sector, country, in that order), the others checked as it reads, so ' +
  'a page of a combination may read more partners than it returns and hold fewer than `limit` with a ' +
  'next cursor. q (a name prefix in either of its names, at least 2 letters or digits) combines with ' +
  'country and sector, checked against each match as it is read (so its page too may hold fewer than ' +
  '`limit` with a next cursor); not with topic, which no match carries.';

/** A partner list's filters as a query string carries them: the API's list and the console's check them so. */
export const partnerFilterShape = onFirstUse(() => ({
  country: countrySchema.optional(),
  sector: topicSchema.optional(),
  topic: topicSchema.optional(),
  q: z.string().max(100).optional().openapi({
    description: 'Name prefix, in its own script or the Latin one; any case, diacritics, tones.',
  }),
}));

/** A partner list's filters, as the API's query string and the console's form name them. */
export interface PartnerFilters {
  country?: string | undefined;
  sector?: string | undefined;
  topic?: string | undefined;
  q?: string | undefined;
}

/** Facets with an index of their own, in the order a combination picks its Query's index. */
const partnerFacetOrder = ['topic', 'sector', 'country'] as const;

type PartnerPlan =
  | {
      kind: 'facet';
      facet: PartnerFacet;
      value: string;
      /** A combination's other facets, checked against each entry's summary as it is read. */
      where?: PartnerWhere;
    }
  | {
      kind: 'search';
      query: string;
      /** The filters given with the search, checked against each match's summary as it is read. */
      where?: PartnerWhere;
    };

/**
 * The index Query that serves a list request: the narrowest facet's (topic first, which no summary
 * holds; country last, which many partners share), the others checked as it reads.
 */
function planPartnerQuery(filters: PartnerFilters): PartnerPlan {
  const facets = partnerFacetOrder.filter((f) => filters[f] !== undefined);
  if (filters.q !== undefined) {
    if (filters.topic !== undefined) {
      throw new BadRequestError(`q cannot be combined with topic. ${servedPartnerCombinations}`);
    }
    const query = searchQuery(filters.q);
    if (!query || query.length < 2) throw new BadRequestError('q needs at least 2 letters or digits.');
    const where = whereOf(filters, facets);
    return { kind: 'search', query, ...(where ? { where } : {}) };
  }
  const [facet, ...others] = facets;
  if (!facet) return { kind: 'facet', facet: 'all', value: 'partners' };
  const where = whereOf(filters, others);
  return { kind: 'facet', facet, value: filters[facet]!, ...(where ? { where } : {}) };
}

/**
 * The checks for these facets, if any. `topic`, which no summary holds, is never among them: a search
 * refuses it, and a facet plan's Query serves it first.
 */
function whereOf(
  filters: PartnerFilters,
  facets: readonly (typeof partnerFacetOrder)[number][],
): PartnerWhere | undefined {
  const where: PartnerWhere = {};
  for (const facet of facets) if (facet !== 'topic') where[facet] = filters[facet]!;
  return Object.keys(where).length > 0 ? where : undefined;
}

/**
 * One page of partners for these filters, with the signed cursor of the next one (bound to the plan,
 * so a cursor of one list is refused by every other): the API's list and the console's. A name search
 * with `topic` is a 400.
 */
export async function partnerPage(
  repository: PartnerRepository,
  filters: PartnerFilters,
  page: { limit: number; cursor: string | undefined; cursors: () => Promise<CursorCodec> },
): Promise<{ items: PartnerSummary[]; nextCursor: string | null }> {
  const plan = planPartnerQuery(filters);
  return pageFrom(page.cursors, `partners:${JSON.stringify(plan)}`, page.cursor, (startKey) =>
    plan.kind === 'search'
      ? repository.search({ query: plan.query, where: plan.where, limit: page.limit, startKey })
      : repository.listByFacet({ ...plan, limit: page.limit, startKey }),
  );
}
