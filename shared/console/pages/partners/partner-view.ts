import { z } from '@hono/zod-openapi';
import { onFirstUse } from '../../../domain/schema-on-first-use.ts';
import { type PartnerFilters, partnerFilterShape } from '../../../partners/partner-listing.ts';
import type { Locale } from '../../i18n/locales.ts';
import { type ListView, listView } from '../list-view.ts';
import type { PartnerText } from './partner-messages.ts';

/** The filters in the order the forms show them and the query string writes them. */
const partnerFilterNames = ['q', 'country', 'sector', 'topic'] as const;

// The API's own schemas for the same query parameters (GET /v1/partners).
const filtersSchema = onFirstUse(() => z.object(partnerFilterShape));

/** What a partners URL asks for: valid filters with their canonical query string, or field errors. */
export type PartnerView = ListView<PartnerFilters>;

/** The view a query string names, a country by its code or its name (list-view.ts). */
export function partnerView(params: URLSearchParams, locale: Locale): PartnerView {
  return listView(params, partnerFilterNames, { country: 'country' }, filtersSchema, locale);
}

/**
 * Why a view cannot be listed, in the reader's words: the planner's own refusals are the API's. A
 * search too short is no refusal here (short-search.ts).
 */
export function partnerRefusalOf(filters: PartnerFilters, m: PartnerText): string {
  if (filters.q !== undefined && filters.topic !== undefined) return m.searchWithTopic;
  // A view the planner serves: what it refused was the page's cursor.
  return m.staleLink;
}
