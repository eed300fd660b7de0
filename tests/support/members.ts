import { expect } from 'vitest';
import { company, mstSequence } from './companies.ts';
import type { TestApp } from './test-app.ts';

let serial = Date.now() % 100_000;

/** A contact for a member body, with a fresh address and consent to outreach unless told otherwise. */
export const contact = (name: string, language: string, outreach = true) => ({
  name,
  email: `${name.toLowerCase()}.${serial++}@contacts.test`,
  language,
  consent: { outreach },
});

/** A member of `sector` created through the API as `token`: a company() body with `overrides`. */
export async function createMember(
  t: TestApp,
  token: string,
  sector: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await t.call('POST', '/v1/members', {
    token,
    body: company({ sectors: [sector], ...overrides }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; contacts: { id: string; email: string }[] };
}

/** A company at a B2B event, with the token it acts as a member with. */
export interface EventCompany {
  id: string;
  name: string;
  contacts: { id: string; name: string; email: string }[];
  token: string;
}

const nextMst = mstSequence(310_000_000 + (Date.now() % 1_000_000));

/**
 * A Russian or Vietnamese member for the event tests, created as `token`: `delegates` contacts in its
 * language, and what it offers and needs (each topic with a line of text).
 */
export async function eventMember(
  t: TestApp,
  token: string,
  country: 'RU' | 'VN',
  {
    offers = ['energy'],
    needs = ['trade'],
    delegates = 1,
  }: { offers?: string[]; needs?: string[]; delegates?: number } = {},
): Promise<EventCompany> {
  const n = serial++;
  const people = (name: string, language: string) =>
    Array.from({ length: delegates }, (_, i) => ({
      name: `${name} ${n}-${i}`,
      email: `d${i}.${n}@events.test`,
      language,
    }));
  const body =
    country === 'RU'
      ? company({ contacts: people('Делегат', 'ru') })
      : company({
          name: `Công ty ${n}`,
          country: 'VN',
          region: 'VN-HN',
          taxId: nextMst(),
          languages: ['vi'],
          contacts: people('Đại biểu', 'vi'),
        });
  const response = await t.call('POST', '/v1/members', {
    token,
    body: {
      ...body,
      offers: offers.map((topic) => ({ topic, text: `We offer ${topic}` })),
      needs: needs.map((topic) => ({ topic, text: `We seek ${topic}` })),
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as Omit<EventCompany, 'token'>;
  return { ...created, token: await t.token('member', created.id) };
}
