/**
 * The AWS edges of campaign sending, against mocked clients: the send queue, the scheduler, SES, the
 * user lookup for test sends, and what the two workers read from their queues.
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignWorkOf } from '../../shared/campaigns/campaign-work.ts';
import { EventBridgeCampaignScheduler } from '../../shared/campaigns/eventbridge-campaign-scheduler.ts';
import { SqsMailEventQueue } from '../../shared/campaigns/sqs-mail-event-queue.ts';
import { SqsSendQueue } from '../../shared/campaigns/sqs-send-queue.ts';
import { ServiceUnavailableError } from '../../shared/domain/errors.ts';
import { MailNotAcceptedError, MailRejectedError } from '../../shared/email/mail-transport.ts';
import { SesTransport } from '../../shared/email/ses-transport.ts';
import { cognitoUserEmail } from '../../shared/runtime/cognito-user-email.ts';
import { mailEventOf } from '../../shared/runtime/mail-event-worker.ts';

const sqs = mockClient(SQSClient);
const scheduler = mockClient(SchedulerClient);
const ses = mockClient(SESv2Client);
const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => {
  sqs.reset();
  scheduler.reset();
  ses.reset();
  cognito.reset();
});

const queueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/sends';
const region = { region: 'eu-central-1' };
const recipients = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ campaignId: 'C', contactId: `K${i}` }));

describe('the send queue', () => {
  it('sends 10 messages per batch, as JSON, with the delay asked for', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await new SqsSendQueue(queueUrl, new SQSClient(region)).enqueue(recipients(23));
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries ?? []);
    expect(batches.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(batches[2]![2]).toEqual({ Id: '2', MessageBody: '{"campaignId":"C","contactId":"K22"}' });

    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolves({});
    await new SqsSendQueue(queueUrl, new SQSClient(region)).enqueue([{ dispatch: 'C' }], 120);
    expect(sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries).toEqual([
      { Id: '0', MessageBody: '{"dispatch":"C"}', DelaySeconds: 120 },
    ]);
  });

  it('sends the entries SQS refused once more, and is a 503 if it refuses them again', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '1', SenderFault: false, Code: 'InternalError' }] })
      .resolves({});
    await new SqsSendQueue(queueUrl, new SQSClient(region)).enqueue(recipients(3));
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls[1]!.args[0].input.Entries?.map((entry) => entry.MessageBody)).toEqual([
      '{"campaignId":"C","contactId":"K1"}',
    ]);

    sqs.reset();
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }] });
    const error = await new SqsSendQueue(queueUrl, new SQSClient(region))
      .enqueue(recipients(1))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
  });
});

describe('the campaign scheduler', () => {
  const target = {
    group: 'bridge-crm-dev-campaigns',
    queueArn: 'arn:aws:sqs:eu-central-1:123456789012:sends',
    roleArn: 'arn:aws:iam::123456789012:role/scheduler',
  };
  const now = new Date('2026-12-01T10:00:00.000Z');
  const build = () => {
    const queued: { messages: unknown[]; delay: number | undefined }[] = [];
    const queue = {
      enqueue: async (messages: readonly unknown[], delay?: number) => {
        queued.push({ messages: [...messages], delay });
      },
    };
    const run = new EventBridgeCampaignScheduler(target, queue, () => now, new SchedulerClient(region));
    return { run, queued };
  };

  it('makes a one-time schedule that puts the dispatch on the send queue at a later send time', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    const { run, queued } = build();
    await run.at('C1', new Date('2026-12-24T08:30:00.000Z'));
    expect(queued).toEqual([]);
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input).toEqual({
      Name: 'campaign-C1',
      GroupName: target.group,
      ScheduleExpression: 'at(2026-12-24T08:30:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: target.queueArn, RoleArn: target.roleArn, Input: '{"dispatch":"C1"}' },
    });
  });

  it('replaces the schedule of a campaign scheduled again', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).resolves({});
    await build().run.at('C1', new Date('2026-12-24T08:30:00.000Z'));
    expect(scheduler.commandCalls(UpdateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe(
      'at(2026-12-24T08:30:00)',
    );
  });

  it('queues the dispatch with a delay for a send time within 15 minutes, and at once for now', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ Message: 'none', message: 'none', $metadata: {} }));
    const { run, queued } = build();
    await run.at('C1', new Date(now.getTime() + 10 * 60_000));
    await run.at('C2', now);
    expect(queued).toEqual([
      { messages: [{ dispatch: 'C1' }], delay: 600 },
      { messages: [{ dispatch: 'C2' }], delay: 0 },
    ]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('cancels by deleting the schedule; none left is fine; a failure is a 503', async () => {
    scheduler.on(DeleteScheduleCommand).resolvesOnce({});
    const { run } = build();
    await run.cancel('C1');
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]!.args[0].input).toEqual({
      Name: 'campaign-C1',
      GroupName: target.group,
    });
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ Message: 'none', message: 'none', $metadata: {} }));
    await run.cancel('C1');
    scheduler.on(DeleteScheduleCommand).rejects(new Error('network'));
    await expect(run.cancel('C1')).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('SES', () => {
  const email = {
    from: 'Association <outreach@association.example>',
    to: 'anna@member.example',
    raw: Buffer.from('Subject: hi\r\n\r\nbody'),
    tags: { campaignId: 'C1', recipientId: 'K1' },
  };

  it('sends the raw message under the configuration set, tagged with campaign and recipient', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const sent = await new SesTransport('bridge-crm-dev', new SESv2Client(region)).send(email);
    expect(sent).toEqual({ messageId: 'ses-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: [email.to] },
      Content: { Raw: { Data: email.raw } },
      ConfigurationSetName: 'bridge-crm-dev',
      EmailTags: [
        { Name: 'campaignId', Value: 'C1' },
        { Name: 'recipientId', Value: 'K1' },
      ],
    });
  });

  it.each([
    ['TooManyRequestsException', MailNotAcceptedError],
    ['SendingPausedException', MailNotAcceptedError],
    ['MessageRejected', MailRejectedError],
  ])('reads %s as %o', async (name, type) => {
    ses.on(SendEmailCommand).rejects(Object.assign(new Error(name), { name }));
    const error = await new SesTransport('set', new SESv2Client(region)).send(email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).not.toContain(email.to);
  });

  it('passes on a failure that may have come after SES took the message', async () => {
    const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    ses.on(SendEmailCommand).rejects(timeout);
    await expect(new SesTransport('set', new SESv2Client(region)).send(email)).rejects.toBe(timeout);
  });
});

describe('the user lookup for test sends', () => {
  it("reads the user's email by the token's subject, and none for a user that is gone", async () => {
    cognito.on(AdminGetUserCommand).resolvesOnce({
      Username: 'sub-1',
      UserAttributes: [
        { Name: 'sub', Value: 'sub-1' },
        { Name: 'email', Value: 'staff@association.example' },
      ],
    });
    const lookup = cognitoUserEmail('eu-central-1_pool', new CognitoIdentityProviderClient(region));
    expect(await lookup('sub-1')).toBe('staff@association.example');
    expect(cognito.commandCalls(AdminGetUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-central-1_pool',
      Username: 'sub-1',
    });
    cognito.on(AdminGetUserCommand).rejects(new UserNotFoundException({ message: 'gone', $metadata: {} }));
    expect(await lookup('sub-2')).toBeUndefined();
  });
});

describe('the mail-event queue', () => {
  it('carries an unsubscribe as JSON; a refusal is a 503', async () => {
    sqs.on(SendMessageCommand).resolvesOnce({ MessageId: 'm' }).rejects(new Error('throttled'));
    const queue = new SqsMailEventQueue(queueUrl, new SQSClient(region));
    const event = {
      kind: 'unsubscribe' as const,
      campaignId: 'C',
      contactId: 'K',
      at: '2026-12-01T10:00:00Z',
    };
    await queue.enqueue(event);
    expect(JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!)).toEqual(event);
    await expect(queue.enqueue(event)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('what the workers read from their queues', () => {
  it('campaign work: dispatch, sweep, recipient, test and address confirmation messages; anything else is refused', () => {
    expect(campaignWorkOf('{"dispatch":"C"}')).toEqual({ dispatch: 'C' });
    expect(campaignWorkOf('{"sweep":"claims"}')).toEqual({ sweep: 'claims' });
    expect(campaignWorkOf('{"campaignId":"C","contactId":"K"}')).toEqual({ campaignId: 'C', contactId: 'K' });
    expect(campaignWorkOf('{"campaignId":"C","testTo":"a@b.example"}')).toEqual({
      campaignId: 'C',
      testTo: 'a@b.example',
    });
    expect(
      campaignWorkOf('{"unsubscribed":{"campaignId":"C","contactId":"K","at":"2026-12-01T10:00:00Z"}}'),
    ).toEqual({
      unsubscribed: { campaignId: 'C', contactId: 'K', at: '2026-12-01T10:00:00Z' },
    });
    expect(campaignWorkOf('{"confirmAddress":{"memberId":"M","contactId":"K"}}')).toEqual({
      confirmAddress: { memberId: 'M', contactId: 'K' },
    });
    for (const body of [
      '{}',
      'null',
      '{"campaignId":"C"}',
      '{"dispatch":""}',
      '{"confirmAddress":{"memberId":"M"}}',
    ]) {
      expect(() => campaignWorkOf(body), body).toThrow(/no campaign work/);
    }
  });

  it('mail events: an unsubscribe or confirmation as queued, an SES event as SNS delivers it raw, others ignored', () => {
    expect(mailEventOf('{"kind":"confirm-address","memberId":"M","contactId":"K","secretHash":"h"}')).toEqual(
      {
        kind: 'confirm-address',
        memberId: 'M',
        contactId: 'K',
        secretHash: 'h',
      },
    );
    expect(() => mailEventOf('{"kind":"confirm-address","memberId":"M","contactId":"K"}')).toThrow(
      /names no/,
    );
    expect(
      mailEventOf('{"kind":"unsubscribe","campaignId":"C","contactId":"K","at":"2026-12-01T10:00:00Z"}'),
    ).toEqual({
      kind: 'unsubscribe',
      campaignId: 'C',
      contactId: 'K',
      at: '2026-12-01T10:00:00Z',
    });
    const ses = (eventType: string, tags: Record<string, string[]>) =>
      JSON.stringify({
        eventType,
        mail: { messageId: 'ses-1', timestamp: '2026-12-01T10:00:00.000Z', tags },
        ...(eventType === 'Bounce' ? { bounce: { bounceType: 'Permanent' } } : {}),
      });
    expect(mailEventOf(ses('Bounce', { campaignId: ['C'], recipientId: ['K'] }))).toEqual({
      kind: 'provider',
      event: {
        type: 'bounce',
        messageId: 'ses-1',
        campaignId: 'C',
        contactId: 'K',
        at: '2026-12-01T10:00:00.000Z',
        permanent: true,
      },
    });
    expect(mailEventOf(ses('Open', { campaignId: ['C'], recipientId: ['K'] }))).toBeUndefined();
    expect(mailEventOf(ses('Delivery', { campaignId: ['C'] }))).toBeUndefined();
    expect(() => mailEventOf('{"kind":"unsubscribe","campaignId":"C"}')).toThrow(/names no/);
  });
});
