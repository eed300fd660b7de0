import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ConsoleEnv } from '../console-env.ts';
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

/**
 * The address a list's search as you type pushes: the view's own, which names places by code and
 * leaves out empty fields, rather than the request's, which holds every field of the form. A page
 * further on keeps the request's (its cursor is in it).
 */
export function pushViewAddress(
  c: Context<ConsoleEnv>,
  path: string,
  view: ListView<unknown>,
  cursor: string | undefined,
) {
  if (view.ok && cursor === undefined) c.header('HX-Push-Url', view.query ? `${path}?${view.query}` : path);
}

/**
 * A list's answer: for the search as you type (htmx), its `#results` alone, a refusal (a search with a
 * filter it does not go with) as 200 too, since htmx swaps no 4xx answer and would leave the last results standing as
 * if they matched; the whole `page` otherwise (a history restore needs it too), a refusal as 400.
 */
export function listResponse(
  c: Context<ConsoleEnv>,
  results: HtmlEscapedString | Promise<HtmlEscapedString>,
  refused: boolean,
  page: () => Response | Promise<Response>,
) {
  if (c.req.header('hx-request') && !c.req.header('hx-history-restore-request')) return c.html(results, 200);
  c.status(refused ? 400 : 200);
  return page();
}
