/**
 * DynamoDB's expression languages for bench/fake-table.ts, over plain JavaScript items (what
 * lib-dynamodb hands the table): condition and filter expressions (comparisons `= <> < <= > >=`,
 * `BETWEEN`, `IN`, `AND`, `OR`, `NOT`, parentheses, `attribute_exists`, `attribute_not_exists`,
 * `attribute_type`, `begins_with`, `contains`, `size`), update expressions (`SET` with `+`/`-`,
 * `if_not_exists` and `list_append`; `REMOVE`; `ADD` of numbers, bigints included, and sets; `DELETE`
 * from sets), and projections, all on document paths (`a.b[0]`) with `#name` and `:value`
 * placeholders. Anything outside the grammar throws a ValidationException, as DynamoDB would, so a
 * form the fake does not know is never silently answered.
 */
export type Item = Record<string, unknown>;

export interface ExpressionContext {
  names?: Record<string, string> | undefined;
  values?: Record<string, unknown> | undefined;
}

export function fail(name: string, message: string, extra: Record<string, unknown> = {}): never {
  throw Object.assign(new Error(message), { name, $metadata: {}, ...extra });
}

// Tokens ───────────────────────────────────────────────────────────────────────────────────────────

type TokenKind = 'alias' | 'value' | 'word' | 'number' | 'op' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|(<>|<=|>=|<|>|=)|([(),.[\]+-]))/y;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(expression);
    if (!match)
      fail('ValidationException', `fake table: cannot read expression at "${expression.slice(at)}"`);
    at = pattern.lastIndex;
    const [, alias, value, word, number, op, punct] = match;
    if (alias) tokens.push({ kind: 'alias', text: alias });
    else if (value) tokens.push({ kind: 'value', text: value });
    else if (word) tokens.push({ kind: 'word', text: word });
    else if (number) tokens.push({ kind: 'number', text: number });
    else if (op) tokens.push({ kind: 'op', text: op });
    else tokens.push({ kind: 'punct', text: punct! });
  }
  return tokens;
}

const keyword = (token: Token | undefined, word: string) =>
  token?.kind === 'word' && token.text.toUpperCase() === word;

class Reader {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    readonly source: string,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  next(): Token {
    const token = this.tokens[this.at++];
    if (!token) fail('ValidationException', `fake table: expression ends early: ${this.source}`);
    return token;
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  expect(text: string): void {
    const token = this.next();
    if (token.text !== text) fail('ValidationException', `fake table: expected "${text}" in ${this.source}`);
  }

  accept(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.at++;
    return true;
  }
}

// Paths ────────────────────────────────────────────────────────────────────────────────────────────

/** A document path as written: names (`#alias` or plain) and list indexes. */
type PathStep = { name: string } | { index: number };
type Path = PathStep[];

const reserved = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

function readPath(reader: Reader): Path {
  const first = reader.next();
  if ((first.kind !== 'alias' && first.kind !== 'word') || reserved.has(first.text.toUpperCase()))
    fail('ValidationException', `fake table: expected an attribute in ${reader.source}`);
  const path: Path = [{ name: first.text }];
  for (;;) {
    if (reader.accept('.')) {
      const step = reader.next();
      if (step.kind !== 'alias' && step.kind !== 'word')
        fail('ValidationException', `fake table: bad path in ${reader.source}`);
      path.push({ name: step.text });
    } else if (reader.peek()?.text === '[') {
      reader.next();
      const index = reader.next();
      if (index.kind !== 'number') fail('ValidationException', `fake table: bad index in ${reader.source}`);
      reader.expect(']');
      path.push({ index: Number(index.text) });
    } else return path;
  }
}

function nameOf(step: { name: string }, ctx: ExpressionContext): string {
  if (!step.name.startsWith('#')) return step.name;
  const name = ctx.names?.[step.name];
  if (name === undefined) fail('ValidationException', `fake table: no name for ${step.name}`);
  return name;
}

function placeholderValue(token: string, ctx: ExpressionContext): unknown {
  if (!ctx.values || !(token in ctx.values)) fail('ValidationException', `fake table: value ${token}`);
  return ctx.values[token];
}

function getPath(item: Item | undefined, path: Path, ctx: ExpressionContext): unknown {
  let current: unknown = item;
  for (const step of path) {
    if (current === undefined || current === null) return undefined;
    if ('index' in step) current = Array.isArray(current) ? current[step.index] : undefined;
    else if (typeof current === 'object' && !Array.isArray(current) && !(current instanceof Set))
      current = (current as Item)[nameOf(step, ctx)];
    else return undefined;
  }
  return current;
}

/** Sets `value` at `path` in `item` (changed in place); the path's parents must exist. */
function setPath(item: Item, path: Path, value: unknown, ctx: ExpressionContext): void {
  let current: unknown = item;
  for (let i = 0; i < path.length - 1; i++) {
    current = getPath(current as Item, [path[i]!], ctx);
    if (current === null || typeof current !== 'object')
      fail(
        'ValidationException',
        'The document path provided in the update expression is invalid for update',
      );
  }
  const last = path[path.length - 1]!;
  if ('index' in last) {
    if (!Array.isArray(current))
      fail(
        'ValidationException',
        'The document path provided in the update expression is invalid for update',
      );
    if (last.index >= current.length) current.push(value);
    else current[last.index] = value;
  } else (current as Item)[nameOf(last, ctx)] = value;
}

function removePath(item: Item, path: Path, ctx: ExpressionContext): void {
  const parent = path.length === 1 ? item : getPath(item, path.slice(0, -1), ctx);
  const last = path[path.length - 1]!;
  if ('index' in last) {
    if (Array.isArray(parent) && last.index < parent.length) parent.splice(last.index, 1);
  } else if (parent && typeof parent === 'object' && !Array.isArray(parent))
    delete (parent as Item)[nameOf(last, ctx)];
}

// Values ───────────────────────────────────────────────────────────────────────────────────────────

const isNumber = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** What DynamoDB gives back for a number: a JavaScript number while it is a safe integer or a fraction. */
export function normalNumber(value: number | bigint): number | bigint {
  if (typeof value === 'number') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

function add(a: number | bigint, b: number | bigint, sign: 1 | -1): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + sign * b;
    if (Number.isSafeInteger(sum) || !Number.isInteger(a) || !Number.isInteger(b)) return sum;
  }
  if ((typeof a === 'number' && !Number.isInteger(a)) || (typeof b === 'number' && !Number.isInteger(b)))
    return Number(a) + sign * Number(b);
  return normalNumber(BigInt(a) + BigInt(sign) * BigInt(b));
}

