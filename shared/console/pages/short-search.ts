import { searchQuery } from '../../domain/name-search.ts';
import type { ListView } from './list-view.ts';

/**
 * A view with its name search left out where the search is too short to run (under 2 letters or digits
 * once normalised: "в", "C+", "«»", as the first keystroke of one is): the list is shown as without
 * it, and the reader told, rather than refused (the API refuses such a `q`).
 */
export function withoutShortSearch<Filters extends { q?: string | undefined }>(
  view: ListView<Filters>,
): { view: ListView<Filters>; searchTooShort: boolean } {
  if (!view.ok || view.filters.q === undefined || (searchQuery(view.filters.q)?.length ?? 0) >= 2) {
    return { view, searchTooShort: false };
  }
  const filters = { ...view.filters };
  delete filters.q;
  const query = new URLSearchParams(view.query);
  query.delete('q');
  return { view: { ok: true, filters, query: query.toString() }, searchTooShort: true };
}
