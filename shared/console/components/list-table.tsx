import type { Child, FC } from 'hono/jsx';

/** A list: its rows under their column heads, or the line that says there are none. */
export const ListTable: FC<{
  /** The rows' number and the line shown instead of the table when it is 0; a list never empty has neither. */
  count?: number;
  empty?: string;
  /** A head, or a head and `number` for a column of figures (aligned to the end). */
  columns: readonly (string | readonly [string, 'number'])[];
  /**
   * A card per row at a phone's width (console.css `table.cards`): each cell under its column's name,
   * which the row's cells carry as `data-label`, the cell to act in (`class="act"`) first after the
   * row's name, a row's checkbox (`class="pick"`) beside it.
   */
  cards?: boolean;
  children?: Child;
}> = ({ count, empty, columns, cards, children }) =>
  empty !== undefined && count === 0 ? (
    <p>{empty}</p>
  ) : (
    <div class="overflow-auto">
      <table class={cards ? 'striped cards' : 'striped'}>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th scope="col">{column}</th>
              ) : (
                <th scope="col" class={column[1]}>
                  {column[0]}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
