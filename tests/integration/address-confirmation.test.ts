import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressConfirmationKey, suppressionKey } from '../../shared/data/keys.ts';
import { memberConfirmationsPerDay } from '../../shared/members/address-confirmation.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp, testPublicBaseUrl } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let admin: string;
/** Moved forward by tests that need a link to expire. */
let clockOffsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(Date.now() + clockOffsetMs) });
  [staff, admin] = await Promise.all([t.token('staff'), t.token('admin')]);
});
afterAll(() => t.drop());

interface Contact {
  id: string;
  name: string;
  email: string | null;
  language: string;
  emailStatus?: string;
}
interface Member {
  id: string;
  contacts: Contact[];
}

let serial = Date.now() % 100_000;
const address = (name: string) => `${name}.${serial++}@confirm.test`;

async function member(overrides: Record<string, unknown> = {}): Promise<Member> {
  const created = await t.call('POST', '/v1/members', { token: staff, body: company(overrides) });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await created.json()) as Member;
}

const read = async (id: string) =>
  (await (await t.call('GET', `/v1/members/${id}`, { token: staff })).json()) as Member;

/** The member adds contacts through `/v1/me`, keeping the ones it has. */
async function addContacts(m: Member, added: Record<string, unknown>[]) {
  const token = await t.token('member', m.id);
  const current = await read(m.id);
  return t.call('PATCH', '/v1/me', {
    token,
    body: { contacts: [...current.contacts.filter((c) => c.email), ...added] },
    headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
  });
}

/** The confirmation emails the outbox holds for `to`, parsed, oldest first. */
async function confirmationsTo(to: string) {
  await t.sends.idle();
  const files = (await readdir(t.outboxDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.eml'))
    .sort();
  const parsed = await Promise.all(
    files.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))),
  );
  return parsed.filter((email) => email.to?.some((a) => a.address === to));
}

/** The path of the link in an email (the public base URL stripped). */
function linkOf(email: { text?: string }): string {
  const match = new RegExp(`${testPublicBaseUrl}(/confirm-address/[A-Za-z0-9._-]+)`).exec(email.text ?? '');
  expect(match).not.toBeNull();
  return match![1]!;
}

const open = (path: string) => t.call('GET', path);
const confirm = async (path: string) => {
  const response = await t.call('POST', path);
  await t.mailEvents.idle();
  return response;
};
const statusOf = async (memberId: string, contactId: string) =>
  (await read(memberId)).contacts.find((c) => c.id === contactId)?.emailStatus;