function compare(a: unknown, b: unknown): number | undefined {
  if (isNumber(a) && isNumber(b)) {
    const whole = (v: number | bigint) => typeof v === 'bigint' || Number.isInteger(v);
    const [x, y] = whole(a) && whole(b) ? [BigInt(a), BigInt(b)] : [Number(a), Number(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  return undefined;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  if (isNumber(a) && isNumber(b)) return compare(a, b) === 0;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a).filter((k) => (a as Item)[k] !== undefined);
    const other = Object.keys(b).filter((k) => (b as Item)[k] !== undefined);
    return keys.length === other.length && keys.every((k) => equal((a as Item)[k], (b as Item)[k]));
  }
  return a === b;
}

function typeCode(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'NULL';
  if (typeof value === 'string') return 'S';
  if (isNumber(value)) return 'N';
  if (typeof value === 'boolean') return 'BOOL';
  if (value instanceof Uint8Array) return 'B';
  if (Array.isArray(value)) return 'L';
  if (value instanceof Set) {
    const first = value.values().next().value;
    return isNumber(first) ? 'NS' : first instanceof Uint8Array ? 'BS' : 'SS';
  }
  return 'M';
}

function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return value.length;
  if (value instanceof Set) return value.size;
  if (value && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

// Conditions ───────────────────────────────────────────────────────────────────────────────────────

type Operand = (item: Item | undefined, ctx: ExpressionContext) => unknown;
type Condition = (item: Item | undefined, ctx: ExpressionContext) => boolean;

function readOperand(reader: Reader): Operand {
  const token = reader.peek();
  if (token?.kind === 'value') {
    reader.next();
    return (_, ctx) => placeholderValue(token.text, ctx);
  }
  if (token?.kind === 'word' && token.text === 'size' && reader.peek(1)?.text === '(') {
    reader.next();
    reader.expect('(');
    const path = readPath(reader);
    reader.expect(')');
    return (item, ctx) => sizeOf(getPath(item, path, ctx));
  }
  const path = readPath(reader);
  return (item, ctx) => getPath(item, path, ctx);
}

const functions = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
]);

