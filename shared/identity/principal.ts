import { ForbiddenError, UnauthorizedError } from '../domain/errors.ts';
import { MEMBER_ID_CLAIM } from './access-token-claims.ts';

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

/** Which app client may issue member tokens (the one whose access tokens live 5 minutes). */
export interface IdentityPolicy {
  memberClientId: string;
}

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

export function principalFromClaims(claims: Claims, policy: IdentityPolicy): Principal {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('The token has no subject.');
  // API Gateway accepts an ID token too (its `aud` is the client id); only access tokens are revoked
  // by sign-out and carry what the token trigger decided, so nothing else is taken.
  if (claims.token_use !== 'access') {
    throw new UnauthorizedError('Send a Cognito access token; ID tokens are not accepted.');
  }
  const groups = groupsOf(claims['cognito:groups']);
  const role = roles.find((r) => groups.includes(r));
  if (!role) throw new ForbiddenError('The token carries none of the roles admin, staff or member.');
  if (role !== 'member') return { sub, role };
  // A member signing in through another client would get a longer-lived token, and revocation
  // relies on member access tokens ending within 5 minutes.
  if (claims.client_id !== policy.memberClientId) {
    throw new ForbiddenError('A member token must be issued to the members’ app client.');
  }
  const memberId = claims[MEMBER_ID_CLAIM];
  if (typeof memberId !== 'string' || memberId === '') {
    throw new ForbiddenError(`A member token must carry ${MEMBER_ID_CLAIM}.`);
  }
  return { sub, role, memberId };
}

const rank: Record<Role, number> = { member: 0, staff: 1, admin: 2 };

/** `admin` can do everything `staff` can; `member` is never implied by the others (it is scoped). */
export function hasRole(principal: Principal, needed: 'staff' | 'admin'): boolean {
  return principal.role !== 'member' && rank[principal.role] >= rank[needed];
}
