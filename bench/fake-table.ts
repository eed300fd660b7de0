import {
  BatchGetCommand,
  type BatchGetCommandInput,
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

/**
 * A small in-memory stand-in for the one table, behind `aws-sdk-client-mock` on one document client,
 * serving exactly the calls campaign sending makes (and refusing any other with an error, so nothing
 * is silently answered): GetItem, PutItem, UpdateItem, BatchGetItem (≤ 100 keys), TransactWriteItems
 * (≤ 100 legs, no two on one item, all-or-nothing with DynamoDB's cancellation reasons), and Query on
 * the table (`pk = :pk`, optionally `AND begins_with(sk, :prefix)`) or on `gsi1` (`gsi1pk = :pk`).
 *
 * What it keeps honest: sort order (sort key, then the table key on an index), pages of at most 1 MB of
 * items read (by ddb-probe's item size rules) with `LastEvaluatedKey`, filters applied after the read,
 * projections, condition and update expressions of the forms the code uses (`attribute_not_exists`,
 * `attribute_exists`, `=`, `IN`, `AND`; `SET a = :v`, `ADD n :d`, `REMOVE a`); anything else throws.
 * It also prices each call by DynamoDB's billing rules (on-demand request units from item sizes), as
 * `ReturnConsumedCapacity` would report them in AWS.
 */
type Item = Record<string, unknown>;

export interface FakeTableCall {
  /** As ddb-probe names them (GetItem, Query, BatchGetItem, TransactWriteItems, UpdateItem, PutItem), a Query on an index as `Query gsi1`. */
  operation: string;
  /** Items returned to the caller (after filters). */
  itemsReturned: number;
  /** Items the read examined (a Query's page before its filter; BatchGet/Get keys asked for). */
  itemsRead: number;
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

function fail(name: string, message: string, extra: Record<string, unknown> = {}): never {
  throw Object.assign(new Error(message), { name, $metadata: {}, ...extra });
}

/** `#name` through the expression's names; plain top-level attributes only. */
function attributeName(token: string, names: Record<string, string> | undefined): string {
  const name = token.startsWith('#') ? names?.[token] : token;
  if (name === undefined || /[.[\]]/.test(token)) fail('ValidationException', `fake table: path ${token}`);
  return name;
}

function attributeValue(token: string, values: Record<string, unknown> | undefined): unknown {
  if (!token.startsWith(':') || !values || !(token in values))
    fail('ValidationException', `fake table: value ${token}`);
  return values[token];
}

/** The comma-separated parts of an expression clause, outside parentheses. */
function topLevelParts(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0) {
      const match = separator.exec(text.slice(i));
      if (match && match.index === 0) {
        parts.push(text.slice(start, i));
        i += match[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

interface ExpressionContext {
  names?: Record<string, string> | undefined;
  values?: Record<string, unknown> | undefined;
}

function conditionHolds(expression: string | undefined, item: Item | undefined, ctx: ExpressionContext) {
  if (!expression) return true;
  return topLevelParts(expression, /^ AND /).every((term) => {
    const exists = /^attribute_(not_)?exists\((\S+)\)$/.exec(term);
    if (exists) {
      const present = item !== undefined && item[attributeName(exists[2]!, ctx.names)] !== undefined;
      return exists[1] ? !present : present;
    }
    const operand = (token: string) =>
      token.startsWith(':') ? attributeValue(token, ctx.values) : item?.[attributeName(token, ctx.names)];
    const inList = /^(\S+) IN \(([^)]*)\)$/.exec(term);
    if (inList) {
      const value = operand(inList[1]!);
      return inList[2]!.split(',').some((token) => operand(token.trim()) === value);
    }
    const equal = /^(\S+) = (\S+)$/.exec(term);
    if (equal) return item !== undefined && operand(equal[1]!) === operand(equal[2]!);
    return fail('ValidationException', `fake table: condition ${term}`);
  });
}

function applyUpdate(item: Item, expression: string, ctx: ExpressionContext): Item {
  const next: Item = { ...item };
  const clauses = expression.split(/\b(SET|ADD|REMOVE)\b/).slice(1);
  for (let i = 0; i < clauses.length; i += 2) {
    const action = clauses[i]!;
    for (const part of topLevelParts(clauses[i + 1]!, /^,/)) {
      if (action === 'REMOVE') {
        delete next[attributeName(part, ctx.names)];
        continue;
      }
      const match = action === 'SET' ? /^(\S+) = (:\w+)$/.exec(part) : /^(\S+) (:\w+)$/.exec(part);
      if (!match) fail('ValidationException', `fake table: ${action} ${part}`);
      const name = attributeName(match[1]!, ctx.names);
      const value = attributeValue(match[2]!, ctx.values);
      if (action === 'SET') next[name] = value;
      else {
        if (typeof value !== 'number') fail('ValidationException', 'fake table: ADD of a non-number');
        next[name] = Number(next[name] ?? 0) + value;
      }
    }
  }
  return next;
}

/** A deep copy of an item's plain values (faster than structuredClone for these). */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array || value instanceof Set)
    fail('ValidationException', 'fake table: binary and set values not served');
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = clone((value as Record<string, unknown>)[key]);
  return out as T;
}

function project(item: Item, projection: string | undefined, names: Record<string, string> | undefined) {
  if (!projection) return clone(item);
  const out: Item = {};
  for (const token of projection.split(',')) {
    const name = attributeName(token.trim(), names);
    if (item[name] !== undefined) out[name] = clone(item[name]);
  }
  return out;
}

const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const writeUnitsOf = (before: Item | undefined, after: Item | undefined) =>
  Math.max(1, Math.ceil(Math.max(itemSize(before ?? {}), itemSize(after ?? {})) / 1024));
const indexes = [
  ['gsi1pk', 'gsi1sk'],
  ['gsi2pk', 'gsi2sk'],
] as const;

function indexWriteUnitsOf(before: Item | undefined, after: Item | undefined): number {
  const units = (item: Item) => Math.max(1, Math.ceil(itemSize(item) / 1024));
  let total = 0;
  for (const [pk, sk] of indexes) {
    const was = before?.[pk] !== undefined && before[sk] !== undefined ? before : undefined;
    const is = after?.[pk] !== undefined && after[sk] !== undefined ? after : undefined;
    if (was && is && was[pk] === is[pk] && was[sk] === is[sk]) total += units(is);
    else total += (was ? units(was) : 0) + (is ? units(is) : 0);
  }
  return total;
}

/** One partition of the table or of gsi1: its items by sort position, sorted on first read after a change. */
class Partition {
  readonly items = new Map<string, Item>();
  private sorted: string[] | undefined;

  set(position: string, item: Item): void {
    if (!this.items.has(position)) this.sorted = undefined;
    this.items.set(position, item);
  }

  delete(position: string): void {
    if (this.items.delete(position)) this.sorted = undefined;
  }

  /** Sort positions from the first at or after `from`. */
  *from(from: string): Generator<string> {
    this.sorted ??= [...this.items.keys()].sort();
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid]! < from) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.sorted.length; i++) yield this.sorted[i]!;
  }
}