function readPrimary(reader: Reader): Condition {
  if (reader.accept('(')) {
    const inner = readOr(reader);
    reader.expect(')');
    return inner;
  }
  const token = reader.peek();
  if (token?.kind === 'word' && functions.has(token.text) && reader.peek(1)?.text === '(') {
    reader.next();
    reader.expect('(');
    const path = readPath(reader);
    let argument: Operand | undefined;
    if (reader.accept(',')) argument = readOperand(reader);
    reader.expect(')');
    const needs = token.text === 'attribute_exists' || token.text === 'attribute_not_exists' ? 0 : 1;
    if ((argument === undefined) !== (needs === 0))
      fail('ValidationException', `fake table: ${token.text} arguments in ${reader.source}`);
    switch (token.text) {
      case 'attribute_exists':
        return (item, ctx) => getPath(item, path, ctx) !== undefined;
      case 'attribute_not_exists':
        return (item, ctx) => getPath(item, path, ctx) === undefined;
      case 'attribute_type':
        return (item, ctx) => typeCode(getPath(item, path, ctx)) === argument!(item, ctx);
      case 'begins_with':
        return (item, ctx) => {
          const value = getPath(item, path, ctx);
          const prefix = argument!(item, ctx);
          if (typeof value === 'string' && typeof prefix === 'string') return value.startsWith(prefix);
          if (value instanceof Uint8Array && prefix instanceof Uint8Array)
            return Buffer.compare(value.subarray(0, prefix.byteLength), prefix) === 0;
          return false;
        };
      default:
        return (item, ctx) => {
          const value = getPath(item, path, ctx);
          const operand = argument!(item, ctx);
          if (typeof value === 'string' && typeof operand === 'string') return value.includes(operand);
          if (value instanceof Set) return [...value].some((v) => equal(v, operand));
          if (Array.isArray(value)) return value.some((v) => equal(v, operand));
          return false;
        };
    }
  }
  const left = readOperand(reader);
  const next = reader.peek();
  if (next?.kind === 'op') {
    reader.next();
    const right = readOperand(reader);
    const test: (a: unknown, b: unknown) => boolean =
      next.text === '='
        ? equal
        : next.text === '<>'
          ? (a, b) => !equal(a, b)
          : (a, b) => {
              const c = compare(a, b);
              if (c === undefined) return false;
              return next.text === '<'
                ? c < 0
                : next.text === '<='
                  ? c <= 0
                  : next.text === '>'
                    ? c > 0
                    : c >= 0;
            };
    return (item, ctx) => test(left(item, ctx), right(item, ctx));
  }
  if (keyword(next, 'BETWEEN')) {
    reader.next();
    const low = readOperand(reader);
    if (!keyword(reader.next(), 'AND'))
      fail('ValidationException', `fake table: BETWEEN in ${reader.source}`);
    const high = readOperand(reader);
    return (item, ctx) => {
      const value = left(item, ctx);
      const [a, b] = [compare(value, low(item, ctx)), compare(value, high(item, ctx))];
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    };
  }
  if (keyword(next, 'IN')) {
    reader.next();
    reader.expect('(');
    const list: Operand[] = [readOperand(reader)];
    while (reader.accept(',')) list.push(readOperand(reader));
    reader.expect(')');
    return (item, ctx) => {
      const value = left(item, ctx);
      return list.some((operand) => equal(value, operand(item, ctx)));
    };
  }
  return fail('ValidationException', `fake table: condition in ${reader.source}`);
}

function readNot(reader: Reader): Condition {
  if (keyword(reader.peek(), 'NOT')) {
    reader.next();
    const inner = readNot(reader);
    return (item, ctx) => !inner(item, ctx);
  }
  return readPrimary(reader);
}

function readAnd(reader: Reader): Condition {
  const terms = [readNot(reader)];
  while (keyword(reader.peek(), 'AND')) {
    reader.next();
    terms.push(readNot(reader));
  }
  return terms.length === 1 ? terms[0]! : (item, ctx) => terms.every((term) => term(item, ctx));
}

function readOr(reader: Reader): Condition {
  const terms = [readAnd(reader)];
  while (keyword(reader.peek(), 'OR')) {
    reader.next();
    terms.push(readAnd(reader));
  }
  return terms.length === 1 ? terms[0]! : (item, ctx) => terms.some((term) => term(item, ctx));
}

const conditions = new Map<string, Condition>();

/** Whether `item` (undefined: no item) meets the condition or filter expression; no expression: true. */
export function conditionHolds(
  expression: string | undefined,
  item: Item | undefined,
  ctx: ExpressionContext,
) {
  if (!expression) return true;
  let compiled = conditions.get(expression);
  if (!compiled) {
    const reader = new Reader(tokenize(expression), expression);
    compiled = readOr(reader);
    if (!reader.done()) fail('ValidationException', `fake table: trailing input in ${expression}`);
    conditions.set(expression, compiled);
  }
  return compiled(item, ctx);
}

// Updates ──────────────────────────────────────────────────────────────────────────────────────────

type Action = (before: Item, after: Item, ctx: ExpressionContext) => void;

function readSetOperand(reader: Reader): Operand {
  const token = reader.peek();
  if (token?.kind === 'word' && reader.peek(1)?.text === '(') {
    if (token.text === 'if_not_exists') {
      reader.next();
      reader.expect('(');
      const path = readPath(reader);
      reader.expect(',');
      const fallback = readSetOperand(reader);
      reader.expect(')');
      return (item, ctx) => getPath(item, path, ctx) ?? fallback(item, ctx);
    }
    if (token.text === 'list_append') {
      reader.next();
      reader.expect('(');
      const first = readSetOperand(reader);
      reader.expect(',');
      const second = readSetOperand(reader);
      reader.expect(')');
      return (item, ctx) => {
        const [a, b] = [first(item, ctx), second(item, ctx)];
        if (!Array.isArray(a) || !Array.isArray(b))
          fail('ValidationException', 'An operand in the update expression has an incorrect data type');
        return [...a, ...b];
      };
    }
    fail('ValidationException', `fake table: function ${token.text} in ${reader.source}`);
  }
  return readOperand(reader);
}

