import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { BadRequestError, type FieldError, PayloadTooLargeError, ValidationError } from '../domain/errors.ts';
import { ruleReason } from '../domain/issue-rules.ts';
import type { Member } from '../domain/member-schema.ts';
import {
  type AmountProblem,
  type Currency,
  currencies,
  formatMajorUnits,
  parseMajorUnits,
} from '../domain/money.ts';
import { phoneE164 } from '../domain/phone.ts';

/**
 * The one CSV layout members are imported from and exported to. A row reads as a JSON merge patch of
 * the member profile (RFC 7396), so import needs no rules of its own:
 * - a column absent from the header leaves that field as it is (and takes the API's default on create);
 * - an empty cell removes an optional field (region, description, website, revenue), empties
 *   `interests` and `targetMarkets`, and for fields that cannot be empty but have a default (`languages`, `status`,
 *   `joinedOn`) means "keep" (or the default on create); required fields stay empty and fail the schema;
 * - when contact columns are present a row lists all of the member's contacts; contacts are matched by
 *   email, so a listed contact keeps its id and its consent records, and an unlisted one is removed.
 * Money is a decimal in major units ("450000000.00" RUB), which staff can read and sum in a spreadsheet;
 * it is converted to and from integer minor units exactly, never through a float.
 */

export const csvImportLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 5000 } as const;

export const profileColumns = [
  'name',
  'country',
  'region',
  'taxId',
  'sectors',
  'interests',
  'targetMarkets',
  'languages',
  'description',
  'website',
  'status',
  'joinedOn',
  'declaredRevenue_amount',
  'declaredRevenue_currency',
  'verifiedRevenue_amount',
  'verifiedRevenue_currency',
] as const;
type ProfileColumn = (typeof profileColumns)[number];

export const contactFields = ['name', 'email', 'phone', 'position', 'language', 'outreach', 'news'] as const;
type ContactField = (typeof contactFields)[number];

/** As many contacts as a member may have (memberCreateSchema). */
export const maxContactSlots = 8;

/** What create cannot do without; the rest of a create row may be left to the API's defaults. */
export const requiredColumns: readonly ProfileColumn[] = ['name', 'country', 'taxId', 'sectors'];

const contactColumn = (slot: number, field: ContactField): string => `contact${slot}_${field}`;

const revenueFields = ['declaredRevenue', 'verifiedRevenue'] as const;
type RevenueField = (typeof revenueFields)[number];

export interface CsvLayout {
  /** Canonical column names in the file's order. */
  columns: string[];
  profile: ReadonlySet<ProfileColumn>;
  /** Contact slots with all their columns present, ascending. */
  contactSlots: number[];
}

/** One record with its physical start line (the header is line 1), or why it does not fit the layout. */
export type CsvRow = { line: number; cells: ReadonlyMap<string, string> } | { line: number; error: string };

/** A row error names the API field (`contacts.0.email`) and, when it maps to one, the CSV column. */
export interface RowError extends FieldError {
  column?: string;
  /**
   * What the cell held, or the entry of a list the error is about, where it is a code, a date, an
   * amount or a yes/no (`quotableValue`), so that a report can say what it refused. Never a contact's
   * name, address or number: a job's report outlives its file, and erasure does not reach it.
   */
  value?: string;
}

/** A cell's value as a report quotes it: its first 100 characters (code points, so none is cut in two). */
function quotedCell(value: string): string {
  const characters = Array.from(value);
  return characters.length > 100 ? `${characters.slice(0, 100).join('')}…` : value;
}

/**
 * A refused yes/no as a report quotes it: only a word or two. The cell is free text, and a longer one
 * (a note such as "no, call Ivan on +7…") may hold what a report must not keep.
 */
const quotedAnswer = (value: string): { value?: string } => (Array.from(value).length <= 12 ? { value } : {});

