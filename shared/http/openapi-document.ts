import { ulid } from 'ulid';
import { createDatabase } from '../data/dynamo-client.ts';
import { apiTags } from './access.ts';
import type { ApiContext } from './api-context.ts';
import { createApp } from './app.ts';
import type { AppDeps, OpenApiDocument } from './app-env.ts';

const notServing = async (): Promise<never> => {
  throw new Error('The OpenAPI document is built from routes that serve no request.');
};

/** Edges for building routes that are described, never called: nothing here is reached. */
const describingDeps: AppDeps = {
  db: createDatabase({ tableName: 'openapi-document' }),
  cursors: notServing,
  suppression: notServing,
  unsubscribeTokens: notServing,
  partnerAnswers: notServing,
  followUpKey: notServing,
  claims: notServing,
  identity: { memberClientId: 'openapi-document' },
  jobs: { enqueue: notServing },
  clock: () => new Date(0),
  newId: () => ulid(0),
  docsAsset: notServing,
  openApiDocument: notServing,
};

// A variable, not a literal argument: the generator's config type is OpenAPI 3.0's, whose license has
// no `identifier` (3.1's SPDX field), and the generator copies the object through as it is.
const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'bridge-crm',
    version: '1.0.0',
    description:
      'CRM for an international business association: member directory, revenue tiers, outreach, ' +
      'partnership leads. Errors are application/problem+json (RFC 9457).',
    contact: { name: 'bridge-crm maintainers', url: 'https://bridge-crm.dev' },
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  tags: apiTags,
};

/**
 * The OpenAPI 3.1 document of `apis`, from the same route definitions that validate requests. In AWS
 * it is written at build time into the platform function's assets (infra/cdk/openapi-asset.ts), so no
 * function bundles routes only to describe them; `servers` is added per request (routes/openapi.ts).
 */
export function describeApis(apis: readonly ApiContext[]): OpenApiDocument {
  return createApp(describingDeps, apis).getOpenAPI31Document(documentConfig);
}
