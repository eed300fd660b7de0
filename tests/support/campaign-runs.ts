import { setTimeout as sleep } from 'node:timers/promises';
import { handleSendMessage } from '../../shared/campaigns/sender.ts';
import type { TestApp } from './test-app.ts';

/**
 * Schedules a campaign to send now with the sender's queue held: the dispatcher writes its recipients
 * and enqueues them, and their messages are taken off the queue unsent, as if the sender had not got
 * to them yet. Resolves with the recipients once written, the queue handing messages to the sender
 * again; a test then delivers a message itself (`sendToRecipient`) after changing what it tests.
 */
export async function scheduleHeld(t: TestApp, staffToken: string, campaignId: string) {
  let held = 0;
  t.sends.setHandler(async () => {
    held++;
  });
  const scheduled = await t.call('POST', `/v1/campaigns/${campaignId}/schedule`, {
    token: staffToken,
    body: {},
  });
  if (scheduled.status !== 202) throw new Error(`schedule answered ${scheduled.status}`);
  let written: { contactId: string; status: string | null }[] = [];
  // Until the dispatcher has written the recipients and every queued one's message has been taken.
  for (let i = 0; i < 200; i++) {
    await sleep(25);
    const page = await t.call('GET', `/v1/campaigns/${campaignId}/recipients`, { token: staffToken });
    written = ((await page.json()) as { items: typeof written }).items;
    const queued = written.filter((r) => r.status === 'queued').length;
    if (written.length > 0 && held >= queued) break;
  }
  await t.sends.idle();
  t.sends.setHandler((message) => handleSendMessage(message, t.sending));
  return written;
}

/**
 * Schedules a campaign to send now and waits until it is `sent`, the sender's queue is empty and every
 * mail event (the outbox's simulated provider events among them) has been applied.
 */
export async function sendNow(t: TestApp, staffToken: string, campaignId: string): Promise<void> {
  const scheduled = await t.call('POST', `/v1/campaigns/${campaignId}/schedule`, {
    token: staffToken,
    body: {},
  });
  if (scheduled.status !== 202) throw new Error(`schedule answered ${scheduled.status}`);
  for (let i = 0; i < 200; i++) {
    const read = await t.call('GET', `/v1/campaigns/${campaignId}`, { token: staffToken });
    if (((await read.json()) as { state: string }).state === 'sent') break;
    await sleep(25);
  }
  await t.sends.idle();
  await t.mailEvents.idle();
}
