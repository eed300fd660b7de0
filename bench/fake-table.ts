import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { itemSize } from './ddb-probe.ts';
import {
  applyUpdate,
  conditionHolds,
  type ExpressionContext,
  fail,
  type Item,
  normalNumber,
  project,
} from './fake-expressions.ts';

/**
 * A small in-memory stand-in for the one table, behind `aws-sdk-client-mock` on one document client,
 * serving the calls the application makes (and refusing any other with an error, so nothing is silently
 * answered): GetItem, PutItem, UpdateItem, DeleteItem, BatchGetItem (≤ 100 keys), BatchWriteItem
 * (≤ 25 requests), TransactWriteItems (≤ 100 legs, no two on one item, all-or-nothing with DynamoDB's
 * cancellation reasons), and Query on the table or on `gsi1`/`gsi2` (the partition key `=`, optionally
 * `AND` one sort key condition: `= < <= > >=`, `BETWEEN`, `begins_with`), either direction, `Limit`,
 * `Select: COUNT`. No Scan: request paths must not use one.
 *
 * What it keeps honest: sort order (sort key, then the table key on an index), sparse indexes (an item
 * is in an index only with both its key attributes), pages of at most 1 MB of items read (by
 * ddb-probe's item size rules) with `LastEvaluatedKey`, filters applied after the read, projections,
 * and condition, filter and update expressions in DynamoDB's grammar (bench/fake-expressions.ts);
 * numbers read back as JavaScript numbers while they are safe integers, as lib-dynamodb returns them.
 * It also prices each call by DynamoDB's billing rules (on-demand request units from item sizes), as
 * `ReturnConsumedCapacity` would report them in AWS.
 */

export interface FakeTableCall {
  /** As ddb-probe names them (GetItem, Query, BatchGetItem, BatchWriteItem, TransactWriteItems, UpdateItem, PutItem, DeleteItem), a Query on an index as `Query gsi1`. */
  operation: string;
  /** Items returned to the caller (after filters). */
  itemsReturned: number;
  /** Items the read examined (a Query's page before its filter; BatchGet/Get keys asked for). */
  itemsRead: number;
  /** Bytes of the items the read examined (found ones; by ddb-probe's item size rules). */
  bytesRead: number;
  /** Items written: transaction legs, or 1 for a single write. */
  itemsWritten: number;
  /** Read request units AWS would bill (4 KB steps; strong reads 1, eventual 0.5, per item or page). */
  readUnits: number;
  /** Write request units AWS would bill (1 KB steps of the larger of old and new item; ×2 in a transaction). */
  writeUnits: number;
  /**
   * Write request units of the index entries the writes put, change or delete (both indexes project every
   * attribute; 1 KB steps of the entry, a moved entry counted as a delete and a put; not doubled in a
   * transaction).
   */
  indexWriteUnits: number;
}

const pageBytes = 1024 * 1024;
const sep = '\u0000';
const keyString = (pk: unknown, sk: unknown) => `${String(pk)}${sep}${String(sk)}`;

/** A deep copy of an item's values (faster than structuredClone for these); undefined attributes dropped. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (typeof value === 'bigint') return normalNumber(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return new Uint8Array(value) as T;
  if (value instanceof Set) return new Set([...value].map(clone)) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const element = (value as Record<string, unknown>)[key];
    if (element !== undefined) out[key] = clone(element);
  }
  return out as T;
}

const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const writeUnitsOf = (before: Item | undefined, after: Item | undefined) =>
  Math.max(1, Math.ceil(Math.max(itemSize(before ?? {}), itemSize(after ?? {})) / 1024));
const indexes = [
  ['gsi1', 'gsi1pk', 'gsi1sk'],
  ['gsi2', 'gsi2pk', 'gsi2sk'],
] as const;

/** Whether the item is in the index: sparse indexes hold only items with both their key attributes. */
const inIndex = (item: Item | undefined, pk: string, sk: string): item is Item =>
  item?.[pk] !== undefined && item[sk] !== undefined;
