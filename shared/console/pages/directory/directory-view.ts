import { z } from '@hono/zod-openapi';
import type { memberStatuses } from '../../../domain/member-schema.ts';
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
 * Why the directory cannot list a view, in the reader's words and with what to change: the planner's
 * own refusals are the API's, in English, and name query parameters. A search too short is no
 * refusal here (short-search.ts).
 */
export function refusalOf(filters: DirectoryFilters, m: DirectoryText): string {
  if (filters.q !== undefined && filters.interest !== undefined) return m.searchWithInterest;
  // A view the planner serves: what it refused was the page's cursor.
  return m.staleLink;
}
