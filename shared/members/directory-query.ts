import type { DirectoryFacet } from '../data/keys.ts';
import { BadRequestError } from '../domain/errors.ts';
import { searchQuery } from '../domain/name-search.ts';
import { regionsWithin } from '../domain/region-codes.ts';

export interface DirectoryFilters {
  tier?: string;
  sector?: string;
  region?: string;
  country?: string;
  interest?: string;
  status?: string;
  q?: string;
}

/**
 * Filters a directory Query applies to what it reads (FilterExpression on the entry's summary), for
 * the facets of a combination its index key does not serve.
 */
export type DirectoryWhere = Partial<Record<'sector' | 'tier' | 'country' | 'status', string>> & {
  /** Any of these regions: the one asked for and those merged into it (regionsWithin). */
  region?: readonly string[];
};

export type DirectoryPlan =
  | {
      kind: 'facet';
      facet: DirectoryFacet;
      value: string;
      /**
       * The values whose lists the page merges, when more than `value`: a region and the provinces
       * merged into it, each listed under its own code.
       */
      within?: readonly string[];
      status?: string;
      where?: DirectoryWhere;
    }
  | {
      kind: 'search';
      query: string;
      /** The filters given with the search, checked against each match's summary as it is read. */
      where?: DirectoryWhere;
    };

export const servedCombinations =
  'Filters combine: any of tier, sector, region, country and interest, with or without status, is one ' +
  'Query on the index of the narrowest of them (interest, region, sector, tier, country, in that order; ' +
  'status by that index’s status partition), the others checked as it reads, so a page of a combination ' +
  'may read more members than it returns and hold fewer than `limit` with a next cursor. A region takes ' +
  'in the provinces merged into it in 2025 (VN-SG lists VN-57 and VN-43 too). q (name prefix, at least 2 ' +
  'letters or digits) combines with tier, sector, region, country and status, checked against each match as it is ' +
  'read (so its page too may hold fewer than `limit` with a next cursor); not with interest, which no ' +
  'match carries.';

/** The facets with an index of their own, in the order a combination picks its Query's index. */
export const facetFilters = ['interest', 'region', 'sector', 'tier', 'country'] as const;

/**
 * Chooses the index Query that serves a list request: the index of the narrowest facet given (interest
 * first, which no summary holds; country last, which most members share), with the status partition
 * when a status is given, and the other facets checked against each entry's summary as it is read.
 */
export function planDirectoryQuery(filters: DirectoryFilters): DirectoryPlan {
  const facets = facetFilters.filter((f) => filters[f] !== undefined);
  if (filters.q !== undefined) {
    if (filters.interest !== undefined) {
      throw new BadRequestError(`q cannot be combined with interest. ${servedCombinations}`);
    }
    const query = searchQuery(filters.q);
    if (!query || query.length < 2) throw new BadRequestError('q needs at least 2 letters or digits.');
    const where = whereOf(filters, facets, filters.status);
    return { kind: 'search', query, ...(where ? { where } : {}) };
  }
  const [facet, ...others] = facets;
  const status = filters.status !== undefined ? { status: filters.status } : {};
  if (!facet) return { kind: 'facet', facet: 'all', value: 'members', ...status };
  const where = whereOf(filters, others, undefined);
  const value = filters[facet]!;
  const within = facet === 'region' ? regionsWithin(value) : [value];
  return {
    kind: 'facet',
    facet,
    value,
    ...(within.length > 1 ? { within } : {}),
    ...status,
    ...(where ? { where } : {}),
  };
}

/**
 * The checks for these facets and status, if any. `interest`, which no summary holds, is never among
 * them: a search refuses it, and a facet plan's Query serves it first.
 */
function whereOf(
  filters: DirectoryFilters,
  facets: readonly (typeof facetFilters)[number][],
  status: string | undefined,
): DirectoryWhere | undefined {
  const where: DirectoryWhere = status !== undefined ? { status } : {};
  for (const facet of facets) {
    if (facet === 'region') where.region = regionsWithin(filters.region!);
    else if (facet !== 'interest') where[facet] = filters[facet]!;
  }
  return Object.keys(where).length > 0 ? where : undefined;
}

/** The scope a cursor is bound to: a cursor from one plan is refused by every other. */
export const planScope = (plan: DirectoryPlan): string => `members:${JSON.stringify(plan)}`;
