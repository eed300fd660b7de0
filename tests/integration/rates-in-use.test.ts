/**
 * Exchange rates and the members that need them: the rate table keeps a rate for every currency that
 * members' verified revenue is in (counted in each member write's transaction, never scanned), a member
 * write never trips over a rate it does not use, and dated rates take effect on their day.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateTableKey } from '../../shared/data/keys.ts';
import type { RateTable } from '../../shared/domain/exchange-rates.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import type { Money } from '../../shared/domain/money.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { retierForDatedRates } from '../../shared/members/retier-job.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let today = new Date('2026-03-01T09:00:00Z');
let t: TestApp;
let staff: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ clock: () => today });
  staff = await t.token('staff');
  admin = await t.token('admin');
});
afterAll(() => t.drop());

const rates = (...extra: RateTable['rates']): RateTable => ({
  base: 'RUB',
  rates: [
    { currency: 'USD', perUnit: '92.5', validFrom: '2026-01-01' },
    { currency: 'VND', perUnit: '0.0037', validFrom: '2026-01-01' },
    ...extra,
  ],
});

let innBody = 810_000_000;
async function createMember(verifiedRevenue: Money): Promise<Member> {
  const inn = withInnCheckDigits(String(innBody++));
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: {
      name: `ООО «Курс ${inn}»`,
      country: 'RU',
      taxId: inn,
      sectors: ['tourism'],
      verifiedRevenue,
      contacts: [{ name: 'Лиза', email: `l.${inn}@rates.example`, language: 'ru' }],
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Member;
}

async function putRates(table: RateTable): Promise<Response> {
  const etag = (await t.call('GET', '/v1/exchange-rates', { token: staff })).headers.get('etag')!;
  return t.call('PUT', '/v1/exchange-rates', { token: admin, body: table, headers: { 'if-match': etag } });
}

/** Saves a rate table and waits for its re-tier job to finish. */
async function saveRates(table: RateTable): Promise<void> {
  const response = await putRates(table);
  expect(response.status).toBe(200);
  await t.jobs.idle();
}

describe('currencies in use keep their rates', () => {
  const vnd: Member[] = [];

  beforeAll(async () => {
    await saveRates(rates());
    vnd.push(await createMember({ amount: 50_000_000_000, currency: 'VND' }));
    vnd.push(await createMember({ amount: 90_000_000_000, currency: 'VND' }));
    await createMember({ amount: 2_000_000_00, currency: 'USD' });
  });

  it('refuses a table that leaves a counted currency without a rate from today on, naming each with its count', async () => {
    const before = (await t.call('GET', '/v1/exchange-rates', { token: staff })).headers.get('etag');
    // No USD at all, and VND only from tomorrow.
    const refused = await putRates({
      base: 'RUB',
      rates: [{ currency: 'VND', perUnit: '0.004', validFrom: '2026-03-02' }],
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: unknown }).errors).toEqual([
      {
        path: 'rates',
        message:
          'USD: 1 member(s) have verified revenue and 0 lead(s) an estimated value in USD; it needs a rate in force from 2026-03-01 on.',
      },
      {
        path: 'rates',
        message:
          'VND: 2 member(s) have verified revenue and 0 lead(s) an estimated value in VND; it needs a rate in force from 2026-03-01 on.',
      },
    ]);
    expect((await t.call('GET', '/v1/exchange-rates', { token: staff })).headers.get('etag')).toBe(before);
    // A member whose revenue moves to another currency no longer counts for the old one.
    const moved = await t.call('PATCH', `/v1/members/${vnd[1]!.id}`, {
      token: staff,
      body: { verifiedRevenue: { amount: 36_000_000_000, currency: 'RUB' } },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    const vndFromTomorrow = await putRates({
      base: 'RUB',
      rates: [rates().rates[0]!, { currency: 'VND', perUnit: '0.004', validFrom: '2026-03-02' }],
    });
    expect(((await vndFromTomorrow.json()) as { errors: { message: string }[] }).errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^VND: 1 member\(s\) /) }),
    ]);
  });

  it('refuses a member joining a currency that a table saved while the write was in flight dropped', async () => {
    await saveRates(rates({ currency: 'CNY', perUnit: '12.75', validFrom: '2026-01-01' }));
    // The write has read the table with CNY; an admin saves one without it before the write commits.
    let saved = false;
    t.db.doc.middlewareStack.add(
      (next) => async (args) => {
        const legs = (args.input as { TransactItems?: { Update?: { Key?: { sk?: string } } }[] })
          .TransactItems;
        if (!saved && legs?.some((leg) => leg.Update?.Key?.sk === 'CURRENCY#CNY')) {
          saved = true;
          await saveRates(rates());
        }
        return next(args);
      },
      { step: 'initialize', name: 'dropCnyMidWrite' },
    );
    try {
      const inn = withInnCheckDigits(String(innBody++));
      const response = await t.call('POST', '/v1/members', {
        token: staff,
        body: {
          name: `ООО «Юань ${inn}»`,
          country: 'RU',
          taxId: inn,
          sectors: ['tourism'],
          verifiedRevenue: { amount: 10_000_000_00, currency: 'CNY' },
          contacts: [],
        },
      });
      expect(saved).toBe(true);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { errors: unknown }).errors).toEqual([
        {
          path: 'verifiedRevenue',
          message: 'No CNY rate is in force on 2026-03-01 under the exchange-rate table saved meanwhile.',
        },
      ]);
    } finally {
      t.db.doc.middlewareStack.remove('dropCnyMidWrite');
    }
  });

  it('lets a write that leaves verified revenue alone through without converting it, even with its rate gone', async () => {
    // A table saved before currencies were counted could lack a rate members need: written directly.
    const stored = (await t.call('GET', '/v1/exchange-rates', { token: staff })).headers.get('etag')!;
    await t.db.doc.send(
      new PutCommand({
        TableName: t.db.tableName,
        Item: {
          ...rateTableKey,
          type: 'rateTable',
          value: { base: 'RUB', rates: [rates().rates[0]!] },
          version: Number(JSON.parse(stored)) + 1,
          createdAt: today.toISOString(),
          updatedAt: today.toISOString(),
        },
      }),
    );
    const member = vnd[0]!;
    const patched = await t.call('PATCH', '/v1/me', {
      token: await t.token('member', member.id),
      body: { description: 'Консервы и соки' },
      headers: { 'if-match': `"${member.version}"` },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(await patched.json()).toMatchObject({
      description: 'Консервы и соки',
      tier: member.tier,
      tierRevenue: member.tierRevenue,
    });
  });
});

