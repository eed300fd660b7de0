import type { FC } from 'hono/jsx';

/**
 * A list's name search (`q`), used alone (its index serves it alone): as you type with htmx, which
 * swaps the list's `#results`, or submitted.
 */
export const NameSearch: FC<{ path: string; q: string | undefined; label: string; button: string }> = ({
  path,
  q,
  label,
  button,
}) => (
  <search>
    <form method="get" action={path}>
      <fieldset role="group">
        <input
          type="search"
          name="q"
          id="search"
          data-search
          value={q ?? ''}
          maxlength={100}
          aria-label={label}
          placeholder={label}
          hx-get={path}
          hx-trigger="input changed delay:250ms, search"
          hx-target="#results"
          hx-select="#results"
          hx-swap="outerHTML"
          hx-push-url="true"
        />
        <button type="submit">{button}</button>
      </fieldset>
    </form>
  </search>
);
