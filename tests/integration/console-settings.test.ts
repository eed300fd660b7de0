/**
 * The console's own settings on DynamoDB Local: a reader's time zone follows the language they read
 * until they choose one, and a choice is kept through language switches and the next sign-in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatDateTime } from '../../shared/console/i18n/format.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.drop());

it('shows times in the language’s zone until the reader chooses one, then keeps the choice', async () => {
  const member = (await (
    await t.call('POST', '/v1/members', {
      token: await t.token('staff'),
      body: { name: 'Zone Test LLC', country: 'RU', taxId: '7707083893', sectors: ['logistics'] },
    })
  ).json()) as { id: string; updatedAt: string };
  const staff = await consoleSignIn(t.app, 'staff');
  const record = async (cookie = staff) =>
    (await consoleRequest(t.app, cookie, `/console/members/${member.id}`)).text();
  const switchTo = (locale: string) =>
    consoleRequest(t.app, staff, '/console/settings/locale', {
      form: { locale, return: '/console/members' },
    });
  const selected = async () =>
    /<select name="timeZone"[^>]*>.*?<option value="([^"]*)" selected=""/s.exec(
      await (await consoleRequest(t.app, staff, '/console/settings')).text(),
    )?.[1];

  // Signed in with English: UTC. The header's switch to Vietnamese brings Vietnam's clock, Russian Moscow's.
  expect(await record()).toContain(formatDateTime('en', member.updatedAt, 'UTC'));
  expect((await switchTo('vi')).status).toBe(303);
  expect(await record()).toContain(formatDateTime('vi', member.updatedAt, 'Asia/Ho_Chi_Minh'));
  expect(await selected()).toBe('Asia/Ho_Chi_Minh');
  await switchTo('ru');
  expect(await record()).toContain(formatDateTime('ru', member.updatedAt, 'Europe/Moscow'));

  // The settings form with only the language changed: the zone still follows it.
  const save = (form: Record<string, string>) =>
    consoleRequest(t.app, staff, '/console/settings', { form: { shortcuts: 'on', ...form } });
  expect((await save({ locale: 'vi', timeZone: 'Europe/Moscow' })).status).toBe(303);
  expect(await selected()).toBe('Asia/Ho_Chi_Minh');

  // A zone chosen is the reader's: a later language switch and the next sign-in keep it.
  expect((await save({ locale: 'vi', timeZone: 'Asia/Bangkok' })).status).toBe(303);
  await switchTo('ru');
  expect(await selected()).toBe('Asia/Bangkok');
  expect(await record()).toContain(formatDateTime('ru', member.updatedAt, 'Asia/Bangkok'));
  expect(await record(await consoleSignIn(t.app, 'staff'))).toContain(
    formatDateTime('ru', member.updatedAt, 'Asia/Bangkok'),
  );
});
