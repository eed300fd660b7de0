import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import { saveSettingsAndRetier } from '../../shared/members/retier-job.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const sqs = mockClient(SQSClient);
const queueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/jobs';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  process.env.TABLE_NAME = t.db.tableName;
  process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.JOBS_QUEUE_URL = queueUrl;
  process.env.AWS_REGION = 'eu-central-1';
});
afterAll(async () => {
  sqs.restore();
  await t.drop();
});

const record = (messageId: string, body: string) => ({ messageId, body }) as SQSRecord;
const context = {
  functionName: 'job-worker',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as Context;

describe('job worker Lambda', () => {
  it('runs a batch per record and reports only the records that failed', async () => {
    const staff = await t.token('staff');
    const inn = withInnCheckDigits('790000001');
    const created = await t.call('POST', '/v1/members', {
      token: staff,
      body: {
        name: 'ООО «Воркер»',
        country: 'RU',
        taxId: inn,
        sectors: ['food-canning'],
        interests: ['digital-economy'],
        verifiedRevenue: { amount: 15_000_000_000, currency: 'RUB' },
        contacts: [{ name: 'Олег Иванов', email: `oleg.${inn}@worker.ru`, language: 'ru' }],
      },
    });
    expect(created.status).toBe(201);
    const memberId = ((await created.json()) as { id: string }).id;

    const settings = new SettingsRepository(t.db);
    const raised = {
      ...seedTierTable,
      tiers: seedTierTable.tiers.map((tier, i) =>
        i === 0
          ? { ...tier, upperBound: 200_00_000_000 }
          : i === 1
            ? { ...tier, lowerBound: 200_00_000_000 }
            : tier,
      ),
    };
    const jobs = new JobRepository(t.db);
    const held = { enqueue: async () => {} };
    const runtime = { db: t.db, queue: held, clock: () => new Date(), newId: t.deps.newId };
    const version = (await settings.read()).tiers.version;
    const { job } = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', raised, version);

    sqs.on(SendMessageCommand).resolves({ MessageId: 'next' });
    const { handler } = await import('../../functions/job-worker.ts');
    const event: SQSEvent = {
      Records: [
        record('good', JSON.stringify({ jobId: job.id })),
        record('poison', 'not json'),
        record('nameless', JSON.stringify({ job: job.id })),
        record('unknown-job', JSON.stringify({ jobId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' })),
        // The daily schedule's message; no rate of this table takes effect today.
        record('daily', JSON.stringify({ run: 'retier-for-dated-rates' })),
      ],
    };
    const response = await handler(event, context);

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: 'poison' }, { itemIdentifier: 'nameless' }],
    });
    expect(await jobs.get(job.id)).toMatchObject({ status: 'succeeded', scanned: 1, changed: 1 });
    const member = await t.call('GET', `/v1/members/${memberId}`, { token: staff });
    expect(((await member.json()) as { tier: string }).tier).toBe('micro');
    // One batch covered this small table, so there was no continuation to send.
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});
