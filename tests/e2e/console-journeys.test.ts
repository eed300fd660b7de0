/**
 * The console's journeys in Chromium against `npm start`'s server, as staff would go through them:
 * real clicks and typing on the pages, what the user sees asserted, and where it matters the data read
 * back through the API. Each journey builds the records it needs through the API first (the demo seed
 * is shared with the other browser tests, and has no Владкон).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDevSecrets } from '../../infra/local/dev-secrets.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { eventCreateExample } from '../../shared/events/event-schema.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { layoutColumns } from '../../shared/members/member-csv.ts';
import { launchChromium, seriousViolations, signedInPage } from '../support/browser.ts';
import { company, mstSequence } from '../support/companies.ts';

const baseUrl = inject('baseUrl');
const outbox = join(inject('e2eDataDir'), 'outbox');
/** Tells this run's records from those of the seed and of other runs against a kept server. */
const stamp = Date.now() % 1_000_000;
const nextMst = mstSequence(330_000_000 + stamp * 100);
/** companies.ts counts its tax ids from the same start in every process: other files would collide. */
let innBody = 610_000_000 + stamp * 100;
let browser: Browser;
let staff: string;

async function token(role: 'staff' | 'member', memberId?: string) {
  const secrets = await loadDevSecrets(join(inject('e2eDataDir'), 'dev-secrets.json'));
  if (!secrets) throw new Error('npm start did not write its dev secrets');
  return signLocalToken(secrets.privateJwk, { role, ...(memberId ? { memberId } : {}) });
}

async function api<T>(method: string, path: string, body?: unknown, bearer = staff): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'PATCH' ? { 'if-match': '*' } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface Member {
  id: string;
  name: string;
  version: number;
  contacts: { id: string; name: string; email: string; phone?: string; position?: string }[];
}

function createMember(body: Record<string, unknown>) {
  const inn = withInnCheckDigits(String(innBody++));
  const contacts = [{ name: 'Павел Орлов', email: `p.orlov.${inn}@journeys.test`, language: 'ru' }];
  return api<Member>('POST', '/v1/members', company({ taxId: inn, contacts, ...body }));
}

