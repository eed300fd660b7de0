import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StaffRoster } from '../../shared/console/staff-roster.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import { saveSettingsAndRetier } from '../../shared/members/retier-job.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const sqs = mockClient(SQSClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const queueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/jobs';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  process.env.TABLE_NAME = t.db.tableName;
  process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.JOBS_QUEUE_URL = queueUrl;
  process.env.AWS_REGION = 'eu-central-1';
  process.env.USER_POOL_ID = 'eu-central-1_Jobs';
});
afterAll(async () => {
  sqs.restore();
  cognito.restore();
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

  it('checks the staff roster against the pool’s groups on the daily message', async () => {
    const roster = new StaffRoster(t.db);
    const signedInAt = '2026-11-02T09:00:00.000Z';
    await roster.record({ sub: 'u-kept', name: 'kept@association.example', role: 'staff', signedInAt });
    await roster.record({ sub: 'u-gone', name: 'gone@association.example', role: 'staff', signedInAt });
    const user = (sub: string) => ({ Username: sub, Attributes: [{ Name: 'sub', Value: sub }] });
    cognito
      .on(ListUsersInGroupCommand, { UserPoolId: 'eu-central-1_Jobs', GroupName: 'staff' })
      .resolves({ Users: [user('u-kept')] })
      .on(ListUsersInGroupCommand, { UserPoolId: 'eu-central-1_Jobs', GroupName: 'admin' })
      .resolves({ Users: [] });
    const { handler } = await import('../../functions/job-worker.ts');

    const response = await handler(
      { Records: [record('roster', JSON.stringify({ run: 'check-staff-roster' }))] },
      context,
    );

    expect(response).toEqual({ batchItemFailures: [] });
    const users = new Map((await roster.read()).users.map((each) => [each.sub, each]));
    expect(users.get('u-gone')!.leftAt).toBeDefined();
    expect(users.get('u-kept')!.leftAt).toBeUndefined();
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(2);
  });
});
