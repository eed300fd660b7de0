import { z } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  BadRequestError,
  ConflictError,
  PreconditionFailedError,
  ValidationError,
} from '../../../domain/errors.ts';
import type { ExpectedVersion } from '../../../domain/expected-version.ts';
import { onFirstUse } from '../../../domain/schema-on-first-use.ts';
import { type LeadFilters, leadPage, planLeadQuery } from '../../../leads/lead-lists.ts';
import { LeadRepository } from '../../../leads/lead-repository.ts';
import {
  leadActivityInputSchema,
  leadCreateSchema,
  leadTransitionSchema,
  nextActionSchema,
} from '../../../leads/lead-schema.ts';
import { leadServiceFor } from '../../../leads/lead-service-for.ts';
import { allowedMoves, leadStages } from '../../../leads/lead-stages.ts';
import { actorOf } from '../../../members/actor.ts';
import { formVersionOf, requiredFormVersion } from '../../components/form-fields.tsx';
import { Pager } from '../../components/pager.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { addSavedView, maxViewsPerUser } from '../../console-user-repository.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { stageName } from '../../i18n/domain-labels.ts';
import { localizeFieldErrors, localizeIssue, localizeIssues } from '../../i18n/zod-messages.ts';
import { safeReturnPath, withQuery } from '../../session/session-cookies.ts';
import { openLeadPath, ulidPattern } from '../route-patterns.ts';
import { Board, FilterSummary, LeadTable, OwnerFilter, SavedViews } from './lead-board.tsx';
import { filterQuery, readFilters } from './lead-filters.ts';
import { leadMessages } from './lead-messages.ts';
import { LeadRecord, type LeadRecordProps } from './lead-record.tsx';

const lead = `/console/leads/:id{${ulidPattern}}`;
/** How many cards a board column shows; the rest are a link away, in the stage's list. */
const columnSize = 25;
const listSize = 50;

/** What the lead page's owner and next-action form may change, checked as the API checks a patch. */
const editFormSchema = onFirstUse(() =>
  z.object({
    owner: leadCreateSchema.shape.owner,
    nextAction: nextActionSchema.nullable(),
  }),
);
const viewNameSchema = onFirstUse(() => z.string().trim().min(1).max(100));

const field = (value: unknown): string => (typeof value === 'string' ? value : '');

type Ctx = Context<ConsoleEnv>;

/**
 * The pipeline: the board (a column per stage, an owner filter, saved views, drag and drop over each
 * card's own form), the lists behind it (a stage's whole column, the overdue next actions, any served
 * filter), and the lead page with its timeline. Every read and write goes through the API's own list
 * plan and lead service, so a move here obeys the stage rules and versions the API does.
 */
