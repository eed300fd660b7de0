import type { z } from '@hono/zod-openapi';
import { forEachBounded } from '../concurrency/for-each-bounded.ts';
import {
  ConflictError,
  DatabaseUnavailableError,
  type FieldError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../domain/errors.ts';
import { heldReason, ruleReason } from '../domain/issue-rules.ts';
import { type Member, memberCreateSchema } from '../domain/member-schema.ts';
import { normaliseTaxId } from '../domain/tax-id.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import type { Actor } from './actor.ts';
import { listDirectory } from './directory-listing.ts';
import type { DirectoryPlan } from './directory-query.ts';
import {
  type CsvDelimiter,
  columnOf,
  type MemberRow,
  membersToCsv,
  parseMemberCsv,
  quotableValue,
  type RowError,
  rowToPatch,
} from './member-csv.ts';
import type { LastKey, MemberRepository } from './member-repository.ts';
import { AdminOnlyError, type MemberService } from './member-service.ts';
import { patchedProfile } from './member-state.ts';

export const rowStatuses = ['created', 'updated', 'unchanged', 'rejected'] as const;
export type RowStatus = (typeof rowStatuses)[number];

export interface RowReport {
  line: number;
  status: RowStatus;
  id?: string;
  errors?: RowError[];
}

export interface ImportReport {
  summary: Record<RowStatus, number>;
  rows: RowReport[];
}

/**
 * A member CSV parsed and checked as far as it can be without the database: per data row, in file
 * order, either its final verdict (a rejection: a malformed row, or a tax id listed twice in the file)
 * or the row to apply. Deterministic for the same bytes, so an import job that applies a file in
 * batches plans it whole for every batch and each batch sees the same file-wide checks.
 */
export interface ImportPlan {
  rows: readonly (PendingRow | RowReport)[];
}

export interface ApplyOptions {
  /** Rows `from` (inclusive) to `to` (exclusive) by index; the whole file by default. */
  from?: number;
  to?: number;
  /**
   * What a database outage does to a row. A request rejects the row, saying nothing was written for
   * it (the caller can send the file again); a job rethrows, so its queue retries the batch.
   */
  onUnavailable?: 'reject-row' | 'throw';
  /**
   * When the file was stored, for a job. A member erased since then gets none of the file's rows: the
   * file predates the erasure, and applying it would bring erased contacts back.
   */
  uploadedAt?: string;
}

/** What identifies an erased member's rows in a stored file: its tax id, its contacts' addresses. */
export interface ErasedRows {
  taxId: { country: string; value: string };
  emails: readonly string[];
}

/**
 * Rows in flight at once. Each row is a few reads and one transaction, and every transaction also
 * updates a shared tier aggregate; more parallel writers mostly buy transaction conflicts and retries.
 */
const rowConcurrency = 8;
/** Members loaded at once for an export, one Query each. */
const exportConcurrency = 16;
/** Index items per Query while collecting an export's member ids (summaries are small). */
const exportPageSize = 500;

interface PendingRow extends MemberRow {
  line: number;
  index: number;
  /** The tax id the row is matched by, when country and tax id are valid. */
  taxId?: { country: string; value: string };
  /** Lowercased contact emails the row lists. */
  emails: string[];
}

interface LocatedRow extends PendingRow {
  /** The member the row updates; undefined when the row creates one. */
  current: Member | undefined;
}

const rejected = (line: number, errors: RowError[]): RowReport => ({ line, status: 'rejected', errors });

const isPending = (row: PendingRow | RowReport): row is PendingRow => !('status' in row);

/** Parses a member CSV and rejects what it can without the database. Throws 400, 413 or 422 as parseMemberCsv. */
export function planImport(bytes: Uint8Array): ImportPlan {
  const { layout, rows } = parseMemberCsv(bytes);
  const planned: (PendingRow | RowReport)[] = rows.map((row, index) =>
    'error' in row
      ? rejected(row.line, [{ path: '(row)', message: row.error }])
      : pendingRow(rowToPatch(row.cells, layout), row.line, index),
  );
  for (const group of duplicateTaxIds(planned.filter(isPending))) {
    for (const row of group) {
      const others = group.filter((r) => r !== row).map((r) => r.line);
      planned[row.index] = rejected(row.line, [
        {
          path: 'taxId',
          column: 'taxId',
          message: `The same tax id is also on line(s) ${others.join(', ')}; list each member once per file.`,
          reason: ruleReason('taxIdOnOtherLines', { lines: others.join(', ') }),
        },
      ]);
    }
  }
  return { rows: planned };
}

const erasedSinceUpload: RowError = {
  path: '(row)',
  message:
    'Not applied: the personal data of a member this row names was erased after the file was uploaded.',
  reason: ruleReason('erasedSinceUpload'),
};

/**
 * The plan with every row that names the erased member (by tax id) or one of its contacts (by email)
 * replaced by its rejection, so the stored file keeps no copy of what was erased; undefined when no
 * row does. Rows keep their index and line, so a job's progress and report stay valid.
 */
export function planWithoutErased(plan: ImportPlan, erased: ErasedRows): ImportPlan | undefined {
  const { country, value } = erased.taxId;
  const emails = new Set(erased.emails.map((email) => email.toLowerCase()));
  let purged = 0;
  const rows = plan.rows.map((row) => {
    if (!isPending(row)) return row;
    const names =
      (row.taxId?.country === country && row.taxId.value === value) || row.emails.some((e) => emails.has(e));
    if (!names) return row;
    purged++;
    return rejected(row.line, [erasedSinceUpload]);
  });
  return purged > 0 ? { rows } : undefined;
}

/** How many rows of each status the reports hold. */
export function countStatuses(reports: readonly RowReport[]): Record<RowStatus, number> {
  const counts = Object.fromEntries(rowStatuses.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const report of reports) counts[report.status]++;
  return counts;
}

/**
 * CSV import and export of the directory. Every row goes through MemberService, so it meets the same
 * schema, rules, uniqueness guards, audit and single transaction as the API; a rejected row writes
 * nothing. A request applies a small file's plan (`planImport`) in one call of `applyRows`; an import
 * job applies a larger one in batches, one call per consecutive range of the same plan.
 */
export class MemberCsvService {
  constructor(
    private readonly service: MemberService,
    private readonly members: MemberRepository,
  ) {}

  /**
   * Applies the plan's rows in `[from, to)` and reports each, in file order. Rows that share no
   * member and no contact email run in parallel; rows that do run in file order. Applying ranges one
   * after another in file order gives every row the outcome one call over the whole file would: a row
   * touches only the member its tax id names, which no other row of the file names, and rows that
   * share a contact email run in file order either way.
   *
   * Applying a range again after a partial run (a job batch that crashed) reports the rows the first
   * run applied as `unchanged`, and writes nothing for them: a row is a merge patch, and the same patch
   * on the same member changes nothing.
   */
  async applyRows(plan: ImportPlan, actor: Actor, options: ApplyOptions = {}): Promise<RowReport[]> {
    const { from = 0, to = plan.rows.length, onUnavailable = 'reject-row', uploadedAt } = options;
    const slice = plan.rows.slice(from, to);
    const reports: RowReport[] = slice.map((row) =>
      isPending(row) ? { line: row.line, status: 'rejected' } : row,
    );
    const attempt = <T>(row: PendingRow, step: () => Promise<T>) => this.attempt(row, step, onUnavailable);

    // Every row touches only the member its tax id names, so reading all of them first is safe: only a
    // writer outside this import could change one before its row is applied, and If-Match catches that.
    const located: LocatedRow[] = [];
    await forEachBounded(slice.filter(isPending), rowConcurrency, async (row) => {
      const outcome = await attempt(row, () => this.locate(row));
      if ('report' in outcome) reports[row.index - from] = outcome.report;
      else located.push({ ...row, current: outcome.value });
    });
    located.sort((a, b) => a.index - b.index);

    await forEachBounded(lanesOf(located), rowConcurrency, async (lane) => {
      for (const row of lane) {
        const outcome = await attempt(row, () => this.apply(row, actor, uploadedAt));
        reports[row.index - from] = 'report' in outcome ? outcome.report : outcome.value;
      }
    });
    return reports;
  }

  /** The plan's members as a CSV file, and how many rows it holds. */
  async export(plan: DirectoryPlan, delimiter?: CsvDelimiter): Promise<{ csv: string; rows: number }> {
    return this.exportMembers(await this.directoryIds(plan), delimiter);
  }

  /** These members, in this order, as a CSV file, and how many rows it holds (a miss is left out). */
  async exportMembers(
    ids: readonly string[],
    delimiter?: CsvDelimiter,
  ): Promise<{ csv: string; rows: number }> {
    const members: (Member | undefined)[] = new Array(ids.length);
    // Query per member rather than BatchGet: contacts are items of the member's partition whose keys
    // are not known from the index, and one Query reads the profile and all of them.
    await forEachBounded(
      ids.map((id, i) => ({ id, i })),
      exportConcurrency,
      async ({ id, i }) => {
        members[i] = await this.members.get(id);
      },
    );
    // Members are never deleted, so a miss means an index item without its member: leave it out
    // rather than fail the whole export over it.
    const found = members.filter((m): m is Member => m !== undefined);
    return { csv: membersToCsv(found, delimiter), rows: found.length };
  }

  /** The member the row's tax id already belongs to, if any. */
  private async locate(row: PendingRow): Promise<Member | undefined> {
    if (!row.taxId) return undefined;
    // Strongly consistent: the row's write is conditioned on the version read here.
    const id = await this.members.memberIdByTaxId(row.taxId.country, row.taxId.value, { consistent: true });
    return id ? this.service.get(id, { consistent: true }) : undefined;
  }

  private async apply(row: LocatedRow, actor: Actor, uploadedAt: string | undefined): Promise<RowReport> {
    const { current } = row;
    if (current?.erasedAt && uploadedAt !== undefined && current.erasedAt >= uploadedAt) {
      return rejected(row.line, [erasedSinceUpload]);
    }
    if (!current) {
      const body = Object.fromEntries(Object.entries(row.patch).filter(([, v]) => v !== null));
      const parsed = memberCreateSchema.safeParse(row.contacts ? { ...body, contacts: row.contacts } : body);
      if (!parsed.success || row.errors.length > 0) return rejected(row.line, allErrorsOf(row, parsed));
      const member = await this.service.create(parsed.data, actor, 'import');
      return { line: row.line, status: 'created', id: member.id };
    }
    // A row the service would refuse for its cells anyway is checked against the schema here too, so
    // the report names every problem of the row at once rather than one kind per upload.
    if (row.errors.length > 0) {
      return rejected(row.line, allErrorsOf(row, patchedProfile(current, patchFor(row, current))));
    }
    const after = await this.service.patch(
      current.id,
      patchFor(row, current),
      actor,
      current.version,
      'import',
    );
    // MemberService returns the member untouched, at the same version, when the patch changes nothing.
    const status = after.version === current.version ? 'unchanged' : 'updated';
    return { line: row.line, status, id: current.id };
  }

  /** Runs one step of a row; a failure that concerns only that row becomes its rejection. */
  private async attempt<T>(
    row: PendingRow,
    step: () => Promise<T>,
    onUnavailable: ApplyOptions['onUnavailable'],
  ): Promise<{ value: T } | { report: RowReport }> {
    try {
      return { value: await step() };
    } catch (error) {
      if (onUnavailable === 'throw' && error instanceof DatabaseUnavailableError) throw error;
      const errors = rowErrorsOf(error, row);
      if (!errors) throw error;
      return { report: rejected(row.line, errors) };
    }
  }

  /** Pages through the plan's index Query, then dedupes: a name search can hit one member twice. */
  private async directoryIds(plan: DirectoryPlan): Promise<string[]> {
    const ids = new Set<string>();
    let startKey: LastKey | undefined;
    do {
      const page = await listDirectory(this.members, plan, { limit: exportPageSize, startKey });
      for (const item of page.items) ids.add(item.id);
      startKey = page.lastKey;
    } while (startKey);
    return [...ids];
  }
}

function pendingRow(row: MemberRow, line: number, index: number): PendingRow {
  const { country, taxId } = row.patch;
  let matched: PendingRow['taxId'];
  if (typeof country === 'string' && typeof taxId === 'string') {
    const normalised = normaliseTaxId(country, taxId);
    if (normalised.ok) matched = { country, value: normalised.value };
  }
  return {
    ...row,
    line,
    index,
    ...(matched ? { taxId: matched } : {}),
    emails: (row.contacts ?? []).map((c) => c.email.toLowerCase()),
  };
}

/**
 * Rows that share a tax id, grouped. Neither row of a pair can be trusted to be the one staff meant, so
 * all of them are refused rather than letting file order decide.
 */
function duplicateTaxIds(rows: readonly PendingRow[]): PendingRow[][] {
  const byTaxId = new Map<string, PendingRow[]>();
  for (const row of rows) {
    if (!row.taxId) continue;
    const key = `${row.taxId.country}:${row.taxId.value}`;
    byTaxId.set(key, [...(byTaxId.get(key) ?? []), row]);
  }
  return [...byTaxId.values()].filter((group) => group.length > 1);
}

/**
 * Rows whose writes can collide, grouped by union-find: rows that share a contact email (listed, or
 * held now by the member a row updates), directly or through other rows. A lane runs in file order, so
 * a contact moving from one member to another in one file gives the same result on every run; lanes
 * run in parallel.
 */
function lanesOf(rows: readonly LocatedRow[]): LocatedRow[][] {
  const parent = rows.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    parent[i] = r;
    return r;
  };
  const owner = new Map<string, number>();
  rows.forEach((row, i) => {
    const held = (row.current?.contacts ?? []).flatMap((c) => (c.email && !c.erasedAt ? [c.email] : []));
    for (const email of [...row.emails, ...held]) {
      const other = owner.get(email);
      if (other === undefined) owner.set(email, i);
      else parent[root(i)] = root(other);
    }
  });
  const lanes = new Map<number, LocatedRow[]>();
  rows.forEach((row, i) => {
    const lane = lanes.get(root(i));
    if (lane) lane.push(row);
    else lanes.set(root(i), [row]);
  });
  return [...lanes.values()];
}