function partitionIn(partitions: Map<string, Partition>, key: string): Partition {
  const found = partitions.get(key);
  if (found) return found;
  const made = new Partition();
  partitions.set(key, made);
  return made;
}

export class FakeTable {
  /** Called with each call as it is made, in the caller's async context (to attribute it). */
  onCall: ((call: FakeTableCall) => void) | undefined;
  private readonly table = new Map<string, Partition>();
  private readonly gsi1 = new Map<string, Partition>();

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
    if (command instanceof UpdateCommand) return this.update(command.input);
    if (command instanceof PutCommand) return this.put(command.input);
    return fail('ValidationException', `fake table: ${(command as object).constructor.name} not served`);
  }

  /** Writes items directly (the state before the measured run), uncounted. */
  load(items: readonly Item[]): void {
    for (const item of items) this.store(undefined, clone(item));
  }

  private record(call: FakeTableCall): void {
    this.onCall?.(call);
  }

  private item(key: Record<string, unknown> | undefined): Item | undefined {
    if (!key) return undefined;
    return this.table.get(String(key.pk))?.items.get(String(key.sk));
  }

  /** Replaces `before` (or nothing) with `after` (or nothing), keeping gsi1 in step. */
  private store(before: Item | undefined, after: Item | undefined): void {
    const indexPosition = (item: Item) => keyString(item.gsi1sk, keyString(item.pk, item.sk));
    const sameIndexEntry =
      before?.gsi1pk !== undefined &&
      before.gsi1pk === after?.gsi1pk &&
      indexPosition(before) === indexPosition(after);
    if (before?.gsi1pk !== undefined && !sameIndexEntry)
      this.gsi1.get(String(before.gsi1pk))?.delete(indexPosition(before));
    if (after) {
      partitionIn(this.table, String(after.pk)).set(String(after.sk), after);
      if (after.gsi1pk !== undefined)
        partitionIn(this.gsi1, String(after.gsi1pk)).set(indexPosition(after), after);
    } else if (before) this.table.get(String(before.pk))?.delete(String(before.sk));
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
      itemsWritten: 0,
      readUnits: readUnitsOf(itemSize(found ?? {}), input.ConsistentRead === true),
      writeUnits: 0,
      indexWriteUnits: 0,
    });
    return {
      ...(found ? { Item: project(found, input.ProjectionExpression, input.ExpressionAttributeNames) } : {}),
    };
  }

  private put(input: PutCommandInput) {
    this.checkTable(input.TableName);
    const item = input.Item as Item;
    const before = this.item(item);
    const ctx = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    this.record({
      operation: 'PutItem',
      itemsReturned: 0,
      itemsRead: 0,
      itemsWritten: 1,
      readUnits: 0,
      writeUnits: writeUnitsOf(before, item),
      indexWriteUnits: indexWriteUnitsOf(before, item),
    });
    if (!conditionHolds(input.ConditionExpression, before, ctx))
      fail('ConditionalCheckFailedException', 'The conditional request failed');
    this.store(before, clone(item));
    return {};
  }

  private update(input: UpdateCommandInput) {
    this.checkTable(input.TableName);
    const before = this.item(input.Key);
    const ctx = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    const after = applyUpdate(before ?? { ...input.Key }, input.UpdateExpression ?? '', ctx);
    this.record({
      operation: 'UpdateItem',
      itemsReturned: 0,
      itemsRead: 0,
      itemsWritten: 1,
      readUnits: 0,
      writeUnits: writeUnitsOf(before, after),
      indexWriteUnits: indexWriteUnitsOf(before, after),
    });
    if (!conditionHolds(input.ConditionExpression, before, ctx))
      fail('ConditionalCheckFailedException', 'The conditional request failed');
    this.store(before, after);
    if (input.ReturnValues && input.ReturnValues !== 'ALL_NEW' && input.ReturnValues !== 'NONE')
      fail('ValidationException', `fake table: ReturnValues ${input.ReturnValues}`);
    return input.ReturnValues === 'ALL_NEW' ? { Attributes: clone(after) } : {};
  }

  private batchGet(input: BatchGetCommandInput) {
    const requests = Object.entries(input.RequestItems ?? {});
    const Responses: Record<string, Item[]> = {};
    let itemsRead = 0;
    let readUnits = 0;
    for (const [name, request] of requests) {
      this.checkTable(name);
      const keys = request.Keys ?? [];
      if (keys.length > 100)
        fail('ValidationException', 'Too many items requested for the BatchGetItem call');
      itemsRead += keys.length;
      Responses[name] = [];
      for (const key of keys) {
        const found = this.item(key);
        readUnits += readUnitsOf(itemSize(found ?? {}), request.ConsistentRead === true);
        if (found)
          Responses[name].push(
            project(found, request.ProjectionExpression, request.ExpressionAttributeNames),
          );
      }
    }
    this.record({
      operation: 'BatchGetItem',
      itemsReturned: Object.values(Responses).reduce((sum, items) => sum + items.length, 0),
      itemsRead,
      itemsWritten: 0,
      readUnits,
      writeUnits: 0,
      indexWriteUnits: 0,
    });
    return { Responses, UnprocessedKeys: {} };
  }

  private query(input: QueryCommandInput) {
    this.checkTable(input.TableName);
    if (input.ScanIndexForward === false || input.Select || input.IndexName === 'gsi2')
      fail('ValidationException', 'fake table: query form not served');
    const values = input.ExpressionAttributeValues;
    const names = input.ExpressionAttributeNames;
    const condition = input.KeyConditionExpression ?? '';
    let partition: Partition | undefined;
    let prefix = '';
    let start: string | undefined;
    const startKey = input.ExclusiveStartKey as Item | undefined;
    if (input.IndexName === 'gsi1') {
      const match = /^gsi1pk = (:\w+)$/.exec(condition);
      if (!match) fail('ValidationException', `fake table: key condition ${condition}`);
      partition = this.gsi1.get(String(attributeValue(match[1]!, values)));
      if (startKey) start = keyString(startKey.gsi1sk, keyString(startKey.pk, startKey.sk));
    } else if (input.IndexName === undefined) {
      const match = /^pk = (:\w+)(?: AND begins_with\(sk, (:\w+)\))?$/.exec(condition);
      if (!match) fail('ValidationException', `fake table: key condition ${condition}`);
      partition = this.table.get(String(attributeValue(match[1]!, values)));
      prefix = match[2] ? String(attributeValue(match[2], values)) : '';
      if (startKey) start = String(startKey.sk);
    } else fail('ValidationException', `fake table: index ${input.IndexName}`);

    const filter = input.FilterExpression;
    const Items: Item[] = [];
    let bytes = 0;
    let itemsRead = 0;
    let last: Item | undefined;
    let more = false;
    for (const position of partition?.from(start ?? prefix) ?? []) {
      if (start !== undefined && position === start) continue;
      if (!position.startsWith(prefix)) break;
      if (bytes >= pageBytes || (input.Limit !== undefined && itemsRead >= input.Limit)) {
        more = true;
        break;
      }
      const item = partition!.items.get(position)!;
      bytes += itemSize(item);
      itemsRead++;
      last = item;
      if (conditionHolds(filter, item, { names, values }))
        Items.push(project(item, input.ProjectionExpression, names));
    }
    this.record({
      operation: input.IndexName ? `Query ${input.IndexName}` : 'Query',
      itemsReturned: Items.length,
      itemsRead,
      itemsWritten: 0,
      readUnits: readUnitsOf(bytes, input.ConsistentRead === true),
      writeUnits: 0,
      indexWriteUnits: 0,
    });
    const lastKey =
      more && last
        ? {
            pk: last.pk,
            sk: last.sk,
            ...(input.IndexName ? { gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } : {}),
          }
        : undefined;
    return {
      Items,
      Count: Items.length,
      ScannedCount: itemsRead,
      ...(lastKey ? { LastEvaluatedKey: lastKey } : {}),
    };
  }

  private transactWrite(input: TransactWriteCommandInput) {
    const legs = input.TransactItems ?? [];
    if (legs.length > 100) fail('ValidationException', 'Member must have length less than or equal to 100');
    const seen = new Set<string>();
    const planned: { before: Item | undefined; after: Item | undefined; holds: boolean }[] = [];
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
        ? (leg.Put.Item as Item)
        : leg.Update
          ? applyUpdate(before ?? { ...key }, leg.Update.UpdateExpression ?? '', ctx)
          : leg.Delete
            ? undefined
            : before;
      writeUnits += 2 * writeUnitsOf(before, leg.ConditionCheck ? undefined : after);
      if (!leg.ConditionCheck) indexWriteUnits += indexWriteUnitsOf(before, after);
      planned.push({ before, after, holds });
    }
    this.record({
      operation: 'TransactWriteItems',
      itemsReturned: 0,
      itemsRead: 0,
      itemsWritten: legs.length,
      readUnits: 0,
      writeUnits,
      indexWriteUnits,
    });
    if (planned.some((p) => !p.holds)) {
      fail('TransactionCanceledException', 'Transaction cancelled', {
        CancellationReasons: planned.map((p) => ({ Code: p.holds ? 'None' : 'ConditionalCheckFailed' })),
      });
    }
    legs.forEach((leg, i) => {
      if (!leg.ConditionCheck) this.store(planned[i]!.before, clone(planned[i]!.after));
    });
    return {};
  }
}
