import { Hono } from 'hono';
import { BadRequestError } from '../../../domain/errors.ts';
import type { MemberSummary } from '../../../domain/member-schema.ts';
import { actorOf } from '../../../members/actor.ts';
import { exportMemberCsv } from '../../../members/csv-export.ts';
import { directoryPage } from '../../../members/directory-listing.ts';
import { Pager } from '../../components/pager.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { addSavedView, maxViewsPerUser } from '../../console-user-repository.ts';
import { csvDelimiters } from '../../i18n/locales.ts';
import { withQuery } from '../../session/session-cookies.ts';
import { listResponse, pushViewAddress } from '../list-view.ts';
import { ulidPattern } from '../route-patterns.ts';
import { withoutShortSearch } from '../short-search.ts';
import { directoryBulkPages } from './directory-bulk.tsx';
import { FilterForm, MemberTable, RegionNote, SavedViews, SearchForm } from './directory-components.tsx';
import { type DirectoryText, directoryMessages } from './directory-messages.ts';
import { refusal } from './directory-parts.tsx';
import { directoryServices } from './directory-services.ts';
import { type DirectoryView, directoryView, refusalOf } from './directory-view.ts';

/** Members per page of the directory. */
const pageSize = 50;

type Listing =
  | { kind: 'rows'; items: MemberSummary[]; next: string | null }
  | { kind: 'refused'; message: string };

