import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../shared/domain/member-schema.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { layoutColumns } from '../../shared/members/member-csv.ts';
import type { ImportReport } from '../../shared/members/member-csv-service.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { mstSequence } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let admin: string;
let repository: MemberRepository;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  admin = await t.token('admin');
  repository = new MemberRepository(t.db);
});
afterAll(() => t.drop());

type Row = Record<string, string>;

/** A CSV writer independent of the one under test, so the two cannot share a mistake. */
function csvOf(
  rows: Row[],
  { columns = layoutColumns(1), delimiter = ',', eol = '\r\n', bom = false } = {},
): string {
  const cell = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))];
  return `${bom ? '\ufeff' : ''}${lines.map((line) => line.map(cell).join(delimiter)).join(eol)}${eol}`;
}

let innBody = 550_000_000;
function row(overrides: Row = {}): Row {
  const taxId = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Импорт ${taxId}»`,
    country: 'RU',
    region: 'RU-VLA',
    taxId,
    sectors: 'energy|logistics',
    interests: 'technology-transfer',
    languages: 'ru|en',
    verifiedRevenue_amount: '100000000.00',
    verifiedRevenue_currency: 'RUB',
    contact1_name: 'Иван Петров',
    contact1_email: `ivan.${taxId}@import.ru`,
    contact1_language: 'ru',
    contact1_outreach: 'yes',
    contact1_news: 'no',
    ...overrides,
  };
}

async function importCsv(body: string | Uint8Array, contentType = 'text/csv', token = staff) {
  const response = await t.app.request('/v1/members/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  return { response, report: (await response.clone().json()) as ImportReport };
}

async function member(id: string): Promise<Member> {
  return (await (await t.call('GET', `/v1/members/${id}`, { token: staff })).json()) as Member;
}

describe('POST /v1/members/import', () => {
  it('creates, updates, leaves unchanged and rejects rows of one file, each on its own', async () => {
    const [a, b] = [row(), row()];
    const first = await importCsv(csvOf([a!, b!]));
    expect(first.response.status).toBe(200);
    expect(first.report.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    const [idA, idB] = first.report.rows.map((r) => r.id!);
    const before = await member(idA!);
    expect(before.tier).toBe('micro');
    expect(before.contacts[0]!.consent.outreach.granted).toBe(true);

    const c = row();
    const bad = row({ contact1_email: 'not-an-email', website: 'ftp://x' });
    const second = await importCsv(
      csvOf([{ ...a!, description: 'Новое описание; с "кавычками"\nи второй строкой' }, b!, c, bad]),
    );
    expect(second.response.status).toBe(200);
    expect(second.report.summary).toEqual({ created: 1, updated: 1, unchanged: 1, rejected: 1 });
    expect(second.report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'updated'],
      [4, 'unchanged'],
      [5, 'created'],
      [6, 'rejected'],
    ]);
    expect(second.report.rows[0]!.id).toBe(idA);
    expect(second.report.rows[1]!.id).toBe(idB);
    expect(second.report.rows[3]!.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'contacts.0.email', column: 'contact1_email' }),
        expect.objectContaining({ path: 'website', column: 'website' }),
      ]),
    );

    // The contact was matched by email: same id, and its consent record kept its original timestamp.
    const after = await member(idA!);
    expect(after.description).toBe('Новое описание; с "кавычками"\nи второй строкой');
    expect(after.version).toBe(before.version + 1);
    expect(after.contacts.map((x) => x.id)).toEqual(before.contacts.map((x) => x.id));
    expect(after.contacts[0]!.consent).toEqual(before.contacts[0]!.consent);
    expect((await member(idB!)).version).toBe(1);

    const history = (await (await t.call('GET', `/v1/members/${idA}/history`, { token: staff })).json()) as {
      items: { action: string; actor: { role: string }; changes: { field: string }[] }[];
    };
    expect(history.items[0]).toMatchObject({ action: 'import', actor: { role: 'staff' } });
    expect(history.items[0]!.changes.map((x) => x.field)).toEqual(['description']);
  });

  it('treats absent columns as "keep", empty cells as "remove", and unlisted contacts as removed', async () => {
    const a = row({ description: 'Описание', website: 'https://a.example' });
    const { report } = await importCsv(csvOf([a]));
    const id = report.rows[0]!.id!;

    // No description column: kept. Empty website cell: removed. A second contact replaces the first.
    const columns = layoutColumns(1).filter((c) => c !== 'description');
    const second = await importCsv(
      csvOf([{ ...a, website: '', contact1_name: 'Анна', contact1_email: `anna.${a.taxId}@import.ru` }], {
        columns,
      }),
    );
    expect(second.report.rows[0]!.status).toBe('updated');
    const after = await member(id);
    expect(after.description).toBe('Описание');
    expect(after.website).toBeUndefined();
    expect(after.contacts.map((x) => x.email)).toEqual([`anna.${a.taxId}@import.ru`]);
    // The new contact stated its consent in the file; the removed one's email guard is released.
    expect(after.contacts[0]!.consent.outreach.granted).toBe(true);
    const reuse = await importCsv(csvOf([row({ contact1_email: a.contact1_email! })]));
    expect(reuse.report.rows[0]!.status).toBe('created');
  });

  it('writes nothing for a rejected row: no member, no tax id guard, no email guard, no list entry', async () => {
    const existing = row();
    await importCsv(csvOf([existing]));
    const listed = async () =>
      (
        (await (await t.call('GET', '/v1/members?region=RU-KGD&limit=100', { token: staff })).json()) as {
          items: unknown[];
        }
      ).items.length;
    const before = await listed();

    const invalid = row({ region: 'RU-KGD', sectors: 'energy|not-a-sector' });
    const conflicting = row({ region: 'RU-KGD', contact1_email: existing.contact1_email! });
    const { report } = await importCsv(csvOf([invalid, conflicting]));
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    expect(report.rows[0]!.errors).toEqual([
      expect.objectContaining({ path: 'sectors.1', column: 'sectors' }),
    ]);
    expect(report.rows[1]!.errors).toEqual([
      {
        path: 'contacts.0.email',
        column: 'contact1_email',
        message: 'Another member or partner already holds this contact email.',
      },
    ]);
    for (const r of [invalid, conflicting]) {
      expect(await repository.memberIdByTaxId('RU', r.taxId!)).toBeUndefined();
    }
    expect(await listed()).toBe(before);

    // An invalid update leaves the member at its version.
    const id = (await repository.memberIdByTaxId('RU', existing.taxId!))!;
    const update = await importCsv(csvOf([{ ...existing, status: 'resigned' }]));
    expect(update.report.rows[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'status' }] });
    expect((await member(id)).version).toBe(1);
  });

  it('names every problem of a row at once, for a new member and for an update alike', async () => {
    const existing = row();
    await importCsv(csvOf([existing]));
    const id = (await repository.memberIdByTaxId('RU', existing.taxId!))!;
    // A cell the file's reader refuses (consent not yes or no) beside cells the schema refuses.
    const broken = { contact1_outreach: 'maybe', contact1_email: 'not-an-email', website: 'ftp://x' };
    // A new member's row with a wrong INN besides: that too, though zod would skip the tax id's rule
    // after the other fields' failures.
    const { report } = await importCsv(
      csvOf([{ ...existing, ...broken }, row({ ...broken, taxId: '12345' })]),
    );
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    const columns = report.rows.map((r) => r.errors!.map((e) => e.column).sort());
    expect(columns).toEqual([
      ['contact1_email', 'contact1_outreach', 'website'],
      ['contact1_email', 'contact1_outreach', 'taxId', 'website'],
    ]);
    // The refused yes/no is quoted for whoever fixes the file; a contact's address is not.
    const byColumn = new Map(report.rows[1]!.errors!.map((e) => [e.column, e]));
    expect(byColumn.get('contact1_outreach')).toMatchObject({ value: 'maybe' });
    expect(byColumn.get('contact1_email')).not.toHaveProperty('value');
    expect((await member(id)).version).toBe(1);
  });

  it('reads phone numbers as people write them, a home number by the row’s country', async () => {
    const { report } = await importCsv(
      csvOf([row({ contact1_phone: '8 (423) 222-33-55' }), row({ contact1_phone: '222-33-55' })]),
    );
    expect(report.rows.map((r) => r.status)).toEqual(['created', 'rejected']);
    expect((await member(report.rows[0]!.id!)).contacts[0]!.phone).toBe('+74232223355');
    expect(report.rows[1]!.errors).toEqual([
      expect.objectContaining({
        column: 'contact1_phone',
        message: 'Must be an E.164 phone number such as +79161234567.',
      }),
    ]);
  });

  it('rejects every row of a tax id listed twice in one file, however it is spelled', async () => {
    const a = row();
    const spaced = `${a.taxId!.slice(0, 4)} ${a.taxId!.slice(4)}`;
    const other = row();
    const { report } = await importCsv(csvOf([a, other, { ...a, taxId: spaced, name: 'Другое имя' }]));
    expect(report.rows.map((r) => r.status)).toEqual(['rejected', 'created', 'rejected']);
    expect(report.rows[0]!.errors![0]!.message).toContain('line(s) 4');
    expect(report.rows[2]!.errors![0]!.message).toContain('line(s) 2');
    expect(await repository.memberIdByTaxId('RU', a.taxId!)).toBeUndefined();
  });

  it('orders rows that share an email, so a contact can move between members in one file', async () => {
    const [a, b] = [row(), row()];
    await importCsv(csvOf([a!, b!]));
    const moving = a!.contact1_email!;
    const { report } = await importCsv(
      csvOf([
        { ...a!, contact1_name: 'Новый', contact1_email: `new.${a!.taxId}@import.ru` },
        { ...b!, contact1_email: moving },
      ]),
    );
    expect(report.rows.map((r) => r.status)).toEqual(['updated', 'updated']);
  });

  it('accepts the example the OpenAPI document gives', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { example: string } }> } } }
      >;
    };
    const example = doc.paths['/v1/members/import']!.post.requestBody.content['text/csv']!.schema.example;
    const { report } = await importCsv(example);
    expect(report.rows).toEqual([{ line: 2, status: 'created', id: expect.any(String) }]);
    const created = await member(report.rows[0]!.id!);
    expect(created.verifiedRevenue).toEqual({ amount: 45_000_000_000, currency: 'RUB' });
    expect(created.contacts[0]!.phone).toBe('+74922123456');
  });

  it('reads `;`, BOM, LF and case-insensitive headers', async () => {
    const a = row();
    const text = csvOf([a], { delimiter: ';', eol: '\n', bom: true }).replace('taxId', 'TAXID');
    const { response, report } = await importCsv(text, 'text/csv; charset=UTF-8');
    expect(response.status).toBe(200);
    expect(report.rows[0]).toMatchObject({ line: 2, status: 'created' });
  });

  it('refuses the wrong media type, a bad header, unreadable CSV and a too-large file', async () => {
    const json = await importCsv(JSON.stringify([row()]), 'application/json');
    expect(json.response.status).toBe(415);
    expect(json.response.headers.get('content-type')).toContain('application/problem+json');
    expect((await importCsv(csvOf([row()]), 'text/csv; charset=windows-1251')).response.status).toBe(415);

    const header = await importCsv('name,country,taxId,colour\nA,RU,1,red\n');
    expect(header.response.status).toBe(422);
    expect((header.report as unknown as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'colour',
      'sectors',
    ]);

    expect((await importCsv('name,country,taxId,sectors\n"A,RU,1,energy\n')).response.status).toBe(400);
    expect((await importCsv(new Uint8Array([0x6e, 0xff, 0x0a]))).response.status).toBe(400);

    const huge = `name,country,taxId,sectors,description\n${'A,RU,1,energy,'.padEnd(5 * 1024 * 1024, 'x')}\n`;
    expect((await importCsv(huge)).response.status).toBe(413);
  });

  it('is for staff only, and checks the caller before the body', async () => {
    const memberToken = await t.token('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    expect((await importCsv('not csv', 'application/json', memberToken)).response.status).toBe(403);
    expect(
      (await t.app.request('/v1/members/import', { method: 'POST', headers: { 'content-type': 'text/csv' } }))
        .status,
    ).toBe(401);
  });
});

describe('GET /v1/members/export.csv', () => {
  it('exports a filtered directory that imports back with every row unchanged', async () => {
    // Vietnamese members only, so the filter isolates this test's data.
    const mst = mstSequence(410_000_000);
    const vn = (overrides: Row = {}) => {
      const taxId = mst();
      return row({
        name: `Công ty TNHH Xuất khẩu ${taxId}`,
        country: 'VN',
        region: 'VN-HN',
        taxId,
        languages: 'vi|en',
        contact1_name: 'Nguyễn Văn An',
        contact1_email: `an.${taxId}@xk.vn`,
        contact1_language: 'vi',
        verifiedRevenue_amount: '25000000000',
        verifiedRevenue_currency: 'VND',
        ...overrides,
      });
    };
    const imported = await importCsv(
      csvOf([
        vn({
          description: '=HYPERLINK("http://evil.example","click"); a, b\n"quoted";@SUM(A1)',
          declaredRevenue_amount: '1234567.89',
          declaredRevenue_currency: 'USD',
          contact1_phone: '+84912345678',
          contact1_position: '-Giám đốc',
        }),
        vn({ interests: '', website: 'https://xk.vn/a?b=1,2' }),
        vn({ status: 'suspended', joinedOn: '2020-02-29' }),
      ]),
    );
    expect(imported.report.summary.created).toBe(3);

    // One member with three contacts (more contact columns), one resigned, one with an erased contact.
    const [busy, resigned, erased] = imported.report.rows.map((r) => r.id!);
    const patch = (id: string, body: unknown, version: number) =>
      t.call('PATCH', `/v1/members/${id}`, { token: staff, body, headers: { 'if-match': `"${version}"` } });
    const busyMember = await member(busy!);
    await patch(
      busy!,
      {
        contacts: [
          ...busyMember.contacts.map((c) => ({
            id: c.id,
            name: c.name,
            email: c.email,
            language: c.language,
          })),
          { name: 'Trần Thị B', email: `b.${busy}@xk.vn`, language: 'vi', consent: { news: true } },
          { name: 'John Smith', email: `j.${busy}@xk.vn`, language: 'en' },
        ],
      },
      busyMember.version,
    );
    expect(
      (await t.call('DELETE', `/v1/members/${resigned}`, { token: admin, headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(200);
    expect((await t.call('POST', `/v1/members/${erased}/erase`, { token: admin })).status).toBe(200);

    const response = await t.call('GET', '/v1/members/export.csv?country=VN', { token: staff });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="members-.*\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toContain('contact3_news');
    expect(text).not.toContain('[erased]');
    expect(text).toContain('"\'=HYPERLINK(');
    expect(text).toContain(`;'@SUM(A1)"`);
    expect(text).toContain('"1234567.89","USD"');

    const { report } = await importCsv(bytes);
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    for (const id of [busy, resigned, erased]) {
      expect(report.rows.some((r) => r.id === id)).toBe(true);
    }
    expect((await member(busy!)).contacts).toHaveLength(3);
  });

  it('uses the list filters and their rules', async () => {
    const none = await t.call('GET', '/v1/members/export.csv?sector=fisheries', { token: staff });
    expect(none.status).toBe(200);
    // Response.text() would drop the BOM; the bytes keep it.
    const empty = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await none.arrayBuffer());
    expect(empty).toBe(
      `\ufeff${layoutColumns(1)
        .map((column) => `"${column}"`)
        .join(',')}\r\n`,
    );
    const search = await t.call('GET', `/v1/members/export.csv?q=${encodeURIComponent('xuat khau')}`, {
      token: staff,
    });
    expect((await search.text()).split('\r\n').filter(Boolean)).toHaveLength(4);
    // The search with a filter: its rows in Vietnam, none in Russia (the header alone).
    for (const [country, lines] of [
      ['VN', 4],
      ['RU', 1],
    ] as const) {
      const searchIn = await t.call(
        'GET',
        `/v1/members/export.csv?q=${encodeURIComponent('xuat khau')}&country=${country}`,
        { token: staff },
      );
      expect(searchIn.status).toBe(200);
      expect((await searchIn.text()).split('\r\n').filter(Boolean), country).toHaveLength(lines);
    }
    expect(
      (await t.call('GET', '/v1/members/export.csv?q=ab&interest=energy', { token: staff })).status,
    ).toBe(400);
    expect((await t.call('GET', '/v1/members/export.csv?sector=nope', { token: staff })).status).toBe(400);
    const memberToken = await t.token('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    expect((await t.call('GET', '/v1/members/export.csv', { token: memberToken })).status).toBe(403);
  });
});

