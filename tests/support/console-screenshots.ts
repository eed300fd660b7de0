/**
 * `npm run screenshots`: the console's main pages in Russian and Vietnamese, as the README shows them.
 * Seeds the demo association (300 members) on DynamoDB Local in memory, serves it on a free port,
 * signs in through the local sign-in page in Chromium, and writes one PNG per page and language to
 * the folder given (default docs/screenshots). About a minute.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchEnv, startDynamo } from '../../bench/local-env.ts';
import { launchChromium, signedInPage } from './browser.ts';

const outDir = process.argv[2] ?? 'docs/screenshots';
mkdirSync(outDir, { recursive: true });

const env = await startBenchEnv(await startDynamo(), 300);
const browser = await launchChromium();
try {
  for (const locale of ['ru', 'vi'] as const) {
    const { context, page } = await signedInPage(browser, env.baseUrl, 'staff', { locale });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/console/settings');
    await page.locator('select[name=locale]').first().selectOption(locale);
    // Times as staff in Moscow and in Hanoi read them.
    await page
      .locator('select[name=timeZone]')
      .selectOption(locale === 'ru' ? 'Europe/Moscow' : 'Asia/Ho_Chi_Minh');
    await page.locator('form[action="/console/settings"] button[type=submit]').click();
    const members = '/console/members';
    await page.goto(members);
    const member = await page.locator('a[href^="/console/members/0"]').first().getAttribute('href');
    const shots: [string, string][] = [
      ['directory', members],
      ['member', member ?? members],
      ['pipeline', '/console/leads'],
      ['campaigns', '/console/campaigns'],
      ['events', '/console/events'],
      ['reports', '/console/reports'],
    ];
    for (const [name, path] of shots) {
      // Until what a page loads after itself (the campaigns' delivered counts) is in.
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.screenshot({ path: join(outDir, `${name}-${locale}.png`) });
      console.log(`${name}-${locale}.png  ${path}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await env.stop();
}
