import { Hono } from 'hono';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import type { PartnerSummary } from '../../../domain/partner-schema.ts';
import { companyEvents, upcomingEvents } from '../../../events/company-events.ts';
import { hasRole } from '../../../identity/principal.ts';
import { LeadRepository } from '../../../leads/lead-repository.ts';
import { memberReads } from '../../../members/member-read.ts';
import { partnerPage } from '../../../partners/partner-listing.ts';
import { partnerReads } from '../../../partners/partner-read.ts';
import { PartnerRepository } from '../../../partners/partner-repository.ts';
import { Pager } from '../../components/pager.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { companyName } from '../../i18n/names.ts';
import { listResponse, pushViewAddress } from '../list-view.ts';
import { EventsSection, LeadsSection, TimelineSection } from '../member/member-activity.tsx';
import { memberMessages } from '../member/member-messages.ts';
import { OffersNeedsSection } from '../member/member-sections.tsx';
import { erasurePath, isUlid, partnerJoinPath } from '../route-patterns.ts';
import { withoutShortSearch } from '../short-search.ts';
import {
  PartnerContactsSection,
  PartnerFilterForm,
  PartnerProfileSection,
  PartnerSearchForm,
  PartnerTable,
  partnersPath,
} from './partner-components.tsx';
import { partnerEditPages, partnerOffersPath, partnerProfilePath } from './partner-edit.tsx';
import { partnerMessages } from './partner-messages.ts';
import { newPartnerPages, newPartnerPath } from './partner-new.tsx';
import { partnerRefusalOf, partnerView } from './partner-view.ts';

/** Partners per page of the list. */
const pageSize = 50;
/** Rows of each list on a partner's record; the leads' list goes on in the pipeline. */
const recordLeads = 10;
// A partner takes part in a few events a year: its record lists them all, up to this many.
const recordEvents = 50;
/** Entries of the timeline per page. */
const recordHistory = 20;

/**
 * The foreign partners: their list (search by name, or country, sector and topic combined, as the API's
 * `GET /v1/partners` serves them) and each one's record: profile, contacts, offers and needs, its leads
 * and its events, from which it is registered for another. Staff add one with its first contact
 * (partner-new.tsx) and edit its profile, offers and needs, and contacts (partner-edit.tsx).
 */