describe('dated rates', () => {
  it('take effect on their day: the daily run re-tiers the members whose conversion changed, once', async () => {
    // $1.5M is 138.75 million RUB at 92.5 (small); at 60 from tomorrow, 90 million (micro).
    await saveRates(rates({ currency: 'USD', perUnit: '60', validFrom: '2026-03-02' }));
    const member = await createMember({ amount: 1_500_000_00, currency: 'USD' });
    expect(member.tier).toBe('small');
    expect(await retierForDatedRates(t.jobRuntime)).toBeUndefined();

    today = new Date('2026-03-02T00:00:05Z');
    const job = await retierForDatedRates(t.jobRuntime);
    await t.jobs.idle();
    const moved = (await (
      await t.call('GET', `/v1/members/${member.id}`, { token: staff })
    ).json()) as Member;
    expect(moved).toMatchObject({
      tier: 'micro',
      tierRevenue: { amount: 90 * 100_000_000, currency: 'RUB' },
    });
    // Every dollar member's conversion changed (the $2M one above stays small): no one else's.
    const view = await t.call('GET', `/v1/jobs/${job!.id}`, { token: staff });
    expect(await view.json()).toMatchObject({ status: 'succeeded', changed: 2 });

    // Run again the same day (a redelivered message, a restart) or the next: no second job.
    expect(await retierForDatedRates(t.jobRuntime)).toMatchObject({ id: job!.id, status: 'succeeded' });
    today = new Date('2026-03-03T00:00:05Z');
    expect(await retierForDatedRates(t.jobRuntime)).toBeUndefined();
  });
});

describe('lead values count as using their currency', () => {
  it('keeps the rate of a currency a lead is valued in, and a lead takes no currency without a rate', async () => {
    await saveRates(rates({ currency: 'THB', perUnit: '2.65', validFrom: '2026-01-01' }));
    const member = await createMember({ amount: 100, currency: 'RUB' });
    const partner = await t.call('POST', '/v1/partners', {
      token: staff,
      body: { name: 'Siam Rates', latinName: 'Siam Rates', country: 'TH', sectors: ['trade'] },
    });
    const partnerId = ((await partner.json()) as { id: string }).id;
    const lead = await t.call('POST', '/v1/leads', {
      token: staff,
      body: {
        memberId: member.id,
        partnerId,
        topic: 'trade',
        source: { type: 'inbound' },
        estimatedValue: { amount: 5_000_000, currency: 'THB' },
      },
    });
    expect(lead.status).toBe(201);
    const refused = await putRates(rates());
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain(
      '1 lead(s) an estimated value in THB',
    );
    // A currency without a rate: the lead is refused, with nothing written.
    const noRate = await t.call('POST', '/v1/leads', {
      token: staff,
      body: {
        memberId: member.id,
        partnerId,
        topic: 'logistics',
        source: { type: 'inbound' },
        estimatedValue: { amount: 5_000_000, currency: 'MYR' },
      },
    });
    expect(noRate.status).toBe(422);
    expect(((await noRate.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      'estimatedValue.currency',
    );
    // Moved to another currency, the lead no longer holds THB's rate.
    const leadId = ((await lead.json()) as { id: string }).id;
    const moved = await t.call('PATCH', `/v1/leads/${leadId}`, {
      token: staff,
      body: { estimatedValue: { amount: 9_000, currency: 'USD' } },
      headers: { 'if-match': '*' },
    });
    expect(moved.status).toBe(200);
    expect((await putRates(rates())).status).toBe(200);
  });
});
