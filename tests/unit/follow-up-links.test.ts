/**
 * The links both sides answer the follow-up question with (issue 11): signed under their own purpose
 * key, naming ids only, refused when altered or expired; the queue messages they lead to parse.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaignWorkOf } from '../../shared/campaigns/campaign-work.ts';
import { FollowUpLinks } from '../../shared/events/follow-up-links.ts';
import { mailEventOf } from '../../shared/runtime/mail-event-worker.ts';
import { purposeKeys } from '../../shared/security/purpose-keys.ts';

const secret = randomBytes(32);
const [eventId, a, b] = [
  '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
  '01JD5Z7Q8N3V2K4M6P8R0T2W4A',
  '01JD5Z7Q8N3V2K4M6P8R0T2W50',
];
const meetingId = `${a}-${b}`;
const target = { eventId, meetingId, companyId: b };
const expiresAt = new Date('2027-10-01T09:00:00.000Z');
const before = new Date('2027-09-30T00:00:00Z');

describe('follow-up links', () => {
  const links = new FollowUpLinks([purposeKeys({ current: secret }).followUpKey]);

  it('name the ids and the expiry, MACed with HMAC-SHA256 under bridge-crm/event-follow-up/v1', () => {
    const token = links.sign(target, expiresAt);
    const parts = token.split('.');
    expect(parts.slice(0, 5)).toEqual(['1', eventId, meetingId, b, String(expiresAt.getTime() / 1000)]);
    const key = Buffer.from(
      hkdfSync('sha256', secret, new Uint8Array(0), 'bridge-crm/event-follow-up/v1', 32),
    );
    const mac = createHmac('sha256', key).update(parts.slice(0, 5).join('.')).digest().subarray(0, 16);
    expect(parts[5]).toBe(mac.toString('base64url'));
    expect(links.verify(token, before)).toEqual({ target, expiresAt, expired: false });
    expect(links.verify(token, expiresAt)?.expired).toBe(true);
  });

  it('refuse any change, another purpose’s key, and a side not of the meeting', () => {
    const token = links.sign(target, expiresAt);
    const parts = token.split('.');
    const swap = (i: number, value: string) => parts.map((p, j) => (j === i ? value : p)).join('.');
    expect(links.verify(swap(3, a), before)).toBeUndefined();
    expect(links.verify(swap(4, '1900000000'), before)).toBeUndefined();
    expect(links.verify(`${token}A`, before)).toBeUndefined();
    expect(links.verify('not-a-token', before)).toBeUndefined();
    const partnerKey = purposeKeys({ current: secret }).partnerAnswers;
    expect(partnerKey.verify(token, before)).toBeUndefined();
    expect(() => links.sign({ ...target, companyId: '01JD5Z7Q8N3V2K4M6P8R0T2W70' }, expiresAt)).toThrow();
  });

  it('lead to queue messages the workers parse', () => {
    const followUp = { eventId, meetingId, companyId: b, contactId: a };
    expect(campaignWorkOf(JSON.stringify({ followUp }))).toEqual({ followUp });
    const answer = {
      kind: 'answer-follow-up',
      eventId,
      meetingId,
      companyId: b,
      agreement: false,
      at: before.toISOString(),
    };
    expect(mailEventOf(JSON.stringify(answer))).toEqual(answer);
    expect(() => mailEventOf(JSON.stringify({ ...answer, agreement: 'no' }))).toThrow();
  });
});
