import { ForbiddenError, UnauthorizedError } from '../domain/errors.ts';

export const roles = ['admin', 'staff', 'member'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, as the routes see it, whichever runtime verified the token. */
export interface Principal {
  sub: string;
  role: Role;
  /** Set for the member role: the one member this caller may read and change. */
  memberId?: string;
}

/** Claims as Cognito issues them and API Gateway's JWT authorizer passes them on. */
export type Claims = Record<string, unknown>;

/**
 * API Gateway's JWT authorizer flattens array claims into a string such as `[admin staff]`; a token
 * verified locally keeps them as a JSON array. Both spellings mean the same groups.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim === 'string') {
    return claim
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return [];
}

export function principalFromClaims(claims: Claims): Principal {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('The token has no subject.');
  const groups = groupsOf(claims['cognito:groups']);
  const role = roles.find((r) => groups.includes(r));
  if (!role) throw new ForbiddenError('The token carries none of the roles admin, staff or member.');
  if (role !== 'member') return { sub, role };
  const memberId = claims['custom:memberId'];
  if (typeof memberId !== 'string' || memberId === '') {
    throw new ForbiddenError('A member token must carry custom:memberId.');
  }
  return { sub, role, memberId };
}

const rank: Record<Role, number> = { member: 0, staff: 1, admin: 2 };

/** `admin` can do everything `staff` can; `member` is never implied by the others (it is scoped). */
export function hasRole(principal: Principal, needed: 'staff' | 'admin'): boolean {
  return principal.role !== 'member' && rank[principal.role] >= rank[needed];
}