/** An item's place in an index partition: its index sort key, then its table key. */
const indexPosition = (item: Item, sk: string) => keyString(item[sk], keyString(item.pk, item.sk));

function indexWriteUnitsOf(before: Item | undefined, after: Item | undefined): number {
  const units = (item: Item) => Math.max(1, Math.ceil(itemSize(item) / 1024));
  let total = 0;
  for (const [, pk, sk] of indexes) {
    const was = inIndex(before, pk, sk) ? before : undefined;
    const is = inIndex(after, pk, sk) ? after : undefined;
    if (was && is && was[pk] === is[pk] && was[sk] === is[sk]) total += units(is);
    else total += (was ? units(was) : 0) + (is ? units(is) : 0);
  }
  return total;
}

/** The first index in [0, length) where `test` holds (it holds from there on), or length. */
function firstWhere<T>(entries: readonly T[], test: (entry: T) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (test(entries[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

interface Entry {
  /** The item's place: its sort key on the table; sort key, then table key, on an index. */
  position: string;
  /** Its sort key (the index's, on an index). */
  key: string;
}

/** One partition of the table or of an index: its items by position, sorted on first read after a change. */
class Partition {
  readonly items = new Map<string, Item>();
  private sorted: Entry[] | undefined;

  constructor(private readonly sortAttribute: string) {}

  set(position: string, item: Item): void {
    if (!this.items.has(position)) this.sorted = undefined;
    this.items.set(position, item);
  }

  delete(position: string): void {
    if (this.items.delete(position)) this.sorted = undefined;
  }

  entries(): readonly Entry[] {
    this.sorted ??= [...this.items]
      .map(([position, item]) => ({ position, key: String(item[this.sortAttribute]) }))
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    return this.sorted;
  }
}

function partitionIn(partitions: Map<string, Partition>, key: string, sortAttribute: string): Partition {
  const found = partitions.get(key);
  if (found) return found;
  const made = new Partition(sortAttribute);
  partitions.set(key, made);
  return made;
}

/** A key condition: the partition key's value, and the entries' range its sort key condition allows. */
function keyCondition(
  expression: string,
  ctx: ExpressionContext,
  keys: { pk: string; sk: string },
): { partition: string; range: (entries: readonly Entry[]) => [number, number] } {
  const name = (token: string) => {
    const resolved = token.startsWith('#') ? ctx.names?.[token] : token;
    if (resolved === undefined) fail('ValidationException', `fake table: no name for ${token}`);
    return resolved;
  };
  const value = (token: string) => {
    if (!ctx.values || !(token in ctx.values)) fail('ValidationException', `fake table: value ${token}`);
    const found = ctx.values[token];
    if (typeof found !== 'string') fail('ValidationException', 'fake table: key values are strings');
    return found;
  };
  const whole = /^\s*([#\w]+)\s*=\s*(:\w+)\s*(?:\s+AND\s+(.+?))?\s*$/is.exec(expression);
  if (!whole || name(whole[1]!) !== keys.pk)
    fail('ValidationException', `fake table: key condition ${expression}`);
  const partition = value(whole[2]!);
  const sortCondition = whole[3];
  if (!sortCondition) return { partition, range: (entries) => [0, entries.length] };
  const prefix = /^begins_with\(\s*([#\w]+)\s*,\s*(:\w+)\s*\)$/i.exec(sortCondition);
  const between = /^([#\w]+)\s+BETWEEN\s+(:\w+)\s+AND\s+(:\w+)$/i.exec(sortCondition);
  const comparison = /^([#\w]+)\s*(=|<=|<|>=|>)\s*(:\w+)$/.exec(sortCondition);
  const attribute = (prefix ?? between ?? comparison)?.[1];
  if (!attribute || name(attribute) !== keys.sk)
    fail('ValidationException', `fake table: key condition ${expression}`);
  const at = (entries: readonly Entry[], test: (key: string) => boolean) =>
    firstWhere(entries, (e) => test(e.key));
  if (prefix) {
    const p = value(prefix[2]!);
    return {
      partition,
      range: (entries) => [at(entries, (k) => k >= p), at(entries, (k) => k >= p && !k.startsWith(p))],
    };
  }
  if (between) {
    const [low, high] = [value(between[2]!), value(between[3]!)];
    return { partition, range: (entries) => [at(entries, (k) => k >= low), at(entries, (k) => k > high)] };
  }
  const [, , op, token] = comparison!;
  const v = value(token!);
  return {
    partition,
    range: (entries) => {
      const first =
        op === '>' ? at(entries, (k) => k > v) : op === '<' || op === '<=' ? 0 : at(entries, (k) => k >= v);
      const end =
        op === '<'
          ? at(entries, (k) => k >= v)
          : op === '>' || op === '>='
            ? entries.length
            : at(entries, (k) => k > v);
      return [first, end];
    },
  };
}

export class FakeTable {
  /** Called with each call as it is made, in the caller's async context (to attribute it). */
  onCall: ((call: FakeTableCall) => void) | undefined;
  private readonly table = new Map<string, Partition>();
  private readonly indexes = new Map<string, Map<string, Partition>>(
    indexes.map(([name]) => [name, new Map()]),
  );

  constructor(readonly tableName: string) {}

  /**
   * Serves `doc`'s calls from this table (an instance mock: other clients are untouched). One fake on
   * the stub rather than a matcher per command: sinon would otherwise deep-compare every call with each.
   */
  serve(doc: DynamoDBDocumentClient) {
    const mock = mockClient(doc);
    mock.send.callsFake(async (command: unknown) => this.handle(command) as never);
    return mock;
  }

  private handle(command: unknown) {
    if (command instanceof GetCommand) return this.get(command.input);
    if (command instanceof QueryCommand) return this.query(command.input);
    if (command instanceof TransactWriteCommand) return this.transactWrite(command.input);
    if (command instanceof BatchGetCommand) return this.batchGet(command.input);
    if (command instanceof BatchWriteCommand) return this.batchWrite(command.input);
    if (command instanceof UpdateCommand) return this.update(command.input);
    if (command instanceof PutCommand) return this.put(command.input);
    if (command instanceof DeleteCommand) return this.delete(command.input);
    return fail('ValidationException', `fake table: ${(command as object).constructor.name} not served`);
  }

  /** Writes items directly (the state before the measured run), uncounted. */
  load(items: readonly Item[]): void {
    for (const item of items) this.store(this.item(item), clone(item));
  }

  /** Every item of the table (copies), partition by partition, for copying it elsewhere. */
  *allItems(): Generator<Item> {
    for (const partition of this.table.values())
      for (const item of partition.items.values()) yield clone(item);
  }

  private record(call: FakeTableCall): void {
    this.onCall?.(call);
  }

  private item(key: Record<string, unknown> | undefined): Item | undefined {
    if (!key) return undefined;
    return this.table.get(String(key.pk))?.items.get(String(key.sk));
  }

  /** Replaces `before` (or nothing) with `after` (or nothing), keeping the indexes in step. */
  private store(before: Item | undefined, after: Item | undefined): void {
    for (const [name, pk, sk] of indexes) {
      const partitions = this.indexes.get(name)!;
      const same =
        inIndex(before, pk, sk) &&
        inIndex(after, pk, sk) &&
        before[pk] === after[pk] &&
        indexPosition(before, sk) === indexPosition(after, sk);
      if (inIndex(before, pk, sk) && !same)
        partitions.get(String(before[pk]))?.delete(indexPosition(before, sk));
      if (inIndex(after, pk, sk))
        partitionIn(partitions, String(after[pk]), sk).set(indexPosition(after, sk), after);
    }
    if (after) partitionIn(this.table, String(after.pk), 'sk').set(String(after.sk), after);
    else if (before) this.table.get(String(before.pk))?.delete(String(before.sk));
  }

  private checkTable(name: string | undefined): void {
    if (name !== this.tableName) fail('ResourceNotFoundException', `fake table: no table ${name}`);
  }

  private get(input: GetCommandInput) {
    this.checkTable(input.TableName);
    const found = this.item(input.Key);
    this.record({
      operation: 'GetItem',
      itemsReturned: found ? 1 : 0,
      itemsRead: 1,
      bytesRead: itemSize(found ?? {}),
      itemsWritten: 0,
      readUnits: readUnitsOf(itemSize(found ?? {}), input.ConsistentRead === true),
      writeUnits: 0,
      indexWriteUnits: 0,
    });
    const ctx = { names: input.ExpressionAttributeNames };
    return { ...(found ? { Item: project(found, input.ProjectionExpression, ctx, clone) } : {}) };
  }

  /** A single write's refusal, with the item if the caller asked for it. */
  private conditionFailed(before: Item | undefined, returnOld: string | undefined): never {
    return fail('ConditionalCheckFailedException', 'The conditional request failed', {
      ...(returnOld === 'ALL_OLD' && before ? { Item: clone(before) } : {}),
    });
  }

  private put(input: PutCommandInput) {
    this.checkTable(input.TableName);
    const item = clone(input.Item as Item);
    const before = this.item(item);
    const ctx = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    this.record({
      operation: 'PutItem',
      itemsReturned: 0,
      itemsRead: 0,
      bytesRead: 0,
      itemsWritten: 1,
      readUnits: 0,
      writeUnits: writeUnitsOf(before, item),
      indexWriteUnits: indexWriteUnitsOf(before, item),
    });
    if (!conditionHolds(input.ConditionExpression, before, ctx))
      this.conditionFailed(before, input.ReturnValuesOnConditionCheckFailure);
    this.store(before, item);
    return input.ReturnValues === 'ALL_OLD' && before ? { Attributes: clone(before) } : {};
  }

  private update(input: UpdateCommandInput) {
    this.checkTable(input.TableName);
    const before = this.item(input.Key);
    const ctx = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    const after = applyUpdate(before ?? { ...input.Key }, input.UpdateExpression ?? '', ctx, clone);
    this.record({
      operation: 'UpdateItem',
      itemsReturned: 0,
      itemsRead: 0,
      bytesRead: 0,
      itemsWritten: 1,
      readUnits: 0,
      writeUnits: writeUnitsOf(before, after),
      indexWriteUnits: indexWriteUnitsOf(before, after),
    });
    if (!conditionHolds(input.ConditionExpression, before, ctx))
      this.conditionFailed(before, input.ReturnValuesOnConditionCheckFailure);
    this.store(before, after);
    const returns = input.ReturnValues ?? 'NONE';
    if (returns === 'ALL_NEW') return { Attributes: clone(after) };
    if (returns === 'ALL_OLD') return before ? { Attributes: clone(before) } : {};
    if (returns !== 'NONE') fail('ValidationException', `fake table: ReturnValues ${returns}`);
    return {};
  }

  private delete(input: DeleteCommandInput) {
    this.checkTable(input.TableName);
    const before = this.item(input.Key);
    const ctx = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    this.record({
      operation: 'DeleteItem',
      itemsReturned: 0,
      itemsRead: 0,
      bytesRead: 0,
      itemsWritten: 1,
      readUnits: 0,
      writeUnits: writeUnitsOf(before, undefined),
      indexWriteUnits: indexWriteUnitsOf(before, undefined),
    });
    if (!conditionHolds(input.ConditionExpression, before, ctx))
      this.conditionFailed(before, input.ReturnValuesOnConditionCheckFailure);
    this.store(before, undefined);
    return input.ReturnValues === 'ALL_OLD' && before ? { Attributes: clone(before) } : {};
  }

  private batchGet(input: BatchGetCommandInput) {
    const requests = Object.entries(input.RequestItems ?? {});
    const Responses: Record<string, Item[]> = {};
    let itemsRead = 0;
    let bytesRead = 0;
    let readUnits = 0;
    for (const [name, request] of requests) {
      this.checkTable(name);
      const keys = request.Keys ?? [];
      if (keys.length > 100)
        fail('ValidationException', 'Too many items requested for the BatchGetItem call');
      itemsRead += keys.length;
      Responses[name] = [];
      const ctx = { names: request.ExpressionAttributeNames };
      for (const key of keys) {
        const found = this.item(key);
        bytesRead += itemSize(found ?? {});
        readUnits += readUnitsOf(itemSize(found ?? {}), request.ConsistentRead === true);
        if (found) Responses[name].push(project(found, request.ProjectionExpression, ctx, clone));
      }
    }
    this.record({
      operation: 'BatchGetItem',
      itemsReturned: Object.values(Responses).reduce((sum, items) => sum + items.length, 0),
      itemsRead,
      bytesRead,
      itemsWritten: 0,
      readUnits,
      writeUnits: 0,
      indexWriteUnits: 0,
    });
    return { Responses, UnprocessedKeys: {} };
  }

  private batchWrite(input: BatchWriteCommandInput) {
    const requests = Object.entries(input.RequestItems ?? {}).flatMap(([name, list]) => {
      this.checkTable(name);
      return list;
    });
    if (requests.length > 25)
      fail('ValidationException', 'Too many items requested for the BatchWriteItem call');
    const planned = requests.map((request) => {
      const after = request.PutRequest ? clone(request.PutRequest.Item as Item) : undefined;
      const key = (after ?? request.DeleteRequest?.Key) as Item | undefined;
      if (!key) fail('ValidationException', 'fake table: empty BatchWriteItem request');
      return { id: keyString(key.pk, key.sk), before: this.item(key), after };
    });
    if (new Set(planned.map((p) => p.id)).size !== planned.length)
      fail('ValidationException', 'Provided list of item keys contains duplicates');
    this.record({
      operation: 'BatchWriteItem',
      itemsReturned: 0,
      itemsRead: 0,
      bytesRead: 0,
      itemsWritten: planned.length,
      readUnits: 0,
      writeUnits: planned.reduce((sum, p) => sum + writeUnitsOf(p.before, p.after), 0),
      indexWriteUnits: planned.reduce((sum, p) => sum + indexWriteUnitsOf(p.before, p.after), 0),
    });
    for (const p of planned) this.store(p.before, p.after);
    return { UnprocessedItems: {} };
  }

  private query(input: QueryCommandInput) {
    this.checkTable(input.TableName);
    const index = input.IndexName;
    const spec = index === undefined ? undefined : indexes.find(([name]) => name === index);
    if (index !== undefined && !spec) fail('ValidationException', `fake table: index ${index}`);
    const [pk, sk] = spec ? [spec[1], spec[2]] : ['pk', 'sk'];
    const partitions = spec ? this.indexes.get(spec[0])! : this.table;
    if (input.Select && input.Select !== 'COUNT' && input.Select !== 'ALL_ATTRIBUTES')
      fail('ValidationException', `fake table: Select ${input.Select}`);
    const ctx = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    const key = keyCondition(input.KeyConditionExpression ?? '', ctx, { pk, sk });
    const entries = partitions.get(key.partition)?.entries() ?? [];
    let [first, end] = key.range(entries);
    const forward = input.ScanIndexForward !== false;
    const startKey = input.ExclusiveStartKey as Item | undefined;
    if (startKey) {
      const start = spec ? indexPosition(startKey, sk) : String(startKey.sk);
      if (forward)
        first = Math.max(
          first,
          firstWhere(entries, (e) => e.position > start),
        );
      else
        end = Math.min(
          end,
          firstWhere(entries, (e) => e.position >= start),
        );
    }

    const Items: Item[] = [];
    let count = 0;
    let bytes = 0;
    let itemsRead = 0;
    let last: Item | undefined;
    let more = false;
    const partition = partitions.get(key.partition);
    for (let i = forward ? first : end - 1; forward ? i < end : i >= first; i += forward ? 1 : -1) {
      if (bytes >= pageBytes || (input.Limit !== undefined && itemsRead >= input.Limit)) {
        more = true;
        break;
      }
      const item = partition!.items.get(entries[i]!.position)!;
      bytes += itemSize(item);
      itemsRead++;
      last = item;
      if (!conditionHolds(input.FilterExpression, item, ctx)) continue;
      count++;
      if (input.Select !== 'COUNT') Items.push(project(item, input.ProjectionExpression, ctx, clone));
    }
    this.record({
      operation: index ? `Query ${index}` : 'Query',
      itemsReturned: count,
      itemsRead,
      bytesRead: bytes,
      itemsWritten: 0,
      readUnits: readUnitsOf(bytes, input.ConsistentRead === true),
      writeUnits: 0,
      indexWriteUnits: 0,
    });
    const lastKey =
      more && last
        ? { pk: last.pk, sk: last.sk, ...(spec ? { [pk]: last[pk], [sk]: last[sk] } : {}) }
        : undefined;
    return {
      ...(input.Select === 'COUNT' ? {} : { Items }),
      Count: count,
      ScannedCount: itemsRead,
      ...(lastKey ? { LastEvaluatedKey: lastKey } : {}),
    };
  }

  private transactWrite(input: TransactWriteCommandInput) {
    const legs = input.TransactItems ?? [];
    if (legs.length > 100) fail('ValidationException', 'Member must have length less than or equal to 100');
    const seen = new Set<string>();
    const planned: {
      before: Item | undefined;
      after: Item | undefined;
      holds: boolean;
      returnOld: boolean;
    }[] = [];
    let writeUnits = 0;
    let indexWriteUnits = 0;
    for (const leg of legs) {
      const op = leg.Put ?? leg.Update ?? leg.Delete ?? leg.ConditionCheck;
      if (!op) fail('ValidationException', 'fake table: empty transaction leg');
      this.checkTable(op.TableName);
      const key = (leg.Put ? leg.Put.Item : (op as { Key: Item }).Key) as Item;
      const id = keyString(key.pk, key.sk);
      if (seen.has(id))
        fail('ValidationException', 'Transaction request cannot include multiple operations on one item');
      seen.add(id);
      const before = this.item(key);
      const ctx = { names: op.ExpressionAttributeNames, values: op.ExpressionAttributeValues };
      const holds = conditionHolds(op.ConditionExpression, before, ctx);
      const after = leg.Put
        ? clone(leg.Put.Item as Item)
        : leg.Update
          ? applyUpdate(before ?? { ...key }, leg.Update.UpdateExpression ?? '', ctx, clone)
          : leg.Delete
            ? undefined
            : before;
      writeUnits += 2 * writeUnitsOf(before, leg.ConditionCheck ? undefined : after);
      if (!leg.ConditionCheck) indexWriteUnits += indexWriteUnitsOf(before, after);
      planned.push({ before, after, holds, returnOld: op.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' });
    }
    this.record({
      operation: 'TransactWriteItems',
      itemsReturned: 0,
      itemsRead: 0,
      bytesRead: 0,
      itemsWritten: legs.length,
      readUnits: 0,
      writeUnits,
      indexWriteUnits,
    });
    if (planned.some((p) => !p.holds)) {
      fail('TransactionCanceledException', 'Transaction cancelled', {
        CancellationReasons: planned.map((p) =>
          p.holds
            ? { Code: 'None' }
            : {
                Code: 'ConditionalCheckFailed',
                ...(p.returnOld && p.before ? { Item: clone(p.before) } : {}),
              },
        ),
      });
    }
    legs.forEach((leg, i) => {
      if (!leg.ConditionCheck) this.store(planned[i]!.before, planned[i]!.after);
    });
    return {};
  }
}
