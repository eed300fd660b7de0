/**
 * The layout of the items that hold a member, on DynamoDB Local through the HTTP API: items written in
 * an earlier layout read as the current one, and an item no layout explains is a detail-free 500 that
 * is logged by key and counted.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DeleteCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { memberHistoryPartition, memberPartition } from '../../shared/data/keys.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { itemSchemaVersion } from '../../shared/members/member-items.ts';
import { logger } from '../../shared/observability/logger.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  admin = await t.token('admin');
});
afterAll(() => t.drop());
afterEach(() => vi.restoreAllMocks());

let innBody = 510_000_000;

async function create(): Promise<Member> {
  const inn = withInnCheckDigits(String(innBody++));
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: {
      name: `ООО «Слой ${inn}»`,
      country: 'RU',
      taxId: inn,
      sectors: ['manufacturing'],
      contacts: [
        { name: 'Анна Первая', email: `first.${inn}@layout.example`, language: 'ru' },
        { name: 'Борис Второй', email: `second.${inn}@layout.example`, language: 'en' },
      ],
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Member;
}

async function get(path: string): Promise<Response> {
  return t.call('GET', path, { token: staff });
}

async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const result = await t.db.doc.send(
    new QueryCommand({
      TableName: t.db.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function put(item: Record<string, unknown>): Promise<void> {
  await t.db.doc.send(new PutCommand({ TableName: t.db.tableName, Item: item }));
}

/** Runs `act` and returns the `pk sk` of every leg of the transactions it wrote. */
async function legsOf(act: () => Promise<Response>): Promise<string[]> {
  const sent = vi.spyOn(t.db.doc, 'send');
  const response = await act();
  expect(response.status, await response.clone().text()).toBe(200);
  const legs = sent.mock.calls.flatMap(([command]) =>
    command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : [],
  );
  sent.mockRestore();
  return legs.map((leg) => {
    const key = leg.Put?.Item ?? leg.Delete?.Key ?? leg.Update?.Key ?? leg.ConditionCheck?.Key;
    return `${key?.pk} ${key?.sk}`;
  });
}

async function addContact(id: string, email: string): Promise<Response> {
  const read = await get(`/v1/members/${id}`);
  return t.call('PATCH', `/v1/members/${id}`, {
    token: staff,
    body: { contacts: [{ name: 'Вера Новая', email, language: 'ru' }] },
    headers: { 'if-match': read.headers.get('etag')! },
  });
}

describe('items written in an earlier layout', () => {
  it('read as the current member and history, and a write stores them in the current layout', async () => {
    const member = await create();
    const historyBefore = await (await get(`/v1/members/${member.id}/history`)).json();
    // Version 0: the items as they were before `schemaVersion` existed; the second contact as the first
    // contact items were, without `contactOrder`.
    for (const item of [
      ...(await partition(memberPartition(member.id))),
      ...(await partition(memberHistoryPartition(member.id))),
    ]) {
      const { schemaVersion: _version, ...v0 } = item;
      if (v0.id === member.contacts[1]!.id) delete v0.contactOrder;
      await put(v0);
    }

    const read = await get(`/v1/members/${member.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(member);
    const history = await get(`/v1/members/${member.id}/history`);
    expect(history.status).toBe(200);
    expect(await history.json()).toEqual(historyBefore);

    const patched = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { description: 'Переписан' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    expect(await (await get(`/v1/members/${member.id}`)).json()).toEqual(await patched.json());
    const profile = (await partition(memberPartition(member.id))).find((i) => i.type === 'member');
    expect(profile).toMatchObject({ schemaVersion: itemSchemaVersion, version: 2 });
  });
});

describe('a profile written before target markets (layout 2)', () => {
  it('reads with no target markets, and a write adds them', async () => {
    const member = await create();
    const items = await partition(memberPartition(member.id));
    const profile = items.find((i) => i.type === 'member')!;
    const { targetMarkets: _none, ...v2 } = profile;
    await put({ ...v2, schemaVersion: 2 });

    const read = await get(`/v1/members/${member.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { targetMarkets: string[] }).targetMarkets).toEqual([]);
    const patched = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { targetMarkets: ['VN', 'TH'] },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const stored = (await partition(memberPartition(member.id))).find((i) => i.type === 'member');
    expect(stored).toMatchObject({ schemaVersion: itemSchemaVersion, targetMarkets: ['VN', 'TH'] });
  });
});

