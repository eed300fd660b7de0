import { OpenAPIHono, z } from '@hono/zod-openapi';
import { AuditLog } from '../../audit/audit-log.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../domain/errors.ts';
import { ulidSchema } from '../../domain/member-schema.ts';
import { JobRepository } from '../../jobs/job-repository.ts';
import { actorOf } from '../../members/actor.ts';
import { exportMemberCsv } from '../../members/csv-export.ts';
import { importMemberCsv, syncImportMaxRows } from '../../members/csv-import.ts';
import { servedCombinations } from '../../members/directory-query.ts';
import {
  contactFields,
  csvImportLimits,
  layoutColumns,
  maxContactSlots,
  profileColumns,
  requiredColumns,
} from '../../members/member-csv.ts';
import { MemberCsvService, type RowReport, rowStatuses } from '../../members/member-csv-service.ts';
import type { MemberRepository } from '../../members/member-repository.ts';
import type { MemberService } from '../../members/member-service.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { jobHref, jobRef, jobRefSchema } from '../job-ref.ts';
import { apiFieldErrors } from '../problem.ts';
import { listMembers } from './members.ts';

const mib = csvImportLimits.maxBytes / (1024 * 1024);
// `5,000`, grouped by hand: `toLocaleString` here ran at import and was the first use of ICU, whose
// start-up (~15 ms) every cold start of the API functions paid for this one description.
const maxRowsText = String(csvImportLimits.maxRows).replace(/\B(?=(\d{3})+$)/g, ',');

