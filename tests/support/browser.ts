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
  const locale = options.locale ?? 'en';
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: { ru: 'ru-RU', vi: 'vi-VN', en: 'en-GB' }[locale],
  });
  const page = await context.newPage();
  await page.goto('/console/members');
  await page.waitForURL(/\/console\/sign-in/);
  await page.locator('form[action="/console/sign-in"] button[type=submit]').click();
  await page.getByRole('button', { name: `Sign in as ${role}`, exact: true }).click();
  await page.waitForURL(/\/console\/members/);
  // A language this user chose before (kept with the user, by another test too) wins over the browser's.
  if ((await page.locator('html').getAttribute('lang')) !== locale) {
    const picker = page.locator('form.language');
    await picker.locator('select[name=locale]').selectOption(locale);
    await picker.getByRole('button').click();
    await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(locale)}`);
  }
  return { context, page };
}

/**
 * A frame that may run no script (the campaign preview's email, sandboxed with no permission) cannot
 * host axe: @axe-core/playwright's injection into it never settles, and the analysis hangs. What such
 * a frame shows is a campaign author's email, not the console's markup.
 */
const scriptlessFrames = 'iframe[sandbox]:not([sandbox~="allow-scripts"])';

/** axe-core's serious and critical violations on the page as it is now, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Violations in full; passes and the rest, which nothing reads, summed up (a third faster). Legacy
  // mode runs axe in the page itself: the default opens a blank page per analysis to merge each frame's
  // results, which took over half of every analysis (73 vs 34 s for one language's 48 pages), and the
  // console's only frame, the campaign preview, is left out anyway.
  const results = await new AxeBuilder({ page })
    .exclude(scriptlessFrames)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
