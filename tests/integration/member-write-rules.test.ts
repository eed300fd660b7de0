/**
 * Member writes on DynamoDB Local (issue 6, "no 500s from input; read = write shapes"): region codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
});
afterAll(() => t.drop());

type Body = Record<string, unknown>;
interface Member {
  id: string;
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

describe('regions', () => {
  let mst = 310_000_000;
  const vn = (region: string) => company({ country: 'VN', taxId: `0${mst++}`, region, contacts: [] });

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