const layoutDescription =
  `Columns (one layout for import and export; names match case-insensitively, any order): ` +
  `${profileColumns.map((c) => `\`${c}\``).join(', ')}, then up to ${maxContactSlots} contacts as ` +
  `${contactFields.map((f) => `\`contactN_${f}\``).join(', ')} (N = 1..${maxContactSlots}, each set complete). ` +
  'Lists (`sectors`, `interests`, `targetMarkets`, `languages`) are `|`-separated. Money is a decimal in major units ' +
  '(`450000000.00` with currency `RUB`), converted exactly to minor units. Consent is `yes`/`no` (also `да`/`нет`, `có`/`không`; empty leaves it as it is). ' +
  'Export quotes every cell. Wherever a spreadsheet could start a cell (at the start of a value, and, ' +
  "because Excel splits at its locale's list separator, after `,`, `;`, a tab or a line break), a " +
  "formula character `=` `+` `-` `@` is written with a `'` before it, and a run of `'` already before " +
  "one gets one more: `Water;=1+1` is written `Water;'=1+1`. Import removes exactly one `'` in those " +
  'places, so every value comes back as it was.';

/** A file as export writes it; import also reads unquoted cells and `;` as the delimiter. */
const csvExample = [
  layoutColumns(1),
  [
    'ООО «Владкон»',
    'RU',
    'RU-VLA',
    '3328101380',
    'industrial-water-treatment',
    'technology-transfer|workforce-training',
    'VN|TH',
    'ru|en',
    'Водоподготовка, очистка стоков',
    'https://vladkon.ru',
    'active',
    '2024-03-01',
    '',
    '',
    '450000000.00',
    'RUB',
    'Ирина Соколова',
    'i.sokolova@vladkon.ru',
    "'+74922123456",
    'Директор по ВЭД',
    'ru',
    'yes',
    'no',
  ],
]
  .map((cells) => `${cells.map((cell) => `"${cell}"`).join(',')}\r\n`)
  .join('');

const rowErrorSchema = z
  .object({
    path: z.string().max(300).openapi({ description: 'The API field, e.g. `contacts.0.email`, or `(row)`.' }),
    column: z.string().max(100).optional().openapi({ description: 'The CSV column, e.g. `contact1_email`.' }),
    message: z.string().max(1000),
    value: z
      .string()
      .max(101)
      .optional()
      .openapi({
        description:
          'What the cell held (its first 100 characters), or the entry of a list the error is about, for ' +
          "codes, dates, amounts and yes/no cells; never a contact's name, email or phone.",
      }),
  })
  .openapi('ImportRowError');

const rowCount = z.int32().min(0).max(csvImportLimits.maxRows);

export const importSummarySchema = z
  .object(
    Object.fromEntries(rowStatuses.map((s) => [s, rowCount])) as Record<
      (typeof rowStatuses)[number],
      typeof rowCount
    >,
  )
  .openapi('ImportSummary', { description: 'Rows by outcome.' });

export const importRowSchema = z
  .object({
    line: z
      .int32()
      .min(2)
      .openapi({ description: 'Line of the file the row starts on; the header is line 1.' }),
    status: z.enum(rowStatuses),
    id: ulidSchema.optional().openapi({ description: 'The member created, updated or left unchanged.' }),
    errors: z
      .array(rowErrorSchema)
      .max(200)
      .optional()
      .openapi({ description: 'Why a rejected row wrote nothing.' }),
  })
  .openapi('ImportRow');

const importReportSchema = z
  .object({ summary: importSummarySchema, rows: z.array(importRowSchema).max(csvImportLimits.maxRows) })
  .openapi('ImportReport', {
    example: {
      summary: { created: 1, updated: 0, unchanged: 0, rejected: 1 },
      rows: [
        { line: 2, status: 'created', id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' },
        {
          line: 3,
          status: 'rejected',
          errors: [
            { path: 'contacts.0.email', column: 'contact1_email', message: 'Must be an email address.' },
            { path: 'joinedOn', column: 'joinedOn', message: 'Invalid ISO date', value: '05.03.2024' },
          ],
        },
      ],
    },
  });

const importAcceptedSchema = z.object({ job: jobRefSchema }).openapi('ImportAccepted');

export const importMembers = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/members/import',
    summary: 'Create and update members from a CSV file',
    description:
      `The body is the CSV file itself (\`Content-Type: text/csv\`), UTF-8 with or without BOM, \`,\` or \`;\` ` +
      `as delimiter (detected from the header line), quoted fields, CRLF or LF. Limits: ${mib} MiB and ` +
      `${maxRowsText} rows (413 beyond either); larger files must be split.\n\n` +
      `${layoutDescription} Required columns: ${requiredColumns.join(', ')}.\n\n` +
      'Each row is matched by country and tax id: a new one is created with the same schema as ' +
      '`POST /v1/members`, an existing one receives the row as a JSON merge patch as with `PATCH`, so a ' +
      'column missing from the file leaves that field alone and an empty cell removes an optional field. ' +
      "With contact columns, a row lists all of the member's contacts; contacts are matched by email and " +
      'keep their ids and consent records. Every row is one transaction: a rejected row (schema errors, a ' +
      'tax id or email held by another member, a tax id listed twice in the file) writes nothing, and the ' +
      'report says why, by line and column. A header that does not fit the layout refuses the whole file ' +
      '(422) before anything is written. Importing the same file twice leaves every row `unchanged`.\n\n' +
      `A file of up to ${syncImportMaxRows} data rows is imported within the request, which answers 200 ` +
      "with the report. A larger one would outlast the gateway's 29-second limit: once its header and " +
      'size pass, it is stored and imported by a background job, and the request answers 202 with ' +
      '`Location` and `job.href` naming the job. `GET /v1/jobs/{id}` shows its progress (`processed` of ' +
      '`rows`, and the `summary` so far) and, once it has succeeded, the summary of the whole file; ' +
      '`GET /v1/jobs/{id}/report` pages through the per-row report (entries as `rows` below). The job ' +
      'applies the rows in batches through the same code, with the same per-row outcomes. If a batch is ' +
      'interrupted and retried, a row it had already applied is reported `unchanged` (nothing is ' +
      'written twice, and no row is half-applied); no other outcome can differ.',
    request: {
      body: {
        required: true,
        content: {
          'text/csv': { schema: z.string().max(csvImportLimits.maxBytes).openapi({ example: csvExample }) },
        },
      },
    },
    responses: {
      200: {
        description: 'The per-row report.',
        content: { 'application/json': { schema: importReportSchema } },
      },
      202: {
        description: `Over ${syncImportMaxRows} rows: the file is stored and its import job queued.`,
        headers: z.object({
          Location: z.string().max(100).openapi({
            description: 'The import job.',
            example: '/v1/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
          }),
        }),
        content: { 'application/json': { schema: importAcceptedSchema } },
      },
      400: problem('The file is not valid UTF-8 or not readable as CSV (e.g. an unclosed quote).'),
      413: problem(`The file is over ${mib} MiB or ${csvImportLimits.maxRows} rows.`),
      415: problem('The body is not `text/csv` (UTF-8).'),
      422: problem('The header has unknown, duplicate or incomplete columns, or lacks a required one.'),
    },
  },
);