describe('a generated file of a few hundred rows', () => {
  // Over the 200 rows a request imports itself, so this goes through the import job at production
  // sizes: three batches of 100. 3,000 rows take about a minute on DynamoDB Local, which runs
  // transactions one at a time; that figure comes from bench/import-bench.ts.
  async function importThroughJob(text: string) {
    const { response } = await importCsv(text);
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as { job: { id: string; href: string } };
    expect(response.headers.get('location')).toBe(job.href);
    for (;;) {
      await t.jobs.idle();
      const polled = (await (await t.call('GET', job.href, { token: staff })).json()) as {
        status: string;
        summary: ImportReport['summary'];
      };
      if (polled.status !== 'queued' && polled.status !== 'running') {
        expect(polled.status).toBe('succeeded');
        const rows: ImportReport['rows'] = [];
        let cursor: string | null = null;
        do {
          const page = (await (
            await t.call('GET', `${job.href}/report?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
              token: staff,
            })
          ).json()) as { items: ImportReport['rows']; nextCursor: string | null };
          rows.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        return { summary: polled.summary, rows };
      }
    }
  }

  it('completes through the import job, and completes again with every row unchanged', async () => {
    const rows = Array.from({ length: 300 }, () => row({ region: 'RU-MOW' }));
    const text = csvOf(rows);
    let started = performance.now();
    const first = await importThroughJob(text);
    const createMs = performance.now() - started;
    expect(first.summary).toEqual({ created: 300, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));

    started = performance.now();
    const second = await importThroughJob(text);
    const unchangedMs = performance.now() - started;
    expect(second.summary).toEqual({ created: 0, updated: 0, unchanged: 300, rejected: 0 });
    console.info(
      `300 rows through the job: created in ${Math.round(createMs)} ms, unchanged in ${Math.round(unchangedMs)} ms`,
    );
  });

  it('answers a file of 200 rows, the most a request imports itself, with the report', async () => {
    const { response, report } = await importCsv(csvOf(Array.from({ length: 200 }, () => row())));
    expect(response.status).toBe(200);
    expect(report.summary.created).toBe(200);
  });
});
