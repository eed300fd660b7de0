import { z } from '@hono/zod-openapi';
import type { memberStatuses } from '../../../domain/member-schema.ts';
import { searchQuery } from '../../../domain/name-search.ts';
import { onFirstUse } from '../../../domain/schema-on-first-use.ts';
import { directoryFilterShape } from '../../../members/directory-listing.ts';
import type { DirectoryFilters } from '../../../members/directory-query.ts';
import type { Locale } from '../../i18n/locales.ts';
import { type ListView, listView } from '../list-view.ts';
import type { DirectoryText } from './directory-messages.ts';

/** The filters in the order the form shows them and the query string writes them. */
export const filterNames = ['q', 'tier', 'sector', 'region', 'country', 'interest', 'status'] as const;

const filtersSchema = onFirstUse(() => z.object(directoryFilterShape));

/** What a directory URL asks for: valid filters with their canonical query string, or field errors. */
export type DirectoryView = ListView<DirectoryFilters>;

/** The filters that name a place: taken by name (any of the console's languages) or code. */
const placeFilters = { country: 'country', region: 'region' } as const;

/** The view a query string names, validated by the API's own filter schemas (list-view.ts). */
export function directoryView(params: URLSearchParams, locale: Locale): DirectoryView {
  return listView(params, filterNames, placeFilters, filtersSchema, locale);
}

export type MemberStatus = (typeof memberStatuses)[number];

export const statusLabel = (m: DirectoryText, status: MemberStatus): string => m[status];

/**
 * A view with its name search left out where the search is too short to run (under 2 letters or digits
 * once normalised: "в", "C+", "«»", as the first keystroke of one is): the list is shown as without
 * it, and the reader told, rather than refused (the API refuses such a `q`).
 */
export function withoutShortSearch(view: DirectoryView): { view: DirectoryView; searchTooShort: boolean } {
  if (!view.ok || view.filters.q === undefined || (searchQuery(view.filters.q)?.length ?? 0) >= 2) {
    return { view, searchTooShort: false };
  }
  const { q: _, ...filters } = view.filters;
  const query = new URLSearchParams(view.query);
  query.delete('q');
  return { view: { ok: true, filters, query: query.toString() }, searchTooShort: true };
}

/**
 * Why the directory cannot list a view, in the reader's words and with what to change: the planner's
 * own refusals are the API's, in English, and name query parameters. A search too short is no
 * refusal here (withoutShortSearch).
 */
export function refusalOf(filters: DirectoryFilters, m: DirectoryText): string {
  if (filters.q !== undefined && filters.interest !== undefined) return m.searchWithInterest;
  // A view the planner serves: what it refused was the page's cursor.
  return m.staleLink;
}
