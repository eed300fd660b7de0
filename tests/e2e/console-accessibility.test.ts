/**
 * axe-core on every main page of the console, in each of its languages, as an admin sees them (the
 * audit page too), on `npm start`'s demo data: no serious or critical violation anywhere. Each language
 * is one signed-in context visiting the pages in turn; its failures are collected into one message, so
 * one run shows them all. The campaign preview's email is left out (see seriousViolations).
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
  const [member, lead, campaign, draft, event] = await Promise.all([
    firstId('/v1/members?limit=1'),
    firstId('/v1/leads?limit=1'),
    firstId('/v1/campaigns?limit=50', (c) => c.state === 'sent'),
    draftId(),
    // The closed event: its schedule has a grid, its meetings outcomes.
    firstId('/v1/events', (e) => e.state === 'closed'),
  ]);
  pages = [
    // The directory's first page: 50 members.
    '/console/members',
    `/console/members/${member}`,
    '/console/members/import',
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
    '/console/reports',
    '/console/reports/pipeline',
    `/console/reports/events/${event}`,
    '/console/settings',
    '/console/audit',
  ];
});
afterAll(() => browser?.close());

// The languages side by side: each its own context, and axe's time is mostly the browser's.
describe.concurrent('the console with axe-core', () => {
  for (const locale of ['ru', 'vi', 'en'] as const) {
    // ~150 s each on 2 cores alone; beside other test files, up to twice that.
    it(`has no serious or critical violation on any main page (${locale})`, {
      timeout: 360_000,
    }, async () => {
      const { context, page } = await signedInPage(browser, baseUrl, 'admin', { locale });
      const failures: string[] = [];
      for (const path of pages) {
        const response = await page.goto(path);
        if (response?.status() !== 200) {
          failures.push(`${path}: status ${response?.status()}`);
          continue;
        }
        if ((await page.locator('html').getAttribute('lang')) !== locale)
          failures.push(`${path}: not in ${locale}`);
        for (const violation of await seriousViolations(page)) failures.push(`${path}: ${violation}`);
      }
      await context.close();
      expect(failures.join('\n')).toBe('');
    });
  }
});
