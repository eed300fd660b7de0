import { ulid } from 'ulid';
import { createDatabase } from '../../shared/data/dynamo-client.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import { createApp } from '../../shared/http/app.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { describeApis } from '../../shared/http/openapi-document.ts';
import type { Role } from '../../shared/identity/principal.ts';
import type { JobMessage } from '../../shared/jobs/job-queue.ts';
import { cursorCodec, purposeKeys } from '../../shared/security/purpose-keys.ts';
import { cognitoClaims, testMemberClientId } from './api-gateway-event.ts';

/**
 * The real app on a document client that `aws-sdk-client-mock` intercepts (mock
 * `DynamoDBDocumentClient` in the test file), for failures DynamoDB Local cannot be made to produce.
 * The endpoint is a closed port, so an unmocked call fails instead of reaching anything.
 */
export function appOnMockedDynamo(
  tableName: string,
  options: { role?: Role; enqueue?: (message: JobMessage) => Promise<void> } = {},
) {
  const db = createDatabase({ tableName, endpoint: 'http://127.0.0.1:9' });
  const keys = purposeKeys({ current: Buffer.from('unit') });
  const app = createApp(
    {
      db,
      cursors: async () => cursorCodec({ current: Buffer.from('unit') }),
      suppression: async () => keys.suppression,
      unsubscribeTokens: async () => keys.unsubscribe,
      partnerAnswers: async () => keys.partnerAnswers,
      followUpKey: async () => keys.followUpKey,
      claims: async () => cognitoClaims(options.role ?? 'admin'),
      identity: { memberClientId: testMemberClientId },
      jobs: { enqueue: options.enqueue ?? (async () => {}) },
      clock: () => new Date('2026-11-24T10:00:00Z'),
      newId: ulid,
      docsAsset: async () => undefined,
      openApiDocument: async () => describeApis(allApis),
    },
    allApis,
  );
  return { app, db };
}

/** A stored member with one contact, for tests that need one without writing it. */
export function sampleMember(overrides: Partial<Member> = {}): Member {
  const at = '2026-05-01T10:00:00.000Z';
  return {
    id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
    name: 'ООО «Тест»',
    country: 'RU',
    taxId: '7707083893',
    sectors: ['energy'],
    interests: [],
    targetMarkets: [],
    languages: ['ru'],
    status: 'active',
    joinedOn: '2026-01-01',
    offers: [],
    needs: [],
    matchmakingVisible: false,
    tier: null,
    contacts: [
      {
        id: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
        name: 'Анна',
        email: 'anna@test.example',
        language: 'ru',
        consent: {
          outreach: { granted: true, at, source: 'staff' },
          news: { granted: false, at, source: 'staff' },
        },
      },
    ],
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