export function leadPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const leads = new LeadRepository(deps.app.db);
  const service = leadServiceFor({ ...deps.app, leads });
  const lists = { leads, clock: deps.app.clock, cursors: deps.app.cursors };
  const today = () => deps.app.clock().toISOString().slice(0, 10);

  async function showLeads(
    c: Ctx,
    filters: LeadFilters,
    extra: { viewError?: string; status?: number } = {},
  ) {
    const locale = c.get('locale');
    const m = leadMessages[locale];
    const sub = c.get('principal').sub;
    const query = filterQuery(filters);
    const here = `/console/leads${query ? `?${query}` : ''}`;
    // Read beside the leads' Queries, not before them.
    const savedViews = async () => {
      const views = await deps.users.views(sub, 'leads');
      return <SavedViews views={views} query={query} error={extra.viewError} locale={locale} />;
    };
    if (extra.status) c.status(extra.status as ContentfulStatusCode);
    // Owners by name: read beside the leads too.
    const rosterRead = deps.roster.read();
    const onBoard = Object.keys(filters).every((k) => k === 'owner');
    if (onBoard) {
      const owner = filters.owner;
      const columnsRead = Promise.all(
        leadStages.map(async (stage) => {
          const column = { stage, ...(owner ? { owner } : {}) };
          const page = await leadPage(lists, column, sub, { limit: columnSize });
          const rest = page.nextCursor
            ? `/console/leads?${filterQuery(column)}&cursor=${encodeURIComponent(page.nextCursor)}`
            : undefined;
          return { stage, leads: page.items, more: rest };
        }),
      );
      const [columns, saved, roster] = await Promise.all([columnsRead, savedViews(), rosterRead]);
      return c.render(
        <article>
          <h1>{m.title}</h1>
          <OwnerFilter owner={owner} roster={roster} locale={locale} />
          <p>
            <a href="/console/leads?overdue=true">{m.overdueView}</a>
          </p>
          {saved}
          <Board
            columns={columns}
            today={today()}
            returnTo={here}
            roster={roster}
            locale={locale}
            moved={c.req.query('moved')}
          />
          <script nonce={c.get('secureHeadersNonce')} src={c.get('assetUrls')['board.js']} defer />
        </article>,
        { title: m.title, section: 'leads' },
      );
    }
    const title = filters.overdue
      ? m.overdueView
      : filters.stage
        ? `${m.listTitle}: ${stageName(locale, filters.stage)}`
        : m.listTitle;
    const listBody = async () => {
      try {
        planLeadQuery(filters, sub);
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        c.status(400);
        return (
          <p role="alert" class="error">
            {m.unserved}
          </p>
        );
      }
      const cursor = c.req.query('cursor');
      const [page, roster] = await Promise.all([
        leadPage(lists, filters, sub, { limit: listSize, cursor }),
        rosterRead,
      ]);
      return (
        <>
          {page.items.length > 0 || (!page.nextCursor && cursor === undefined) ? (
            <LeadTable leads={page.items} today={today()} roster={roster} locale={locale} />
          ) : (
            // A combination's page read its share of the list and kept no lead: the rest may still
            // match, or a later page found that nothing more does; the pager leads on or back.
            <p>{page.nextCursor ? m.noneOnThisPage : m.noMoreMatches}</p>
          )}
          <Pager
            locale={locale}
            path="/console/leads"
            query={query}
            next={page.nextCursor}
            paged={cursor !== undefined}
            label={m.pages}
          />
        </>
      );
    };
    const [body, saved, roster] = await Promise.all([listBody(), savedViews(), rosterRead]);
    return c.render(
      <article>
        <p>
          <a href="/console/leads">{m.board}</a>
        </p>
        <h1>{title}</h1>
        <FilterSummary filters={filters} locale={locale} />
        <OwnerFilter owner={filters.owner} keep={filters} roster={roster} locale={locale} />
        {saved}
        {body}
      </article>,
      { title, section: 'leads' },
    );
  }

  app.get('/console/leads', async (c) => {
    const read = readFilters(new URLSearchParams(c.req.url.split('?')[1] ?? ''));
    if (!read.success) {
      const locale = c.get('locale');
      const m = leadMessages[locale];
      c.status(400);
      return c.render(
        <article>
          <h1>{m.listTitle}</h1>
          <ul role="alert" class="error">
            {read.error.issues.map((issue) => (
              <li>
                {issue.path.join('.')}: {localizeIssue(issue, locale)}
              </li>
            ))}
          </ul>
          <a href="/console/leads">{m.board}</a>
        </article>,
        { title: m.listTitle, section: 'leads' },
      );
    }
    return showLeads(c, read.data);
  });

  app.post('/console/leads/views', async (c) => {
    const form = await c.req.parseBody();
    const locale = c.get('locale');
    const sub = c.get('principal').sub;
    const read = readFilters(new URLSearchParams(field(form.query)));
    const filters = read.success ? read.data : {};
    const name = viewNameSchema.safeParse(field(form.name));
    if (!name.success) {
      return showLeads(c, filters, { viewError: localizeIssue(name.error.issues[0]!, locale), status: 422 });
    }
    const query = filterQuery(filters);
    const refused = await addSavedView(deps.app.db, sub, {
      viewId: deps.app.newId(),
      page: 'leads',
      name: name.data,
      query,
      createdAt: deps.app.clock().toISOString(),
    });
    if (refused) {
      const m = leadMessages[locale];
      const viewError = {
        'name-taken': () => m.viewNameTaken(name.data),
        full: () => m.tooManyViews(maxViewsPerUser),
        busy: () => m.viewsBusy,
      }[refused]();
      return showLeads(c, filters, { viewError, status: 409 });
    }
    return c.redirect(`/console/leads${query ? `?${query}` : ''}`, 303);
  });

  app.post(`/console/leads/views/:viewId{${ulidPattern}}/delete`, async (c) => {
    await deps.users.deleteView(c.get('principal').sub, 'leads', c.req.param('viewId'));
    return c.redirect('/console/leads', 303);
  });

  async function showLead(c: Ctx, id: string, extra: Partial<LeadRecordProps> = {}, status = 200) {
    const [found, roster] = await Promise.all([service.withTimeline(id), deps.roster.read()]);
    const title = `${found.memberName} ↔ ${found.counterpart.name}`;
    c.status(status as ContentfulStatusCode);
    return c.render(
      <LeadRecord lead={found} today={today()} roster={roster} locale={c.get('locale')} {...extra} />,
      {
        title,
        section: 'leads',
      },
    );
  }

  app.get(lead, (c) => {
    const m = leadMessages[c.get('locale')];
    const notice =
      c.req.query('opened') !== undefined
        ? m.opened
        : c.req.query('existing') !== undefined
          ? m.alreadyOpen
          : undefined;
    return showLead(c, c.req.param('id'), {
      saved: c.req.query('saved') !== undefined,
      moved: c.req.query('moved') !== undefined,
      notice,
    });
  });

  /**
   * A lead opened from a member's matches (the record's form): the two companies and a topic they meet
   * on, its source the match, the signed-in user its owner, written by the leads' service as
   * `POST /v1/leads` writes it (which checks the match again). An open lead on the same two companies
   * and topic is shown instead of a second one.
   */
  app.post(openLeadPath, async (c) => {
    const form = await c.req.parseBody();
    const memberId = field(form.memberId);
    const other = field(form.partnerId) || field(form.otherMemberId);
    const topic = field(form.topic);
    const parsed = leadCreateSchema.safeParse({
      memberId,
      ...(form.partnerId === undefined ? { otherMemberId: other } : { partnerId: other }),
      topic,
      source: { type: 'match', companies: [memberId, other], topic },
      owner: c.get('principal').sub,
    });
    // The form holds only what the record put in it: anything else was not sent from there.
    if (!parsed.success) throw new BadRequestError('Not a match of a member’s record.');
    try {
      const opened = await service.create(parsed.data, actorOf(c.get('principal')));
      return c.redirect(`/console/leads/${opened.id}?opened#done`, 303);
    } catch (error) {
      if (error instanceof ConflictError && error.existing?.kind === 'lead') {
        return c.redirect(`/console/leads/${error.existing.id}?existing#done`, 303);
      }
      if (error instanceof ValidationError) {
        // What the match no longer holds (an offer withdrawn since the record was read).
        throw new BadRequestError(error.errors.map((e) => e.message).join(' '));
      }
      throw error;
    }
  });

  /** A change someone else made first: the lead as it is now, and what happened to this one. */
  const changedMeanwhile = (c: Ctx, id: string) =>
    showLead(c, id, { alert: commonMessages[c.get('locale')].conflict }, 412);

  app.post(lead, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const locale = c.get('locale');
    const input = { owner: field(form.owner), nextText: field(form.nextText), nextDue: field(form.nextDue) };
    const nextText = input.nextText.trim();
    const nextDue = input.nextDue.trim();
    const parsed = editFormSchema.safeParse({
      owner: form.assign === 'me' ? c.get('principal').sub : input.owner.trim() || null,
      nextAction: nextText || nextDue ? { text: nextText, due: nextDue } : null,
    });
    const version = requiredFormVersion(form.version, 'lead');
    if (!parsed.success) {
      return showLead(c, id, { edit: { errors: localizeIssues(parsed.error.issues, locale), input } }, 422);
    }
    try {
      await service.patch(id, parsed.data, actorOf(c.get('principal')), version);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return changedMeanwhile(c, id);
      if (error instanceof ValidationError) {
        // The service's own checks, where the form's could not foresee them (a currency's rate).
        return showLead(c, id, { edit: { errors: localizeFieldErrors(error.errors, locale), input } }, 422);
      }
      throw error;
    }
    return c.redirect(`/console/leads/${id}?saved#done`, 303);
  });

  app.post(`${lead}/stage`, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const locale = c.get('locale');
    const m = leadMessages[locale];
    const input = {
      to: field(form.to),
      reason: field(form.reason),
      note: field(form.note),
      return: field(form.return),
    };
    const parsed = leadTransitionSchema.safeParse({
      to: input.to,
      ...(input.reason.trim() ? { reason: input.reason } : {}),
      ...(input.note.trim() ? { note: input.note } : {}),
    });
    if (!parsed.success) {
      return showLead(c, id, { move: { errors: localizeIssues(parsed.error.issues, locale), input } }, 422);
    }
    const expected = await expectedOf(id, form);
    if (expected === 'moved') return changedMeanwhile(c, id);
    try {
      await service.transition(id, parsed.data, actorOf(c.get('principal')), expected);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return changedMeanwhile(c, id);
      if (error instanceof ValidationError) {
        // The one rule a valid form can still break: a lead is lost for a reason.
        return showLead(c, id, { move: { errors: localizeFieldErrors(error.errors, locale), input } }, 422);
      }
      if (error instanceof ConflictError) {
        const now = (await service.get(id)).lead;
        const alert =
          error.field === 'to'
            ? m.notAllowed(
                stageName(locale, now.stage),
                allowedMoves(now.stage)
                  .map((s) => stageName(locale, s))
                  .join(', '),
              )
            : m.reopenConflict;
        return showLead(c, id, { alert, move: { errors: new Map(), input } }, 409);
      }
      throw error;
    }
    // Back to the board it was moved on, which says where the card went; else the lead's page, which says it.
    const back = field(form.return);
    if (!back) return c.redirect(`/console/leads/${id}?moved#done`, 303);
    // Appended to the checked path as it is: a URL parser would resolve `..` in it past the check.
    return c.redirect(withQuery(safeReturnPath(back), `moved=${id}`), 303);
  });

  /**
   * The version a move expects: the lead page's form names it; a board card names the stage it showed
   * (the board reads index items, which carry no version), so the lead is read and must still be there.
   */
  async function expectedOf(id: string, form: Record<string, unknown>): Promise<ExpectedVersion | 'moved'> {
    const version = formVersionOf(form.version);
    if (version !== undefined) return version;
    const from = field(form.from);
    if (!from) throw new BadRequestError('The form names neither the version nor the stage of the lead.');
    const now = (await service.get(id, { consistent: true })).lead;
    return now.stage === from ? now.version : 'moved';
  }

  app.post(`${lead}/activities`, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const locale = c.get('locale');
    const input = { type: field(form.type), text: field(form.text), shared: field(form.shared) };
    const parsed = leadActivityInputSchema.safeParse({
      type: input.type,
      text: input.text,
      shared: input.shared === 'on',
    });
    if (!parsed.success) {
      return showLead(
        c,
        id,
        { activity: { errors: localizeIssues(parsed.error.issues, locale), input } },
        422,
      );
    }
    await service.addActivity(id, parsed.data, actorOf(c.get('principal')));
    return c.redirect(`/console/leads/${id}#lead-timeline`, 303);
  });

  return app;
}
