/**
 * The console's own settings on DynamoDB Local: a reader's time zone follows the language they read
 * until they choose one, a choice is kept through language switches and the next sign-in, and "as the
 * language" gives the choice back.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConsoleUserRepository } from '../../shared/console/console-user-repository.ts';
import { formatDateTime } from '../../shared/console/i18n/format.ts';
import { consoleUserPrefsKey } from '../../shared/data/keys.ts';
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
  const save = (form: Record<string, string>) =>
    consoleRequest(t.app, staff, '/console/settings', { form: { shortcuts: 'on', ...form } });
  const selected = async () =>
    /<select name="timeZone"[^>]*>.*?<option value="([^"]*)" selected=""/s.exec(
      await (await consoleRequest(t.app, staff, '/console/settings')).text(),
    )?.[1];

  // Signed in with English: UTC, as the language. The header's switch to Vietnamese brings Vietnam's
  // clock, Russian Moscow's; the settings still say "as the language".
  expect(await record()).toContain(formatDateTime('en', member.updatedAt, 'UTC'));
  expect(await selected()).toBe('');
  expect((await switchTo('vi')).status).toBe(303);
  expect(await record()).toContain(formatDateTime('vi', member.updatedAt, 'Asia/Ho_Chi_Minh'));
  await switchTo('ru');
  expect(await record()).toContain(formatDateTime('ru', member.updatedAt, 'Europe/Moscow'));
  expect(await selected()).toBe('');

  // A zone chosen is the reader's: a later language switch and the next sign-in keep it, even where it
  // is a language's own zone.
  expect((await save({ locale: 'ru', timeZone: 'Europe/Moscow' })).status).toBe(303);
  await switchTo('vi');
  expect(await selected()).toBe('Europe/Moscow');
  expect((await save({ locale: 'vi', timeZone: 'Asia/Bangkok' })).status).toBe(303);
  await switchTo('ru');
  expect(await selected()).toBe('Asia/Bangkok');
  expect(await record()).toContain(formatDateTime('ru', member.updatedAt, 'Asia/Bangkok'));
  expect(await record(await consoleSignIn(t.app, 'staff'))).toContain(
    formatDateTime('ru', member.updatedAt, 'Asia/Bangkok'),
  );

  // Another session, signed in before the choice, shows the choice kept, not its own zone, so that a
  // save there (the shortcuts only) does not take it back.
  const other = await consoleSignIn(t.app, 'staff');
  expect((await save({ locale: 'ru', timeZone: 'Asia/Jakarta' })).status).toBe(303);
  expect(
    /<select name="timeZone"[^>]*>.*?<option value="([^"]*)" selected=""/s.exec(
      await (await consoleRequest(t.app, other, '/console/settings')).text(),
    )?.[1],
  ).toBe('Asia/Jakarta');

  // "As the language" gives it back to the language, now and at the next sign-in.
  expect((await save({ locale: 'vi', timeZone: '' })).status).toBe(303);
  expect(await record()).toContain(formatDateTime('vi', member.updatedAt, 'Asia/Ho_Chi_Minh'));
  expect(await selected()).toBe('');
  expect(await record(await consoleSignIn(t.app, 'staff'))).toContain(
    formatDateTime('vi', member.updatedAt, 'Asia/Ho_Chi_Minh'),
  );
});

it('reads settings kept before the mark: a zone that is no language’s was chosen, a language’s was not', async () => {
  const users = new ConsoleUserRepository(t.db);
  const keep = (sub: string, timeZone: string) =>
    t.db.doc.send(
      new PutCommand({
        TableName: t.db.tableName,
        Item: { ...consoleUserPrefsKey(sub), locale: 'ru', shortcuts: true, timeZone },
      }),
    );
  await keep('before-mark-bangkok', 'Asia/Bangkok');
  await keep('before-mark-utc', 'UTC');
  expect(await users.prefs('before-mark-bangkok')).toMatchObject({
    timeZone: 'Asia/Bangkok',
    timeZoneChosen: true,
  });
  // Russian on UTC: the zone an English sign-in gave, which the language switch did not move then.
  expect(await users.prefs('before-mark-utc')).toMatchObject({ timeZone: 'UTC', timeZoneChosen: false });
});
