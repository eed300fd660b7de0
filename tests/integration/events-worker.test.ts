/**
 * The events worker Lambda (functions/events-worker.ts) on DynamoDB Local: a schedule job the events
 * API put on its own queue runs there, and its publish queues the changed agendas on the send queue.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../shared/http/app.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import type { JobMessage } from '../../shared/jobs/job-queue.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const sqs = mockClient(SQSClient);
const sendQueueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/send';
const variables = ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'SEND_QUEUE_URL', 'AWS_REGION'] as const;
const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  process.env.TABLE_NAME = t.db.tableName;
  process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.SEND_QUEUE_URL = sendQueueUrl;
  process.env.AWS_REGION = 'eu-central-1';
});
afterAll(async () => {
  sqs.restore();
  for (const name of variables) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await t.drop();
});

const context = {
  functionName: 'events-worker',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 300_000,
} as Context;

async function ok(response: Response, status: number): Promise<unknown> {
  expect(response.status, await response.clone().text()).toBe(status);
  return response.json();
}

/** A member company with one delegate, and its member token. */
async function member() {
  const created = (await ok(await t.call('POST', '/v1/members', { token: staff, body: company() }), 201)) as {
    id: string;
    contacts: { id: string }[];
  };
  return { ...created, token: await t.token('member', created.id) };
}

describe('events worker Lambda', () => {
  it('runs a schedule job from the event jobs queue and queues the agendas on the send queue', async () => {
    const event = (await ok(
      await t.call('POST', '/v1/events', {
        token: staff,
        body: {
          name: { en: 'Russia–Vietnam B2B' },
          city: 'Moscow',
          timeZone: 'Europe/Moscow',
          days: [{ date: '2027-03-16', sessions: [{ start: '10:00', end: '11:10' }] }],
          slotMinutes: 20,
          gapMinutes: 5,
          tables: [{ id: 'T1' }, { id: 'T2' }],
          spareTables: 0,
          registrationDeadline: '2027-03-01T21:00:00Z',
          requestDeadline: '2027-03-10T21:00:00Z',
        },
      }),
      201,
    )) as { id: string };
    await ok(
      await t.call('PATCH', `/v1/events/${event.id}`, {
        token: staff,
        body: { state: 'open' },
        headers: { 'if-match': '*' },
      }),
      200,
    );
    const [a, b, c] = [await member(), await member(), await member()];
    for (const x of [a, b, c]) {
      await ok(
        await t.call('POST', `/v1/events/${event.id}/participants`, {
          token: staff,
          body: { memberId: x.id, delegates: x.contacts.map((contact) => ({ contactId: contact.id })) },
        }),
        201,
      );
    }
    for (const from of [b, c]) {
      const request = (await ok(
        await t.call('POST', `/v1/events/${event.id}/requests`, {
          token: from.token,
          body: { to: a.id, priority: 'must', topic: 'energy', reason: 'We should talk.' },
        }),
        201,
      )) as { id: string };
      await ok(
        await t.call('POST', `/v1/events/${event.id}/requests/${request.id}/accept`, { token: a.token }),
        200,
      );
    }

    // The events API as lambda-app.ts builds it with EVENT_JOBS_QUEUE_URL: the job goes to that queue.
    const eventJobs: JobMessage[] = [];
    const app = createApp(
      {
        ...t.deps,
        eventJobs: { enqueue: async (message) => void eventJobs.push(message) },
        scheduleInRequestUpTo: 1,
      },
      allApis,
    );
    const response = await app.request(`/v1/events/${event.id}/schedule`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({ publish: true }),
    });
    const { job } = (await ok(response, 202)) as { job: { id: string; href: string } };
    expect(eventJobs).toEqual([{ jobId: job.id }]);

    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const { handler } = await import('../../functions/events-worker.ts');
    const sqsEvent: SQSEvent = {
      Records: [{ messageId: 'schedule', body: JSON.stringify(eventJobs[0]) } as SQSRecord],
    };
    expect(await handler(sqsEvent, context)).toEqual({ batchItemFailures: [] });

    const done = (await ok(await t.call('GET', job.href, { token: staff }), 200)) as {
      status: string;
      result: { placed: number; scheduleVersion: number };
    };
    expect(done).toMatchObject({ status: 'succeeded', result: { placed: 2, scheduleVersion: 1 } });
    // Each company with meetings is sent its agenda, through the send queue the worker was given.
    const sent = sqs.commandCalls(SendMessageBatchCommand).flatMap((call) => {
      expect(call.args[0].input.QueueUrl).toBe(sendQueueUrl);
      return (call.args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.MessageBody!));
    });
    expect(sent.map((message) => message.agenda.companyId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(sent.every((message) => message.agenda.eventId === event.id)).toBe(true);
  });
});
