/**
 * axe-core on the console's pages, in each of its languages, as an admin sees them (the audit page
 * too), on `npm start`'s demo data: no serious or critical violation anywhere. Every page a link
 * reaches: the sections' pages, the record's forms and lists, the error page; and a bulk action's
 * confirmation and results. An import's report, which only a posted file shows, is checked where the
 * import journey reaches it (console-journeys, in English). Each language is one signed-in context
 * visiting the pages in turn; its failures are collected into one message, so one run shows them all. The campaign preview's email is left out (see seriousViolations).
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDevSecrets } from '../../infra/local/dev-secrets.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { launchChromium, seriousViolations, signedInPage } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let pages: string[];

async function staffCall(path: string, body?: unknown) {
  const secrets = await loadDevSecrets(join(inject('e2eDataDir'), 'dev-secrets.json'));
  if (!secrets) throw new Error('npm start did not write its dev secrets');
  const token = await signLocalToken(secrets.privateJwk, { role: 'staff' });
  const response = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, unknown> & { items: Record<string, unknown>[] };
}

/** The first contact of a member, for its edit form. */
async function firstContactId(member: string) {
  const { contacts } = (await staffCall(`/v1/members/${member}`)) as { contacts?: { id: string }[] };
  const id = contacts?.[0]?.id;
  if (!id) throw new Error(`The demo member ${member} has no contact`);
  return id;
}

async function firstId(path: string, pick: (item: Record<string, unknown>) => boolean = () => true) {
  const id = (await staffCall(path)).items.find(pick)?.id;
  if (typeof id !== 'string') throw new Error(`The demo seed has nothing at ${path}`);
  return id;
}

/** A draft, which the demo's sent campaigns are not: its page has the edit form and the audience's. */
async function draftId() {
  const draft = await staffCall('/v1/campaigns', {
    name: 'Accessibility draft',
    segment: { sectors: ['energy'] },
    replyTo: 'partnerships@example.org',
    variants: {
      en: { subject: 'Partners', html: '<p>Dear {{contactName}},</p>', text: 'Dear {{contactName}},' },
    },
  });
  return String(draft.id);
}

beforeAll(async () => {
  browser = await launchChromium();
  const [member, partner, lead, campaign, draft, event, openEvent] = await Promise.all([
    firstId('/v1/members?limit=1'),
    firstId('/v1/partners?limit=1'),
    firstId('/v1/leads?limit=1'),
    firstId('/v1/campaigns?limit=50', (c) => c.state === 'sent'),
    draftId(),
    // The closed event: its schedule has a grid, its meetings outcomes.
    firstId('/v1/events', (e) => e.state === 'closed'),
    // One that takes participants: its registration form.
    firstId('/v1/events', (e) => e.state === 'open' || e.state === 'scheduled'),
  ]);
  const contact = await firstContactId(member);
  const participant = await firstId(`/v1/events/${openEvent}/participants`, (p) => p.status === 'registered');
  pages = [
    // The directory's first page: 50 members.
    '/console/members',
    `/console/members/${member}`,
    // The record's forms, and its lists on their own pages (where script does not run, and their next pages).
    ...['/profile', '/offers', '/contacts/new', `/contacts/${contact}`].map(
      (form) => `/console/members/${member}${form}`,
    ),
    ...['/activity', '/leads', '/events', '/campaigns', '/history'].map(
      (list) => `/console/members/${member}${list}`,
    ),
    '/console/members/new',
    '/console/members/import',
    '/console/partners',
    '/console/partners/new',
    `/console/partners/${partner}`,
    `/console/partners/${partner}/profile`,
    `/console/partners/${partner}/offers`,
    `/console/partners/${partner}/contacts/new`,
    `/console/partners/${partner}/join`,
    // An admin's erasure pages: what goes and what stays, asked first.
    `/console/members/${member}/erase`,
    `/console/partners/${partner}/erase`,
    '/console/leads',
    `/console/leads/${lead}`,
    '/console/campaigns',
    `/console/campaigns/${campaign}`,
    `/console/campaigns/${campaign}/recipients`,
    `/console/campaigns/${draft}`,
    '/console/campaigns/new',
    '/console/events',
    '/console/events/new',
    ...['', '/edit', '/participants', '/requests', '/schedule', '/interpreters', '/outcomes'].map(
      (tab) => `/console/events/${event}${tab}`,
    ),
    // Registering a member: its delegates' boxes.
    `/console/events/${openEvent}/participants/new?member=${member}`,
    `/console/events/${openEvent}/participants/new?partner=${partner}`,
    // A participant's delegates changed in place.
    `/console/events/${openEvent}/participants/${participant}/delegates`,
    '/console/reports',
    '/console/reports/pipeline',
    '/console/reports/events',
    `/console/reports/events/${event}`,
    '/console/settings',
    '/console/audit',
    '/console/staff',
    // The error pages' layout (404 here; 403, 412 and 428 are the same page with other words).
    '/console/no-such-page',
  ];
});
afterAll(() => browser?.close());

// The languages side by side: each its own context, and axe's time is mostly the browser's.
describe.concurrent('the console with axe-core', () => {
  for (const locale of ['ru', 'vi', 'en'] as const) {
    // ~150 s each on 2 cores alone; beside other test files, up to twice that.
    it(`has no serious or critical violation on any page (${locale})`, {
      timeout: 360_000,
    }, async () => {
      const { context, page } = await signedInPage(browser, baseUrl, 'admin', { locale });
      const failures: string[] = [];
      for (const path of pages) {
        const response = await page.goto(path);
        if (response?.status() !== (path === '/console/no-such-page' ? 404 : 200)) {
          failures.push(`${path}: status ${response?.status()}`);
          continue;
        }
        // What the record loads after itself is checked as it is shown, in place.
        await page.locator('#activity').waitFor({ state: 'detached' });
        if ((await page.locator('html').getAttribute('lang')) !== locale)
          failures.push(`${path}: not in ${locale}`);
        for (const violation of await seriousViolations(page)) failures.push(`${path}: ${violation}`);
      }
      // A bulk action's confirmation and results, for two active members set active (nothing changes).
      await page.goto('/console/members?status=active');
      const bulk = page.locator('form[action="/console/members/bulk"]');
      for (const box of (await bulk.locator('input[type=checkbox][name=id]').all()).slice(0, 2)) {
        await box.check();
      }
      await bulk.locator('select[name=status]').selectOption('active');
      await bulk.locator('button[name=action][value=status]').click();
      await page.locator('input[name=confirmed]').waitFor({ state: 'attached' });
      for (const violation of await seriousViolations(page)) failures.push(`bulk confirmation: ${violation}`);
      await page.locator('form:has(input[name=confirmed]) button[type=submit]').click();
      await page.locator('input[name=confirmed]').waitFor({ state: 'detached' });
      expect(await page.locator('main tbody tr').count()).toBe(2);
      for (const violation of await seriousViolations(page)) failures.push(`bulk results: ${violation}`);
      await context.close();
      expect(failures.join('\n')).toBe('');
    });
  }
});
