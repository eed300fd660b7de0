import { z } from '@hono/zod-openapi';
import type { CursorCodec } from '../data/cursor.ts';
import { type PartnerFacet, partnerFacets } from '../data/keys.ts';
import { BadRequestError } from '../domain/errors.ts';
import { countrySchema, topicSchema } from '../domain/member-schema.ts';
import { searchQuery } from '../domain/name-search.ts';
import type { PartnerSummary } from '../domain/partner-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { PartnerRepository } from './partner-repository.ts';

export const servedPartnerCombinations =
  'Served: no filter; exactly one of country, sector, topic (what it offers or seeks); or q (a name ' +
  'prefix in either of its names, at least 2 letters) alone. Each is one Query on an index.';

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

type PartnerPlan = { kind: 'facet'; facet: PartnerFacet; value: string } | { kind: 'search'; query: string };

/** The one index Query that serves a list request; other combinations are refused, not filtered. */
function planPartnerQuery(filters: PartnerFilters): PartnerPlan {
  const facets = partnerFacets.filter((f) => f !== 'all' && filters[f] !== undefined) as Exclude<
    PartnerFacet,
    'all'
  >[];
  if (filters.q !== undefined) {
    if (facets.length > 0)
      throw new BadRequestError(`q cannot be combined with other filters. ${servedPartnerCombinations}`);
    const query = searchQuery(filters.q);
    if (!query || query.length < 2) throw new BadRequestError('q needs at least 2 letters or digits.');
    return { kind: 'search', query };
  }
  if (facets.length > 1) {
    throw new BadRequestError(
      `Filters ${facets.join(' and ')} cannot be combined. ${servedPartnerCombinations}`,
    );
  }
  const facet = facets[0];
  return facet
    ? { kind: 'facet', facet, value: filters[facet]! }
    : { kind: 'facet', facet: 'all', value: 'partners' };
}

/**
 * One page of partners for these filters, with the signed cursor of the next one (bound to the plan,
 * so a cursor of one list is refused by every other): the API's list and the console's. A combination
 * no index serves is a 400.
 */
export async function partnerPage(
  repository: PartnerRepository,
  filters: PartnerFilters,
  page: { limit: number; cursor: string | undefined; cursors: CursorCodec },
): Promise<{ items: PartnerSummary[]; nextCursor: string | null }> {
  const plan = planPartnerQuery(filters);
  const scope = `partners:${JSON.stringify(plan)}`;
  const startKey = page.cursors.decode(scope, page.cursor);
  const { items, lastKey } =
    plan.kind === 'search'
      ? await repository.search({ query: plan.query, limit: page.limit, startKey })
      : await repository.listByFacet({ ...plan, limit: page.limit, startKey });
  return { items, nextCursor: page.cursors.encode(scope, lastKey) };
}
