import { expect } from 'vitest';
import { company } from './companies.ts';
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
