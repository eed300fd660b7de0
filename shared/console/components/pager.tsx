import type { FC } from 'hono/jsx';
import { commonMessages } from '../i18n/common-messages.ts';
import type { Locale } from '../i18n/locales.ts';

/** A list's next-page link that keeps its view's filters, and a way back to its first page. */
export const Pager: FC<{
  locale: Locale;
  /** The list's page, e.g. `/console/members`. */
  path: string;
  /** The view's filters as a query string, without the cursor. */
  query: string;
  next: string | null;
  paged: boolean;
  /** What the navigation is, for assistive technology. */
  label: string;
}> = ({ locale, path, query, next, paged, label }) => {
  const common = commonMessages[locale];
  const base = query ? `${path}?${query}&` : `${path}?`;
  if (!next && !paged) return null;
  return (
    <nav aria-label={label}>
      <ul>
        {paged ? (
          <li>
            <a href={query ? `${path}?${query}` : path}>{common.first}</a>
          </li>
        ) : null}
        {next ? (
          <li>
            <a href={`${base}cursor=${encodeURIComponent(next)}`} rel="next">
              {common.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
};
