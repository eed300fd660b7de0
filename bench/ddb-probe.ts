import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Instruments a document client through its middleware stack: every command is counted (Scan
 * included), and while `measureCapacity` is on, reads and writes ask for `ReturnConsumedCapacity:
 * TOTAL` and record what DynamoDB billed next to the size of the items it returned.
 *
 * The middleware sits in the `initialize` step, outside lib-dynamodb's marshalling, so it sees the
 * plain JavaScript items the application sees.
 */
export interface DynamoCall {
  command: string;
  /** Table or index the call read, `table` or `table/index`. */
  target: string;
  /** Capacity units DynamoDB reported (TOTAL); undefined when not measured or not reported. */
  capacity: number | undefined;
  /** Items returned (Query/BatchGet: all of them; GetItem: 0 or 1). */
  items: number;
  /** Approximate DynamoDB size of the returned items, by DynamoDB's item size rules. */
  bytes: number;
  /** Items a write call puts, updates, deletes or checks (transaction legs, batch requests). */
  writeItems: number;
  /**
   * What AWS would bill the write at least: 1 WCU per started KB of each put item (2 in a
   * transaction), and at least 1 (2) for an update, delete or condition check, whose item size the
   * request does not show.
   */
  writeUnitsFloor: number;
}

// lib-dynamodb's commands run as the client's own (GetCommand as GetItemCommand, and so on), so these
// are the names the middleware sees.
const capacityCommands = new Set([
  'GetItemCommand',
  'QueryCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export class DynamoProbe {
  /** Every call since the probe was installed, by command name (ScanCommand included). */
  readonly totals = new Map<string, number>();
  measureCapacity = false;
  /** Called with every call as it completes, in the caller's async context (to attribute it). */
  onCall: ((call: DynamoCall) => void) | undefined;
  private window: DynamoCall[] | undefined;

  constructor(doc: DynamoDBDocumentClient) {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        this.totals.set(command, (this.totals.get(command) ?? 0) + 1);
        const measure = this.measureCapacity && capacityCommands.has(command);
        // A copy: the caller's input object is left as it was.
        const input = {
          ...(args.input as Record<string, unknown>),
          ...(measure ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
        };
        const result = await next({ ...args, input });
        if (this.window || this.onCall) {
          const call = describeCall(command, input, result.output, measure);
          this.window?.push(call);
          this.onCall?.(call);
        }
        return result;
      },
      { step: 'initialize', name: 'benchDynamoProbe', priority: 'high' },
    );
  }

  count(command: string): number {
    return this.totals.get(command) ?? 0;
  }

  /** Runs `action` and returns the DynamoDB calls made while it ran (callers run one action at a time). */
  async record<T>(action: () => Promise<T>): Promise<{ result: T; calls: DynamoCall[] }> {
    const calls: DynamoCall[] = [];
    this.window = calls;
    try {
      return { result: await action(), calls };
    } finally {
      this.window = undefined;
    }
  }
}

function describeCall(
  command: string,
  input: Record<string, unknown>,
  output: unknown,
  measured: boolean,
): DynamoCall {
  const out = (output ?? {}) as {
    Items?: Record<string, unknown>[];
    Item?: Record<string, unknown>;
    Responses?: Record<string, Record<string, unknown>[]>;
    ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
  };
  const items = [
    ...(out.Items ?? []),
    ...(out.Item ? [out.Item] : []),
    ...Object.values(out.Responses ?? {}).flat(),
  ];
  const consumed = out.ConsumedCapacity;
  const capacity = !measured
    ? undefined
    : Array.isArray(consumed)
      ? consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0)
      : consumed?.CapacityUnits;
  const table = typeof input.TableName === 'string' ? input.TableName : 'table';
  const index = typeof input.IndexName === 'string' ? `/${input.IndexName}` : '';
  return {
    command: command.replace(/Command$/, ''),
    target: `${table}${index}`,
    capacity,
    items: items.length,
    bytes: items.reduce((sum, item) => sum + itemSize(item), 0),
    writeItems: writeItemsOf(command, input),
    writeUnitsFloor: writeUnitsFloorOf(command, input),
  };
}

function writeUnitsFloorOf(command: string, input: Record<string, unknown>): number {
  const perItem = (item: Record<string, unknown> | undefined) =>
    Math.max(1, Math.ceil(itemSize(item ?? {}) / 1024));
  if (command === 'TransactWriteItemsCommand') {
    const legs = (input.TransactItems ?? []) as { Put?: { Item?: Record<string, unknown> } }[];
    return legs.reduce((sum, leg) => sum + 2 * (leg.Put ? perItem(leg.Put.Item) : 1), 0);
  }
  if (command === 'BatchWriteItemCommand') {
    const requests = Object.values(
      (input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item?: Record<string, unknown> } }[]>,
    ).flat();
    return requests.reduce((sum, r) => sum + (r.PutRequest ? perItem(r.PutRequest.Item) : 1), 0);
  }
  if (command === 'PutItemCommand') return perItem(input.Item as Record<string, unknown> | undefined);
  return /^(Update|Delete)ItemCommand$/.test(command) ? 1 : 0;
}

function writeItemsOf(command: string, input: Record<string, unknown>): number {
  if (command === 'TransactWriteItemsCommand')
    return (input.TransactItems as unknown[] | undefined)?.length ?? 0;
  if (command === 'BatchWriteItemCommand') {
    return Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce(
      (sum, requests) => sum + requests.length,
      0,
    );
  }
  return /^(Put|Update|Delete)ItemCommand$/.test(command) ? 1 : 0;
}

/**
 * DynamoDB's item size, approximately: attribute names plus values; strings and binaries by their
 * bytes, numbers one byte per two significant digits plus one, booleans and null one byte, lists and
 * maps three bytes plus one per element (and map keys' bytes).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += Buffer.byteLength(name) + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberSize(String(value));
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) {
    let size = 0;
    for (const element of value) size += valueSize(element);
    return size;
  }
  if (Array.isArray(value)) return value.reduce((sum: number, element) => sum + 1 + valueSize(element), 3);
  if (typeof value === 'object') {
    let size = 3;
    for (const [key, element] of Object.entries(value)) {
      if (element === undefined) continue;
      size += 1 + Buffer.byteLength(key) + valueSize(element);
    }
    return size;
  }
  return 0;
}

function numberSize(text: string): number {
  const digits = text
    .replace(/^-/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Eventually consistent reads: 0.5 RCU per started 4 KB, and at least 0.5 for any call. */
export function minimumReadUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 4096)) * 0.5;
}
