import { z } from '@hono/zod-openapi';
import { countrySchema, topicSchema } from '../../../domain/member-schema.ts';
import { searchQuery } from '../../../domain/name-search.ts';
import { onFirstUse } from '../../../domain/schema-on-first-use.ts';
import type { PartnerFilters } from '../../../partners/partner-listing.ts';
import type { Locale } from '../../i18n/locales.ts';
import { placeCodeOf } from '../../i18n/place-lookup.ts';
import { localizeIssues } from '../../i18n/zod-messages.ts';
import type { PartnerText } from './partner-messages.ts';

/** The filters in the order the forms show them and the query string writes them. */
export const partnerFilterNames = ['q', 'country', 'sector', 'topic'] as const;
const facetNames = ['country', 'sector', 'topic'] as const;

// The API's own schemas for the same query parameters (GET /v1/partners).
const filtersSchema = onFirstUse(() =>
  z.object({
    q: z.string().max(100).optional(),
    country: countrySchema.optional(),
    sector: topicSchema.optional(),
    topic: topicSchema.optional(),
  }),
);

/** What a partners URL asks for: valid filters with their canonical query string, or field errors. */
export type PartnerView =
  | { ok: true; filters: PartnerFilters; query: string }
  | { ok: false; asked: Record<string, string>; errors: Map<string, string> };

/**
 * The view a query string names. An empty field of the GET form means no filter; a country is its
 * code, typed in any case or by its name in any of the console's languages ("Вьетнам").
 */
export function partnerView(params: URLSearchParams, locale: Locale): PartnerView {
  const asked: Record<string, string> = {};
  for (const name of partnerFilterNames) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    asked[name] = name === 'country' ? (placeCodeOf('country', value) ?? value.toUpperCase()) : value;
  }
  const parsed = filtersSchema.safeParse(asked);
  if (!parsed.success) return { ok: false, asked, errors: localizeIssues(parsed.error.issues, locale) };
  return { ok: true, filters: parsed.data, query: new URLSearchParams(asked).toString() };
}

/** Why a view cannot be listed, in the reader's words: the planner's own refusals are the API's. */
export function partnerRefusalOf(filters: PartnerFilters, m: PartnerText): string {
  const chosen = facetNames.filter((name) => filters[name] !== undefined);
  if (filters.q !== undefined && chosen.length > 0) return m.searchAlone;
  if (filters.q !== undefined && (searchQuery(filters.q)?.length ?? 0) < 2) return m.searchTooShort;
  if (chosen.length > 1) return `${m.together(chosen.map((name) => m[name]).join(', '))} ${m.filterHint}`;
  // A view the planner serves: what it refused was the page's cursor.
  return m.staleLink;
}
