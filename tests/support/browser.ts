import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The one line a machine without Chromium is told; `.ci/run` runs it when the browser is missing. */
export const chromiumInstall =
  'apt-get install -y --no-install-recommends chromium-headless-shell fonts-liberation';

const playwrightVersion = (
  createRequire(import.meta.url)('playwright-core/package.json') as { version: string }
).version;

/** Debian's headless Chromium, or the one CHROMIUM_PATH names (`npx playwright install` cannot download here). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
  if (!existsSync(path)) {
    throw new Error(`Chromium is missing (${path}): ${chromiumInstall} (or set CHROMIUM_PATH).`);
  }
  return path;
}

let printed = false;

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath() });
  if (!printed) {
    printed = true;
    console.log(`Browser tests: Chromium ${browser.version()}, playwright-core ${playwrightVersion}`);
  }
  return browser;
}

/** A fresh context (its own cookies), signed in to the console through the sign-in pages, as a person would. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  role: 'staff' | 'admin',
  options: { locale?: 'ru' | 'vi' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: { ru: 'ru-RU', vi: 'vi-VN', en: 'en-GB' }[options.locale ?? 'en'],
  });
  const page = await context.newPage();
  await page.goto('/console/members');
  await page.waitForURL(/\/console\/sign-in/);
  await page.locator('form[action="/console/sign-in"] button[type=submit]').click();
  await page.getByRole('button', { name: `Sign in as ${role}` }).click();
  await page.waitForURL(/\/console\/members/);
  return { context, page };
}

/** axe-core's serious and critical violations on the page as it is now, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