/** The fields whose values a report quotes (RowError's `value`). */
const quotablePath =
  /^(?:(?:country|region|sectors|interests|targetMarkets|languages|status|joinedOn)(?:\.\d+)?|contacts\.\d+\.language)$/;

/** The value at an error's path of what a row asked for, where a report may quote it. */
export function quotableValue(requested: unknown, path: string): string | undefined {
  if (!quotablePath.test(path)) return undefined;
  let at = requested;
  for (const key of path.split('.')) {
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  }
  return typeof at === 'string' && at !== '' ? quotedCell(at) : undefined;
}

export interface ContactCells {
  name: string;
  email: string;
  phone?: string;
  position?: string;
  language: string;
  consent?: { outreach?: boolean; news?: boolean };
}

export interface MemberRow {
  /**
   * The row's profile fields as a merge patch: a key is set only when the file has its column, and
   * `null` removes the field.
   */
  patch: Record<string, unknown>;
  /** All the member's contacts when the file has contact columns; ids are resolved by email on import. */
  contacts?: ContactCells[];
  /** The CSV slot of each entry of `contacts`, to name columns in errors. */
  contactSlots: number[];
  errors: RowError[];
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** UTF-8 with or without BOM; CRLF, LF or CR line ends all read as LF, inside quoted cells too. */
function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    // The decoder drops a leading BOM, which is how Excel marks "CSV UTF-8".
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError('The file is not valid UTF-8; save it as "CSV UTF-8".');
  }
  // Stored text may hold \n but no \r (domain/text.ts), so a Windows line break inside a quoted cell
  // becomes a plain one rather than a control character the schema would refuse.
  return text.replace(/\r\n?/g, '\n');
}

/** Excel writes `;` where the decimal mark is a comma (ru, vi locales) and `,` elsewhere. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '\n' && !quoted) break;
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** The shape csv-parse gives each record with `info: true` (its typings only describe plain arrays). */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

function parseRecords(text: string): ParsedRecord[] {
  try {
    return parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      // A row with the wrong number of cells is that row's problem, reported with its line.
      relax_column_count: true,
      // `ООО "Ромашка"` typed without surrounding quotes is common and unambiguous.
      relax_quotes: true,
      skip_empty_lines: true,
      // Spreadsheets save blank rows below the data as `;;;;`.
      skip_records_with_empty_values: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new BadRequestError(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
}

const canonicalColumns: ReadonlyMap<string, string> = new Map(
  layoutColumns(maxContactSlots).map((column) => [column.toLowerCase(), column]),
);

/** Header names match case-insensitively; anything wrong with the header refuses the whole file. */
function parseHeader(header: readonly string[]): CsvLayout {
  const errors: FieldError[] = [];
  const columns: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    const column = canonicalColumns.get(name.toLowerCase());
    if (!column) {
      const path = name || `(column ${index + 1})`;
      if (!name)
        errors.push({ path, message: 'The column has no name.', reason: ruleReason('unnamedColumn') });
      else if (/^contact\d+_/i.test(name)) {
        const fields = contactFields.join(', ');
        errors.push({
          path,
          message: `Unknown column; contacts are contact1_… to contact${maxContactSlots}_… with fields ${fields}.`,
          reason: ruleReason('unknownContactColumn', { slots: maxContactSlots, fields }),
        });
      } else errors.push({ path, message: 'Unknown column.', reason: ruleReason('unknownColumn') });
      return;
    }
    if (columns.includes(column)) {
      errors.push({ path: column, message: 'The column appears twice.', reason: ruleReason('columnTwice') });
    }
    columns.push(column);
  });
  const present = new Set(columns);
  for (const column of requiredColumns) {
    if (!present.has(column)) {
      errors.push({
        path: column,
        message: 'Required column is missing.',
        reason: ruleReason('columnMissing'),
      });
    }
  }
  for (const field of revenueFields) {
    const [amount, currency] = [`${field}_amount`, `${field}_currency`];
    if (present.has(amount) !== present.has(currency)) {
      errors.push({
        path: present.has(amount) ? currency : amount,
        message: `${field} needs both columns.`,
        reason: ruleReason('bothMoneyColumns', { field }),
      });
    }
  }
  const contactSlots: number[] = [];
  for (let slot = 1; slot <= maxContactSlots; slot++) {
    const missing = contactFields.map((f) => contactColumn(slot, f)).filter((c) => !present.has(c));
    if (missing.length === contactFields.length) continue;
    // A partial set would silently drop the missing fields of every contact it rewrites.
    if (missing.length > 0) {
      errors.push({
        path: missing[0]!,
        message: `contact${slot} needs all of: ${missing.join(', ')}.`,
        reason: ruleReason('allContactColumns', { slot, missing: missing.join(', ') }),
      });
    }
    contactSlots.push(slot);
  }
  if (errors.length > 0) {
    throw new ValidationError(
      errors,
      'The header does not match the member CSV layout; nothing was imported.',
    );
  }
  return {
    columns,
    profile: new Set(profileColumns.filter((c) => present.has(c))),
    contactSlots,
  };
}

