import type { FC } from 'hono/jsx';
import type { Roster } from '../staff-roster.ts';

/**
 * Who did something: by `name` where the page knows it (a member's user by its contact's), a staff
 * user by the roster's, else their id, as code.
 */
export const Person: FC<{ sub: string; roster: Roster; name?: string | undefined }> = ({
  sub,
  roster,
  name,
}) => {
  const known = name ?? (roster.has(sub) ? roster.nameOf(sub) : undefined);
  return known === undefined ? <code>{sub}</code> : <span>{known}</span>;
};
