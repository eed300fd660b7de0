import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendToRecipient } from '../../shared/campaigns/sender.ts';
import type { TierTable } from '../../shared/domain/tiers.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { scheduleHeld, sendNow } from '../support/campaign-runs.ts';
import { mstSequence } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { contact, createMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const MILLION_RUB = 100_000_000;
const nextMst = mstSequence(420_000_000 + (Date.now() % 1_000_000));

/**
 * The association's own tier labels, none of them the seed table's: `major` in every language,
 * `small` in Russian only (Vietnamese and English readers get its one label).
 */
const tierTable = (majorRu: string): TierTable => ({
  currency: 'RUB',
  tiers: [
    {
      name: 'small',
      label: 'Small and medium business',
      labels: { ru: 'Малый и средний бизнес' },
      lowerBound: 0,
      upperBound: 2_000 * MILLION_RUB,
      annualDues: { amount: 5_000_000, currency: 'RUB' },
    },
    {
      name: 'major',
      label: 'Major business',
      labels: { ru: majorRu, vi: 'Doanh nghiệp quy mô lớn', en: 'Major enterprise' },
      lowerBound: 2_000 * MILLION_RUB,
      upperBound: null,
      annualDues: { amount: 50_000_000, currency: 'RUB' },
    },
  ],
});

let t: TestApp;
let staff: string;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  cookie = await consoleSignIn(t.app, 'staff', '/console/campaigns');
  await new SettingsRepository(t.db).put('tiers', tierTable('Крупный бизнес'), 0, new Date());
});
afterAll(() => t.drop());

/** Each variant says who the letter is for, with the three fields named in its language. */
const line = '{{contactName}} ({{#tier}}{{tier}}, {{/tier}}{{country}}{{#region}}, {{region}}{{/region}})';
const variant = { subject: 'Для {{companyName}}', html: `<p>${line}</p>`, text: line };

async function campaign(sector: string): Promise<string> {
  const response = await t.call('POST', '/v1/campaigns', {
    token: staff,
    body: {
      name: `Names for ${sector}`,
      segment: { sectors: [sector] },
      replyTo: 'partnerships@example.org',
      variants: { ru: variant, vi: variant, en: variant },
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The outbox's emails to `address`, parsed (the bodies decoded). */
async function mailTo(address: string) {
  const files = (await readdir(t.outboxDir).catch(() => [])).filter((f) => f.endsWith('.eml'));
  const raw = await Promise.all(files.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
  const to = raw.filter((eml) => new RegExp(`^To: ${address.replace(/[.+]/g, '\\$&')}\\r?$`, 'm').test(eml));
  return Promise.all(to.map((eml) => PostalMime.parse(eml)));
}

/**
 * A Moscow member in the top tier with a Russian contact, a Hanoi member without verified revenue
 * with a Vietnamese one, and a Vladimir member in the lower tier with an English one.
 */
async function members(sector: string) {
  const ivan = { ...contact('Ivan', 'ru'), name: 'Иван' };
  const lan = contact('Lan', 'vi');
  const alex = contact('Alex', 'en');
  await createMember(t, staff, sector, {
    region: 'RU-MOW',
    verifiedRevenue: { amount: 3_000 * MILLION_RUB, currency: 'RUB' },
    contacts: [ivan],
  });
  await createMember(t, staff, sector, {
    name: 'Công ty Hà Nội',
    country: 'VN',
    region: 'VN-HN',
    taxId: nextMst(),
    languages: ['vi'],
    verifiedRevenue: undefined,
    contacts: [lan],
  });
  await createMember(t, staff, sector, {
    region: 'RU-VLA',
    languages: ['en'],
    verifiedRevenue: { amount: 500 * MILLION_RUB, currency: 'RUB' },
    contacts: [alex],
  });
  return { ivan, lan, alex };
}

describe('merge fields in the recipient’s language', () => {
  it('names the tier, country and region in each recipient’s letter, as the preview shows them', async () => {
    const { ivan, lan, alex } = await members('fisheries');
    const id = await campaign('fisheries');
    const expected = {
      ru: 'Иван (Крупный бизнес, Россия, Москва)',
      // No verified revenue: no tier to name, and the section shows nothing.
      vi: 'Lan (Việt Nam, Hà Nội)',
      // No English label for `small`: its one label, as the console shows it.
      en: 'Alex (Small and medium business, Russia, Vladimir Oblast)',
    };

    const preview = await t.call('POST', `/v1/campaigns/${id}/preview`, { token: staff });
    expect(preview.status).toBe(200);
    const { samples } = (await preview.json()) as { samples: Record<string, { text: string; html: string }> };
    expect(samples.ru).toMatchObject({ text: expected.ru, html: `<p>${expected.ru}</p>` });
    expect(samples.vi?.text).toBe(expected.vi);
    expect(samples.en?.text).toBe(expected.en);

    await sendNow(t, staff, id);
    for (const [language, to] of [
      ['ru', ivan],
      ['vi', lan],
      ['en', alex],
    ] as const) {
      const emails = await mailTo(to.email);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.text).toContain(expected[language]);
      expect(emails[0]!.html).toContain(`<p>${expected[language]}</p>`);
    }
  });

  it('sends test emails and shows the compose form’s preview with the samples named in each language', async () => {
    const id = await campaign('mining');
    const answer = await t.call('POST', `/v1/campaigns/${id}/test`, { token: staff });
    expect(answer.status).toBe(202);
    const { to } = (await answer.json()) as { to: string };
    await t.sends.idle();
    const texts = (await mailTo(to)).map((email) => email.text ?? '');
    expect(texts).toHaveLength(3);
    // The samples are in the table's highest tier, named by the association's label.
    for (const sample of [
      'Иван Петров (Крупный бизнес, Россия, Москва)',
      'Nguyễn Văn An (Doanh nghiệp quy mô lớn, Việt Nam, Hà Nội)',
      'Alex Smith (Major enterprise, Singapore)',
    ]) {
      expect(texts.filter((text) => text.includes(sample))).toHaveLength(1);
    }
    for (const code of ['major', 'RU-MOW', 'VN-HN', '(Major business']) {
      expect(texts.join('\n')).not.toContain(code);
    }

    const page = await (await consoleRequest(t.app, cookie, `/console/campaigns/${id}`)).text();
    expect(page).toContain('&lt;p&gt;Иван Петров (Крупный бизнес, Россия, Москва)&lt;/p&gt;');
    expect(page).toContain('&lt;p&gt;Alex Smith (Major enterprise, Singapore)&lt;/p&gt;');
    // The compose form's help says what the three fields hold.
    expect(page).toContain('the tier, country and region are named in this language');
  });

  it('sends a recipient the values stored with it at dispatch, whatever the tier table says since', async () => {
    const { ivan } = await members('tourism');
    const id = await campaign('tourism');
    const written = await scheduleHeld(t, staff, id);
    const settings = new SettingsRepository(t.db);
    const { version } = await settings.readTiers();
    await settings.put('tiers', tierTable('Крупнейший бизнес'), version, new Date());
    try {
      for (const r of written.filter((each) => each.status === 'queued')) {
        await sendToRecipient({ campaignId: id, contactId: r.contactId }, t.sending);
      }
      const [email] = await mailTo(ivan.email);
      expect(email?.text).toContain('Иван (Крупный бизнес, Россия, Москва)');
    } finally {
      await settings.put('tiers', tierTable('Крупный бизнес'), version + 1, new Date());
    }
  });
});