function readSetValue(reader: Reader): Operand {
  const first = readSetOperand(reader);
  const sign = reader.peek()?.text;
  if (sign !== '+' && sign !== '-') return first;
  reader.next();
  const second = readSetOperand(reader);
  return (item, ctx) => {
    const [a, b] = [first(item, ctx), second(item, ctx)];
    if (!isNumber(a) || !isNumber(b))
      fail('ValidationException', 'An operand in the update expression has an incorrect data type');
    return add(a, b, sign === '+' ? 1 : -1);
  };
}

const clauses = ['SET', 'REMOVE', 'ADD', 'DELETE'];

function readAction(reader: Reader, clause: string): Action {
  const path = readPath(reader);
  if (clause === 'REMOVE') return (_, after, ctx) => removePath(after, path, ctx);
  if (clause === 'SET') {
    reader.expect('=');
    const value = readSetValue(reader);
    return (before, after, ctx) => {
      const v = value(before, ctx);
      if (v === undefined)
        fail(
          'ValidationException',
          'The provided expression refers to an attribute that does not exist in the item',
        );
      setPath(after, path, v, ctx);
    };
  }
  const token = reader.next();
  if (token.kind !== 'value')
    fail('ValidationException', `fake table: ${clause} takes a value in ${reader.source}`);
  return (before, after, ctx) => {
    const current = getPath(before, path, ctx);
    const operand = placeholderValue(token.text, ctx);
    if (clause === 'ADD' && isNumber(operand)) {
      if (current !== undefined && !isNumber(current))
        fail('ValidationException', 'An operand in the update expression has an incorrect data type');
      setPath(after, path, add(current ?? 0, operand, 1), ctx);
      return;
    }
    if (!(operand instanceof Set) || (current !== undefined && !(current instanceof Set)))
      fail('ValidationException', `fake table: ${clause} of a ${typeCode(operand)}`);
    const next = new Set(current as Set<unknown> | undefined);
    for (const element of operand) {
      if (clause === 'ADD') next.add(element);
      else next.delete(element);
    }
    if (next.size === 0) removePath(after, path, ctx);
    else setPath(after, path, next, ctx);
  };
}

const updates = new Map<string, Action[]>();

function compileUpdate(expression: string): Action[] {
  const reader = new Reader(tokenize(expression), expression);
  const actions: Action[] = [];
  const seen = new Set<string>();
  while (!reader.done()) {
    const token = reader.next();
    const clause = token.text.toUpperCase();
    if (token.kind !== 'word' || !clauses.includes(clause) || seen.has(clause))
      fail('ValidationException', `fake table: update expression ${expression}`);
    seen.add(clause);
    do actions.push(readAction(reader, clause));
    while (reader.accept(','));
  }
  return actions;
}

/** The item after the update expression (a new object: `item` is left as it was). */
export function applyUpdate(
  item: Item,
  expression: string,
  ctx: ExpressionContext,
  copy: <T>(v: T) => T,
): Item {
  let actions = updates.get(expression);
  if (!actions) {
    actions = compileUpdate(expression);
    updates.set(expression, actions);
  }
  const after = copy(item);
  // Every operand reads the item as it was before the update, as DynamoDB evaluates them.
  for (const action of actions) action(item, after, ctx);
  return after;
}

// Projections ──────────────────────────────────────────────────────────────────────────────────────

/** The attributes a projection expression names, nested as in the item; everything without one. */
export function project(
  item: Item,
  projection: string | undefined,
  ctx: ExpressionContext,
  copy: <T>(v: T) => T,
): Item {
  if (!projection) return copy(item);
  const reader = new Reader(tokenize(projection), projection);
  const out: Item = {};
  do {
    const path = readPath(reader);
    if (path.some((step) => 'index' in step))
      fail('ValidationException', `fake table: list index in projection ${projection}`);
    const value = getPath(item, path, ctx);
    if (value === undefined) continue;
    let target = out;
    for (const step of path.slice(0, -1)) {
      const name = nameOf(step as { name: string }, ctx);
      target[name] ??= {};
      target = target[name] as Item;
    }
    target[nameOf(path[path.length - 1] as { name: string }, ctx)] = copy(value);
  } while (reader.accept(','));
  if (!reader.done()) fail('ValidationException', `fake table: projection ${projection}`);
  return out;
}
