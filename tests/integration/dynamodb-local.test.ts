import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DynamoDbLocal,
  PortBusyError,
  parseJavaMajor,
  startDynamoDbLocal,
} from '../../infra/local/dynamodb-local.ts';

const JVM_TIMEOUT = 60_000;

const started: DynamoDbLocal[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((db) => db.stop()));
});

async function start(options: Parameters<typeof startDynamoDbLocal>[0] = {}): Promise<DynamoDbLocal> {
  const db = await startDynamoDbLocal(options);
  started.push(db);
  return db;
}

// DynamoDB Local 2.x+ rejects access key ids that are not purely alphanumeric.
function clientFor(db: DynamoDbLocal, region = 'local', accessKeyId = 'local'): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: db.endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

function isAlive(pid: number): boolean {
  try {
    // `ps` rather than kill(pid, 0): an unreaped zombie would still answer a signal probe.
    return execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).trim();
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function holdPort(): Promise<Server> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '0.0.0.0', () => done(server));
  });
}

describe('startDynamoDbLocal', () => {
  it(
    'runs in memory on a free port, serves reads and writes, and leaves nothing behind after stop()',
    async () => {
      const db = await start();
      expect(db.endpoint).toBe(`http://127.0.0.1:${db.port}`);
      expect(commandOf(db.pid)).toBe('java');

      const client = clientFor(db);
      await client.send(
        new CreateTableCommand({
          TableName: 'things',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      await client.send(
        new PutItemCommand({ TableName: 'things', Item: { pk: { S: 'a' }, name: { S: 'Alpha' } } }),
      );
      const got = await client.send(new GetItemCommand({ TableName: 'things', Key: { pk: { S: 'a' } } }));
      expect(got.Item).toEqual({ pk: { S: 'a' }, name: { S: 'Alpha' } });

      // sharedDb: other credentials/regions must see the same tables.
      const other = clientFor(db, 'eu-central-1', 'someoneElse');
      expect((await other.send(new ListTablesCommand({}))).TableNames).toEqual(['things']);
      client.destroy();
      other.destroy();

      await db.stop();
      await db.stop(); // idempotent
      expect(isAlive(db.pid)).toBe(false);
      expect(await acceptsConnections(db.port)).toBe(false);
    },
    JVM_TIMEOUT,
  );

  it('rejects a busy port with PortBusyError before spawning Java', async () => {
    const holder = await holdPort();
    try {
      const address = holder.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const attempt = startDynamoDbLocal({ port: address.port });
      await expect(attempt).rejects.toBeInstanceOf(PortBusyError);
      await expect(attempt).rejects.toThrow(`port ${address.port} is in use: `);
    } finally {
      await new Promise<void>((done) => holder.close(() => done()));
    }
  });

  it(
    'persists tables in dataDir across restarts',
    async () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'ddb-local-')), 'nested', 'dir');
      try {
        const first = await start({ dataDir });
        const client = clientFor(first);
        await client.send(
          new CreateTableCommand({
            TableName: 'kept',
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          }),
        );
        client.destroy();
        await first.stop();

        const second = await start({ dataDir });
        const again = clientFor(second, 'us-east-1', 'anotherKey');
        expect((await again.send(new ListTablesCommand({}))).TableNames).toEqual(['kept']);
        again.destroy();
      } finally {
        await Promise.all(started.splice(0).map((db) => db.stop()));
        rmSync(join(dataDir, '..', '..'), { recursive: true, force: true });
      }
    },
    JVM_TIMEOUT,
  );
});

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_402"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['garbage', undefined],
  ])('%s -> %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });
});