describe('a member stored before audience entries (layout 2)', () => {
  it('gets its audience entries at its next write, whatever it changes', async () => {
    const member = await create();
    const items = await partition(memberPartition(member.id));
    const profile = items.find((i) => i.type === 'member')!;
    await put({ ...profile, schemaVersion: 2 });
    const index = await partition(`MEMBERIDX#${member.id}`);
    for (const entry of index.filter((i) => String(i.sk).startsWith('AUDIENCE#'))) {
      await t.db.doc.send(
        new DeleteCommand({ TableName: t.db.tableName, Key: { pk: entry.pk, sk: entry.sk } }),
      );
    }

    const read = await get(`/v1/members/${member.id}`);
    const patched = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { description: 'Только описание' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const audience = (await partition(`MEMBERIDX#${member.id}`)).filter((i) =>
      String(i.sk).startsWith('AUDIENCE#'),
    );
    expect(audience.map((i) => i.contactId).sort()).toEqual(member.contacts.map((c) => c.id).sort());
  });
});

describe('contacts stored before addresses had a status (layout 4)', () => {
  it('read as verified, keep their guards, and stay mailable through entries without the flag', async () => {
    const member = await create();
    for (const item of await partition(memberPartition(member.id))) {
      const { emailStatus: _none, ...v4 } = item;
      await put({ ...v4, schemaVersion: 4 });
    }
    for (const entry of (await partition(`MEMBERIDX#${member.id}`)).filter((i) =>
      String(i.sk).startsWith('AUDIENCE#'),
    )) {
      const { verified: _none, ...before } = entry;
      await put(before);
    }

    const read = await get(`/v1/members/${member.id}`);
    const contacts = ((await read.json()) as Member).contacts;
    expect(contacts.map((c) => c.emailStatus)).toEqual(['verified', 'verified']);
    // A campaign's preview still counts them as mailable (no `unverified` exclusion).
    const created = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Layout 4',
        segment: { sectors: ['manufacturing'] },
        replyTo: 'p@example.org',
        variants: { ru: { subject: 'Тема', html: '<p>{{contactName}}</p>', text: '{{contactName}}' } },
      },
    });
    const campaignId = ((await created.json()) as { id: string }).id;
    const preview = (await (
      await t.call('POST', `/v1/campaigns/${campaignId}/preview`, { token: staff })
    ).json()) as { excluded: Record<string, number> };
    expect(preview.excluded.unverified).toBe(0);

    // A staff write keeps the addresses verified and their guards (no second member may take one).
    const patched = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { description: 'После слоя 4' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const taken = await t.call('POST', '/v1/members', {
      token: staff,
      body: {
        name: 'ООО «Другой»',
        country: 'RU',
        taxId: withInnCheckDigits(String(innBody++)),
        sectors: ['manufacturing'],
        contacts: [{ name: 'Кто-то', email: member.contacts[0]!.email, language: 'ru' }],
      },
    });
    expect(taken.status).toBe(409);
  });
});