/**
 * Decodes and splits a member CSV. Unreadable files are a 400, a wrong header a 422 and too many rows
 * a 413, all before anything is written.
 */
export function parseMemberCsv(bytes: Uint8Array): { layout: CsvLayout; rows: CsvRow[] } {
  const [header, ...records] = parseRecords(decodeCsv(bytes));
  if (!header) {
    throw new ValidationError(
      [
        {
          path: '(header)',
          message: 'The file is empty; its first line must name the columns.',
          reason: ruleReason('emptyFile'),
        },
      ],
      'The file has no header; nothing was imported.',
    );
  }
  const layout = parseHeader(header.record);
  if (records.length > csvImportLimits.maxRows) {
    throw new PayloadTooLargeError(
      `The file has ${records.length} rows; at most ${csvImportLimits.maxRows} per import. Split it.`,
    );
  }
  const rows = records.map(({ record, info }): CsvRow => {
    // info.lines is where the record ends; quoted line breaks inside it tell where it began.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== layout.columns.length) {
      return { line, error: `The row has ${record.length} cells; the header has ${layout.columns.length}.` };
    }
    return {
      line,
      cells: new Map(layout.columns.map((column, i) => [column, decodeCell(record[i]!.trim())])),
    };
  });
  return { layout, rows };
}

const listPattern = /[|,;]/;
// In the console's three languages too, as people type them into a spreadsheet (Vietnamese with or
// without its diacritics).
const yes = new Set(['yes', 'y', 'true', '1', 'да', 'có', 'co']);
const no = new Set(['no', 'n', 'false', '0', 'нет', 'không', 'khong']);

