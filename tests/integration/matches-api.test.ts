/**
 * Matchmaking on DynamoDB Local: members and partners that chose to be shown are suggested to each
 * other by what they offer and seek, best first, as match cards only; the hidden, the suspended and
 * the joined are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
});
afterAll(() => t.drop());

interface Card {
  kind: string;
  id: string;
  name: string;
}
interface Matches {
  company: Card;
  items: { company: Card & Record<string, unknown>; score: number; reasons: { type: string }[] }[];
}

let serial = Date.now() % 100_000;

async function member(body: Record<string, unknown>) {
  const response = await t.call('POST', '/v1/members', { token: staff, body: company(body) });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

async function partner(body: Record<string, unknown>) {
  const n = serial++;
  const response = await t.call('POST', '/v1/partners', {
    token: staff,
    body: {
      name: `Partner ${n}`,
      latinName: `Partner ${n}`,
      country: 'VN',
      sectors: ['industrial-parks'],
      contacts: [{ name: 'Lan', email: `lan.${n}@matches.test`, language: 'vi' }],
      ...body,
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

const water = { topic: 'industrial-water-treatment', text: 'Очистные сооружения под ключ' };
const plots = { topic: 'industrial-parks', text: 'Serviced plots near the port' };
const trade = { topic: 'trade', text: 'Distribution across the Mekong delta' };

describe('GET /v1/matches and GET /v1/me/matches', () => {
  let seeker: { id: string };
  let bothWays: { id: string };
  let oneWay: { id: string };
  let hidden: { id: string };
  let peer: { id: string; name: string };
  beforeAll(async () => {
    seeker = await member({
      targetMarkets: ['VN'],
      languages: ['ru', 'en'],
      offers: [water],
      needs: [{ topic: 'industrial-parks', text: 'Площадка во Вьетнаме' }],
      matchmakingVisible: true,
    });
    bothWays = await partner({
      targetMarkets: ['RU'],
      languages: ['vi', 'en'],
      offers: [plots],
      needs: [{ topic: 'industrial-water-treatment', text: 'A treatment plant' }],
      matchmakingVisible: true,
    });
    oneWay = await partner({ offers: [plots], languages: ['vi', 'en'], matchmakingVisible: true });
    hidden = await partner({ offers: [plots], needs: [water], matchmakingVisible: false });
    peer = await member({ needs: [water], matchmakingVisible: true });
    await partner({ offers: [trade], matchmakingVisible: true });
  });

  it('ranks the companies whose needs meet its offers and the reverse, with reasons', async () => {
    const response = await t.call('GET', `/v1/matches?memberId=${seeker.id}`, { token: staff });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Matches;
    expect(body.company).toMatchObject({ kind: 'member', id: seeker.id });
    // 3 + 2 + 1 (plots, in its market, English) beats 3 + 1 + 1 (water, Russian, energy).
    expect(body.items.map((m) => m.company.id)).toEqual([bothWays.id, oneWay.id, peer.id]);
    expect(body.items[0]!.reasons.map((r) => r.type)).toEqual([
      'they-seek-what-you-offer',
      'they-offer-what-you-seek',
      'both-ways',
      'in-your-target-market',
      'you-are-in-their-target-market',
      'common-language',
    ]);
    expect(body.items.map((m) => m.company.id)).not.toContain(hidden.id);
  });

  it('shows a member its matches as cards: no contacts, tax id or notes', async () => {
    const token = await t.token('member', peer.id);
    const response = await t.call('GET', '/v1/me/matches', { token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Matches;
    expect(body.items.map((m) => m.company.id)).toEqual(expect.arrayContaining([seeker.id]));
    for (const { company: card } of body.items) {
      expect(Object.keys(card).sort()).toEqual(
        expect.arrayContaining(['country', 'id', 'kind', 'languages', 'name', 'needs', 'offers', 'sectors']),
      );
      for (const secret of ['contacts', 'taxId', 'notes', 'tier', 'verifiedRevenue', 'email']) {
        expect(card).not.toHaveProperty(secret);
      }
    }
    // A member token may not ask for another company's matches.
    expect((await t.call('GET', `/v1/matches?memberId=${seeker.id}`, { token })).status).toBe(403);
  });

  it('drops a company that hides itself, and matches a partner too', async () => {
    const token = await t.token('member', seeker.id);
    const before = (await (
      await t.call('GET', `/v1/matches?partnerId=${bothWays.id}`, { token: staff })
    ).json()) as Matches;
    expect(before.items.map((m) => m.company.id)).toContain(seeker.id);
    const hide = await t.call('PATCH', '/v1/me', {
      token,
      body: { matchmakingVisible: false },
      headers: { 'if-match': '*' },
    });
    expect(hide.status).toBe(200);
    const after = (await (
      await t.call('GET', `/v1/matches?partnerId=${bothWays.id}`, { token: staff })
    ).json()) as Matches;
    expect(after.items.map((m) => m.company.id)).not.toContain(seeker.id);
    // Hidden itself, it still sees its own matches.
    const own = (await (await t.call('GET', '/v1/me/matches', { token })).json()) as Matches;
    expect(own.items.length).toBeGreaterThan(0);
  });

  it('answers 400 without exactly one company, 404 for an unknown one', async () => {
    expect((await t.call('GET', '/v1/matches', { token: staff })).status).toBe(400);
    expect(
      (await t.call('GET', `/v1/matches?memberId=${seeker.id}&partnerId=${bothWays.id}`, { token: staff }))
        .status,
    ).toBe(400);
    expect(
      (await t.call('GET', '/v1/matches?memberId=01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff })).status,
    ).toBe(404);
  });
});
