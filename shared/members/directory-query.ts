import type { DirectoryFacet } from '../data/keys.ts';
import { BadRequestError } from '../domain/errors.ts';
import { searchQuery } from '../domain/name-search.ts';

export interface DirectoryFilters {
  tier?: string;
  sector?: string;
  region?: string;
  country?: string;
  interest?: string;
  status?: string;
  q?: string;
}

export type DirectoryPlan =
  | { kind: 'facet'; facet: DirectoryFacet; value: string; status?: string }
  | { kind: 'search'; query: string };

export const servedCombinations =
  'Served combinations: no filter; exactly one of tier, sector, region, country, interest; status alone or ' +
  'with any one of those; q (name prefix, at least 2 letters) alone. Every combination is one Query on an index.';

/** The filters an index serves one at a time (each with or without a status). */
export const facetFilters = ['tier', 'sector', 'region', 'country', 'interest'] as const;

/**
 * Chooses the one index Query that serves a list request. Combinations the keys cannot serve are
 * refused rather than answered by filtering, which would read (and bill) the whole partition.
 */
export function planDirectoryQuery(filters: DirectoryFilters): DirectoryPlan {
  const facets = facetFilters.filter((f) => filters[f] !== undefined);
  if (filters.q !== undefined) {
    if (facets.length > 0 || filters.status !== undefined) {
      throw new BadRequestError(`q cannot be combined with other filters. ${servedCombinations}`);
    }
    const query = searchQuery(filters.q);
    if (!query || query.length < 2) throw new BadRequestError('q needs at least 2 letters or digits.');
    return { kind: 'search', query };
  }
  if (facets.length > 1)
    throw new BadRequestError(`Filters ${facets.join(' and ')} cannot be combined. ${servedCombinations}`);
  const facet = facets[0];
  if (facet) {
    return {
      kind: 'facet',
      facet,
      value: filters[facet]!,
      ...(filters.status ? { status: filters.status } : {}),
    };
  }
  if (filters.status !== undefined)
    return { kind: 'facet', facet: 'all', value: 'members', status: filters.status };
  return { kind: 'facet', facet: 'all', value: 'members' };
}

/** The scope a cursor is bound to: a cursor from one plan is refused by every other. */
export const planScope = (plan: DirectoryPlan): string => `members:${JSON.stringify(plan)}`;