export function partnerPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const { db } = deps.app;
  const repository = new PartnerRepository(db);
  const partners = partnerReads(db);
  const members = memberReads(db);
  const leads = new LeadRepository(db);

  // Before the record's route: `new` is no partner's id.
  app.route('/', newPartnerPages(deps, repository));
  app.route('/', partnerEditPages(deps, repository));

  app.get(partnersPath, async (c) => {
    const locale = c.get('locale');
    const m = partnerMessages[locale];
    const url = new URL(c.req.url);
    const asked = partnerView(url.searchParams, locale);
    const { view, searchTooShort } = withoutShortSearch(asked);
    const cursor = url.searchParams.get('cursor') || undefined;
    let listing: { items: PartnerSummary[]; next: string | null } | string;
    if (!view.ok) listing = m.invalidFilters;
    else {
      try {
        const page = await partnerPage(repository, view.filters, {
          limit: pageSize,
          cursor,
          cursors: deps.app.cursors,
        });
        listing = { items: page.items, next: page.nextCursor };
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        listing = `${m.unserved} ${partnerRefusalOf(view.filters, m)}`;
      }
    }
    const results = (
      <div id="results">
        {searchTooShort ? <p role="status">{m.searchTooShortHint}</p> : null}
        {typeof listing === 'string' ? (
          <p role="alert" class="error">
            {listing}
          </p>
        ) : listing.items.length > 0 || listing.next || cursor !== undefined ? (
          <>
            {listing.items.length > 0 ? (
              <PartnerTable locale={locale} partners={listing.items} />
            ) : (
              // A combination's page read its share of the list and kept no one: the rest may still
              // match, or a later page found that nothing more does; the pager leads on or back.
              <p>{listing.next ? m.noneOnThisPage : m.noMoreMatches}</p>
            )}
            <Pager
              locale={locale}
              path={partnersPath}
              query={view.ok ? view.query : ''}
              next={listing.next}
              paged={cursor !== undefined}
              label={m.pages}
            />
          </>
        ) : (
          <p>{m.empty}</p>
        )}
      </div>
    );
    pushViewAddress(c, partnersPath, view, cursor);
    return listResponse(c, results, typeof listing === 'string', () =>
      c.render(
        <>
          <h1>{m.title}</h1>
          <p>{m.intro}</p>
          <p>
            <a href={newPartnerPath}>{m.newPartner}</a>
          </p>
          <PartnerSearchForm locale={locale} q={asked.ok ? asked.filters.q : asked.asked.q} />
          <PartnerFilterForm
            locale={locale}
            asked={view.ok ? (view.filters as Record<string, string>) : view.asked}
            errors={view.ok ? new Map() : view.errors}
          />
          {results}
        </>,
        { title: m.title, section: 'partners' },
      ),
    );
  });

  app.get(`${partnersPath}/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUlid(id)) throw new NotFoundError('No such partner.');
    const locale = c.get('locale');
    const m = partnerMessages[locale];
    const today = deps.app.clock().toISOString().slice(0, 10);
    // The timeline a page at a time, newest first: `history` is the signed key of the next page.
    // The keys are awaited before the reads only when a page after the first is asked for.
    const historyScope = `partner-history:${id}`;
    const historyCursor = c.req.query('history') || undefined;
    const historyFrom = historyCursor
      ? (await deps.app.cursors()).decode(historyScope, historyCursor)
      : undefined;
    const [partner, leadPage, events, upcoming, history, roster, cursors] = await Promise.all([
      partners.get(id),
      leads.list({ facet: 'partner', value: id, limit: recordLeads }),
      companyEvents(db, id, { limit: recordEvents }),
      upcomingEvents(db, today),
      repository.history(id, recordHistory, historyFrom),
      deps.roster.read(),
      deps.app.cursors(),
    ]);
    if (!partner) throw new NotFoundError('No such partner.');
    const nextHistory = cursors.encode(historyScope, history.lastKey);
    const joined = partner.joinedAs ? await members.get(partner.joinedAs) : undefined;
    const name = companyName(partner);
    return c.render(
      <article>
        <p>
          <a href={partnersPath}>{m.title}</a>
        </p>
        <h1>{name}</h1>
        {c.req.query('created') !== undefined ? (
          <p role="status" id="done">
            {m.created(name)}
          </p>
        ) : c.req.query('saved') !== undefined ? (
          <p role="status" id="done">
            {memberMessages[locale].saved}
          </p>
        ) : c.req.query('removed') !== undefined ? (
          <p role="status" id="done">
            {memberMessages[locale].contactRemoved}
          </p>
        ) : null}
        {partner.joinedAs ? null : (
          <p>
            <a href={partnerProfilePath(id)}>{memberMessages[locale].editProfile}</a>
            {partner.erasedAt ? null : (
              <>
                {' · '}
                <a href={partnerJoinPath(id)}>{m.makeMember}</a>
              </>
            )}
            {hasRole(c.get('principal'), 'admin') ? (
              <>
                {' · '}
                <a href={erasurePath('partners', id)}>{memberMessages[locale].erasePersonalData}</a>
              </>
            ) : null}
          </p>
        )}
        <PartnerProfileSection partner={partner} memberName={joined && companyName(joined)} locale={locale} />
        <PartnerContactsSection partner={partner} editable={!partner.joinedAs} locale={locale} />
        <OffersNeedsSection
          company={partner}
          editHref={partner.joinedAs ? undefined : partnerOffersPath(id)}
          locale={locale}
        />
        <LeadsSection leads={leadPage.items} today={today} locale={locale} of="partner" />
        {leadPage.items.length > 0 ? (
          <p>
            <a href={`/console/leads?partnerId=${id}`}>{m.allLeads}</a>
          </p>
        ) : null}
        <EventsSection
          company={{ kind: 'partner', id, registrable: !partner.joinedAs && !partner.erasedAt }}
          events={events.items}
          upcoming={upcoming}
          locale={locale}
        />
        <TimelineSection
          company={partner}
          entries={history.items}
          next={
            nextHistory
              ? `${partnersPath}/${id}?history=${encodeURIComponent(nextHistory)}#history`
              : undefined
          }
          locale={locale}
          roster={roster}
          actionText={(action) => (action === 'join' ? m.action_join : undefined)}
          fieldLabel={(field) =>
            field === 'latinName' || field === 'notes' || field === 'joinedAs' ? m[field] : undefined
          }
        />
      </article>,
      { title: name, section: 'partners' },
    );
  });

  return app;
}
