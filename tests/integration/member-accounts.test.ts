/**
 * Member accounts end to end over HTTP on the local runtime: an invitation lands in the outbox, its
 * link sets a password, signing in with it gives a token the API accepts; links forged, reused and
 * expired change nothing; revocation ends sign-in.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberInvitationsPerDay } from '../../shared/members/member-accounts.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp, testPublicBaseUrl } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let clockOffsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(Date.now() + clockOffsetMs) });
  staff = await t.token('staff');
});
afterAll(() => t.drop());

interface Member {
  id: string;
  contacts: { id: string; email: string }[];
}
interface Account {
  accountId: string;
  contactId: string;
  state: string;
  lastSignInAt?: string | null;
}

let serial = Date.now() % 100_000;
async function member(language = 'ru'): Promise<Member> {
  const n = serial++;
  const created = await t.call('POST', '/v1/members', {
    token: staff,
    body: company({
      contacts: [
        { name: 'Анна Первая', email: `anna.${n}@accounts.test`, language },
        { name: 'Борис Второй', email: `boris.${n}@accounts.test`, language: 'en' },
      ],
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await created.json()) as Member;
}

const invite = (m: Member, contactId: string, token = staff) =>
  t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/invitation`, { token });

/** The invitation emails to `to`, parsed, oldest first, and the path of the last one's link. */
async function invitationsTo(to: string) {
  await t.sends.idle();
  const files = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml')).sort();
  const emails = (
    await Promise.all(files.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))))
  ).filter((e) => e.to?.some((a) => a.address === to));
  const last = emails.at(-1)?.text ?? '';
  const link = new RegExp(`${testPublicBaseUrl}(/accept-invitation/[A-Za-z0-9._-]+)`).exec(last)?.[1];
  return { emails, link: link! };
}

const setPassword = async (link: string, password: string, repeat = password) => {
  const answer = await t.call('POST', link, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password, repeat }).toString(),
  });
  await t.mailEvents.idle();
  return answer;
};
const signIn = (email: string, password: string) =>
  t.call('POST', '/local/sign-in', { body: { email, password } });
const accountsOf = async (memberId: string) =>
  (
    (await (await t.call('GET', `/v1/members/${memberId}/accounts`, { token: staff })).json()) as {
      items: Account[];
    }
  ).items;

const password = 'Hanoi-2026-Vladimir!';

