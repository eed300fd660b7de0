/**
 * Rotating the signing secret, on DynamoDB Local: runtimes that hold the secret before, during and
 * after a rotation's overlap (as Lambdas do when Secrets Manager's AWSCURRENT moves and AWSPREVIOUS is
 * later removed) serve one table. Cursors move to the new key with an overlap; the suppression list
 * never moves, so nobody suppressed before a rotation is ever found unsuppressed after it.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DevSecrets } from '../../infra/local/dev-secrets.ts';
import { createLocalApp, type LocalApp } from '../../infra/local/local-app.ts';
import { suppressionKey } from '../../shared/data/keys.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { createTestApp, type TestApp, testPublicBaseUrl } from '../support/test-app.ts';

const region = 'RU-ROS';
let innBody = 500_000_000;

let t: TestApp;
let staff: string;
let admin: string;
/** The same table, served with the secret rotated: during the overlap, and after it has ended. */
let during: LocalApp;
let after: LocalApp;

/** Another runtime on this file's table, holding other signing secrets (the same token keys). */
const runtimeWith = (secrets: Partial<DevSecrets>) =>
  createLocalApp({
    endpoint: inject('dynamoEndpoint'),
    tableName: t.db.tableName,
    secrets: { ...t.secrets, ...secrets },
    outboxDir: t.outboxDir,
    publicBaseUrl: testPublicBaseUrl,
  });

const get = (runtime: LocalApp, path: string) =>
  Promise.resolve(runtime.app.request(path, { headers: { authorization: `Bearer ${staff}` } }));

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}
const rejectsCursor = async (runtime: LocalApp, cursor: string) => {
  const response = await get(
    runtime,
    `/v1/members?region=${region}&limit=2&cursor=${encodeURIComponent(cursor)}`,
  );
  expect(response.status).toBe(400);
  expect(((await response.json()) as { detail: string }).detail).toMatch(/cursor/);
};
const page = async (runtime: LocalApp, cursor?: string): Promise<Page> => {
  const response = await get(
    runtime,
    `/v1/members?region=${region}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
};

async function createMember(email: string, inRegion = region): Promise<string> {
  const inn = withInnCheckDigits(String(innBody++));
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: {
      name: `ООО «Ротация ${inn}»`,
      country: 'RU',
      region: inRegion,
      taxId: inn,
      sectors: ['manufacturing'],
      contacts: [{ name: `Контакт ${inn}`, email, language: 'ru' }],
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function erase(runtime: LocalApp, memberId: string): Promise<void> {
  const response = await runtime.app.request(`/v1/members/${memberId}/erase`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(response.status).toBe(200);
}

/** Whether the runtime finds the address on the suppression list, with the key it holds. */
async function suppressedFor(runtime: LocalApp, email: string): Promise<boolean> {
  const hasher = await runtime.deps.suppression();
  const { Item } = await t.db.doc.send(
    new GetCommand({
      TableName: t.db.tableName,
      Key: suppressionKey(hasher.hash(email)),
      ConsistentRead: true,
    }),
  );
  return Item?.type === 'suppression';
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  admin = await t.token('admin');
  for (let i = 0; i < 5; i++) await createMember(`rotation.${i}@rot.example`);
  const original = t.secrets.signingSecret;
  const next = randomBytes(32).toString('base64');
  during = await runtimeWith({
    signingSecret: next,
    previousSigningSecret: original,
    permanentSigningSecret: original,
  });
  after = await runtimeWith({ signingSecret: next, permanentSigningSecret: original });
});
afterAll(() => t.drop());

describe('rotating the signing secret', () => {
  it('a cursor signed before the rotation still pages during the overlap, to the same next page', async () => {
    const first = await page(t);
    const expected = await page(t, first.nextCursor!);
    const resumed = await page(during, first.nextCursor!);
    expect(resumed.items).toEqual(expected.items);
    // Its own cursor is signed with the new key and pages on.
    expect((await page(during, resumed.nextCursor!)).items).toHaveLength(1);
  });

  it('a cursor signed under an unrelated key is a 400', async () => {
    const first = await page(t);
    const stranger = await runtimeWith({ signingSecret: randomBytes(32).toString('base64') });
    await rejectsCursor(stranger, first.nextCursor!);
  });

  it('once the overlap has ended, a cursor signed under the old key is a 400; new cursors page', async () => {
    const first = await page(t);
    await rejectsCursor(after, first.nextCursor!);
    const fresh = await page(after);
    expect((await page(after, fresh.nextCursor!)).items).toEqual((await page(t, first.nextCursor!)).items);
  });

  it('an address suppressed before the rotation is still suppressed during and after it, and back', async () => {
    const before = 'suppressed.before@rot.example';
    await erase(t, await createMember(before, 'RU-SAK'));
    expect(await suppressedFor(t, before)).toBe(true);
    expect(await suppressedFor(during, before)).toBe(true);
    expect(await suppressedFor(after, before)).toBe(true);

    // One suppression key throughout: what a rotated runtime suppresses, any other finds.
    const later = 'suppressed.after@rot.example';
    await erase(after, await createMember(later, 'RU-SAK'));
    expect(await suppressedFor(t, later)).toBe(true);
    expect(await suppressedFor(during, later)).toBe(true);
    expect(await suppressedFor(after, 'never.erased@rot.example')).toBe(false);
  });
});
