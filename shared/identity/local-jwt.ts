import { type CryptoKey, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../domain/errors.ts';
import type { Claims, Role } from './principal.ts';

/**
 * The local runtime's stand-in for Cognito: tokens signed with a development key, with the claims
 * shaped as Cognito issues them, so the same principal extraction runs on both paths.
 */
export const localIssuer = 'http://localhost/bridge-crm-local-idp';
export const localClientId = 'bridge-crm-local';
const algorithm = 'ES256';

export interface TokenRequest {
  role: Role;
  memberId?: string;
  sub?: string;
  expiresIn?: string;
}

export async function signLocalToken(privateJwk: JWK, request: TokenRequest): Promise<string> {
  const key = await importJWK(privateJwk, algorithm);
  const claims: Claims = {
    'cognito:groups': [request.role],
    client_id: localClientId,
    token_use: 'access',
    ...(request.memberId ? { 'custom:memberId': request.memberId } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: algorithm, kid: privateJwk.kid ?? 'local' })
    .setSubject(request.sub ?? `local-${request.role}${request.memberId ? `-${request.memberId}` : ''}`)
    .setIssuer(localIssuer)
    .setAudience(localClientId)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '1h')
    .sign(key);
}

export type LocalVerifier = (token: string) => Promise<Claims>;

export async function createLocalVerifier(publicJwk: JWK): Promise<LocalVerifier> {
  const key = (await importJWK(publicJwk, algorithm)) as CryptoKey;
  return async (token) => {
    try {
      // The algorithm list rejects `alg: none` and any algorithm switch before the signature is read.
      const { payload } = await jwtVerify(token, key, { issuer: localIssuer, algorithms: [algorithm] });
      const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audience.includes(localClientId) && payload.client_id !== localClientId) {
        throw new UnauthorizedError('The token is not meant for this API.');
      }
      return payload as Claims;
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      throw new UnauthorizedError('The token is invalid or has expired.');
    }
  };
}