describe('a member account', () => {
  it('is invited, opened through the emailed link, signs in, and reads its own member', async () => {
    const m = await member('ru');
    const anna = m.contacts[0]!;
    const invited = await invite(m, anna.id);
    expect(invited.status).toBe(202);
    const account = (await invited.json()) as Account;
    expect(account).toMatchObject({ contactId: anna.id, state: 'invited' });

    const { emails, link } = await invitationsTo(anna.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toMatch(/^Ваша учётная запись для ООО «Тест \d+»$/);
    const form = await t.call('GET', link);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('type="password"');
    expect(html).not.toContain('<script');

    // Before a password is set, nobody signs in.
    expect((await signIn(anna.email, password)).status).toBe(401);
    const weak = await setPassword(link, 'short');
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('Нужно не меньше 12 символов.');
    expect((await setPassword(link, password, `${password}x`)).status).toBe(422);
    expect((await accountsOf(m.id))[0]!.state).toBe('invited');

    const done = await setPassword(link, password);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Пароль задан');
    const signedIn = await signIn(anna.email, password);
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const me = await t.call('GET', '/v1/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(((await me.json()) as Member).id).toBe(m.id);
    expect((await t.call('GET', '/v1/members', { token: accessToken })).status).toBe(403);

    const [listed] = await accountsOf(m.id);
    expect(listed).toMatchObject({ accountId: account.accountId, state: 'active' });
    expect(listed!.lastSignInAt).not.toBeNull();
    const mine = await t.call('GET', '/v1/me/accounts', { token: accessToken });
    expect(((await mine.json()) as { items: Account[] }).items.map((a) => a.accountId)).toEqual([
      account.accountId,
    ]);

    // Nobody reads a link or a password back: not staff, not the member.
    const secret = link.slice(link.lastIndexOf('.') + 1);
    for (const path of [
      `/v1/members/${m.id}/accounts`,
      `/v1/members/${m.id}/history`,
      `/v1/members/${m.id}`,
    ]) {
      const body = await (await t.call('GET', path, { token: staff })).text();
      expect(body, path).not.toContain(secret);
      expect(body, path).not.toContain(password);
    }
    // The link worked once.
    expect((await setPassword(link, 'Another-Password-42!')).status).toBe(404);
    expect((await signIn(anna.email, 'Another-Password-42!')).status).toBe(401);

    const history = (await (
      await t.call('GET', `/v1/members/${m.id}/history?limit=5`, { token: staff })
    ).json()) as {
      items: { action: string; actor: { sub: string }; changes: unknown[] }[];
    };
    expect(history.items.slice(0, 2).map((h) => [h.action, h.actor.sub])).toEqual([
      ['account-activate', account.accountId],
      ['account-invite', 'local-staff'],
    ]);
    expect(JSON.stringify(history.items.slice(0, 2))).not.toContain(anna.email);
  });

  it('refuses forged, replaced and expired links, changing nothing', async () => {
    const m = await member('vi');
    const anna = m.contacts[0]!;
    await invite(m, anna.id);
    const first = (await invitationsTo(anna.email)).link;
    await invite(m, anna.id);
    const second = (await invitationsTo(anna.email)).link;
    expect(second).not.toBe(first);
    expect((await setPassword(first, password)).status).toBe(404);
    const secret = second.slice(second.lastIndexOf('.') + 1);
    const forged = `${second.slice(0, second.lastIndexOf('.') + 1)}${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    for (const bad of [forged, second.replace(anna.id, m.contacts[1]!.id), '/accept-invitation/x.y.z']) {
      expect((await t.call('GET', bad)).status, bad).toBe(404);
      expect((await setPassword(bad, password)).status, bad).toBe(404);
    }
    clockOffsetMs = 7 * 24 * 3600 * 1000 + 60_000;
    try {
      const expired = await setPassword(second, password);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('Lời mời đã hết hạn');
    } finally {
      clockOffsetMs = 0;
    }
    expect((await signIn(anna.email, password)).status).toBe(401);
    expect((await accountsOf(m.id))[0]!.state).toBe('invited');
  });

  it('is refused for an unconfirmed address or a contact with an active account', async () => {
    const m = await member();
    const token = await t.token('member', m.id);
    const added = await t.call('PATCH', '/v1/me', {
      token,
      body: {
        contacts: [
          ...m.contacts.map(({ id, email }) => ({ id, email, name: 'X', language: 'ru' })),
          {
            name: 'Новый',
            email: `new.${serial++}@accounts.test`,
            language: 'ru',
          },
        ],
      },
      headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
    });
    const unverified = ((await added.json()) as Member).contacts.at(-1)!;
    expect((await invite(m, unverified.id)).status).toBe(409);
    expect((await invite(m, '01JD5Z7Q8N3V2K4M6P8R0T2W4Y')).status).toBe(404);

    await invite(m, m.contacts[0]!.id);
    expect((await setPassword((await invitationsTo(m.contacts[0]!.email)).link, password)).status).toBe(200);
    const again = await invite(m, m.contacts[0]!.id);
    expect(again.status).toBe(409);
  });

  it(`lets an account holder invite its colleagues, ${memberInvitationsPerDay} a day, and revoke them`, async () => {
    const m = await member('en');
    const holder = await t.token('member', m.id);
    const colleague = m.contacts[1]!;
    const invited = await invite(m, colleague.id, holder);
    expect(invited.status).toBe(202);
    const { accountId } = (await invited.json()) as Account;
    const link = (await invitationsTo(colleague.email)).link;
    expect((await setPassword(link, password)).status).toBe(200);
    expect((await signIn(colleague.email, password)).status).toBe(200);

    for (let i = 1; i < memberInvitationsPerDay; i++)
      expect((await invite(m, m.contacts[0]!.id, holder)).status).toBe(202);
    const over = await invite(m, m.contacts[0]!.id, holder);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await invite(m, m.contacts[0]!.id)).status).toBe(202);

    const revoked = await t.call('DELETE', `/v1/members/${m.id}/accounts/${accountId}`, { token: holder });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ accountId, state: 'disabled' });
    expect((await signIn(colleague.email, password)).status).toBe(401);
    // Invited again, the revoked account does not come back: its old password opens nothing.
    const again = await invite(m, colleague.id);
    expect(again.status).toBe(202);
    expect(((await again.json()) as Account).accountId).not.toBe(accountId);
    expect((await signIn(colleague.email, password)).status).toBe(401);
    // And the new invitation's link dies with its account when that is revoked too.
    const newLink = (await invitationsTo(colleague.email)).link;
    const newId = (await accountsOf(m.id)).find(
      (a) => a.state === 'invited' && a.contactId === colleague.id,
    )!.accountId;
    expect((await t.call('DELETE', `/v1/members/${m.id}/accounts/${newId}`, { token: staff })).status).toBe(
      200,
    );
    expect((await setPassword(newLink, password)).status).toBe(404);
    expect((await signIn(colleague.email, password)).status).toBe(401);
    const other = await member();
    expect(
      (
        await t.call('DELETE', `/v1/members/${m.id}/accounts/${accountId}`, {
          token: await t.token('member', other.id),
        })
      ).status,
    ).toBe(403);
  });

  it('is disabled when its member resigns, and deleted with its user when the member is erased', async () => {
    const admin = await t.token('admin');
    const resigning = await member('en');
    await invite(resigning, resigning.contacts[0]!.id);
    await setPassword((await invitationsTo(resigning.contacts[0]!.email)).link, password);
    expect((await signIn(resigning.contacts[0]!.email, password)).status).toBe(200);
    const resigned = await t.call('DELETE', `/v1/members/${resigning.id}`, {
      token: admin,
      headers: { 'if-match': '*' },
    });
    expect(resigned.status).toBe(200);
    expect((await accountsOf(resigning.id)).map((a) => a.state)).toEqual(['disabled']);
    expect((await signIn(resigning.contacts[0]!.email, password)).status).toBe(401);
    expect((await invite(resigning, resigning.contacts[0]!.id)).status).toBe(409);

    const erased = await member('en');
    await invite(erased, erased.contacts[0]!.id);
    await setPassword((await invitationsTo(erased.contacts[0]!.email)).link, password);
    await invite(erased, erased.contacts[1]!.id);
    const pending = (await invitationsTo(erased.contacts[1]!.email)).link;
    expect((await t.call('POST', `/v1/members/${erased.id}/erase`, { token: admin })).status).toBe(200);
    expect(await accountsOf(erased.id)).toEqual([]);
    expect((await signIn(erased.contacts[0]!.email, password)).status).toBe(401);
    expect((await t.call('GET', pending)).status).toBe(404);
    // The address is free again: the same person may be invited anew elsewhere.
    const usersFile = await readFile(join(t.outboxDir, '..', `${basename(t.outboxDir)}-users.json`), 'utf8');
    expect(usersFile).not.toContain(erased.contacts[0]!.email);
  });

  it('is revoked when its contact gets another address or is removed', async () => {
    const m = await member('en');
    for (const contact of m.contacts) {
      await invite(m, contact.id);
      await setPassword((await invitationsTo(contact.email)).link, password);
    }
    const read = await t.call('GET', `/v1/members/${m.id}`, { token: staff });
    const [anna, boris] = ((await read.json()) as { contacts: Record<string, unknown>[] }).contacts;
    const changed = await t.call('PATCH', `/v1/members/${m.id}`, {
      token: staff,
      body: { contacts: [{ ...anna, email: `moved.${serial++}@accounts.test` }, boris] },
      headers: { 'if-match': read.headers.get('etag')!, 'content-type': 'application/merge-patch+json' },
    });
    expect(changed.status).toBe(200);
    const byContact = async () =>
      Object.fromEntries((await accountsOf(m.id)).map((a) => [a.contactId, a.state]));
    expect(await byContact()).toEqual({ [m.contacts[0]!.id]: 'disabled', [m.contacts[1]!.id]: 'active' });
    expect((await signIn(m.contacts[0]!.email, password)).status).toBe(401);
    // Invited anew at its new address, the contact gets a new account; the old one stays a record.
    expect((await invite(m, m.contacts[0]!.id)).status).toBe(202);
    expect(
      (await accountsOf(m.id))
        .filter((a) => a.contactId === m.contacts[0]!.id)
        .map((a) => a.state)
        .sort(),
    ).toEqual(['disabled', 'invited']);

    const removed = await t.call('PATCH', '/v1/me', {
      token: await t.token('member', m.id),
      body: { contacts: [((await changed.json()) as { contacts: unknown[] }).contacts[0]] },
      headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
    });
    expect(removed.status).toBe(200);
    expect((await accountsOf(m.id)).find((a) => a.contactId === m.contacts[1]!.id)?.state).toBe('disabled');
    expect((await signIn(m.contacts[1]!.email, password)).status).toBe(401);
  });
});