describe('a member stored with a status entry (layout 3)', () => {
  it('is listed by status from the all entry at once, and its next write deletes the status entry', async () => {
    const member = await create();
    const items = await partition(memberPartition(member.id));
    const profile = items.find((i) => i.type === 'member')!;
    await put({ ...profile, schemaVersion: 3 });
    const all = (await partition(`MEMBERIDX#${member.id}`)).find((i) => i.sk === 'ALL#members')!;
    // As layout 3 wrote it: the status facet's own entry, in the partition the status lists read then.
    const statusEntry = {
      ...all,
      sk: `STATUS#${member.status}`,
      gsi1pk: `DIR#STATUS#${member.status}`,
      gsi2pk: undefined,
      gsi2sk: undefined,
    };
    delete statusEntry.gsi2pk;
    delete statusEntry.gsi2sk;
    await put(statusEntry);

    const listed = async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (
          await get(`/v1/members?status=${member.status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        ).json()) as { items: { id: string }[]; nextCursor: string | null };
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids.filter((id) => id === member.id);
    };
    expect(await listed()).toEqual([member.id]);

    const read = await get(`/v1/members/${member.id}`);
    const patched = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { description: 'Без записи статуса' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const index = (await partition(`MEMBERIDX#${member.id}`)).map((i) => String(i.sk));
    expect(index.filter((sk) => sk.startsWith('STATUS#'))).toEqual([]);
    expect(index).toContain('ALL#members');
    expect(await listed()).toEqual([member.id]);
  });
});

describe('an item no layout explains', () => {
  it('is a 500 without details, logged by its key only and counted in StoredItemUnreadable', async () => {
    const member = await create();
    const email = member.contacts[0]!.email!;
    const contact = (await partition(memberPartition(member.id))).find(
      (i) => i.id === member.contacts[0]!.id,
    )!;
    const { consent: _lost, ...broken } = contact;
    await put(broken);
    const logged = vi.spyOn(logger, 'error');
    const counted = vi.spyOn(Metrics.prototype, 'addMetric');

    const response = await get(`/v1/members/${member.id}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side; it has been logged.',
    });
    expect(logged).toHaveBeenCalledWith('stored item unreadable', { pk: contact.pk, sk: contact.sk });
    const logText = JSON.stringify(logged.mock.calls, (_key, value: unknown) =>
      value instanceof Error ? { message: value.message, stack: value.stack } : value,
    );
    expect(logText).not.toContain(email);
    expect(logText).not.toContain(member.contacts[0]!.name);
    expect(counted).toHaveBeenCalledExactlyOnceWith('StoredItemUnreadable', 'Count', 1);

    // A layout newer than this code knows (written by a later release) is not guessed at either.
    const [entry] = await partition(memberHistoryPartition(member.id));
    await put({ ...entry, schemaVersion: 99 });
    expect((await get(`/v1/members/${member.id}/history`)).status).toBe(500);
    expect(counted).toHaveBeenCalledTimes(2);
  });
});

describe('tombstones', () => {
  it('are written once, by their erasure: later writes touch only what changed', async () => {
    const member = await create();
    const erase = () => t.call('POST', `/v1/members/${member.id}/erase`, { token: admin });
    expect((await erase()).status).toBe(200);
    // As the previous release stored them: numbered from the front, like live contacts.
    const tombstones = (await partition(memberPartition(member.id))).filter((i) => i.type === 'contact');
    for (const [index, item] of member.contacts
      .map((c) => tombstones.find((i) => i.id === c.id)!)
      .entries()) {
      const { erasedOrder: _fromBack, ...v1 } = item;
      await put({ ...v1, schemaVersion: 1, contactOrder: index });
    }
    const old = member.contacts.map((c) => `${memberPartition(member.id)} CONTACT#${c.id}`);

    // Profile, the new contact, its email guard, its audience entry and the history entry: no tombstone.
    const added = await legsOf(() => addContact(member.id, `third.${member.taxId}@layout.example`));
    expect(added).toHaveLength(5);
    expect(added.filter((leg) => old.includes(leg))).toEqual([]);

    // A second erasure writes its own tombstone (and the rest of its transaction), not the older ones.
    const third = (await (await get(`/v1/members/${member.id}`)).json()) as Member;
    expect((await legsOf(erase)).filter((leg) => leg.includes('CONTACT#'))).toEqual([
      `${memberPartition(member.id)} CONTACT#${third.contacts[0]!.id}`,
    ]);

    let patched: Response | undefined;
    const again = await legsOf(async () => {
      patched = await addContact(member.id, `fourth.${member.taxId}@layout.example`);
      return patched.clone();
    });
    expect(again).toHaveLength(5);
    // Live contact first, then the tombstones, newest erasure first, each in the order it had.
    const written = (await patched!.json()) as Member;
    expect(written.contacts.map((c) => c.id).slice(1)).toEqual([
      third.contacts[0]!.id,
      ...member.contacts.map((c) => c.id),
    ]);
    expect(await (await get(`/v1/members/${member.id}`)).json()).toEqual(written);
  });
});
