import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type AccessTokenClaims, accessTokenClaims } from '../../shared/identity/access-token-claims.ts';
import type { Role } from '../../shared/identity/principal.ts';
import { gatewayRouteOf } from './gateway-routes.ts';

export const testUserPoolIssuer = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_example';
export const testStaffClientId = '4s7example0staff0client0id';
export const testMemberClientId = '5m8example0member0client0id';

/** A Cognito access token's claims for a role, as the token trigger shapes them. */
export function cognitoClaims(role: Role, memberId?: string): AccessTokenClaims {
  return accessTokenClaims({
    role,
    ...(memberId !== undefined ? { memberId } : {}),
    issuer: testUserPoolIssuer,
    clientId: role === 'member' ? testMemberClientId : testStaffClientId,
    issuedAt: new Date('2026-11-24T10:00:00Z'),
    lifetimeSeconds: role === 'member' ? 300 : 900,
  });
}

/** Claims as API Gateway's JWT authorizer passes them to the function: every value a string, arrays "[a b]". */
export function asAuthorizerClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
    ]),
  );
}

export const staffClaims = asAuthorizerClaims(cognitoClaims('staff'));

/** An HTTP API payload v2 event as API Gateway sends it after its JWT authorizer accepted a token. */
export function httpApiEvent(
  method: string,
  path: string,
  claims: Record<string, string> | undefined,
  body?: unknown,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  // The route key API Gateway would match, as the deployed API has it (`$default` where none does).
  const routeKey = gatewayRouteOf(method, path.split('?')[0]!)?.routeKey ?? '$default';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.eu-central-1.amazonaws.com',
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: 'Bearer eyJraWQiOi...',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bridge-crm-tests' },
      requestId: 'Xyz-req',
      routeKey,
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    pathParameters: { proxy: path.replace(/^\/v1\//, '') },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
