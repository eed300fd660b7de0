import type { MiddlewareHandler } from 'hono';
import { type IdentityPolicy, principalFromClaims } from '../identity/principal.ts';
import type { AppEnv, ClaimsSource } from './app-env.ts';

/** Establishes who is calling before anything else about the request is looked at. */
export function authenticate(claims: ClaimsSource, policy: IdentityPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principal', principalFromClaims(await claims(c), policy));
    await next();
  };
}