/**
 * The row's merge patch against the current member: a listed contact whose email the member already
 * has gets that contact's id, so it is updated in place and its consent records (with their dates and
 * sources) persist instead of being replaced by a new contact.
 */
function patchFor(row: MemberRow, current: Member): Record<string, unknown> {
  if (!row.contacts) return row.patch;
  const idByEmail = new Map(
    current.contacts.filter((c) => !c.erasedAt && c.email).map((c) => [c.email!.toLowerCase(), c.id]),
  );
  const contacts = row.contacts.map((contact) => {
    const id = idByEmail.get(contact.email.toLowerCase());
    return id ? { id, ...contact } : contact;
  });
  return { ...row.patch, contacts };
}

/** The row's conversion errors and, after them, what the schema says of the rest of it. */
function allErrorsOf(row: MemberRow, parsed: z.ZodSafeParseResult<unknown>): RowError[] {
  return [
    ...row.errors,
    ...(parsed.success ? [] : withColumns(zodIssuesToFieldErrors(parsed.error.issues), row)),
  ];
}

/** Errors with the CSV column each refers to and, where a report may quote it, the value it refused. */
const withColumns = (errors: readonly FieldError[], row: MemberRow): RowError[] =>
  errors.map((e) => {
    const column = columnOf(e.path, row.contactSlots);
    const value = quotableValue({ ...row.patch, contacts: row.contacts }, e.path);
    return { ...e, ...(column ? { column } : {}), ...(value === undefined ? {} : { value }) };
  });