/** Turns one row's cells into a merge patch of the profile; conversion errors are collected, not thrown. */
export function rowToPatch(cells: ReadonlyMap<string, string>, layout: CsvLayout): MemberRow {
  const errors: RowError[] = [];
  const patch: Record<string, unknown> = {};
  const cell = (column: string) => cells.get(column) ?? '';
  const list = (column: string) =>
    cell(column)
      .split(listPattern)
      .map((s) => s.trim())
      .filter(Boolean);

  for (const column of layout.profile) {
    const value = cell(column);
    switch (column) {
      // Required: an empty cell goes to the schema as empty, which names the problem.
      case 'name':
      case 'country':
      case 'taxId':
        patch[column] = value;
        break;
      case 'sectors':
      case 'interests':
      case 'targetMarkets':
        patch[column] = list(column);
        break;
      case 'region':
      case 'description':
      case 'website':
        patch[column] = value === '' ? null : value;
        break;
      case 'languages':
        if (value !== '') patch[column] = list(column);
        break;
      case 'status':
      case 'joinedOn':
        if (value !== '') patch[column] = value;
        break;
    }
  }
  for (const field of revenueFields) {
    if (layout.profile.has(`${field}_amount`)) {
      const money = moneyOf(field, cell(`${field}_amount`), cell(`${field}_currency`), errors);
      if (money !== undefined) patch[field] = money;
    }
  }

  if (layout.contactSlots.length === 0) return { patch, contactSlots: [], errors };
  // Numbers written as dialled at home read by the row's country, when the file has that column.
  const homeCountry = layout.profile.has('country') ? cell('country').toUpperCase() : undefined;
  const contacts: ContactCells[] = [];
  const contactSlots: number[] = [];
  for (const slot of layout.contactSlots) {
    const value = (field: ContactField) => cell(contactColumn(slot, field));
    if (contactFields.every((f) => value(f) === '')) continue;
    const path = `contacts.${contacts.length}`;
    const consent: NonNullable<ContactCells['consent']> = {};
    for (const purpose of ['outreach', 'news'] as const) {
      const answer = value(purpose).normalize('NFC').toLowerCase();
      if (yes.has(answer)) consent[purpose] = true;
      else if (no.has(answer)) consent[purpose] = false;
      // Empty means "not stated": a new contact has not consented, an existing one keeps its answer.
      else if (answer !== '') {
        errors.push({
          path: `${path}.consent.${purpose}`,
          column: contactColumn(slot, purpose),
          message: 'Must be yes or no (да/нет, có/không), or empty to leave it unchanged.',
          reason: ruleReason('yesOrNo'),
          ...quotedAnswer(value(purpose)),
        });
      }
    }
    contacts.push({
      name: value('name'),
      email: value('email'),
      ...(value('phone') ? { phone: phoneE164(value('phone'), homeCountry) } : {}),
      ...(value('position') ? { position: value('position') } : {}),
      language: value('language'),
      ...(Object.keys(consent).length > 0 ? { consent } : {}),
    });
    contactSlots.push(slot);
  }
  return { patch, contacts, contactSlots, errors };
}

function moneyOf(field: RevenueField, amount: string, currency: string, errors: RowError[]) {
  if (amount === '' && currency === '') return null;
  const fail = (column: 'amount' | 'currency', problem: AmountProblem) => {
    const cell = column === 'amount' ? amount : currency;
    errors.push({
      path: `${field}.${column}`,
      column: `${field}_${column}`,
      ...problem,
      ...(cell === '' ? {} : { value: quotedCell(cell) }),
    });
    return undefined;
  };
  if (!(currencies as readonly string[]).includes(currency)) {
    const all = currencies.join(', ');
    return fail(
      'currency',
      currency === ''
        ? { message: 'Required with an amount.', reason: ruleReason('currencyWithAmount') }
        : { message: `Must be one of ${all}.`, reason: ruleReason('currencyChoice', { currencies: all }) },
    );
  }
  if (amount === '') {
    return fail('amount', { message: 'Required with a currency.', reason: ruleReason('amountWithCurrency') });
  }
  const minor = parseMajorUnits(amount, currency as Currency);
  return typeof minor === 'number' ? { amount: minor, currency } : fail('amount', minor);
}

