import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * CSV import and export at the size the issue names: `npx tsx bench/import-bench.ts [rows]` (default
 * 3,000). Runs the real app on a fresh in-memory DynamoDB Local and times, through HTTP handlers:
 * creating every row, re-importing the same file (all unchanged), a file where a tenth of the rows
 * change, and exporting the lot. This is a bench rather than a test because DynamoDB Local runs
 * transactions one at a time, so the 3,000 creates alone take about a minute here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { faker } from '@faker-js/faker';
import { stringify } from 'csv-stringify/sync';
import { createTableIfMissing } from '../infra/local/create-table.ts';
import { createDevSecrets } from '../infra/local/dev-secrets.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { createLocalApp } from '../infra/local/local-app.ts';
import { withInnCheckDigits } from '../shared/domain/tax-id.ts';
import { signLocalToken } from '../shared/identity/local-jwt.ts';
import { layoutColumns } from '../shared/members/member-csv.ts';
import type { ImportReport } from '../shared/members/member-csv-service.ts';

const rowCount = Number(process.argv[2] ?? 3000);
const contactSlots = 3;

faker.seed(20240301);
const sectors = ['energy', 'logistics', 'manufacturing', 'agriculture', 'tourism', 'construction'];

function rows(): Record<string, string>[] {
  return Array.from({ length: rowCount }, (_, i) => {
    const taxId = withInnCheckDigits(String(700_000_000 + i));
    const contacts = Array.from({ length: 1 + (i % contactSlots) }, (_, c) => ({
      [`contact${c + 1}_name`]: faker.person.fullName(),
      [`contact${c + 1}_email`]: `c${c}.${taxId}@bench.example`,
      [`contact${c + 1}_phone`]: `+7916${String(1_000_000 + i).slice(-7)}`,
      [`contact${c + 1}_position`]: faker.person.jobTitle(),
      [`contact${c + 1}_language`]: c === 2 ? 'en' : 'ru',
      [`contact${c + 1}_outreach`]: i % 2 ? 'yes' : 'no',
      [`contact${c + 1}_news`]: 'yes',
    }));
    return Object.assign(
      {
        name: `${faker.company.name()} ${i}`,
        country: 'RU',
        region: ['RU-MOW', 'RU-VLA', 'RU-SPE'][i % 3]!,
        taxId,
        sectors: [sectors[i % sectors.length], sectors[(i + 1) % sectors.length]].join('|'),
        interests: 'technology-transfer|workforce-training',
        languages: 'ru|en',
        description: faker.company.catchPhrase(),
        website: `https://m${i}.bench.example`,
        status: 'active',
        joinedOn: '2024-03-01',
        verifiedRevenue_amount: `${faker.number.int({ min: 1_000_000, max: 5_000_000_000 })}.${String(i % 100).padStart(2, '0')}`,
        verifiedRevenue_currency: 'RUB',
      },
      ...contacts,
    );
  });
}

const csv = (records: Record<string, string>[]) =>
  stringify(records, { header: true, columns: layoutColumns(contactSlots), record_delimiter: 'windows' });

const dynamo = await startDynamoDbLocal({});
try {
  const tableName = `import-bench-${Date.now()}`;
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(client, tableName);
  const secrets = await createDevSecrets();
  const { app } = await createLocalApp({
    endpoint: dynamo.endpoint,
    tableName,
    secrets,
    outboxDir: mkdtempSync(join(tmpdir(), 'bridge-crm-bench-outbox-')),
    // The bench sends no campaign; its links would point at no server.
    publicBaseUrl: 'http://127.0.0.1',
  });
  const authorization = `Bearer ${await signLocalToken(secrets.privateJwk, { role: 'staff' })}`;

  const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await run();
    return [result, Math.round(performance.now() - started)];
  };
  const importFile = (body: string) =>
    timed(async () => {
      const response = await app.request('/v1/members/import', {
        method: 'POST',
        headers: { authorization, 'content-type': 'text/csv' },
        body,
      });
      if (response.status === 200) return ((await response.json()) as ImportReport).summary;
      if (response.status !== 202)
        throw new Error(`import answered ${response.status}: ${await response.text()}`);
      // Over the synchronous threshold the file runs as a job: the time counted is until it has finished.
      const location = response.headers.get('location')!;
      for (;;) {
        const job = (await (await app.request(location, { headers: { authorization } })).json()) as {
          status: string;
          summary?: ImportReport['summary'];
        };
        if (job.status === 'succeeded') return job.summary!;
        if (job.status === 'failed') throw new Error(`import job failed: ${JSON.stringify(job)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

  const records = rows();
  const file = csv(records);
  const [created, createMs] = await importFile(file);
  const [unchanged, unchangedMs] = await importFile(file);
  const [mixed, mixedMs] = await importFile(
    csv(records.map((r, i) => (i % 10 === 0 ? { ...r, description: `Changed ${i}` } : r))),
  );
  const [exported, exportMs] = await timed(async () => {
    const response = await app.request('/v1/members/export.csv', { headers: { authorization } });
    return (await response.arrayBuffer()).byteLength;
  });

  const perRow = (ms: number) => `${(ms / rowCount).toFixed(1)} ms/row`;
  console.table({
    'create all': { ms: createMs, rate: perRow(createMs), summary: JSON.stringify(created) },
    're-import, all unchanged': {
      ms: unchangedMs,
      rate: perRow(unchangedMs),
      summary: JSON.stringify(unchanged),
    },
    're-import, 10% changed': { ms: mixedMs, rate: perRow(mixedMs), summary: JSON.stringify(mixed) },
    export: { ms: exportMs, rate: perRow(exportMs), summary: `${exported} bytes` },
  });
  console.log(`${rowCount} rows, ${Buffer.byteLength(file)} bytes of CSV, DynamoDB Local in memory.`);
} finally {
  await dynamo.stop();
}
