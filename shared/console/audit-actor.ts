import type { Context } from 'hono';
import type { ConsoleEnv } from './console-env.ts';

/** Who did it, as the audit log records it. */
export const auditActor = (c: Context<ConsoleEnv>) => {
  const { sub, role } = c.get('principal');
  return { sub, role };
};
