import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
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

let innBody = 770_000_000;
const nextInn = () => withInnCheckDigits(String(innBody++));

function company(overrides: Record<string, unknown> = {}) {
  const inn = nextInn();
  return {
    name: `ООО «Владкон ${inn}»`,
    country: 'RU',
    region: 'RU-VLA',
    taxId: inn,
    sectors: ['industrial-water-treatment'],
    interests: ['technology-transfer'],
    verifiedRevenue: { amount: 45_000_000_000, currency: 'RUB' },
    contacts: [
      {
        name: 'Ирина Соколова',
        email: `irina.${inn}@vladkon.ru`,
        language: 'ru',
        consent: { outreach: true },
      },
    ],
    ...overrides,
  };
}

interface MemberBody {
  id: string;
  tier: string | null;
  field?: string;
  contacts: { consent: { outreach: { granted: boolean }; news: { granted: boolean } } }[];
}

async function create(body: Record<string, unknown>) {
  const response = await t.call('POST', '/v1/members', { token: staff, body });
  return { response, body: (await response.json()) as MemberBody };
}

describe('members', () => {
  it('creates a member with contacts, computes its tier, and reads it back with an ETag', async () => {
    const { response, body } = await create(company());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/members/${body.id}`);
    expect(body.tier).toBe('small');
    expect(body.contacts[0]!.consent.outreach.granted).toBe(true);
    expect(body.contacts[0]!.consent.news.granted).toBe(false);

    const read = await t.call('GET', `/v1/members/${body.id}`, { token: staff });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(((await read.json()) as { contacts: unknown[] }).contacts).toHaveLength(1);
  });

  it('refuses a second member with the same tax id, naming the field', async () => {
    const first = company();
    await create(first);
    const { response, body } = await create({ ...company(), taxId: first.taxId });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(body.field).toBe('taxId');
  });

  it('lets exactly one of 20 parallel PATCHes with the same ETag win', async () => {
    const { body } = await create(company());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call('PATCH', `/v1/members/${body.id}`, {
          token: staff,
          body: { description: `version ${i}` },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
  });

  it('lists by tier through the index, paginating with a signed cursor', async () => {
    for (let i = 0; i < 3; i++)
      await create(company({ verifiedRevenue: { amount: 100_000_000, currency: 'RUB' } }));
    const first = await t.call('GET', '/v1/members?tier=micro&limit=2', { token: staff });
    const page = (await first.json()) as { items: { tier: string }[]; nextCursor: string };
    expect(page.items).toHaveLength(2);
    expect(page.items.every((m) => m.tier === 'micro')).toBe(true);
    const second = await t.call('GET', `/v1/members?tier=micro&limit=2&cursor=${page.nextCursor}`, {
      token: staff,
    });
    expect(((await second.json()) as { items: unknown[] }).items).toHaveLength(1);
    const tampered = `${page.nextCursor.slice(0, -2)}xx`;
    expect((await t.call('GET', `/v1/members?tier=micro&cursor=${tampered}`, { token: staff })).status).toBe(
      400,
    );
    expect(
      (await t.call('GET', `/v1/members?tier=small&cursor=${page.nextCursor}`, { token: staff })).status,
    ).toBe(400);
  });

  it('finds members by name across scripts', async () => {
    await create(company({ name: 'ООО «Владкон-Поиск»' }));
    const response = await t.call('GET', `/v1/members?q=${encodeURIComponent('vladkon-p')}`, {
      token: staff,
    });
    const page = (await response.json()) as { items: { name: string }[] };
    expect(page.items.map((m) => m.name)).toContain('ООО «Владкон-Поиск»');
  });

  it('keeps the markets a member wants to reach: ISO codes, at most 10, the member may set its own', async () => {
    for (const targetMarkets of [
      ['XX'],
      ['vn'],
      ['VN', 'VN'],
      ['VN', 'TH', 'ID', 'MY', 'PH', 'SG', 'LA', 'KH', 'MM', 'BN', 'CN'],
    ]) {
      expect((await create(company({ targetMarkets }))).response.status, JSON.stringify(targetMarkets)).toBe(
        422,
      );
    }
    const { body } = await create(company({ targetMarkets: ['VN'] }));
    const member = await t.token('member', body.id);
    const patched = await t.call('PATCH', '/v1/me', {
      token: member,
      body: { targetMarkets: ['VN', 'TH'] },
      headers: { 'if-match': '*' },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { targetMarkets: string[] }).targetMarkets).toEqual(['VN', 'TH']);
  });

  it('refuses a member a staff-owned field with 403 even without If-Match (authorization first)', async () => {
    const { body } = await create(company());
    const member = await t.token('member', body.id);
    const response = await t.call('PATCH', '/v1/me', { token: member, body: { status: 'suspended' } });
    expect(response.status).toBe(403);
  });

  it('answers 401 without a token and 403 for staff on an admin route', async () => {
    expect((await t.call('GET', '/v1/members')).status).toBe(401);
    const { body } = await create(company());
    const staffDelete = await t.call('DELETE', `/v1/members/${body.id}`, {
      token: staff,
      headers: { 'if-match': '"1"' },
    });
    expect(staffDelete.status).toBe(403);
    const adminDelete = await t.call('DELETE', `/v1/members/${body.id}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(adminDelete.status).toBe(200);
    expect(((await adminDelete.json()) as { status: string }).status).toBe('resigned');
  });
});
