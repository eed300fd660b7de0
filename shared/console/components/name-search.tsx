import type { FC } from 'hono/jsx';

/**
 * A list's name search (`q`): as you type with htmx, which swaps the list's `#results`, or submitted.
 * Alone, in a form of its own; or, where the list's filters combine with it (`filters`: the id of
 * their GET form), a field of that form, so that the search is sent with the filters and the filters
 * with the search, typed or submitted.
 */
export const NameSearch: FC<{
  path: string;
  q: string | undefined;
  label: string;
  button: string;
  filters?: string;
}> = ({ path, q, label, button, filters }) => {
  const fields = (
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
        hx-include={filters ? `#${filters}` : undefined}
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
  );
  return (
    <search>
      {filters ? (
        fields
      ) : (
        <form method="get" action={path}>
          {fields}
        </form>
      )}
    </search>
  );
};
