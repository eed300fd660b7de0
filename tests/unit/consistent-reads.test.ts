/**
 * A read that a conditional write is based on must be strongly consistent: an eventually consistent
 * Query can return the version before the caller's own previous write, and the write then fails its
 * version condition (a spurious 412). Plain reads stay eventually consistent, at half the cost.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ulid } from 'ulid';
import { beforeEach, describe, expect, it } from 'vitest';
import { memberPartition } from '../../shared/data/keys.ts';
import { contactItem, profileItem } from '../../shared/members/member-items.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { appOnMockedDynamo, sampleMember } from '../support/mocked-app.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const { app, db } = appOnMockedDynamo('reads');
const member = sampleMember({ id: ulid(), name: 'ООО «Чтение»' });

beforeEach(() => {
  dynamo.reset();
  dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => ({
    Items:
      input.ExpressionAttributeValues?.[':pk'] === memberPartition(member.id)
        ? [profileItem(member), contactItem(member.id, member.contacts[0]!, member)]
        : [],
  }));
  dynamo.on(BatchGetCommand).resolves({ Responses: { reads: [] } });
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(BatchWriteCommand).resolves({});
});

const memberQueries = () =>
  dynamo
    .commandCalls(QueryCommand)
    .map((call) => call.args[0].input)
    .filter((input) => input.ExpressionAttributeValues?.[':pk'] === memberPartition(member.id));

describe('reads before a conditional write are strongly consistent', () => {
  const writes: [string, string, Record<string, string>, unknown?][] = [
    ['PATCH /v1/members/{id}', 'PATCH', { 'if-match': '"1"' }, { description: 'new' }],
    ['DELETE /v1/members/{id}', 'DELETE', { 'if-match': '"1"' }],
    ['POST /v1/members/{id}/erase', 'POST', {}],
  ];

  for (const [label, method, headers, body] of writes) {
    it(label, async () => {
      const path = method === 'POST' ? `/v1/members/${member.id}/erase` : `/v1/members/${member.id}`;
      const response = await app.request(path, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(response.status, await response.text()).toBe(200);
      expect(memberQueries().length).toBeGreaterThan(0);
      for (const input of memberQueries()) expect(input.ConsistentRead).toBe(true);
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    });
  }

  it('the history an erasure rewrites is read consistently too', async () => {
    await app.request(`/v1/members/${member.id}/erase`, { method: 'POST' });
    const historyQueries = dynamo
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .filter((input) => String(input.ExpressionAttributeValues?.[':pk']).startsWith('HISTORY#'));
    expect(historyQueries.length).toBeGreaterThan(0);
    for (const input of historyQueries) expect(input.ConsistentRead).toBe(true);
  });

  it('a plain GET stays eventually consistent', async () => {
    expect((await app.request(`/v1/members/${member.id}`)).status).toBe(200);
    for (const input of memberQueries()) expect(input.ConsistentRead).toBeFalsy();
  });

  it('memberIdByTaxId reads the guard consistently on request, and eventually by default', async () => {
    dynamo.on(GetCommand).resolves({ Item: { memberId: member.id } });
    const repository = new MemberRepository(db);
    expect(await repository.memberIdByTaxId('RU', member.taxId)).toBe(member.id);
    expect(await repository.memberIdByTaxId('RU', member.taxId, { consistent: true })).toBe(member.id);
    const [plain, consistent] = dynamo.commandCalls(GetCommand).map((call) => call.args[0].input);
    expect(plain!.ConsistentRead).toBeFalsy();
    expect(consistent!.ConsistentRead).toBe(true);
  });
});
