import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../domain/errors.ts';
import { hasRole } from '../identity/principal.ts';
import type { ConsoleEnv } from './console-env.ts';

/** For the pages only admins may open (the audit log): staff get the 403 page. */
export const requireAdmin: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (!hasRole(c.get('principal'), 'admin')) throw new ForbiddenError('Only admins may open this page.');
  await next();
};
