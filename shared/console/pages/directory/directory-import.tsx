import type { Context } from 'hono';
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { pageFrom } from '../../../data/cursor.ts';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { quoted } from '../../../domain/quoted.ts';
import { topics } from '../../../domain/topics.ts';
import { toProblem } from '../../../http/problem.ts';
import type { ImportJob } from '../../../jobs/job-repository.ts';
import { actorOf } from '../../../members/actor.ts';
import { importMemberCsv, syncImportMaxRows } from '../../../members/csv-import.ts';
import type { ImportReport, RowReport, RowStatus } from '../../../members/member-csv-service.ts';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { topicName } from '../../i18n/names.ts';
import { localizeFieldError } from '../../i18n/zod-messages.ts';
import { pollAttributes } from '../../session/session-middleware.ts';
import type { memberCsvServices } from './directory-services.ts';
import { columnLabel, explainedColumns } from './import-columns.ts';
import { importErrorAdvice } from './import-error-advice.ts';
import { type ImportText, importMessages } from './import-messages.ts';
import { importRuleTexts } from './import-rule-texts.ts';

/**
 * The console's cap on an uploaded file, below the API's 5 MiB (whose body is the raw CSV): API
 * Gateway's HTTP API hands `multipart/form-data` to Lambda base64-encoded, a third larger, and a
 * Lambda request is at most 6 MB, so a form over about 4.4 MiB would get API Gateway's bare 413 instead
 * of this page's message.
 */
export const consoleUploadMaxBytes = 4 * 1024 * 1024;
const mib = consoleUploadMaxBytes / (1024 * 1024);
/** What a multipart body adds around the file: its boundaries and part headers. */
const multipartOverhead = 64 * 1024;
/** Report rows per page of a job's report. */
const reportPageSize = 100;

const rowStatusLabel = (m: ImportText, status: RowStatus): string => m[status];

const summaryText = (m: ImportText, summary: ImportReport['summary']) =>
  m.importSummary(summary.created, summary.updated, summary.unchanged, summary.rejected);

/** A file is a CSV by its name or its declared type (Excel on Windows declares its own). */
const isCsv = (file: File) =>
  file.name.toLowerCase().endsWith('.csv') ||
  ['text/csv', 'application/csv', 'application/vnd.ms-excel'].includes(file.type.split(';')[0]!.trim());

