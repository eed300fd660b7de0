/**
 * A staff user's first sign-in without a second factor, in Chromium on `npm start`: the local sign-in's
 * third choice answers as Cognito's trigger does, the console's enrolment page shows the secret, the
 * code an authenticator app would compute from it turns TOTP on, and the user is sent to sign in again.
 * axe-core checks the page in each language on the way.
 */

import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, seriousViolations } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const signedInAgain = {
  en: 'Two-step sign-in is on.',
  ru: 'Двухэтапный вход включён.',
  vi: 'Đã bật đăng nhập hai bước.',
};

describe('enrolling a second factor', () => {
  for (const locale of ['ru', 'vi', 'en'] as const) {
    it(`shows the secret, refuses a wrong code and turns TOTP on with the app's (${locale})`, async () => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: { ru: 'ru-RU', vi: 'vi-VN', en: 'en-GB' }[locale],
      });
      const page = await context.newPage();
      await page.goto('/console/sign-in');
      await page.locator('form[action="/console/sign-in"] button[type=submit]').click();
      await page.getByRole('button', { name: 'Sign in as staff without a second factor' }).click();
      await page.waitForURL(/\/console\/mfa$/);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await expect(page.locator('.qr svg').count()).resolves.toBe(1);
      expect(await seriousViolations(page)).toEqual([]);

      const code = page.locator('input[name=code]');
      await code.fill('000000');
      await code.press('Enter');
      await page.waitForSelector('#mfa-code-error');
      expect(await code.getAttribute('aria-invalid')).toBe('true');

      const secret = ((await page.locator('figcaption code').textContent()) ?? '').replace(/\s/g, '');
      await code.fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
      await code.press('Enter');
      await page.waitForURL(/\/console\/sign-in\?reason=mfa-enrolled/);
      expect(await page.getByRole('status').textContent()).toContain(signedInAgain[locale]);
      await context.close();
    });
  }
});
