import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CampaignRepository } from '../../shared/campaigns/campaign-repository.ts';
import { CampaignRuns } from '../../shared/campaigns/campaign-runs.ts';
import { campaignWorkMaxDeliveries } from '../../shared/campaigns/campaign-work.ts';
import { dispatchCampaign } from '../../shared/campaigns/dispatcher.ts';
import { RecipientRepository } from '../../shared/campaigns/recipient-repository.ts';
import { claimMs, sendToRecipient } from '../../shared/campaigns/sender.ts';
import { recipientKey, suppressionKey } from '../../shared/data/keys.ts';
import { PreconditionFailedError, ServiceUnavailableError } from '../../shared/domain/errors.ts';
import {
  MailNotAcceptedError,
  MailRejectedError,
  type OutgoingEmail,
} from '../../shared/email/mail-transport.ts';
import { campaignWorker } from '../../shared/runtime/campaign-worker.ts';
import { scheduleHeld } from '../support/campaign-runs.ts';
import { contact, createMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
});
afterAll(() => t.drop());

const member = (sector: string, overrides: Record<string, unknown>) =>
  createMember(t, staff, sector, overrides);

async function campaign(sector: string) {
  const response = await t.call('POST', '/v1/campaigns', {
    token: staff,
    body: {
      name: `Outreach to ${sector}`,
      segment: { sectors: [sector] },
      replyTo: 'partnerships@example.org',
      variants: {
        vi: {
          subject: 'Đối tác cho {{companyName}}',
          html: '<p>{{contactName}}</p>',
          text: 'Chào {{contactName}}',
        },
        en: {
          subject: 'Partners for {{companyName}}',
          html: '<p>{{contactName}}</p>',
          text: 'Dear {{contactName}}',
        },
      },
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const post = (path: string, body?: unknown) =>
  t.call('POST', path, { token: staff, ...(body ? { body } : {}) });
const get = async <T>(path: string) => (await (await t.call('GET', path, { token: staff })).json()) as T;
const state = async (id: string) => (await get<{ state: string }>(`/v1/campaigns/${id}`)).state;

/** Waits until the scheduler's timer has fired and every queued message has been handled. */
async function settle(id: string, until: (state: string) => boolean = (s) => s !== 'scheduled') {
  for (let i = 0; i < 200 && !until(await state(id)); i++) await sleep(25);
  await t.sends.idle();
}

/** The outbox's emails to `address`. */
async function mailTo(address: string): Promise<string[]> {
  const files = (await readdir(t.outboxDir).catch(() => [])).filter((f) => f.endsWith('.eml'));
  const emails = await Promise.all(files.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
  return emails.filter((eml) => new RegExp(`^To: ${address.replace(/[.+]/g, '\\$&')}\\r?$`, 'm').test(eml));
}

interface Recipients {
  items: {
    contactId: string;
    email: string | null;
    status: string | null;
    reason: string | null;
    language: string | null;
  }[];
}

describe('sending a campaign to the outbox', () => {
  it('mails each consenting contact once in its language, and records who was left out and why', async () => {
    const lan = contact('Lan', 'vi');
    const john = contact('John', 'en');
    const oleg = contact('Oleg', 'ru', false);
    const petr = contact('Petr', 'en');
    await member('fisheries', { name: 'Công ty Hải sản', languages: ['vi'], contacts: [lan] });
    await member('fisheries', { name: 'Fish & Co', languages: ['en'], contacts: [john, oleg] });
    await member('fisheries', { status: 'suspended', contacts: [petr] });
    const id = await campaign('fisheries');

    const scheduled = await post(`/v1/campaigns/${id}/schedule`, {});
    expect(scheduled.status).toBe(202);
    expect(((await scheduled.json()) as { state: string }).state).toBe('scheduled');
    await settle(id, (s) => s === 'sent');
    expect(await state(id)).toBe('sent');

    const [toLan] = await mailTo(lan.email);
    expect(await mailTo(lan.email)).toHaveLength(1);
    expect(toLan).toMatch(/^Content-Language: vi\r?$/m);
    expect(toLan).toMatch(/^Reply-To: partnerships@example\.org\r?$/m);
    expect(toLan).toMatch(/^Subject: =\?UTF-8\?/m);
    const [toJohn] = await mailTo(john.email);
    expect(toJohn).toMatch(/^Subject: Partners for Fish & Co\r?$/m);
    expect(toJohn).toMatch(/^Content-Language: en\r?$/m);
    expect(toJohn).toContain('Dear John');
    expect(await mailTo(oleg.email)).toEqual([]);
    expect(await mailTo(petr.email)).toEqual([]);

    const recipients = await get<Recipients>(`/v1/campaigns/${id}/recipients`);
    const byEmail = Object.fromEntries(recipients.items.map((r) => [r.email, r]));
    expect(byEmail[lan.email]).toMatchObject({ status: 'sent', language: 'vi', reason: null });
    expect(byEmail[john.email]).toMatchObject({ status: 'sent', language: 'en', reason: null });
    expect(byEmail[oleg.email]).toMatchObject({ status: null, reason: 'no-consent' });
    expect(byEmail[petr.email]).toMatchObject({ status: null, reason: 'member-not-active' });
    expect(await get(`/v1/campaigns/${id}/stats`)).toEqual({
      audience: 2,
      excluded: 2,
      byStatus: {
        queued: 0,
        sent: 2,
        delivered: 0,
        bounced: 0,
        complained: 0,
        failed: 0,
        unknown: 0,
        unsubscribed: 0,
      },
    });
  });

  it('sends nothing twice: a dispatcher run again and a duplicate message add no recipient and no email', async () => {
    const anna = contact('Anna', 'en');
    const { contacts } = await member('mining', { languages: ['en'], contacts: [anna] });
    const id = await campaign('mining');
    await post(`/v1/campaigns/${id}/schedule`, {});
    await settle(id, (s) => s === 'sent');

    await dispatchCampaign(id, t.sending);
    await sendToRecipient({ campaignId: id, contactId: contacts[0]!.id }, t.sending);
    await t.sends.idle();
    expect(await mailTo(anna.email)).toHaveLength(1);
    expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items).toHaveLength(1);
  });

  it('retries what the provider refused for now, fails what it refused for good, and never re-sends what it may have accepted', async () => {
    const refused = contact('Refused', 'en');
    const timedOut = contact('Timeout', 'en');
    const rejected = contact('Rejected', 'en');
    await member('chemicals', { languages: ['en'], contacts: [refused, timedOut, rejected] });
    const id = await campaign('chemicals');
    const attempts = new Map<string, number>();
    const transport = t.sending.transport;
    t.sending.transport = {
      send: async (email: OutgoingEmail) => {
        const n = (attempts.get(email.to) ?? 0) + 1;
        attempts.set(email.to, n);
        if (email.to === refused.email && n === 1) throw new MailNotAcceptedError('Throttling');
        if (email.to === rejected.email) throw new MailRejectedError('550 No such user');
        if (email.to === timedOut.email) throw new Error('socket hang up');
        return transport.send(email);
      },
    };
    try {
      await post(`/v1/campaigns/${id}/schedule`, {});
      await settle(id, (s) => s === 'sent');
    } finally {
      t.sending.transport = transport;
    }
    expect(attempts.get(refused.email)).toBe(2);
    expect(await mailTo(refused.email)).toHaveLength(1);
    expect(attempts.get(timedOut.email)).toBe(1);
    expect(await mailTo(timedOut.email)).toEqual([]);
    const stats = await get<{ byStatus: Record<string, number> }>(`/v1/campaigns/${id}/stats`);
    expect(attempts.get(rejected.email)).toBe(1);
    expect(stats.byStatus).toMatchObject({ sent: 1, unknown: 1, failed: 1, queued: 0 });
    expect(await state(id)).toBe('sent');
  });

  it('in the AWS worker, fails a recipient the provider still refuses at its message’s last delivery', async () => {
    const throttled = contact('Throttled', 'en');
    await member('education', { languages: ['en'], contacts: [throttled] });
    const id = await campaign('education');
    const [recipient] = await scheduleHeld(t, staff, id);
    const worker = campaignWorker(() => ({
      ...t.sending,
      transport: {
        send: async () => {
          throw new MailNotAcceptedError('Throttling');
        },
      },
    }));
    const delivery = (count: number) =>
      ({
        Records: [
          {
            messageId: `m-${count}`,
            body: JSON.stringify({ campaignId: id, contactId: recipient!.contactId }),
            attributes: { ApproximateReceiveCount: String(count) },
          },
        ],
      }) as unknown as SQSEvent;
    expect(await worker(delivery(1))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    const stats = async () =>
      (await get<{ byStatus: Record<string, number> }>(`/v1/campaigns/${id}/stats`)).byStatus;
    expect(await stats()).toMatchObject({ queued: 1, failed: 0 });
    expect(await state(id)).toBe('sending');

    expect(await worker(delivery(campaignWorkMaxDeliveries))).toEqual({
      batchItemFailures: [{ itemIdentifier: `m-${campaignWorkMaxDeliveries}` }],
    });
    expect(await stats()).toMatchObject({ queued: 0, failed: 1 });
    expect(await state(id)).toBe('sent');
    expect(await mailTo(throttled.email)).toEqual([]);
  });

  it('holds a paused campaign’s recipients until it is resumed', async () => {
    const mai = contact('Mai', 'vi');
    await member('tourism', { languages: ['vi'], contacts: [mai] });
    const id = await campaign('tourism');
    // Paused between dispatch and send: the sender finds it paused and leaves the recipient queued.
    const written = await scheduleHeld(t, staff, id);
    expect((await post(`/v1/campaigns/${id}/pause`)).status).toBe(200);
    await sendToRecipient({ campaignId: id, contactId: written[0]!.contactId }, t.sending);
    expect(await mailTo(mai.email)).toEqual([]);
    expect(await state(id)).toBe('paused');

    expect((await post(`/v1/campaigns/${id}/resume`)).status).toBe(200);
    await settle(id, (s) => s === 'sent');
    expect(await mailTo(mai.email)).toHaveLength(1);
  });

  it('blanks the recipients of an erased member and deletes the outbox copies, keeping statuses and counts', async () => {
    const vera = contact('Vera', 'en');
    const { id: memberId } = await member('healthcare', { languages: ['en'], contacts: [vera] });
    const id = await campaign('healthcare');
    await post(`/v1/campaigns/${id}/schedule`, {});
    await settle(id, (s) => s === 'sent');
    expect(await mailTo(vera.email)).toHaveLength(1);
    const erased = await t.call('POST', `/v1/members/${memberId}/erase`, { token: await t.token('admin') });
    expect(erased.status).toBe(200);
    // The outbox's copy of the email went with the rest of the member's personal data.
    expect(await mailTo(vera.email)).toEqual([]);
    const [recipient] = (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items;
    expect(recipient).toMatchObject({ email: null, status: 'sent', language: 'en' });
    expect((await get<{ audience: number }>(`/v1/campaigns/${id}/stats`)).audience).toBe(1);
  });

  it('writes no recipient for a contact erased after the dispatcher read the audience; recipients expire after two years', async () => {
    const { id: memberId, contacts } = await member('mining', {
      languages: ['en'],
      contacts: [contact('Erin', 'en'), contact('Eve', 'en')],
    });
    const id = await campaign('mining');
    const at = new Date().toISOString();
    // As a dispatcher that read the audience before the erasure writes its recipients after it.
    const recipientOf = (c: { id: string; email: string }) => ({
      campaignId: id,
      contactId: c.id,
      companyKind: 'member' as const,
      memberId,
      email: c.email,
      language: 'en' as const,
      status: 'queued' as const,
      reason: null,
      values: { contactName: 'Erin' },
      claimedUntil: null,
      messageId: null,
      sentAt: null,
      releasedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    const repository = new RecipientRepository(t.db);
    expect(await repository.addNew([recipientOf(contacts[0]!)])).toBe(1);
    expect(
      (await t.call('POST', `/v1/members/${memberId}/erase`, { token: await t.token('admin') })).status,
    ).toBe(200);
    expect(await repository.addNew([recipientOf(contacts[1]!)])).toBe(0);
    expect(await repository.get(id, contacts[1]!.id)).toBeUndefined();
    // The one written before the erasure was blanked by it.
    expect(await repository.get(id, contacts[0]!.id)).toMatchObject({ email: null, values: null });
    const stored = await t.db.doc.send(
      new GetCommand({ TableName: t.db.tableName, Key: recipientKey(id, contacts[0]!.id) }),
    );
    expect(stored.Item?.expiresAt).toBe(Math.floor(Date.parse(at) / 1000) + 730 * 86_400);
  });

  it('mails nothing to a contact erased while it waited in the queue, and still completes', async () => {
    const ivan = contact('Ivan', 'en');
    const { id: memberId } = await member('construction', { languages: ['en'], contacts: [ivan] });
    const id = await campaign('construction');
    const written = await scheduleHeld(t, staff, id);
    await t.call('POST', `/v1/members/${memberId}/erase`, { token: await t.token('admin') });
    await sendToRecipient({ campaignId: id, contactId: written[0]!.contactId }, t.sending);
    expect(await mailTo(ivan.email)).toEqual([]);
    expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
      email: null,
      status: null,
      reason: 'suppressed',
    });
    expect(await state(id)).toBe('sent');
  });

  it('mails nothing to an address suppressed after the dispatcher checked it, and still completes', async () => {
    const olga = contact('Olga', 'en');
    await member('agriculture', { languages: ['en'], contacts: [olga] });
    const id = await campaign('agriculture');
    const written = await scheduleHeld(t, staff, id);
    // A hard bounce from another campaign, say: the address joins the list while this one waits.
    const hasher = await t.sending.suppression();
    await t.sending.db.doc.send(
      new PutCommand({
        TableName: t.sending.db.tableName,
        Item: { ...suppressionKey(hasher.hash(olga.email)), type: 'suppression', reason: 'bounced' },
      }),
    );
    await sendToRecipient({ campaignId: id, contactId: written[0]!.contactId }, t.sending);
    expect(await mailTo(olga.email)).toEqual([]);
    expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
      email: olga.email,
      status: null,
      reason: 'suppressed',
    });
    expect(await state(id)).toBe('sent');
  });

  it('makes a claim found expired and unrecorded unknown on redelivery, and never sends it again', async () => {
    const kim = contact('Kim', 'en');
    await member('logistics', { languages: ['en'], contacts: [kim] });
    const id = await campaign('logistics');
    const [written] = await scheduleHeld(t, staff, id);
    const recipients = new RecipientRepository(t.sending.db);
    const recipient = { campaignId: id, contactId: written!.contactId };
    // A worker claimed it and died before recording anything.
    const claimedAt = new Date(Date.now() - claimMs - 1000);
    const claimedUntil = new Date(claimedAt.getTime() + claimMs).toISOString();
    expect(await recipients.move(recipient, 'queued', 'claimed', { claimedUntil }, claimedAt)).toBe(true);
    await sendToRecipient(recipient, t.sending);
    expect(await mailTo(kim.email)).toEqual([]);
    expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
      status: 'unknown',
    });
    expect(await state(id)).toBe('sent');
    // Redelivered once more: still nothing sent.
    await sendToRecipient(recipient, t.sending);
    expect(await mailTo(kim.email)).toEqual([]);
  });

  it('leaves a claim that has not expired to the delivery that holds it', async () => {
    const lee = contact('Lee', 'en');
    await member('food-canning', { languages: ['en'], contacts: [lee] });
    const id = await campaign('food-canning');
    const [written] = await scheduleHeld(t, staff, id);
    const recipient = { campaignId: id, contactId: written!.contactId };
    const now = new Date();
    const claimedUntil = new Date(now.getTime() + claimMs).toISOString();
    await new RecipientRepository(t.sending.db).move(recipient, 'queued', 'claimed', { claimedUntil }, now);
    await sendToRecipient(recipient, t.sending);
    expect(await mailTo(lee.email)).toEqual([]);
    expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
      status: 'queued',
    });
    expect(await state(id)).toBe('sending');
  });

  it('sweeps claims that expired unrecorded into unknown where no message comes again, and only those', async () => {
    const [gone, busy] = [contact('Gone', 'en'), contact('Busy', 'en')];
    await member('industrial-water-treatment', { languages: ['en'], contacts: [gone, busy] });
    const id = await campaign('industrial-water-treatment');
    const written = await scheduleHeld(t, staff, id);
    const recipients = new RecipientRepository(t.sending.db);
    const byEmail = Object.fromEntries(
      (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items.map((r) => [r.email, r.contactId]),
    );
    const now = Date.now();
    const claim = (email: string, until: number) =>
      recipients.move(
        { campaignId: id, contactId: byEmail[email]! },
        'queued',
        'claimed',
        { claimedUntil: new Date(until).toISOString() },
        new Date(until - claimMs),
      );
    await claim(gone.email, now - 1000);
    await claim(busy.email, now + claimMs);
    expect(written).toHaveLength(2);

    expect(await t.sweepClaims()).toBe(1);
    expect(await t.sweepClaims()).toBe(0);
    const after = Object.fromEntries(
      (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items.map((r) => [r.email, r.status]),
    );
    expect(after).toEqual({ [gone.email]: 'unknown', [busy.email]: 'queued' });
    expect(await mailTo(gone.email)).toEqual([]);
    expect(await state(id)).toBe('sending');
  });

  it('lets staff release an unknown recipient once: it gets one email, even after its campaign was sent', async () => {
    const lost = contact('Lost', 'en');
    await member('technology-transfer', { languages: ['en'], contacts: [lost] });
    const id = await campaign('technology-transfer');
    const transport = t.sending.transport;
    let failNext = true;
    t.sending.transport = {
      send: async (email: OutgoingEmail) => {
        if (failNext) throw new Error('connection reset after DATA');
        return transport.send(email);
      },
    };
    try {
      await post(`/v1/campaigns/${id}/schedule`, {});
      await settle(id, (s) => s === 'sent');
      const [recipient] = (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items;
      expect(recipient).toMatchObject({ status: 'unknown' });
      const release = `/v1/campaigns/${id}/recipients/${recipient!.contactId}/release`;
      // Staff are shown it once it has stayed unknown past the window, with when it became so.
      const unknownOf = async () =>
        (
          await get<{ items: { campaignId: string; contactId: string; unknownSince: string }[] }>(
            '/v1/unknown-recipients?limit=100',
          )
        ).items.filter((r) => r.campaignId === id);
      expect(await unknownOf()).toEqual([]);
      const later = vi
        .spyOn(t.deps, 'clock')
        .mockReturnValue(new Date(Date.now() + 6 * 3600 * 1000 + 60_000));
      try {
        expect(await unknownOf()).toEqual([
          expect.objectContaining({ contactId: recipient!.contactId, email: lost.email, status: 'unknown' }),
        ]);
      } finally {
        later.mockRestore();
      }

      failNext = false;
      const released = await post(release);
      expect(released.status).toBe(202);
      expect(await released.json()).toMatchObject({ contactId: recipient!.contactId, status: 'queued' });
      await t.sends.idle();
      expect(await mailTo(lost.email)).toHaveLength(1);
      expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
        status: 'sent',
      });
      expect(await state(id)).toBe('sent');
      // Settled: off the list, whenever staff look.
      const muchLater = vi.spyOn(t.deps, 'clock').mockReturnValue(new Date(Date.now() + 7 * 3600 * 1000));
      try {
        expect(await unknownOf()).toEqual([]);
      } finally {
        muchLater.mockRestore();
      }

      const again = await post(release);
      expect(again.status).toBe(409);
      expect(((await again.json()) as { detail: string }).detail).toBe(
        'The recipient is sent; only an unknown one can be released.',
      );
      expect((await post(`/v1/campaigns/${id}/recipients/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/release`)).status).toBe(
        404,
      );
    } finally {
      t.sending.transport = transport;
    }
  });

  it('releases a recipient at most once', async () => {
    const twice = contact('Twice', 'en');
    await member('workforce-training', { languages: ['en'], contacts: [twice] });
    const id = await campaign('workforce-training');
    const transport = t.sending.transport;
    t.sending.transport = {
      send: async () => {
        throw new Error('socket hang up');
      },
    };
    try {
      await post(`/v1/campaigns/${id}/schedule`, {});
      await settle(id, (s) => s === 'sent');
      const [recipient] = (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items;
      const release = `/v1/campaigns/${id}/recipients/${recipient!.contactId}/release`;
      expect((await post(release)).status).toBe(202);
      await t.sends.idle();
      expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
        status: 'unknown',
      });
      const again = await post(release);
      expect(again.status).toBe(409);
      expect(((await again.json()) as { detail: string }).detail).toMatch(
        /^The recipient was released once already, at /,
      );
    } finally {
      t.sending.transport = transport;
    }
    expect(await mailTo(twice.email)).toEqual([]);
  });

  it('sends each language variant to the caller’s own address, built as recipients’ emails are, counting nothing', async () => {
    const id = await campaign('manufacturing');
    const answer = await post(`/v1/campaigns/${id}/test`);
    expect(answer.status).toBe(202);
    const body = (await answer.json()) as { to: string; languages: string[] };
    expect(body).toEqual({ to: 'local-staff@users.bridge-crm.localhost', languages: ['vi', 'en'] });
    await t.sends.idle();
    const emails = await Promise.all((await mailTo(body.to)).map((raw) => PostalMime.parse(raw)));
    expect(emails.map((e) => e.subject).sort()).toEqual([
      '[Test] Partners for Example Trading Ltd',
      '[Test] Đối tác cho Công ty TNHH Ví Dụ',
    ]);
    for (const email of emails) {
      expect(email.headers.find((h) => h.key === 'list-unsubscribe')?.value).toMatch(
        /^<http:\/\/crm\.test\/unsubscribe\//,
      );
      expect(email.text).toContain('Demo Business Association (bridge-crm)');
    }
    expect(await state(id)).toBe('draft');
    expect((await get<{ audience: number }>(`/v1/campaigns/${id}/stats`)).audience).toBe(0);
    expect((await post('/v1/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/test')).status).toBe(404);
  });

  it('refuses moves the campaign’s state does not allow, naming the ones it does', async () => {
    const id = await campaign('finance');
    const pause = await post(`/v1/campaigns/${id}/pause`);
    expect(pause.status).toBe(409);
    expect(((await pause.json()) as { detail: string }).detail).toBe(
      'The campaign is draft; it cannot become paused, only scheduled.',
    );
    const past = await post(`/v1/campaigns/${id}/schedule`, { sendAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(await state(id)).toBe('draft');

    const future = await post(`/v1/campaigns/${id}/schedule`, { sendAt: '2099-01-01T10:00:00+07:00' });
    expect(future.status).toBe(202);
    expect(await get(`/v1/campaigns/${id}`)).toMatchObject({
      state: 'scheduled',
      sendAt: '2099-01-01T03:00:00.000Z',
    });
    expect((await post(`/v1/campaigns/${id}/schedule`, {})).status).toBe(409);
    const back = await post(`/v1/campaigns/${id}/unschedule`);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ state: 'draft', sendAt: '2099-01-01T03:00:00.000Z' });
    expect((await post(`/v1/campaigns/${id}/unschedule`)).status).toBe(409);
    expect((await post(`/v1/campaigns/${id}/schedule`, { sendAt: '2099-02-01T10:00:00Z' })).status).toBe(202);
    const cancelled = await post(`/v1/campaigns/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await state(id)).toBe('cancelled');
    expect((await post(`/v1/campaigns/${id}/resume`)).status).toBe(409);
    expect((await post('/v1/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/cancel')).status).toBe(404);
  });

  it('takes a campaign whose schedule could not be set back to the draft it was', async () => {
    const id = await campaign('chemicals');
    const failing = vi
      .spyOn(t.scheduler, 'at')
      .mockRejectedValueOnce(
        new ServiceUnavailableError('The campaign could not be scheduled right now.', 5),
      );
    try {
      const refused = await post(`/v1/campaigns/${id}/schedule`, { sendAt: '2099-03-01T09:00:00+03:00' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
    } finally {
      failing.mockRestore();
    }
    expect(await get(`/v1/campaigns/${id}`)).toMatchObject({ state: 'draft', sendAt: null });
    const edited = await t.call('PATCH', `/v1/campaigns/${id}`, {
      token: staff,
      body: { name: 'Still a draft' },
      headers: {
        'content-type': 'application/merge-patch+json',
        'if-match': (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).headers.get('etag')!,
      },
    });
    expect(edited.status).toBe(200);
    expect((await post(`/v1/campaigns/${id}/schedule`, { sendAt: '2099-03-01T09:00:00+03:00' })).status).toBe(
      202,
    );
  });

  it('schedules only at the version the caller read, even when an edit lands between its read and its move', async () => {
    const id = await campaign('chemicals');
    const read = await get<{ version: number }>(`/v1/campaigns/${id}`);
    const campaigns = new CampaignRepository(t.deps.db);
    const runs = new CampaignRuns(t.deps, campaigns, new RecipientRepository(t.deps.db));
    // The service's own read still finds the version the caller read; the edit lands right after it.
    vi.spyOn(campaigns, 'get').mockImplementationOnce(async (campaignId) => {
      const found = await CampaignRepository.prototype.get.call(campaigns, campaignId);
      const edited = await t.call('PATCH', `/v1/campaigns/${id}`, {
        token: staff,
        body: { name: 'Edited meanwhile' },
        headers: { 'content-type': 'application/merge-patch+json', 'if-match': `"${read.version}"` },
      });
      expect(edited.status).toBe(200);
      return found;
    });
    const scheduling = vi.spyOn(t.scheduler, 'at');
    try {
      await expect(runs.schedule(id, undefined, read.version)).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(scheduling).not.toHaveBeenCalled();
    } finally {
      scheduling.mockRestore();
    }
    expect(await get(`/v1/campaigns/${id}`)).toMatchObject({
      state: 'draft',
      name: 'Edited meanwhile',
      version: read.version + 1,
    });
  });
});
