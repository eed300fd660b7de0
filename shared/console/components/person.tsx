import type { FC } from 'hono/jsx';
import type { Roster } from '../staff-roster.ts';

/** Who did something: a staff user by name where the roster knows them, else their id, as code. */
export const Person: FC<{ sub: string; roster: Roster }> = ({ sub, roster }) =>
  roster.has(sub) ? <>{roster.nameOf(sub)}</> : <code>{sub}</code>;
