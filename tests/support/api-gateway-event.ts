import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** Claims exactly as the JWT authorizer flattens a Cognito access token: groups become "[staff]". */
export const staffClaims: Record<string, string> = {
  sub: '5f1c2a4e-0000-4000-8000-000000000001',
  'cognito:groups': '[staff]',
  iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_example',
  client_id: 'example-client',
  token_use: 'access',
  exp: '1795003600',
};

/** An HTTP API payload v2 event as API Gateway sends it after its JWT authorizer accepted a token. */
export function httpApiEvent(
  method: string,
  path: string,
  claims: Record<string, string> | undefined,
  body?: unknown,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: 'ANY /v1/{proxy+}',
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
      routeKey: 'ANY /v1/{proxy+}',
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
