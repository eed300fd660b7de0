import type { z } from '@hono/zod-openapi';
import type { Locale } from '../i18n/locales.ts';
import { type PlaceKind, placeCodeOf } from '../i18n/place-lookup.ts';
import { localizeIssues } from '../i18n/zod-messages.ts';

/** What a list's URL asks for: valid filters with their canonical query string, or field errors. */
export type ListView<Filters> =
  | { ok: true; filters: Filters; query: string }
  | { ok: false; asked: Record<string, string>; errors: Map<string, string> };

/**
 * The view a list's query string names, validated by the API's own filter schema. An empty field of
 * the GET form means no filter; a filter that names a place is its code, typed as one in any case or
 * by its name in any of the console's languages ("Вьетнам", "Hà Nội"), so the view's URL names the code.
 */
export function listView<Schema extends z.ZodType<Record<string, unknown>>>(
  params: URLSearchParams,
  names: readonly string[],
  places: Partial<Record<string, PlaceKind>>,
  schema: Schema,
  locale: Locale,
): ListView<z.infer<Schema>> {
  const asked: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    const place = places[name];
    asked[name] = place ? (placeCodeOf(place, value) ?? value.toUpperCase()) : value;
  }
  const parsed = schema.safeParse(asked);
  if (!parsed.success) return { ok: false, asked, errors: localizeIssues(parsed.error.issues, locale) };
  return { ok: true, filters: parsed.data, query: new URLSearchParams(asked).toString() };
}