const ImportForm: FC<{ locale: Locale; refused?: string; details?: readonly string[] }> = ({
  locale,
  refused,
  details,
}) => {
  const m = importMessages[locale];
  return (
    <>
      <h1>{m.importTitle}</h1>
      <p>{m.importLead}</p>
      {refused ? (
        <div role="alert">
          <p class="error">{refused}</p>
          {details?.length ? (
            <ul>
              {details.map((detail) => (
                <li>
                  <small>{detail}</small>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/console/members/import" enctype="multipart/form-data">
        <label>
          {m.file}
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            aria-invalid={refused ? 'true' : undefined}
          />
        </label>
        <button type="submit">{m.importButton}</button>
      </form>
      <ColumnsExplained locale={locale} />
      <p>
        <a href="/console/members">{m.backToList}</a>
      </p>
    </>
  );
};

/** A column as the file names it, and what it holds in the reader's language. */
const ErrorColumn: FC<{ column: string; locale: Locale }> = ({ column, locale }) => {
  const label = columnLabel(column, locale);
  return (
    <>
      <code>{column}</code>
      {label ? ` (${label})` : ''}
    </>
  );
};

/** What each column holds, for whoever prepares a file: the export's layout, explained. */
const ColumnsExplained: FC<{ locale: Locale }> = ({ locale }) => {
  const t = explainedColumns(locale);
  return (
    <details>
      <summary>{t.summary}</summary>
      <ListTable columns={[t.columnHead, t.meaningHead]}>
        {t.rows.map((row) => (
          <tr>
            <th scope="row">
              <code>{row.column}</code>
            </th>
            <td>
              {row.label}
              {row.form ? ` — ${row.form}` : ''}
              {row.required ? <small> ({t.required})</small> : null}
            </td>
          </tr>
        ))}
      </ListTable>
      <p>
        <small>
          {t.topicCodes}:{' '}
          {topics.map((topic, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <code>{topic}</code> ({topicName(topic, locale)})
            </>
          ))}
        </small>
      </p>
    </details>
  );
};

/** The per-row report: outcome, the member it touched, and why a rejected row wrote nothing. */
const ReportTable: FC<{ locale: Locale; rows: readonly RowReport[] }> = ({ locale, rows }) => {
  const m = importMessages[locale];
  const common = commonMessages[locale];
  return (
    <ListTable columns={[m.line, m.outcome, m.member, m.errors]}>
      {rows.map((row) => (
        <tr>
          <th scope="row">{row.line}</th>
          <td>{rowStatusLabel(m, row.status)}</td>
          <td>{row.id ? <a href={`/console/members/${row.id}`}>{m.openMember}</a> : common.none}</td>
          <td>
            {row.errors?.length ? (
              <ul>
                {row.errors.map((error) => (
                  <li>
                    <ErrorColumn column={error.column ?? error.path} locale={locale} />
                    {error.value === undefined ? '' : ` ${quoted[locale](error.value)}`}:{' '}
                    {[
                      localizeFieldError(error, locale, importRuleTexts),
                      ...importErrorAdvice(error, locale),
                    ].join(' ')}
                  </li>
                ))}
              </ul>
            ) : (
              common.none
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
};

const jobStatusLabel = (m: ImportText, status: ImportJob['status']) =>
  status === 'failed' ? m.jobFailed : m[status];

/**
 * CSV import from the console: the same entry as the API's `POST /v1/members/import` (one plan, the
 * same row rules; a large file becomes the same job), with the report as a page.
 */
export function directoryImportPages(deps: ConsolePageDeps, services: ReturnType<typeof memberCsvServices>) {
  const app = new Hono<ConsoleEnv>();
  const syncMaxRows = deps.app.importSyncMaxRows ?? syncImportMaxRows;

  const refuse = (
    c: Context<ConsoleEnv>,
    status: ContentfulStatusCode,
    message: string,
    details?: readonly string[],
  ) => {
    c.status(status);
    const locale = c.get('locale');
    return c.render(<ImportForm locale={locale} refused={message} details={details} />, {
      title: importMessages[locale].importTitle,
      section: 'members',
    });
  };

  app.get('/console/members/import', (c) => {
    const locale = c.get('locale');
    return c.render(<ImportForm locale={locale} />, {
      title: importMessages[locale].importTitle,
      section: 'members',
    });
  });

  app.post('/console/members/import', async (c) => {
    const locale = c.get('locale');
    const m = importMessages[locale];
    // Refused unread when the body says it is too large; the file's own size is checked below.
    if (Number(c.req.header('content-length') ?? 0) > consoleUploadMaxBytes + multipartOverhead) {
      return refuse(c, 413, m.tooLarge(mib));
    }
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) return refuse(c, 400, m.noFile);
    if (!isCsv(file)) return refuse(c, 415, m.notCsv);
    if (file.size > consoleUploadMaxBytes) return refuse(c, 413, m.tooLarge(mib));
    const bytes = new Uint8Array(await file.arrayBuffer());
    let outcome: Awaited<ReturnType<typeof importMemberCsv>>;
    try {
      outcome = await importMemberCsv(bytes, actorOf(c.get('principal')), {
        csv: services.csv,
        jobs: services.jobs,
        runtime: { queue: deps.app.jobs, clock: deps.app.clock, newId: deps.app.newId },
        syncMaxRows,
        audit: deps.audit,
      });
    } catch (error) {
      // A file refused whole (unreadable, too many rows, a header that does not fit): nothing stored.
      const problem = toProblem(error);
      if (![400, 413, 415, 422].includes(problem.status)) throw error;
      // The reader's language says what is wrong: a header's problems each by its column; an unreadable
      // or too long file's English detail (which line, how many rows) stays below, for what it adds.
      if (error instanceof ValidationError) {
        const details = error.errors.map((e) => {
          const label = columnLabel(e.path, locale);
          return `${e.path}${label ? ` (${label})` : ''}: ${localizeFieldError(e, locale, importRuleTexts)}`;
        });
        return refuse(c, 422, m.fileHeader, details);
      }
      const message =
        problem.status === 400
          ? m.fileUnreadable
          : problem.status === 413
            ? m.fileTooManyRows
            : m.fileRefused;
      return refuse(c, problem.status, message, [problem.detail]);
    }
    if (outcome.kind === 'job') return c.redirect(`/console/members/import/jobs/${outcome.job.id}`, 303);
    const { summary, rows } = outcome.report;
    return c.render(
      <>
        <h1>{m.importDone}</h1>
        <p role="status">{summaryText(m, summary)}</p>
        <ReportTable locale={locale} rows={rows} />
        <p>
          <a href="/console/members">{m.backToList}</a> · <a href="/console/members/import">{m.importLink}</a>
        </p>
      </>,
      { title: m.importDone, section: 'members' },
    );
  });

  app.get('/console/members/import/jobs/:id', async (c) => {
    const locale = c.get('locale');
    const m = importMessages[locale];
    const common = commonMessages[locale];
    const id = c.req.param('id');
    const job = await services.jobs.get(id, 'import');
    if (!job) throw new NotFoundError(`No import job ${id}.`);
    const scope = `job-report:${id}`;
    const cursor = c.req.query('cursor') || undefined;
    const page = await pageFrom(deps.app.cursors, scope, cursor, (startKey) =>
      services.jobs.reportPage(id, reportPageSize, startKey),
    );
    const next = page.nextCursor;
    const self = `/console/members/import/jobs/${id}`;
    const live = job.status === 'queued' || job.status === 'running';
    const section = (
      <section
        id="job"
        aria-live="polite"
        {...(live
          ? {
              'hx-get': self,
              'hx-trigger': 'every 2s',
              'hx-select': '#job',
              'hx-swap': 'outerHTML',
              // The page keeps itself current, but not an unattended session alive.
              ...pollAttributes,
            }
          : {})}
      >
        <p>
          {m.jobStatus}: <strong>{jobStatusLabel(m, job.status)}</strong> ·{' '}
          {formatDateTime(locale, job.updatedAt)}
        </p>
        <p>{m.processed(job.processed, job.rows)}</p>
        <p role="status">{summaryText(m, job.summary)}</p>
        {job.error ? <p role="alert">{job.error}</p> : null}
        {live ? (
          <p>
            <a href={self}>{m.refresh}</a>
          </p>
        ) : null}
        <ReportTable locale={locale} rows={page.items} />
        {next ? <a href={`${self}?cursor=${encodeURIComponent(next)}`}>{common.next}</a> : null}
      </section>
    );
    return c.render(
      <>
        <h1>{m.jobTitle}</h1>
        <p>{m.jobQueued}</p>
        {section}
        <p>
          <a href="/console/members">{m.backToList}</a>
        </p>
      </>,
      { title: m.jobTitle, section: 'members' },
    );
  });

  return app;
}