/** The member directory: filters, name search, saved views, CSV export and import, bulk actions. */
export function directoryPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const services = directoryServices(deps);

  /** The view's page of members, or why it cannot be listed, in the reader's words. */
  async function listing(
    view: DirectoryView,
    cursor: string | undefined,
    m: DirectoryText,
  ): Promise<Listing | undefined> {
    if (!view.ok) return undefined;
    try {
      const page = await directoryPage(services.members, view.filters, {
        limit: pageSize,
        cursor,
        cursors: deps.app.cursors,
      });
      return { kind: 'rows', items: page.items, next: page.nextCursor };
    } catch (error) {
      if (error instanceof BadRequestError) return { kind: 'refused', message: refusalOf(view.filters, m) };
      throw error;
    }
  }

  app.get('/console/members', async (c) => {
    const locale = c.get('locale');
    const m = directoryMessages[locale];
    const url = new URL(c.req.url);
    const asked = directoryView(url.searchParams, locale);
    const { view, searchTooShort } = withoutShortSearch(asked);
    const cursor = url.searchParams.get('cursor') || undefined;
    const [list, views, tierTable] = await Promise.all([
      listing(view, cursor, m),
      deps.users.views(c.get('principal').sub, 'members'),
      services.settings.readTiers(),
    ]);
    const tiers = tierTable.value.tiers;
    const query = view.ok ? view.query : undefined;
    const notice = new Map([
      ['view-saved', m.viewSaved],
      ['view-deleted', m.viewDeleted],
      ['none-selected', m.noneSelected],
    ]).get(url.searchParams.get('notice') ?? '');
    url.searchParams.delete('notice');
    const returnTo = `/console/members${url.search}`;
    const region = view.ok ? view.filters.region : undefined;
    const results = (
      <div id="results">
        {searchTooShort ? <p role="status">{m.searchTooShortHint}</p> : null}
        {region && query !== undefined && list?.kind === 'rows' ? (
          <RegionNote region={region} query={query} locale={locale} />
        ) : null}
        {!view.ok ? (
          <p role="alert" class="error">
            {m.invalidFilters}
          </p>
        ) : list?.kind === 'refused' ? (
          <p role="alert" class="error">
            <strong>{m.unserved}</strong> {list.message}
          </p>
        ) : list && (list.items.length > 0 || list.next || cursor !== undefined) ? (
          <>
            {list.items.length > 0 ? (
              <MemberTable locale={locale} members={list.items} tiers={tiers} returnTo={returnTo} />
            ) : (
              // A combination's page read its share of the list and kept no one: the rest may still
              // match, or a later page found that nothing more does; the pager leads on or back.
              <p>{list.next ? m.noneOnThisPage : m.noMoreMatches}</p>
            )}
            <Pager
              locale={locale}
              path="/console/members"
              query={query ?? ''}
              next={list.next}
              paged={cursor !== undefined}
              label={m.pages}
            />
          </>
        ) : (
          <p>{m.empty}</p>
        )}
        {list?.kind === 'rows' ? (
          // A POST, so that csrf() covers it: a cross-site link must not drop the members' personal
          // data into the user's downloads, with the user named on the audit log as its exporter.
          <form method="post" action="/console/members/export.csv">
            {[...new URLSearchParams(query ?? '')].map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit" class="secondary">
              {m.exportView}
            </button>
          </form>
        ) : null}
        <SavedViews locale={locale} views={views} query={list?.kind === 'rows' ? query : undefined} />
      </div>
    );
    pushViewAddress(c, '/console/members', view, cursor);
    return listResponse(c, results, list?.kind !== 'rows', () =>
      c.render(
        <>
          <h1>{m.title}</h1>
          {notice ? <p role="status">{notice}</p> : null}
          <p>
            <a href="/console/members/new">{m.newMember}</a> ·{' '}
            <a href="/console/members/import">{m.importLink}</a>
          </p>
          <SearchForm locale={locale} q={asked.ok ? asked.filters.q : asked.asked.q} />
          <FilterForm
            locale={locale}
            asked={view.ok ? (view.filters as Record<string, string>) : view.asked}
            tiers={tiers}
            errors={view.ok ? new Map() : view.errors}
          />
          {results}
        </>,
        { title: m.title, section: 'members' },
      ),
    );
  });

  app.post('/console/members/export.csv', async (c) => {
    const m = directoryMessages[c.get('locale')];
    const form = await c.req.parseBody();
    const fields = Object.entries(form).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    const view = directoryView(new URLSearchParams(fields), c.get('locale'));
    if (!view.ok) {
      const detail = [...view.errors].map(([field, message]) => `${field}: ${message}`).join(' ');
      return refusal(c, 400, {
        title: m.exportView,
        message: m.invalidFilters,
        detail,
        back: '/console/members',
      });
    }
    const { csv } = await exportMemberCsv(
      view.filters,
      actorOf(c.get('principal')),
      { csv: services.csv, audit: deps.audit },
      csvDelimiters[c.get('locale')],
    );
    const day = deps.app.clock().toISOString().slice(0, 10);
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="members-${day}.csv"`,
    });
  });

  app.post('/console/members/views', async (c) => {
    const locale = c.get('locale');
    const m = directoryMessages[locale];
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    const view = directoryView(new URLSearchParams(typeof form.query === 'string' ? form.query : ''), locale);
    const back = view.ok && view.query ? `/console/members?${view.query}` : '/console/members';
    if (!name || name.length > 100 || !view.ok) {
      return refusal(c, 400, { title: m.views, message: m.viewNameRequired, back });
    }
    const refused = await addSavedView(deps.app.db, c.get('principal').sub, {
      viewId: deps.app.newId(),
      page: 'members',
      name,
      query: view.query,
      createdAt: deps.app.clock().toISOString(),
    });
    if (refused) {
      const message = {
        'name-taken': () => m.viewNameTaken(name),
        full: () => m.viewsFull(maxViewsPerUser),
        busy: () => m.viewsBusy,
      }[refused]();
      return refusal(c, 409, { title: m.views, message, back });
    }
    // The filters stay the URL's view; the notice rides beside them, a name no filter takes.
    return c.redirect(withQuery(back, 'notice=view-saved'), 303);
  });

  app.post(`/console/members/views/:viewId{${ulidPattern}}/delete`, async (c) => {
    // The key is in the user's own partition: nobody deletes another user's view by its id.
    await deps.users.deleteView(c.get('principal').sub, 'members', c.req.param('viewId'));
    return c.redirect('/console/members?notice=view-deleted', 303);
  });

  app.route('/', directoryBulkPages(deps, services));
  return app;
}
