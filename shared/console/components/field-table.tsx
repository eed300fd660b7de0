import type { Child, FC } from 'hono/jsx';

/** A record's fields, one row each: its label, and its value. */
export const FieldTable: FC<{ rows: readonly (readonly [string, Child])[] }> = ({ rows }) => (
  <table>
    <tbody>
      {rows.map(([label, value]) => (
        <tr>
          <th scope="row">{label}</th>
          <td>{value}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