/** The domain failures that concern one row and so reject only it; anything else is a bug and propagates. */
function rowErrorsOf(error: unknown, row: MemberRow): RowError[] | undefined {
  if (error instanceof ValidationError) return withColumns(error.errors, row);
  // What the importing user may not do to this member (a staff user reinstating a resigned member).
  if (error instanceof AdminOnlyError) {
    return withColumns(
      [{ path: error.field, message: error.message, reason: ruleReason('resignedAdminOnly') }],
      row,
    );
  }
  if (error instanceof ConflictError) {
    const reason = heldReason(error);
    return withColumns(
      [{ path: error.field ?? '(row)', message: error.message, ...(reason ? { reason } : {}) }],
      row,
    );
  }
  if (error instanceof PreconditionFailedError) {
    return [
      {
        path: '(row)',
        message: 'The member changed while the file was imported; import the file again.',
        reason: ruleReason('changedDuringImport'),
      },
    ];
  }
  if (error instanceof NotFoundError) return [{ path: '(row)', message: error.message }];
  if (error instanceof DatabaseUnavailableError) {
    return [
      {
        path: '(row)',
        message: `${error.message} Nothing was written for this row; import the file again.`,
        reason: ruleReason('notWrittenTryAgain'),
      },
    ];
  }
  return undefined;
}
