/**
 * Member writes on DynamoDB Local (issue 6, "no 500s from input; read = write shapes"): `If-Match: *`
 * under contention, who may reinstate a resigned member, region codes, and sending back what was read.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { mstSequence } from '../support/companies.ts';
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

type Body = Record<string, unknown>;
interface Member {
  id: string;
  name: string;
  taxId: string;
  status: string;
  resignedOn?: string;
  version: number;
}

let innBody = 610_000_000;
const nextInn = () => withInnCheckDigits(String(innBody++));
let serial = 0;
const freshEmail = () => `w${serial++}.${innBody}@rules.example`;

function company(overrides: Body = {}): Body {
  const inn = nextInn();
  return {
    name: `ООО «Правило ${inn}»`,
    country: 'RU',
    taxId: inn,
    sectors: ['manufacturing'],
    contacts: [{ name: `Контакт ${inn}`, email: freshEmail(), language: 'ru' }],
    ...overrides,
  };
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const create = async (body: Body) =>
  json<Member>(await t.call('POST', '/v1/members', { token: staff, body }), 201);

async function read(path: string, token = staff) {
  const response = await t.call('GET', path, { token });
  return { body: await json<Body>(response, 200), etag: response.headers.get('etag')! };
}

async function history(id: string) {
  const page = await json<{ items: { action: string; changes: { field: string; new: unknown }[] }[] }>(
    await t.call('GET', `/v1/members/${id}/history?limit=100`, { token: staff }),
    200,
  );
  return page.items;
}

describe('If-Match: * under contention', () => {
  it('parallel patches of one member all land: 200, never 412, each in the history once', async () => {
    const member = await create(company());
    const token = await t.token('member', member.id);
    // A writer loses a race only to another writer's commit, and each writer commits once, so with
    // fewer writers than the service's attempts every one of them lands (no 503 either).
    const writers = 6;
    const responses = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        t.call('PATCH', '/v1/me', {
          token,
          body: { description: `writer ${i}` },
          headers: { 'if-match': '*' },
        }),
      ),
    );
    for (const response of responses) await json(response, 200);
    const updates = (await history(member.id)).filter((entry) => entry.action === 'update');
    expect(updates.flatMap((entry) => entry.changes.map((c) => c.new)).sort()).toEqual(
      Array.from({ length: writers }, (_, i) => `writer ${i}`),
    );
    expect((await read(`/v1/members/${member.id}`)).etag).toBe(`"${1 + writers}"`);
  });
});

describe('a resigned member', () => {
  const csv = (member: Member, status: string) =>
    `name,country,taxId,sectors,status\r\n"${member.name}",RU,${member.taxId},manufacturing,${status}\r\n`;
  const importCsv = (body: string, token: string) =>
    t.app.request('/v1/members/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
    });

  it('is reinstated by an admin only: staff get 403, a staff import row is rejected as admin only', async () => {
    const member = await create(company());
    const path = `/v1/members/${member.id}`;
    await json(await t.call('DELETE', path, { token: admin, headers: { 'if-match': '*' } }), 200);

    // Authorization first: refused before If-Match is even looked at.
    await json(await t.call('PATCH', path, { token: staff, body: { status: 'active' } }), 403);
    // Staff may still edit the record, status sent unchanged included.
    await json(
      await t.call('PATCH', path, {
        token: staff,
        body: { status: 'resigned', description: 'Left in 2026' },
        headers: { 'if-match': '*' },
      }),
      200,
    );

    const refused = await json<{ rows: { status: string; errors?: Body[] }[] }>(
      await importCsv(csv(member, 'active'), staff),
      200,
    );
    expect(refused.rows).toEqual([
      {
        line: 2,
        status: 'rejected',
        errors: [
          {
            path: 'status',
            column: 'status',
            message: expect.stringMatching(/admin only/i),
            value: 'active',
          },
        ],
      },
    ]);
    expect((await read(path)).body.status).toBe('resigned');

    const reinstated = await json<{ rows: { status: string }[] }>(
      await importCsv(csv(member, 'active'), admin),
      200,
    );
    expect(reinstated.rows[0]!.status).toBe('updated');
    const { body } = await read(path);
    expect(body.status).toBe('active');
    expect(body.resignedOn).toBeUndefined();
  });
});

describe('regions', () => {
  const mst = mstSequence(31_000_000);
  const vn = (region: string) => company({ country: 'VN', taxId: mst(), region, contacts: [] });

  it.each([
    ['a listed RU code', 201, company({ region: 'RU-VLA' })],
    ['an RU code ISO does not list', 422, company({ region: 'RU-XXX' })],
    ['a listed VN code', 201, vn('VN-HN')],
    ['a retired VN code (Hà Tây, merged into Hà Nội in 2008)', 422, vn('VN-15')],
    ['a well-formed code of another country', 201, company({ country: 'FR', region: 'FR-IDF' })],
    ['a malformed code of another country', 422, company({ country: 'FR', region: 'FR-IDFX' })],
    ["a code of another country than the member's", 422, company({ region: 'VN-HN' })],
  ])('%s: %i', async (_, status, body) => {
    const response = await t.call('POST', '/v1/members', { token: staff, body });
    const answer = await json<{ errors?: { path: string }[] }>(response, status);
    if (status === 422) expect(answer.errors?.map((e) => e.path)).toEqual(['region']);
  });

  it('a patch that moves the member to another country must move its region too', async () => {
    const member = await create(company({ region: 'RU-VLA' }));
    const response = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { country: 'KZ' },
      headers: { 'if-match': '*' },
    });
    expect((await json<{ errors: { path: string }[] }>(response, 422)).errors).toEqual([
      expect.objectContaining({ path: 'region' }),
    ]);
  });

  it('an RU or VN region ISO does not list is a bad filter', async () => {
    await json(await t.call('GET', '/v1/members?region=RU-XXX', { token: staff }), 400);
  });
});

describe('what GET returns can be sent back', () => {
  interface SchemaNode {
    $ref?: string;
    readOnly?: boolean;
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
  }
  let schemas: Record<string, SchemaNode>;
  beforeAll(async () => {
    const doc = await json<{ components: { schemas: Record<string, SchemaNode> } }>(
      await t.call('GET', '/openapi.json'),
      200,
    );
    schemas = doc.components.schemas;
  });
  const resolve = (node: SchemaNode): SchemaNode =>
    node.$ref ? resolve(schemas[node.$ref.replace('#/components/schemas/', '')]!) : node;

  /** The value less every property the served document marks readOnly, at any depth. */
  function withoutReadOnly(value: unknown, node: SchemaNode): unknown {
    const schema = resolve(node);
    if (Array.isArray(value)) return value.map((item) => withoutReadOnly(item, schema.items!));
    if (value === null || typeof value !== 'object' || !schema.properties) return value;
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => {
        const property = schema.properties![key];
        // What GET returns must be documented, or a client could not know whether to send it back.
        expect(property, `${key} is not in the document`).toBeDefined();
        if (property!.readOnly || resolve(property!).readOnly) return [];
        return [[key, withoutReadOnly(item, property!)]];
      }),
    );
  }
  const writable = (member: Body) => withoutReadOnly(member, { $ref: 'Member' }) as Body;

  /** Contacts as a new member gets them: no ids (the server assigns them), no erased ones. */
  const asNewContacts = (contacts: Body[]) =>
    contacts.filter((c) => c.email !== null).map(({ id: _id, ...contact }) => contact);

  const full = () =>
    company({
      region: 'RU-VLA',
      interests: ['logistics', 'energy'],
      languages: ['ru', 'en'],
      description: 'Водоподготовка',
      website: 'https://rules.example',
      status: 'suspended',
      joinedOn: '2020-02-01',
      declaredRevenue: { amount: 12_000_000_000, currency: 'RUB' },
      verifiedRevenue: { amount: 45_000_000_000, currency: 'RUB' },
      contacts: [
        {
          name: 'Ирина Соколова',
          email: freshEmail(),
          phone: '+74922123456',
          position: 'Директор',
          language: 'ru',
          consent: { outreach: true },
        },
        { name: 'Nguyen Van A', email: freshEmail(), language: 'vi', consent: { news: true } },
      ],
    });

  const fixtures: [string, () => Promise<Member>, { post: boolean }][] = [
    ['a member with every field', () => create(full()), { post: true }],
    ['a member with only the required fields', () => create(company({ contacts: [] })), { post: true }],
    [
      'an erased member with a contact added since',
      async () => {
        const member = await create(full());
        await json(await t.call('POST', `/v1/members/${member.id}/erase`, { token: admin }), 200);
        const contacts = [{ name: 'Новый', email: freshEmail(), language: 'ru' }];
        return json<Member>(
          await t.call('PATCH', `/v1/members/${member.id}`, {
            token: staff,
            body: { contacts },
            headers: { 'if-match': '*' },
          }),
          200,
        );
      },
      { post: true },
    ],
    [
      // A new member cannot start out resigned, so this one is only patched back.
      'a resigned member',
      async () => {
        const member = await create(full());
        const path = `/v1/members/${member.id}`;
        return json<Member>(
          await t.call('DELETE', path, { token: admin, headers: { 'if-match': '*' } }),
          200,
        );
      },
      { post: false },
    ],
  ];

  it.each(fixtures)('%s', async (_, make, { post }) => {
    const member = await make();
    const path = `/v1/members/${member.id}`;
    const staffRead = await read(path);
    const body = writable(staffRead.body);
    expect(body).not.toHaveProperty('version');

    // Staff, and the member through /v1/me (staff-owned fields as read): 200, and nothing changes.
    const patched = await t.call('PATCH', path, {
      token: staff,
      body,
      headers: { 'if-match': staffRead.etag },
    });
    await json(patched, 200);
    expect(patched.headers.get('etag')).toBe(staffRead.etag);
    const token = await t.token('member', member.id);
    const own = await read('/v1/me', token);
    const mine = await t.call('PATCH', '/v1/me', {
      token,
      body: writable(own.body),
      headers: { 'if-match': own.etag },
    });
    await json(mine, 200);
    expect(mine.headers.get('etag')).toBe(staffRead.etag);
    // A staff-owned field the member changes is still refused.
    await json(
      await t.call('PATCH', '/v1/me', {
        token,
        body: { ...writable(own.body), name: `${member.name} (renamed)` },
        headers: { 'if-match': own.etag },
      }),
      403,
    );

    if (!post) return;
    const copy = {
      ...body,
      taxId: nextInn(),
      contacts: (body.contacts as Body[]).map((c) => (c.email === null ? c : { ...c, email: freshEmail() })),
    };
    const created = await json<Member>(
      await t.call('POST', '/v1/members', { token: staff, body: copy }),
      201,
    );
    const copied = writable((await read(`/v1/members/${created.id}`)).body);
    expect({ ...copied, contacts: asNewContacts(copied.contacts as Body[]) }).toEqual({
      ...copy,
      contacts: asNewContacts(copy.contacts as Body[]),
    });
  });
});
