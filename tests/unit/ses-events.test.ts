import { describe, expect, it } from 'vitest';
import { providerEventOf, transactionalEventOf } from '../../shared/email/ses-events.ts';

/** The `mail` object of SES's published events, as in the SES Developer Guide's examples. */
const mail = {
  timestamp: '2026-11-30T08:00:00.000Z',
  source: 'Bridge CRM <outreach@example.org>',
  sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/example.org',
  sendingAccountId: '123456789012',
  messageId: '0107018c-1234-5678-9abc-def012345678-000000',
  destination: ['lan@example.vn'],
  headersTruncated: false,
  tags: {
    'ses:configuration-set': ['bridge-crm'],
    'ses:source-ip': ['203.0.113.7'],
    campaignId: ['01JD5Z7Q8N3V2K4M6P8R0T2W4Y'],
    recipientId: ['01JD5Z7Q8N3V2K4M6P8R0T2W50'],
  },
};
const ids = {
  messageId: mail.messageId,
  campaignId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
  contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
  at: mail.timestamp,
};

describe('SES events as campaign email events', () => {
  it('reads deliveries, bounces, complaints, rejections and delays', () => {
    expect(
      providerEventOf({
        eventType: 'Delivery',
        mail,
        delivery: {
          timestamp: '2026-11-30T08:00:02.000Z',
          recipients: ['lan@example.vn'],
          smtpResponse: '250 OK',
        },
      }),
    ).toEqual({ type: 'delivery', ...ids });
    const bounce = (bounceType: string) => ({
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType,
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'lan@example.vn', action: 'failed', status: '5.1.1' }],
        timestamp: '2026-11-30T08:00:03.000Z',
        feedbackId: '0107018c-aaaa',
      },
    });
    expect(providerEventOf(bounce('Permanent'))).toEqual({ type: 'bounce', permanent: true, ...ids });
    expect(providerEventOf(bounce('Transient'))).toEqual({ type: 'bounce', permanent: false, ...ids });
    expect(
      providerEventOf({
        eventType: 'Complaint',
        mail,
        complaint: {
          complainedRecipients: [{ emailAddress: 'lan@example.vn' }],
          complaintFeedbackType: 'abuse',
        },
      }),
    ).toEqual({ type: 'complaint', ...ids });
    expect(providerEventOf({ eventType: 'Reject', mail, reject: { reason: 'Bad content' } })).toEqual({
      type: 'reject',
      ...ids,
    });
    expect(
      providerEventOf({ eventType: 'DeliveryDelay', mail, deliveryDelay: { delayType: 'MailboxFull' } }),
    ).toEqual({
      type: 'delay',
      ...ids,
    });
    // Identity notifications (SNS) name the type differently, with the same mail object.
    expect(providerEventOf({ notificationType: 'Delivery', mail })).toEqual({ type: 'delivery', ...ids });
  });

  it('ignores what campaigns do not act on, and mail that is not a campaign email', () => {
    expect(providerEventOf({ eventType: 'Send', mail })).toBeUndefined();
    expect(providerEventOf({ eventType: 'Open', mail, open: { ipAddress: '203.0.113.9' } })).toBeUndefined();
    const { campaignId: _c, recipientId: _r, ...otherTags } = mail.tags;
    expect(providerEventOf({ eventType: 'Delivery', mail: { ...mail, tags: otherTags } })).toBeUndefined();
    expect(providerEventOf({ eventType: 'Delivery' })).toBeUndefined();
    expect(providerEventOf('not json')).toBeUndefined();
  });
});

describe('SES events of transactional email', () => {
  const { campaignId: _c, recipientId: _r, ...sesTags } = mail.tags;
  const confirmation = { ...mail, tags: { ...sesTags, purpose: ['address-confirmation'] } };
  const event = (eventType: string, extra: Record<string, unknown> = {}) => ({
    eventType,
    mail: confirmation,
    ...extra,
  });

  it('reads permanent bounces and complaints, with the addresses, and nothing that leaves an address as it is', () => {
    const expected = {
      messageId: mail.messageId,
      purpose: 'address-confirmation',
      addresses: ['lan@example.vn'],
    };
    expect(transactionalEventOf(event('Bounce', { bounce: { bounceType: 'Permanent' } }))).toEqual({
      type: 'bounce',
      ...expected,
    });
    expect(transactionalEventOf(event('Complaint', { complaint: {} }))).toEqual({
      type: 'complaint',
      ...expected,
    });
    expect(transactionalEventOf(event('Bounce', { bounce: { bounceType: 'Transient' } }))).toBeUndefined();
    expect(transactionalEventOf(event('Delivery'))).toBeUndefined();
    // A campaign's email is the campaign reader's, and untagged mail nobody's.
    expect(providerEventOf(event('Complaint'))).toBeUndefined();
    expect(transactionalEventOf({ eventType: 'Complaint', mail })).toBeUndefined();
  });
});