/** The outbox's emails (one .eml each, written by the server's sender) whose subject passes `match`. */
async function mailed(match: (subject: string) => boolean) {
  const found: { subject: string; to: string[] }[] = [];
  for (const file of (await readdir(outbox).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'))) {
    const parsed = await PostalMime.parse(await readFile(join(outbox, file)));
    if (match(parsed.subject ?? '')) {
      found.push({ subject: parsed.subject ?? '', to: (parsed.to ?? []).map((a) => a.address ?? '') });
    }
  }
  return found;
}

const textOf = (page: Page, selector: string) => page.locator(selector).textContent();

beforeAll(async () => {
  browser = await launchChromium();
  staff = await token('staff');
});
afterAll(() => browser?.close());

describe('the console in Chromium, journey by journey', () => {
  let vladkon: Member;

  beforeAll(async () => {
    vladkon = await createMember({
      name: 'ООО «Владкон-Сервис»',
      contacts: [
        {
          name: 'Ирина Соколова',
          email: `i.sokolova.${stamp}@vladkon.test`,
          language: 'ru',
          phone: '+74951002030',
        },
      ],
    });
  });

  it('signs in, focuses the search with /, finds "vladkon" as it is typed and opens the record', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, 'staff');
    expect(new URL(page.url()).pathname).toBe('/console/members');
    // A mark on this document: a full page load would lose it, a swap of the results keeps it.
    await page.evaluate('window.stillThisDocument = true');
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('search');
    await page.keyboard.type('vladkon', { delay: 30 });
    const rows = page.locator('#results tbody tr');
    // Only Владкон is left (one, unless an earlier run against the same server made its own).
    await expect
      .poll(
        async () => {
          const shown = await rows.allInnerTexts();
          const q = new URL(page.url()).searchParams.get('q');
          return q === 'vladkon' && shown.length > 0 && shown.every((row) => row.includes('Владкон'));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await page.evaluate('window.stillThisDocument')).toBe(true);
    await rows.locator(`a[href="/console/members/${vladkon.id}"]`).click();
    await page.waitForURL(`**/console/members/${vladkon.id}`);
    expect(await textOf(page, 'h1')).toBe('ООО «Владкон-Сервис»');
    expect(await textOf(page, '#contacts')).toContain('Ирина Соколова');
    // The record's lists come after it, in place of their links: its history, newest first.
    await page.locator('#activity').waitFor({ state: 'detached' });
    expect(await page.locator('#history ol.timeline > li').count()).toBeGreaterThan(0);
    expect(await page.locator('#matches table, #matches p').count()).toBeGreaterThan(0);
    // Opened at a section that comes after it, the page shows that section once it is in.
    await page.goto('/console/members');
    await page.goto(`/console/members/${vladkon.id}#history`);
    await page.locator('#activity').waitFor({ state: 'detached' });
    await page.waitForFunction(
      "(() => { const top = document.getElementById('history').getBoundingClientRect().top; return top >= -2 && top < innerHeight / 2; })()",
    );
    // Scrolled elsewhere, left for another page and come back to with Back (a new document: the
    // page is not kept whole), it is where it was left once its lists are in, not at #history.
    const historyAt = Number(await page.evaluate('window.scrollY'));
    const leftAt = Number(
      await page.evaluate(
        "(window.scrollTo(0, document.getElementById('contacts').offsetTop), window.scrollY)",
      ),
    );
    expect(Math.abs(leftAt - historyAt)).toBeGreaterThan(100);
    await page.evaluate('window.leftHere = true');
    await page.goto('/console/members');
    await page.goBack();
    await page.locator('#activity').waitFor({ state: 'detached' });
    expect(await page.evaluate('window.leftHere')).toBeUndefined();
    await expect
      .poll(async () => Math.abs(Number(await page.evaluate('window.scrollY')) - leftAt))
      .toBeLessThan(5);
    // A control focused from the keyboard is outlined, a secondary button as much as any.
    await page.locator('#contacts button.secondary').first().focus();
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await context.close();
  });

  it('searches among the members the filters choose, as it is typed and as the form is sent', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, 'staff');
    const country = page.getByLabel('Country (name or ISO code, e.g. VN)');
    await country.fill('VN');
    await page.locator('#search').pressSequentially('vladkon', { delay: 30 });
    // Typed: the search goes with the country, and the address names both.
    await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('?q=vladkon&country=VN');
    await expect.poll(() => page.locator('#results').textContent()).toContain('No members in this view.');
    // Sent by the filters' form: the search goes with them, and stays in its field.
    await country.fill('Россия');
    await country.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('country') === 'Россия');
    expect(new URL(page.url()).searchParams.get('q')).toBe('vladkon');
    expect(await page.locator('#search').inputValue()).toBe('vladkon');
    const shown = await page.locator('#results tbody tr').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((row) => row.includes('Владкон'))).toBe(true);
    await context.close();
  });

  it('edits a contact on the record and sees it saved', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, 'staff');
    await page.goto(`/console/members/${vladkon.id}`);
    await page.getByRole('link', { name: 'Edit contact Ирина Соколова' }).click();
    // A number it cannot read comes back with the page starting at that field.
    await page.getByLabel('Phone').fill('555-66-77');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#f-phone-error').waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-phone');
    // As written on a Russian business card: read as +7.
    await page.getByLabel('Phone').fill('8 (495) 555-66-77');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/console/members/${vladkon.id}?saved=contacts#done`);
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    expect(await textOf(page, '#contacts')).toContain('+7 495 555-66-77');
    const stored = await api<Member>('GET', `/v1/members/${vladkon.id}`);
    expect(stored.contacts[0]?.phone).toBe('+74955556677');
    await context.close();
  });

  it('handles a 412: an edit of a record changed meanwhile is refused, then saved on the current version', async () => {
    const { context, page: first } = await signedInPage(browser, baseUrl, 'staff');
    const second = await context.newPage();
    const contactId = vladkon.contacts[0]!.id;
    const form = `/console/members/${vladkon.id}/contacts/${contactId}`;
    await first.goto(form);
    await second.goto(form);

    await first.getByLabel('Phone').fill('+74957778899');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.waitForURL(`**/console/members/${vladkon.id}?saved=contacts#done`);

    await second.getByLabel('Position').fill('Коммерческий директор');
    const refused = second.waitForResponse((r) => r.request().method() === 'POST');
    await second.getByRole('button', { name: 'Save' }).click();
    expect((await refused).status()).toBe(412);
    expect(await second.getByRole('heading', { level: 2, name: 'Changed by someone else' }).count()).toBe(1);
    expect(await second.getByRole('alert').textContent()).toContain('Your edit was not saved.');
    expect(await seriousViolations(second)).toEqual([]);
    // Nothing of the second entry was written.
    expect((await api<Member>('GET', `/v1/members/${vladkon.id}`)).contacts[0]?.position).toBeUndefined();

    await second.getByRole('link', { name: 'Open the current version' }).click();
    await second.waitForURL(`**/console/members/${vladkon.id}`);
    expect(await textOf(second, '#contacts')).toContain('+7 495 777-88-99');
    await second.getByRole('link', { name: 'Edit contact Ирина Соколова' }).click();
    await second.getByLabel('Position').fill('Коммерческий директор');
    await second.getByRole('button', { name: 'Save' }).click();
    await second.waitForURL(`**/console/members/${vladkon.id}?saved=contacts#done`);
    const stored = await api<Member>('GET', `/v1/members/${vladkon.id}`);
    expect(stored.contacts[0]).toMatchObject({ phone: '+74957778899', position: 'Коммерческий директор' });
    await context.close();
  });

  it('imports a CSV through the form and shows the report row by row', async () => {
    const columns = layoutColumns(1);
    const row = (name: string, email: string): Record<string, string> => ({
      name,
      country: 'VN',
      region: 'VN-HN',
      taxId: nextMst(),
      sectors: 'garments-textiles',
      contact1_name: 'Nguyễn Văn An',
      contact1_email: email,
      contact1_language: 'vi',
      contact1_outreach: 'yes',
      contact1_news: 'no',
    });
    const cell = (value: string) => `"${value.replaceAll('"', '""')}"`;
    const csv = [
      columns.join(','),
      ...[
        row(`Công ty TNHH Dệt May Hưng Yên ${stamp}`, `an.${stamp}@hungyen.test`),
        row(`Công ty TNHH Sai Địa Chỉ ${stamp}`, 'not-an-email'),
      ].map((r) => columns.map((c) => cell(r[c] ?? '')).join(',')),
    ].join('\r\n');

    const { context, page } = await signedInPage(browser, baseUrl, 'staff');
    await page.getByRole('link', { name: 'Import members from CSV' }).click();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\r\n`),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import report' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(
      '1 created, 0 updated, 0 unchanged, 1 rejected.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    const lines = await page.locator('main tbody tr').allInnerTexts();
    expect(lines).toEqual([
      expect.stringMatching(/^2\s+Created\s+Open\s+—$/),
      expect.stringMatching(
        /^3\s+Rejected\s+—\s+contact1_email \(Contact 1: email\): Not an email address\.$/,
      ),
    ]);
    await page.getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(/\/console\/members\/[0-9A-Z]{26}$/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await textOf(page, 'h1')).toBe(`Công ty TNHH Dệt May Hưng Yên ${stamp}`);
    expect((await api<Member>('GET', `/v1/members/${id}`)).contacts[0]?.email).toBe(
      `an.${stamp}@hungyen.test`,
    );
    await context.close();
  });

  it('composes a campaign with a live preview, sends a test, sends it now and shows its recipients', async () => {
    // An audience of exactly these two: a sector, an interest and a region no seeded member has together.
    const segment = { sectors: ['tourism'], interests: ['agriculture'], region: 'RU-CHU' };
    const recipients = await Promise.all(
      ['Олег', 'Анна'].map((name, i) =>
        createMember({
          name: `ООО «Чукотка Тур ${stamp}-${i}»`,
          region: segment.region,
          sectors: segment.sectors,
          interests: segment.interests,
          contacts: [
            {
              name,
              email: `tour.${i}.${stamp}@chukotka.test`,
              language: 'en',
              consent: { outreach: true },
            },
          ],
        }),
      ),
    );
    const subject = `Partners in Vietnam ${stamp}`;
    const { context, page } = await signedInPage(browser, baseUrl, 'staff');
    await page.goto('/console/campaigns');
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`Chukotka tourism ${stamp}`);
    await page.getByRole('group', { name: 'Sectors' }).getByLabel('Tourism').check();
    await page.getByRole('group', { name: 'Interests' }).getByLabel('Agriculture').check();
    // A region by its name, as staff know it; the campaign stores its code. The entry being typed is
    // suggested from the listed regions after the entries before it (console.js), once the list has
    // come on the field's first focus.
    const regions = page.getByLabel('Regions');
    expect(await page.locator('#region-list option').count()).toBe(0);
    await regions.fill('Moscow, Chuk');
    const offeredValues = () =>
      page
        .locator('#region-list option')
        .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    await expect.poll(offeredValues, { timeout: 10_000 }).toContain('Moscow, Chukotka Autonomous Okrug');
    const offered = await offeredValues();
    expect(offered).toHaveLength(new Set(offered).size);
    await regions.fill('Chukotka Autonomous Okrug');
    await page.getByLabel('Replies go to').fill('partnerships@example.org');
    await page.getByLabel('Subject (en)').fill(subject);
    await page.getByLabel('HTML body (en)').fill('<p>Dear {{contactName}}, partners are waiting.</p>');
    await page.getByLabel('Plain-text body (en)').fill('Dear {{contactName}}, partners are waiting.');
    // The preview follows the typing: its email is a document titled by the subject.
    const frame = page.locator('#preview iframe');
    await expect
      .poll(async () => (await (await frame.elementHandle({ timeout: 10_000 }))?.contentFrame())?.title(), {
        timeout: 10_000,
      })
      .toBe(subject);
    // axe leaves the scriptless frame out (seriousViolations): its name is checked here.
    expect(await frame.getAttribute('title')).toBe('Preview of the email in English');

    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/console\/campaigns\/[0-9A-Z]{26}\?saved$/);
    const campaignId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    // The audience is counted on request, in place.
    await page.getByRole('button', { name: 'Count the audience' }).click();
    await page.locator('#audience .audience-count').waitFor();
    expect(await textOf(page, '#audience .audience-count')).toBe('2');

    await page.getByRole('button', { name: 'Send me a test' }).click();
    await page.waitForURL(/\?tested$/);
    expect(await page.getByRole('status').textContent()).toContain('Test emails are on their way to');
    await expect.poll(() => mailed((s) => s === `[Test] ${subject}`), { timeout: 10_000 }).toHaveLength(1);

    // Send now asks first, naming the audience it counted.
    await page.getByRole('button', { name: 'Count the audience' }).click();
    await page.locator('#audience .audience-count').waitFor();
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
    await page.getByRole('button', { name: 'Send now' }).click();
    expect(await asked).toBe('Send this campaign now to 2 recipients?');
    await page.waitForURL(`**/console/campaigns/${campaignId}?done=sending`);
    expect(await page.getByRole('status').first().textContent()).toBe(
      'Sending has started; its progress is below.',
    );
    // Sent now is scheduled for now: the dispatcher may not have picked it up when the page is drawn.
    expect(['Scheduled', 'Sending', 'Sent']).toContain(await page.locator('hgroup .state').textContent());
    const addresses = recipients.map((r) => r.contacts[0]!.email).sort();
    await expect
      .poll(async () => (await mailed((s) => s === subject)).flatMap((m) => m.to).sort(), { timeout: 15_000 })
      .toEqual(addresses);

    await page.getByRole('link', { name: 'Recipients' }).click();
    await page.waitForURL(`**/console/campaigns/${campaignId}/recipients`);
    await expect
      .poll(
        async () => {
          await page.reload();
          // Contact order is the contacts' ids, not their addresses.
          return (await page.locator('main tbody tr').allInnerTexts()).sort();
        },
        { timeout: 15_000 },
      )
      .toEqual(
        addresses.map((a) =>
          expect.stringMatching(new RegExp(`^${a.replaceAll('.', '\\.')}.*(Sent|Delivered)`)),
        ),
      );
    await context.close();
  });

  describe('the pipeline board', () => {
    let member: Member;

    /** A lead between the member and a new partner, moved through the API to `stages`' last. */
    async function lead(partnerName: string, latinName: string, stages: string[]) {
      const partner = await api<{ id: string }>('POST', '/v1/partners', {
        name: partnerName,
        latinName,
        country: 'VN',
        sectors: ['logistics'],
        contacts: [{ name: 'Lan', email: `lan.${stages.length}.${stamp}@pipeline.test`, language: 'vi' }],
      });
      const created = await api<{ id: string }>('POST', '/v1/leads', {
        memberId: member.id,
        partnerId: partner.id,
        topic: 'logistics',
        source: { type: 'referral', by: 'Торгпредство' },
      });
      for (const to of stages) await api('POST', `/v1/leads/${created.id}/transitions`, { to });
      return created.id;
    }

    const stageOf = async (id: string) => (await api<{ stage: string }>('GET', `/v1/leads/${id}`)).stage;

    beforeAll(async () => {
      member = await createMember({ name: `ООО «Дальлогистик ${stamp}»` });
    });

    it('drags a card to the won column', async () => {
      const partner = `Công ty Kéo Thả ${stamp}`;
      const id = await lead(partner, `Cong ty Keo Tha ${stamp}`, ['contacted', 'meeting', 'negotiating']);
      const { context, page } = await signedInPage(browser, baseUrl, 'staff');
      await page.goto('/console/leads');
      const card = page.locator('section[data-stage="negotiating"] article', { hasText: partner });
      const won = page.locator('section[data-stage="won"]');
      const moved = page.waitForResponse((r) => r.url().endsWith(`/console/leads/${id}/stage`));
      // Dropped near the column's top: its middle, under 25 cards, is far below the window.
      await card.dragTo(won, { targetPosition: { x: 30, y: 30 } });
      expect((await moved).status()).toBe(303);
      // The form's redirect brings the board back, the card in its new column.
      await won.locator('article', { hasText: partner }).waitFor();
      expect(await stageOf(id)).toBe('won');
      await context.close();
    });

    it("moves a card with the keyboard through its 'Move to' form", async () => {
      const partner = `Công ty Bàn Phím ${stamp}`;
      const id = await lead(partner, `Cong ty Ban Phim ${stamp}`, []);
      const { context, page } = await signedInPage(browser, baseUrl, 'staff');
      await page.goto('/console/leads');
      const card = page.locator('section[data-stage="new"] article', { hasText: partner });
      const select = card.getByLabel('Move to');
      // The next stage is the first choice: Tab from it to the button, Enter.
      expect(await select.locator('option:checked').textContent()).toBe('Contacted');
      await select.focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('section[data-stage="contacted"] article', { hasText: partner }).waitFor();
      expect(await stageOf(id)).toBe('contacted');
      // The board says where it went, and the keyboard is on the moved card's form again.
      expect(await page.getByRole('status').textContent()).toMatch(/ moved to “Contacted”\.$/);
      expect(await page.evaluate('document.activeElement?.id')).toBe(`move-${id}`);
      await context.close();
    });
  });

  it("schedules and publishes an event's meetings from its schedule page and shows the grid", async () => {
    const event = await api<{ id: string }>('POST', '/v1/events', {
      ...eventCreateExample,
      name: { en: `Journey B2B ${stamp}`, ru: `B2B-встречи ${stamp}`, vi: `Gặp gỡ B2B ${stamp}` },
    });
    await api('PATCH', `/v1/events/${event.id}`, { state: 'open' });
    type Company = Member & { token: string };
    const companies = await Promise.all(
      [0, 1, 2, 3].map(async (i): Promise<Company> => {
        const vn = i % 2 === 1;
        const created = await createMember({
          name: vn ? `Công ty Lịch Gặp ${stamp}-${i}` : `ООО «Расписание ${stamp}-${i}»`,
          ...(vn ? { country: 'VN', region: 'VN-HN', taxId: nextMst() } : {}),
          languages: [vn ? 'vi' : 'ru'],
          contacts: [
            { name: `Делегат ${i}`, email: `d.${i}.${stamp}@schedule.test`, language: vn ? 'vi' : 'ru' },
          ],
          offers: [{ topic: 'energy', text: 'We offer energy' }],
          needs: [{ topic: 'trade', text: 'We seek trade' }],
        });
        await api('POST', `/v1/events/${event.id}/participants`, {
          memberId: created.id,
          delegates: created.contacts.map((c) => ({ contactId: c.id })),
        });
        return { ...created, token: await token('member', created.id) };
      }),
    );
    const [ru0, vn1, ru2, vn3] = companies as [Company, Company, Company, Company];
    for (const [from, to] of [
      [ru0, vn1],
      [ru2, vn3],
    ] as const) {
      const request = await api<{ id: string }>(
        'POST',
        `/v1/events/${event.id}/requests`,
        { to: to.id, priority: 'must', reason: 'We should talk.' },
        from.token,
      );
      await api('POST', `/v1/events/${event.id}/requests/${request.id}/accept`, undefined, to.token);
    }

    const { context, page } = await signedInPage(browser, baseUrl, 'staff');
    await page.goto(`/console/events/${event.id}`);
    await page
      .getByRole('navigation', { name: 'Sections of the event' })
      .getByRole('link', { name: 'Schedule' })
      .click();
    await page.waitForURL(`**/console/events/${event.id}/schedule`);
    expect(await textOf(page, '#grid-title + *')).toBe('No meeting is placed yet.');
    // Publishing emails the participants: the button asks first.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toMatch(/^Publish the schedule\? Its meetings are confirmed/);
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/schedule\?placed=2&kept=0&unplaced=0&published$/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Meetings placed: 2; confirmed ones kept: 0; accepted requests without a place: 0. The schedule is published; agendas are on their way.',
    );
    const cells = await page.locator('table.grid-schedule tbody td').allInnerTexts();
    const placed = cells.filter((cell) => cell.trim() !== '');
    expect(placed).toHaveLength(2);
    expect(placed.join('\n')).toContain(`ООО «Расписание ${stamp}-0»`);
    expect(placed.join('\n')).toContain(`Công ty Lịch Gặp ${stamp}-3`);
    const schedule = await api<{ event: { state: string }; meetings: { state: string }[] }>(
      'GET',
      `/v1/events/${event.id}/schedule`,
    );
    expect(schedule.event.state).toBe('scheduled');
    expect(schedule.meetings.map((m) => m.state)).toEqual(['confirmed', 'confirmed']);
    await context.close();
  });
});
