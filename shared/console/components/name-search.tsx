import type { FC } from 'hono/jsx';

/**
 * A list's name search (`q`): as you type with htmx, which swaps the list's `#results`, or submitted.
 * A field of the list's filters' GET form (`filters`, its id), so that the search is sent with the
 * filters and the filters with the search, typed or submitted.
 */
export const NameSearch: FC<{
  path: string;
  q: string | undefined;
  label: string;
  button: string;
  filters: string;
}> = ({ path, q, label, button, filters }) => (
  <search>
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
        form={filters}
        hx-get={path}
        hx-include={`#${filters}`}
        hx-trigger="input changed delay:250ms, search"
        hx-target="#results"
        hx-select="#results"
        hx-swap="outerHTML"
        hx-push-url="true"
      />
      <button type="submit" form={filters}>
        {button}
      </button>
    </fieldset>
  </search>
);