describe('an address a member adds', () => {
  it('is unverified, answered alike whether or not another member holds it, and sent a link in its language', async () => {
    const holder = await member();
    const taken = holder.contacts[0]!.email!;
    const adder = await member();
    const fresh = address('lan');

    const withTaken = await addContacts(adder, [{ name: 'Nguyễn Lan', email: taken, language: 'vi' }]);
    const withFresh = await addContacts(adder, [{ name: 'Trần Minh', email: fresh, language: 'vi' }]);
    expect(withTaken.status).toBe(200);
    expect(withFresh.status).toBe(200);
    const [a, b] = [(await withTaken.json()) as Member, (await withFresh.json()) as Member];
    expect(a.contacts.find((c) => c.email === taken)?.emailStatus).toBe('unverified');
    expect(b.contacts.find((c) => c.email === fresh)?.emailStatus).toBe('unverified');
    // The member's own contact, from staff, stays verified; the holder's keeps its address.
    expect(b.contacts[0]!.emailStatus).toBe('verified');
    expect((await read(holder.id)).contacts[0]).toMatchObject({ email: taken, emailStatus: 'verified' });

    const [email] = await confirmationsTo(fresh);
    expect(email?.subject).toMatch(/^Xác nhận địa chỉ email của bạn cho ООО «Тест \d+»$/);
    expect(email?.headers.find((h) => h.key === 'content-language')?.value).toBe('vi');
    expect(email?.text).toContain(fresh);
    expect(email?.headers.some((h) => h.key === 'list-unsubscribe')).toBe(false);
    // The address another member holds gets its own link too: the person decides.
    expect(await confirmationsTo(taken)).toHaveLength(1);
  });

  it('is confirmed by the link’s button (not by opening it), once, and then holds the address', async () => {
    const m = await member();
    const email = address('minh');
    const added = (await (await addContacts(m, [{ name: 'Minh', email, language: 'en' }])).json()) as Member;
    const contactId = added.contacts.find((c) => c.email === email)!.id;
    const link = linkOf((await confirmationsTo(email))[0]!);

    const page = await open(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('m•••@c•••.test');
    expect(html).not.toContain(email);
    await t.mailEvents.idle();
    expect(await statusOf(m.id, contactId)).toBe('unverified');

    const done = await confirm(link);
    expect(done.status).toBe(200);
    expect(await statusOf(m.id, contactId)).toBe('verified');
    const history = (await (
      await t.call('GET', `/v1/members/${m.id}/history?limit=1`, { token: staff })
    ).json()) as { items: { action: string; actor: { sub: string }; changes: unknown[] }[] };
    expect(history.items[0]).toMatchObject({
      action: 'confirm-address',
      actor: { sub: 'confirmation-link' },
      changes: [{ field: `contacts.${contactId}.emailStatus`, old: 'unverified', new: 'verified' }],
    });
    // The verified address is held now: staff cannot give it to another member.
    const elsewhere = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ contacts: [{ name: 'X', email, language: 'ru' }] }),
    });
    expect(elsewhere.status).toBe(409);

    const version = (await read(m.id)) as unknown as { version: number };
    const again = await confirm(link);
    expect(again.status).toBe(404);
    expect(((await read(m.id)) as unknown as { version: number }).version).toBe(version.version);
  });

  it('refuses an altered or expired link with a 4xx page and changes nothing', async () => {
    const m = await member();
    const email = address('hoa');
    const added = (await (await addContacts(m, [{ name: 'Hoa', email, language: 'ru' }])).json()) as Member;
    const contactId = added.contacts.find((c) => c.email === email)!.id;
    const link = linkOf((await confirmationsTo(email))[0]!);
    const secret = link.slice(link.lastIndexOf('.') + 1);
    const altered = `${link.slice(0, link.lastIndexOf('.') + 1)}${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    const otherContact = link.replace(contactId, m.contacts[0]!.id);

    for (const forged of [altered, otherContact, '/confirm-address/nonsense', `${link}.extra`]) {
      expect((await confirm(forged)).status, forged).toBe(404);
      expect((await open(forged)).status, forged).toBe(404);
    }
    expect(await statusOf(m.id, contactId)).toBe('unverified');

    clockOffsetMs = 7 * 24 * 3600 * 1000 + 60_000;
    try {
      const expired = await confirm(link);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('Срок действия ссылки истёк');
    } finally {
      clockOffsetMs = 0;
    }
    expect(await statusOf(m.id, contactId)).toBe('unverified');
  });

  it('gets a new link on request, which voids the older one', async () => {
    const m = await member();
    const email = address('an');
    const added = (await (await addContacts(m, [{ name: 'An', email, language: 'vi' }])).json()) as Member;
    const contactId = added.contacts.find((c) => c.email === email)!.id;
    const first = linkOf((await confirmationsTo(email))[0]!);

    const resent = await t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/confirmation`, {
      token: await t.token('member', m.id),
    });
    expect(resent.status).toBe(202);
    expect(await resent.json()).toEqual({ memberId: m.id, contactId, emailStatus: 'unverified' });
    const mails = await confirmationsTo(email);
    expect(mails).toHaveLength(2);
    const second = linkOf(mails[1]!);
    expect(second).not.toBe(first);
    expect((await confirm(first)).status).toBe(404);
    expect(await statusOf(m.id, contactId)).toBe('unverified');
    expect((await confirm(second)).status).toBe(200);
    expect(await statusOf(m.id, contactId)).toBe('verified');

    const verified = await t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/confirmation`, {
      token: staff,
    });
    expect(verified.status).toBe(409);
  });

  /** A member adds, and its contact confirms, an address another member's contact holds. */
  async function confirmedWhileHeld() {
    const holder = await member();
    const taken = holder.contacts[0]!.email!;
    const m = await member();
    const added = (await (
      await addContacts(m, [{ name: 'Lan', email: taken, language: 'vi' }])
    ).json()) as Member;
    const contactId = added.contacts.find((c) => c.email === taken)!.id;
    const link = (await confirmationsTo(taken)).map(linkOf).find((l) => l.includes(contactId))!;
    expect((await confirm(link)).status).toBe(200);
    return { holder, taken, m, contactId };
  }

  it('confirmed while another member holds it, becomes a conflict for staff, not an error for the member', async () => {
    const { holder, taken, m, contactId } = await confirmedWhileHeld();
    expect(await statusOf(m.id, contactId)).toBe('conflict');
    expect((await read(holder.id)).contacts[0]!.emailStatus).toBe('verified');

    const conflicts = (await (
      await t.call('GET', '/v1/contact-conflicts?limit=100', { token: staff })
    ).json()) as {
      items: { memberId: string; contactId: string; email: string; heldBy: unknown }[];
    };
    expect(conflicts.items.filter((c) => c.contactId === contactId)).toEqual([
      expect.objectContaining({
        memberId: m.id,
        email: taken,
        heldBy: { memberId: holder.id, contactId: holder.contacts[0]!.id },
      }),
    ]);
    // The member sees only its own contact's state, nothing about the holder.
    const own = await t.call('GET', '/v1/me', { token: await t.token('member', m.id) });
    const ownText = await own.text();
    expect(ownText).not.toContain(holder.id);
    // Nor that anyone else holds the address: to the member it is still unconfirmed.
    expect((JSON.parse(ownText) as Member).contacts.find((c) => c.id === contactId)?.emailStatus).toBe(
      'unverified',
    );
    const exported = await t.call('GET', `/v1/members/${m.id}/export`, {
      token: await t.token('member', m.id),
    });
    const exportedText = await exported.text();
    expect(exportedText).not.toContain('conflict');
    // Nor an entry of the confirmation that changed nothing it can see (`unverified → unverified`).
    const { history } = JSON.parse(exportedText) as { history: { changes: { field: string }[] }[] };
    expect(history.flatMap((e) => e.changes).map((c) => c.field)).not.toContain(
      `contacts.${contactId}.emailStatus`,
    );

    // Staff resolve it: the holder lets the address go, the person confirms a new link.
    const holderNow = await read(holder.id);
    const released = await t.call('PATCH', `/v1/members/${holder.id}`, {
      token: staff,
      body: { contacts: [{ ...holderNow.contacts[0], email: address('replaced') }] },
      headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
    });
    expect(released.status).toBe(200);
    await t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/confirmation`, { token: staff });
    const fresh = (await confirmationsTo(taken))
      .map(linkOf)
      .filter((l) => l.includes(contactId))
      .at(-1)!;
    expect((await confirm(fresh)).status).toBe(200);
    expect(await statusOf(m.id, contactId)).toBe('verified');
    const after = (await (
      await t.call('GET', '/v1/contact-conflicts?limit=100', { token: staff })
    ).json()) as {
      items: { contactId: string }[];
    };
    expect(after.items.some((c) => c.contactId === contactId)).toBe(false);
  });

  it('removed while in conflict, leaves the member no trace of the conflict in its export', async () => {
    const { m, contactId } = await confirmedWhileHeld();
    expect(await statusOf(m.id, contactId)).toBe('conflict');

    const token = await t.token('member', m.id);
    const current = await read(m.id);
    const removed = await t.call('PATCH', '/v1/me', {
      token,
      body: { contacts: current.contacts.filter((c) => c.id !== contactId) },
      headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
    });
    expect(removed.status, await removed.clone().text()).toBe(200);
    const exported = await (await t.call('GET', `/v1/members/${m.id}/export`, { token })).text();
    expect(exported).toContain(`"contacts.${contactId}"`);
    expect(exported).not.toContain('conflict');
    // Staff still read what happened.
    const staffExport = await (await t.call('GET', `/v1/members/${m.id}/export`, { token: staff })).text();
    expect(staffExport).toContain('"emailStatus":"conflict"');
  });

  it(`is limited to ${memberConfirmationsPerDay} confirmation emails a member causes a day; over it, nothing changes`, async () => {
    const m = await member();
    const many = Array.from({ length: memberConfirmationsPerDay + 1 }, (_, i) => ({
      name: `Contact ${i}`,
      email: address(`many${i}`),
      language: 'en',
    }));
    const before = await read(m.id);
    const refused = await addContacts(m, many);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await read(m.id)).toEqual(before);

    expect((await addContacts(m, many.slice(0, memberConfirmationsPerDay - 1))).status).toBe(200);
    const last = await addContacts(m, [many.at(-1)!]);
    expect(last.status).toBe(200);
    const contactId = ((await last.json()) as Member).contacts.at(-1)!.id;
    const resend = await t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/confirmation`, {
      token: await t.token('member', m.id),
    });
    expect(resend.status).toBe(429);
    // Staff are not limited.
    const byStaff = await t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/confirmation`, {
      token: staff,
    });
    expect(byStaff.status).toBe(202);
  });

  it('gets no campaign mail until confirmed: left out as unverified', async () => {
    const m = await member({ sectors: ['mining'] });
    const email = address('camp');
    await addContacts(m, [{ name: 'Camp', email, language: 'ru', consent: { outreach: true } }]);
    const created = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Mining',
        segment: { sectors: ['mining'] },
        replyTo: 'p@example.org',
        variants: { ru: { subject: 'Тема', html: '<p>{{contactName}}</p>', text: '{{contactName}}' } },
      },
    });
    const campaignId = ((await created.json()) as { id: string }).id;
    const preview = (await (
      await t.call('POST', `/v1/campaigns/${campaignId}/preview`, { token: staff })
    ).json()) as {
      excluded: Record<string, number>;
    };
    expect(preview.excluded.unverified).toBe(1);
  });

  it('is suppressed for all mail when its confirmation email bounces for good', async () => {
    const m = await member();
    const bouncing = `bounce+${serial++}@simulator.amazonses.com`;
    const added = (await (
      await addContacts(m, [{ name: 'Bounce', email: bouncing, language: 'en' }])
    ).json()) as Member;
    const contactId = added.contacts.find((c) => c.email === bouncing)!.id;
    expect(await confirmationsTo(bouncing)).toHaveLength(1);
    await t.mailEvents.idle();
    const hash = (await t.deps.suppression()).hash(bouncing);
    const entry = await t.db.doc.send(
      new GetCommand({ TableName: t.db.tableName, Key: suppressionKey(hash) }),
    );
    expect(entry.Item).toMatchObject({ reason: 'bounced' });
    // Asked again, the sender sends nothing to a suppressed address.
    const resent = await t.call('POST', `/v1/members/${m.id}/contacts/${contactId}/confirmation`, {
      token: staff,
    });
    expect(resent.status).toBe(202);
    expect(await confirmationsTo(bouncing)).toHaveLength(1);
  });

  it('staff add verified, with no confirmation email; an erasure voids pending links', async () => {
    const email = address('staff');
    const m = await member({ contacts: [{ name: 'By Staff', email, language: 'ru' }] });
    expect(m.contacts[0]!.emailStatus).toBe('verified');
    expect(await confirmationsTo(email)).toHaveLength(0);

    const pendingEmail = address('erased');
    const added = (await (
      await addContacts(m, [{ name: 'Erased', email: pendingEmail, language: 'ru' }])
    ).json()) as Member;
    const contactId = added.contacts.find((c) => c.email === pendingEmail)!.id;
    const link = linkOf((await confirmationsTo(pendingEmail))[0]!);
    // A contact removed before the erasure leaves a pending link too: the erasure deletes it as well.
    const droppedEmail = address('dropped');
    const withDropped = (await (
      await addContacts(m, [{ name: 'Dropped', email: droppedEmail, language: 'ru' }])
    ).json()) as Member;
    const droppedId = withDropped.contacts.find((c) => c.email === droppedEmail)!.id;
    await confirmationsTo(droppedEmail);
    const dropped = await t.call('PATCH', '/v1/me', {
      token: await t.token('member', m.id),
      body: { contacts: withDropped.contacts.filter((c) => c.id !== droppedId && c.email) },
      headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
    });
    expect(dropped.status).toBe(200);
    expect((await t.call('POST', `/v1/members/${m.id}/erase`, { token: admin })).status).toBe(200);
    const droppedPending = await t.db.doc.send(
      new GetCommand({ TableName: t.db.tableName, Key: addressConfirmationKey(m.id, droppedId) }),
    );
    expect(droppedPending.Item).toBeUndefined();
    const pending = await t.db.doc.send(
      new GetCommand({ TableName: t.db.tableName, Key: addressConfirmationKey(m.id, contactId) }),
    );
    expect(pending.Item).toBeUndefined();
    expect((await open(link)).status).toBe(404);
  });
});
