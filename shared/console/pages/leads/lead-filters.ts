import {
  leadFilterNames as filterNames,
  type LeadFilters,
  leadFiltersSchema,
} from '../../../leads/lead-lists.ts';

/**
 * The served filters a pipeline URL names, checked as `GET /v1/leads` checks them. Empty fields are no
 * filter (a GET form sends them all).
 */
export function readFilters(params: URLSearchParams) {
  const given: Record<string, string> = {};
  for (const name of filterNames) {
    const value = params.get(name)?.trim();
    if (value) given[name] = value;
  }
  return leadFiltersSchema.safeParse(given);
}

/** The filters as a query string, in one order, so a saved view and a link name a view one way. */
export function filterQuery(filters: LeadFilters): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value !== undefined) params.set(name, value);
  }
  return params.toString();
}
