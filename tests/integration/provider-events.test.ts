import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMailEvent } from '../../shared/campaigns/mail-events.ts';
import { RecipientRepository } from '../../shared/campaigns/recipient-repository.ts';
import { sendToRecipient } from '../../shared/campaigns/sender.ts';
import { campaignStatsKey } from '../../shared/data/keys.ts';
import { scheduleHeld, sendNow } from '../support/campaign-runs.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
});
afterAll(() => t.drop());

const get = async <T>(path: string) => (await (await t.call('GET', path, { token: staff })).json()) as T;

/** A contact at one of SES's simulator addresses, `+label` keeping each address unique to a test. */
const simulator = (outcome: 'success' | 'bounce' | 'complaint', label: string) => ({
  name: `${outcome} ${label}`,
  email: `${outcome}+${label}@simulator.amazonses.com`,
  language: 'en',
  consent: { outreach: true },
});

async function campaignTo(sector: string): Promise<string> {
  const created = await t.call('POST', '/v1/campaigns', {
    token: staff,
    body: {
      name: `To ${sector}`,
      segment: { sectors: [sector] },
      replyTo: 'partnerships@example.org',
      variants: { en: { subject: 'Partners', html: '<p>{{contactName}}</p>', text: '{{contactName}}' } },
    },
  });
  return ((await created.json()) as { id: string }).id;
}

type Recipients = {
  items: { contactId: string; email: string; status: string | null; reason: string | null }[];
};