const exportQuery = listMembers.request.query.omit({ limit: true, cursor: true });

export const exportMembers = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/members/export.csv',
    summary: 'The directory, or a filtered part of it, as CSV',
    description:
      `Filters as for \`GET /v1/members\`. ${servedCombinations} The file is UTF-8 with BOM, \`,\`-delimited ` +
      'with CRLF line ends (what Excel opens on double-click), sorted by name, in the layout ' +
      '`POST /v1/members/import` reads: importing it unchanged reports every row `unchanged`. Erased ' +
      `contacts are left out; there are as many contact columns as the member with most contacts needs.\n\n` +
      layoutDescription,
    request: { query: exportQuery },
    responses: {
      200: {
        description: 'The CSV file, as an attachment.',
        content: {
          'text/csv': {
            // A Lambda function's response is at most 6 MB; the export must fit in one.
            schema: z
              .string()
              .max(6 * 1024 * 1024)
              .openapi({ example: `\ufeff${csvExample}` }),
          },
        },
      },
    },
  },
);

const tooLarge = () =>
  new PayloadTooLargeError(`The file is over ${mib} MiB; split it into smaller imports.`);

/**
 * The CSV body, read only after authorization and only up to the limit: a declared length over it is
 * refused unread, and a chunked body is cut off as soon as it passes the limit.
 */
async function readCsvBody(request: Request): Promise<Uint8Array> {
  const [mediaType, ...parameters] = (request.headers.get('content-type') ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase());
  if (mediaType !== 'text/csv') {
    throw new UnsupportedMediaTypeError('Send the CSV file itself with Content-Type: text/csv.');
  }
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError('The file must be UTF-8 (charset=utf-8).');
  }
  if (Number(request.headers.get('content-length') ?? 0) > csvImportLimits.maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > csvImportLimits.maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function memberCsvRoutes(deps: AppDeps, service: MemberService, repository: MemberRepository) {
  const app = new OpenAPIHono<AppEnv>();
  const csv = new MemberCsvService(service, repository);
  const jobs = new JobRepository(deps.db);
  const syncMaxRows = deps.importSyncMaxRows ?? syncImportMaxRows;
  const audit = new AuditLog(deps.db, deps.clock, deps.newId);

  app.openapi(importMembers, async (c) => {
    const bytes = await readCsvBody(c.req.raw);
    const outcome = await importMemberCsv(bytes, actorOf(c.get('principal')), {
      csv,
      jobs,
      runtime: { queue: deps.jobs, clock: deps.clock, newId: deps.newId },
      syncMaxRows,
      audit,
    });
    if (outcome.kind === 'report') {
      return c.json({ ...outcome.report, rows: outcome.report.rows.map(apiRowReport) }, 200);
    }
    c.header('Location', jobHref(outcome.job.id));
    return c.json({ job: jobRef(outcome.job) }, 202);
  });

  app.openapi(exportMembers, async (c) => {
    const { csv: file } = await exportMemberCsv(c.req.valid('query'), actorOf(c.get('principal')), {
      csv,
      audit,
    });
    const day = deps.clock().toISOString().slice(0, 10);
    return c.body(file, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="members-${day}.csv"`,
    });
  });

  return app;
}

/** A report row as the API answers it (apiFieldErrors). */
export function apiRowReport(row: RowReport): RowReport {
  return row.errors ? { ...row, errors: apiFieldErrors(row.errors) } : row;
}
