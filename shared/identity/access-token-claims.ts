import { randomUUID } from 'node:crypto';
import type { Role } from './principal.ts';

/**
 * Exactly the claims Cognito writes into the access token of a user sign-in. There is no `aud`:
 * Cognito names the app client in `client_id`, and API Gateway's JWT authorizer checks that instead.
 * Custom attributes such as `custom:memberId` reach only ID tokens, which is why our Pre Token
 * Generation trigger adds {@link MEMBER_ID_CLAIM}.
 */
export const COGNITO_ACCESS_TOKEN_CLAIMS = [
  'iss',
  'sub',
  'cognito:groups',
  'token_use',
  'scope',
  'client_id',
  'username',
  'iat',
  'exp',
  'jti',
  'origin_jti',
  'auth_time',
  'version',
  'event_id',
] as const;

/**
 * The one claim the token trigger adds to a member's access token: the member company it acts for,
 * copied from the user's `custom:memberId` attribute. Its own name, so it cannot be confused with the
 * attribute that ID tokens carry.
 */
export const MEMBER_ID_CLAIM = 'member_id';

/**
 * What the token trigger adds where it withheld `staff` or `admin` for want of a second factor: the
 * console then offers to enrol one (TOTP) rather than only saying the account is not staff's. Its
 * value is the role withheld (`admin` over `staff`), for the console's audit of the enrolment; it
 * grants nothing, the token has no privileged group.
 */
export const MFA_ENROLMENT_CLAIM = 'mfa_enrolment';

/** What Cognito grants every user sign-in: the scope that lets a user manage its own account (MFA). */
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

export interface AccessTokenRequest {
  role: Role;
  /** Required for the member role. */
  memberId?: string;
  sub?: string;
  issuer: string;
  clientId: string;
  issuedAt: Date;
  lifetimeSeconds: number;
}

/** A type alias, not an interface, so that it fits jose's indexed `JWTPayload`. */
export type AccessTokenClaims = {
  iss: string;
  sub: string;
  'cognito:groups': string[];
  token_use: 'access';
  scope: string;
  client_id: string;
  username: string;
  iat: number;
  exp: number;
  jti: string;
  origin_jti: string;
  auth_time: number;
  version: number;
  event_id: string;
  [MEMBER_ID_CLAIM]?: string;
};

/**
 * The claims of an access token as Cognito and our trigger would issue it, for the local token
 * command and every test fixture: one builder, so none of them drifts from what AWS sends.
 */
export function accessTokenClaims(request: AccessTokenRequest): AccessTokenClaims {
  const sub = request.sub ?? randomUUID();
  const iat = Math.floor(request.issuedAt.getTime() / 1000);
  return {
    iss: request.issuer,
    sub,
    'cognito:groups': [request.role],
    token_use: 'access',
    scope: USER_ADMIN_SCOPE,
    client_id: request.clientId,
    // Cognito's username in a pool that signs in by email alias is the user's sub.
    username: sub,
    iat,
    exp: iat + request.lifetimeSeconds,
    jti: randomUUID(),
    origin_jti: randomUUID(),
    auth_time: iat,
    version: 2,
    event_id: randomUUID(),
    ...(request.memberId !== undefined ? { [MEMBER_ID_CLAIM]: request.memberId } : {}),
  };
}
