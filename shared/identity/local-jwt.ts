import { type CryptoKey, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../domain/errors.ts';
import { accessTokenClaims } from './access-token-claims.ts';
import type { Claims, Role } from './principal.ts';

/**
 * The local runtime's stand-in for Cognito: access tokens signed with a development key, with exactly
 * the claims Cognito and our token trigger put in them, so the same principal extraction runs on both
 * paths. Staff and members get tokens from different app clients, as in AWS.
 */
export const localIssuer = 'http://localhost/bridge-crm-local-idp';
export const localStaffClientId = 'bridge-crm-local-staff';
export const localMemberClientId = 'bridge-crm-local-members';
const localClientIds = [localStaffClientId, localMemberClientId];
const algorithm = 'ES256';

export interface TokenRequest {
  role: Role;
  memberId?: string;
  sub?: string;
  /** Seconds; default one hour. */
  lifetimeSeconds?: number;
}

export function localClientIdFor(role: Role): string {
  return role === 'member' ? localMemberClientId : localStaffClientId;
}

export async function signLocalToken(privateJwk: JWK, request: TokenRequest): Promise<string> {
  const key = await importJWK(privateJwk, algorithm);
  const claims = accessTokenClaims({
    role: request.role,
    ...(request.memberId !== undefined ? { memberId: request.memberId } : {}),
    // Stable per role and member, so history written through local tokens reads the same actor.
    sub: request.sub ?? `local-${request.role}${request.memberId ? `-${request.memberId}` : ''}`,
    issuer: localIssuer,
    clientId: localClientIdFor(request.role),
    issuedAt: new Date(),
    lifetimeSeconds: request.lifetimeSeconds ?? 3600,
  });
  return new SignJWT(claims).setProtectedHeader({ alg: algorithm, kid: privateJwk.kid ?? 'local' }).sign(key);
}

export type LocalVerifier = (token: string) => Promise<Claims>;

export async function createLocalVerifier(publicJwk: JWK): Promise<LocalVerifier> {
  const key = (await importJWK(publicJwk, algorithm)) as CryptoKey;
  return async (token) => {
    try {
      // The algorithm list rejects `alg: none` and any algorithm switch before the signature is read;
      // a token without an expiry or a subject would be valid forever or for nobody in particular.
      const { payload } = await jwtVerify(token, key, {
        issuer: localIssuer,
        algorithms: [algorithm],
        requiredClaims: ['sub', 'exp', 'iat', 'token_use', 'client_id'],
      });
      if (typeof payload.client_id !== 'string' || !localClientIds.includes(payload.client_id)) {
        throw new UnauthorizedError('The token was issued to no app client of this API.');
      }
      return payload as Claims;
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      throw new UnauthorizedError('The token is invalid or has expired.');
    }
  };
}
