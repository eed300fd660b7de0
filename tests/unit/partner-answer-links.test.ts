/**
 * The links partners answer meeting requests with (issue 11): signed under their own purpose key,
 * naming ids only, refused when altered or past the request deadline, and verified by key version.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaignWorkOf } from '../../shared/campaigns/campaign-work.ts';
import { PartnerAnswerLinks } from '../../shared/events/partner-answer-links.ts';
import { mailEventOf } from '../../shared/runtime/mail-event-worker.ts';
import { purposeKeys } from '../../shared/security/purpose-keys.ts';

const secret = randomBytes(32);
const [eventId, partnerId, memberId, contactId] = [
  '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
  '01JD5Z7Q8N3V2K4M6P8R0T2W50',
  '01JD5Z7Q8N3V2K4M6P8R0T2W4A',
  '01JD5Z7Q8N3V2K4M6P8R0T2W60',
];
const requestId = [partnerId, memberId].sort().join('-');
const target = { eventId, requestId, partnerId, contactId };
const deadline = '2027-03-10T21:00:00.000Z';
const before = new Date('2027-03-10T20:59:59Z');

describe('partner answer links', () => {
  const links = purposeKeys({ current: secret }).partnerAnswers;

  it('name the ids and the deadline, MACed with HMAC-SHA256 under bridge-crm/partner-answer/v1', () => {
    const token = links.sign(target, deadline);
    const parts = token.split('.');
    expect(parts.slice(0, 6)).toEqual(['1', eventId, requestId, partnerId, contactId, '1804712400']);
    const key = Buffer.from(
      hkdfSync('sha256', secret, new Uint8Array(0), 'bridge-crm/partner-answer/v1', 32),
    );
    const mac = createHmac('sha256', key).update(parts.slice(0, 6).join('.')).digest().subarray(0, 16);
    expect(parts[6]).toBe(mac.toString('base64url'));
    expect(links.verify(token, before)).toEqual({
      target,
      expiresAt: new Date(deadline),
      expired: false,
    });
  });

  it('expire at the deadline, never later (a deadline between seconds rounds down)', () => {
    const token = links.sign(target, '2027-03-10T21:00:00.900Z');
    expect(links.verify(token, new Date('2027-03-10T21:00:00.000Z'))?.expired).toBe(true);
    expect(links.verify(token, before)?.expired).toBe(false);
  });

  it('work without a contact', () => {
    const { contactId: _c, ...withoutContact } = target;
    const token = links.sign(withoutContact, deadline);
    expect(token.split('.')[4]).toBe('');
    expect(links.verify(token, before)?.target).toEqual(withoutContact);
  });

  it('refuse any change, another key or purpose, and anything not shaped like one', () => {
    const token = links.sign(target, deadline);
    const parts = token.split('.');
    const swap = (i: number, value: string) => parts.map((p, j) => (j === i ? value : p)).join('.');
    const otherPartner = '01JD5Z7Q8N3V2K4M6P8R0T2W70';
    const forged = [
      swap(1, '01JD5Z7Q8N3V2K4M6P8R0T2W4Z'),
      swap(2, [otherPartner, memberId].sort().join('-')),
      swap(3, memberId),
      swap(4, ''),
      swap(5, '1804712500'),
      swap(6, `${parts[6]!.slice(0, -1)}${parts[6]!.endsWith('A') ? 'B' : 'A'}`),
      swap(6, `${parts[6]}=`),
      swap(0, '2'),
      `${token}.x`,
      parts.slice(0, 6).join('.'),
      '',
    ];
    for (const bad of forged) expect(links.verify(bad, before), bad).toBeUndefined();
    expect(purposeKeys({ current: randomBytes(32) }).partnerAnswers.verify(token, before)).toBeUndefined();
    // The unsubscribe key (another purpose) signs nothing this accepts.
    const unsubscribeKey = Buffer.from(
      hkdfSync('sha256', secret, new Uint8Array(0), 'bridge-crm/unsubscribe/v1', 32),
    );
    const withUnsubscribeKey = new PartnerAnswerLinks([{ version: '1', key: unsubscribeKey }]).sign(
      target,
      deadline,
    );
    expect(links.verify(withUnsubscribeKey, before)).toBeUndefined();
  });

  it('name a partner that is a side of the request, and ULIDs only', () => {
    expect(() => links.sign({ ...target, partnerId: '01JD5Z7Q8N3V2K4M6P8R0T2W70' }, deadline)).toThrow();
    expect(() => links.sign({ ...target, contactId: 'anna@example.org' }, deadline)).toThrow();
    // The request id is the pair sorted, as the events store it.
    const unsorted = [partnerId, memberId].sort().reverse().join('-');
    expect(() => links.sign({ ...target, requestId: unsorted }, deadline)).toThrow();
  });

  it('keep working through a rotation of the signing secret (they hang on its permanent version)', () => {
    const token = links.sign(target, deadline);
    const rotated = purposeKeys({ current: randomBytes(32), previous: secret, permanent: secret });
    const after = purposeKeys({ current: randomBytes(32), permanent: secret });
    expect(rotated.partnerAnswers.verify(token, before)?.target).toEqual(target);
    expect(after.partnerAnswers.verify(token, before)?.target).toEqual(target);
  });

  it('verify each token with the key its version names, signing with the newest', () => {
    const [v1, v2] = [randomBytes(32), randomBytes(32)];
    const old = new PartnerAnswerLinks([{ version: '1', key: v1 }]).sign(target, deadline);
    const both = new PartnerAnswerLinks([
      { version: '2', key: v2 },
      { version: '1', key: v1 },
    ]);
    expect(both.verify(old, before)?.target).toEqual(target);
    const fresh = both.sign(target, deadline);
    expect(fresh.startsWith('2.')).toBe(true);
    expect(both.verify(fresh, before)?.target).toEqual(target);
    expect(new PartnerAnswerLinks([{ version: '1', key: v1 }]).verify(fresh, before)).toBeUndefined();
  });
});

describe('the queues’ messages of a partner’s answer', () => {
  it('carry a meeting request email to the sender by ids', () => {
    const body = JSON.stringify({ partnerRequest: { eventId, requestId, contactId } });
    expect(campaignWorkOf(body)).toEqual({ partnerRequest: { eventId, requestId, contactId } });
  });

  it('carry the answer to the mail-event consumer, and refuse one without its fields', () => {
    const answer = {
      kind: 'answer-request',
      eventId,
      requestId,
      partnerId,
      answer: 'accepted',
      at: deadline,
    };
    expect(mailEventOf(JSON.stringify(answer))).toEqual(answer);
    expect(() => mailEventOf(JSON.stringify({ ...answer, answer: 'maybe' }))).toThrow(/no answer/);
    expect(() => mailEventOf(JSON.stringify({ ...answer, at: 'yesterday' }))).toThrow(/no event/);
    expect(() => mailEventOf(JSON.stringify({ ...answer, partnerId: undefined }))).toThrow(/no event/);
  });
});