describe('events from the mail provider (SES mailbox simulator, locally)', () => {
  it('record deliveries, suppress bounced and complaining addresses, and withdraw a complainer’s consent', async () => {
    const contacts = [simulator('success', 'a1'), simulator('bounce', 'a1'), simulator('complaint', 'a1')];
    const created = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ sectors: ['mining'], languages: ['en'], contacts }),
    });
    const member = (await created.json()) as { id: string; contacts: { id: string; email: string }[] };
    const id = await campaignTo('mining');
    await sendNow(t, staff, id);

    const byEmail = Object.fromEntries(
      (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items.map((r) => [r.email, r.status]),
    );
    expect(byEmail).toEqual({
      [contacts[0]!.email]: 'delivered',
      [contacts[1]!.email]: 'bounced',
      [contacts[2]!.email]: 'complained',
    });
    const stats = await get<{ byStatus: Record<string, number> }>(`/v1/campaigns/${id}/stats`);
    expect(stats.byStatus).toMatchObject({ sent: 0, delivered: 1, bounced: 1, complained: 1 });

    const read = await get<{ contacts: { email: string; consent: { outreach: { granted: boolean } } }[] }>(
      `/v1/members/${member.id}`,
    );
    const consent = Object.fromEntries(read.contacts.map((c) => [c.email, c.consent.outreach.granted]));
    expect(consent).toEqual({
      [contacts[0]!.email]: true,
      [contacts[1]!.email]: true,
      [contacts[2]!.email]: false,
    });
    const history = await get<{ items: { action: string }[] }>(`/v1/members/${member.id}/history`);
    expect(history.items.filter((entry) => entry.action === 'complaint')).toHaveLength(1);

    // The next campaign leaves the bounced and the complaining address out.
    const next = await campaignTo('mining');
    await sendNow(t, staff, next);
    const reasons = Object.fromEntries(
      (await get<Recipients>(`/v1/campaigns/${next}/recipients`)).items.map((r) => [
        r.email,
        r.reason ?? r.status,
      ]),
    );
    expect(reasons).toEqual({
      [contacts[0]!.email]: 'delivered',
      [contacts[1]!.email]: 'suppressed',
      [contacts[2]!.email]: 'no-consent',
    });
  });

  it('move a status only forward: an event twice, or a delivery after a complaint, changes nothing', async () => {
    const contacts = [simulator('complaint', 'b1'), simulator('success', 'b1')];
    await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ sectors: ['fisheries'], languages: ['en'], contacts }),
    });
    const id = await campaignTo('fisheries');
    await sendNow(t, staff, id);
    const recipients = (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items;
    const complainer = recipients.find((r) => r.email === contacts[0]!.email)!;
    const delivered = recipients.find((r) => r.email === contacts[1]!.email)!;
    const deps = {
      db: t.db,
      clock: () => new Date(),
      newId: () => '01JD5Z7Q8N3V2K4M6P8R0T2W5Z',
      jobs: t.jobs,
      suppression: t.deps.suppression,
    };
    const stored = new RecipientRepository(t.db);
    const messageIdOf = async (contactId: string) => (await stored.get(id, contactId))!.messageId!;
    const event = async (type: 'delivery' | 'complaint', contactId: string) => ({
      kind: 'provider' as const,
      event: {
        type,
        messageId: await messageIdOf(contactId),
        campaignId: id,
        contactId,
        at: new Date().toISOString(),
      },
    });
    await applyMailEvent(await event('delivery', complainer.contactId), deps);
    await applyMailEvent(await event('complaint', complainer.contactId), deps);
    await applyMailEvent(await event('delivery', delivered.contactId), deps);
    const after = Object.fromEntries(
      (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items.map((r) => [r.email, r.status]),
    );
    expect(after).toEqual({ [contacts[0]!.email]: 'complained', [contacts[1]!.email]: 'delivered' });
    const stats = await get<{ byStatus: Record<string, number> }>(`/v1/campaigns/${id}/stats`);
    expect(stats.byStatus).toMatchObject({ delivered: 1, complained: 1, sent: 0 });
  });

  it('pause the campaign when bounces pass 5% of 200 or more accepted messages, saying why until resumed', async () => {
    // Two recipients, so the campaign is still sending when the first one's bounce comes back.
    const [bouncing, waiting] = [simulator('bounce', 'c1'), simulator('success', 'c1')];
    await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ sectors: ['tourism'], languages: ['en'], contacts: [bouncing, waiting] }),
    });
    const id = await campaignTo('tourism');
    await scheduleHeld(t, staff, id);
    const held = (await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items.find(
      (r) => r.email === bouncing.email,
    );
    // As if 316 messages had gone out before this one, 16 of them bounced: one more bounce is over 5%.
    await t.db.doc.send(
      new UpdateCommand({
        TableName: t.db.tableName,
        Key: campaignStatsKey(id, 0),
        UpdateExpression: 'ADD delivered :d, bounced :b',
        ExpressionAttributeValues: { ':d': 300, ':b': 16 },
      }),
    );
    await sendToRecipient({ campaignId: id, contactId: held!.contactId }, t.sending);
    await t.mailEvents.idle();
    const paused = await get<{ state: string; pausedBecause: string | null }>(`/v1/campaigns/${id}`);
    expect(paused).toMatchObject({
      state: 'paused',
      pausedBecause: 'bounces are 5.36% of 317 accepted messages (limit 5%)',
    });
    const resumed = await t.call('POST', `/v1/campaigns/${id}/resume`, { token: staff });
    expect(await resumed.json()).toMatchObject({ state: 'sending', pausedBecause: null });
  });

  it('complete the campaign when an event settles its last recipient before the sender recorded it', async () => {
    const contact = simulator('success', 'd1');
    await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ sectors: ['energy'], languages: ['en'], contacts: [contact] }),
    });
    const id = await campaignTo('energy');
    const [held] = await scheduleHeld(t, staff, id);
    const recipient = { campaignId: id, contactId: held!.contactId };
    // The sender claimed it, handed it over, and died before recording: SES's delivery comes anyway.
    const claimedUntil = new Date(Date.now() + 600_000).toISOString();
    await new RecipientRepository(t.db).move(recipient, 'queued', 'claimed', { claimedUntil }, new Date());
    const deps = {
      db: t.db,
      clock: () => new Date(),
      newId: () => '01JD5Z7Q8N3V2K4M6P8R0T2W5Z',
      jobs: t.jobs,
      suppression: t.deps.suppression,
    };
    await applyMailEvent(
      {
        kind: 'provider',
        event: { type: 'delivery', messageId: 'ses-1', ...recipient, at: new Date().toISOString() },
      },
      deps,
    );
    expect((await get<Recipients>(`/v1/campaigns/${id}/recipients`)).items[0]).toMatchObject({
      status: 'delivered',
    });
    expect((await get<{ state: string }>(`/v1/campaigns/${id}`)).state).toBe('sent');
  });
});