/** The CSV column an API field path of a row refers to, when there is exactly one. */
export function columnOf(path: string, contactSlots: readonly number[]): string | undefined {
  const [head, second, third, fourth] = path.split('.');
  if (head === 'contacts' && second !== undefined) {
    const slot = contactSlots[Number(second)];
    const field = third === 'consent' ? fourth : third;
    return slot !== undefined && (contactFields as readonly string[]).includes(field ?? '')
      ? contactColumn(slot, field as ContactField)
      : undefined;
  }
  if ((revenueFields as readonly string[]).includes(head ?? '')) {
    return second === 'amount' || second === 'currency' ? `${head}_${second}` : `${head}_amount`;
  }
  return (profileColumns as readonly string[]).includes(head ?? '') ? head : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Writing

/**
 * Spreadsheets run a cell that starts with = + - or @ as a formula, so a hostile company description
 * could execute on a staff member's machine (CSV injection). Excel splits a file at its locale's list
 * separator, not at ours: in ru and vi Excel `"Water;=1+1"` is two cells, the second a formula, and
 * once quotes no longer line up with separators a quoted line break may end the row. So a formula
 * character is neutralised wherever a cell could begin under any separator: at the start of the value
 * and after `,` `;` tab or a line break. There it gets an apostrophe, which makes Excel take it as text
 * (OWASP's advice); an apostrophe run already standing there gets one more, so decoding takes exactly
 * one from each such run and every string, marked or not, survives the round trip.
 */
const formulaStart = /(?<=^|[,;\t\r\n])(?='*[=+\-@])/g;
const addedMarker = /(?<=^|[,;\t\r\n])'(?='*[=+\-@])/g;
export const encodeCell = (value: string): string => value.replace(formulaStart, "'");
export const decodeCell = (value: string): string => value.replace(addedMarker, '');

/** Contact slots for a set of members: as many as the busiest member needs, and at least one as a template. */
function slotsFor(members: readonly Member[]): number {
  return members.reduce((most, m) => Math.max(most, activeContacts(m).length), 1);
}

/** Erased contacts are tombstones, not people: they are neither exported nor editable. */
function activeContacts(member: Member) {
  return member.contacts.filter((c): c is typeof c & { email: string } => !c.erasedAt && c.email !== null);
}

export function layoutColumns(contactSlots: number): string[] {
  return [
    ...profileColumns,
    ...Array.from({ length: contactSlots }, (_, i) =>
      contactFields.map((f) => contactColumn(i + 1, f)),
    ).flat(),
  ];
}

function memberRecord(member: Member, contactSlots: number): string[] {
  const money = (value: Member['declaredRevenue']) =>
    value ? [formatMajorUnits(value.amount, value.currency as Currency), value.currency] : ['', ''];
  const yesNo = (granted: boolean) => (granted ? 'yes' : 'no');
  const contacts = activeContacts(member);
  const record = [
    member.name,
    member.country,
    member.region ?? '',
    member.taxId,
    member.sectors.join('|'),
    member.interests.join('|'),
    member.targetMarkets.join('|'),
    member.languages.join('|'),
    member.description ?? '',
    member.website ?? '',
    member.status,
    member.joinedOn,
    ...money(member.declaredRevenue),
    ...money(member.verifiedRevenue),
    ...Array.from({ length: contactSlots }, (_, i) => {
      const c = contacts[i];
      if (!c) return contactFields.map(() => '');
      return [
        c.name,
        c.email,
        c.phone ?? '',
        c.position ?? '',
        c.language,
        yesNo(c.consent.outreach.granted),
        yesNo(c.consent.news.granted),
      ];
    }).flat(),
  ];
  return record.map(encodeCell);
}

/**
 * How an export separates its cells: `,` by default (the API's), `;` where a spreadsheet's locale
 * writes decimals with a comma and so expects `;` between cells (Excel in Russian or Vietnamese opens
 * a comma-separated file as one column). The import reads either.
 */
export type CsvDelimiter = ',' | ';';

/**
 * The members as one CSV file: UTF-8 with BOM and CRLF, which Excel opens correctly on double-click.
 * Every cell is quoted, as OWASP advises against CSV injection. That also keeps a bare line break in
 * its cell: left to itself csv-stringify quotes a cell only for the record delimiter, here CRLF.
 */
export function membersToCsv(members: readonly Member[], delimiter: CsvDelimiter = ','): string {
  const contactSlots = slotsFor(members);
  return stringify(
    members.map((m) => memberRecord(m, contactSlots)),
    {
      header: true,
      columns: layoutColumns(contactSlots),
      delimiter,
      record_delimiter: 'windows',
      bom: true,
      quoted: true,
      quoted_empty: true,
    },
  );
}
