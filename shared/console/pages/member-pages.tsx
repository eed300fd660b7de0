import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { memberCampaigns } from '../../campaigns/member-recipients.ts';
import type { Member } from '../../domain/member-schema.ts';
import { memberCard } from '../../matching/match-card.ts';
import { findMatches } from '../../matching/match-finder.ts';
import { actorOf } from '../../members/actor.ts';
import { historyEntrySeenBy } from '../../members/seen-by-role.ts';
import type { ConsolePageDeps } from '../console-deps.ts';
import type { ConsoleEnv } from '../console-env.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import {
  CampaignsSection,
  EventsSection,
  LeadsSection,
  MatchesPlaceholder,
  MatchesSection,
  TimelineSection,
} from './member-activity.tsx';
import { memberEditPages } from './member-edit-pages.tsx';
import { memberMessages } from './member-messages.ts';
import { recordPath } from './member-parts.tsx';
import { contactParam, memberAsSeen, memberRecordServices, recordRoute } from './member-record-services.ts';
import {
  AccountsSection,
  ContactsSection,
  OffersNeedsSection,
  ProfileSection,
  TierSection,
} from './member-sections.tsx';

/** How many rows of each list the record shows; the section's own page shows the rest, page by page. */
const firstRows = 10;
const historyRows = 20;
const matchRows = 25;

const done = ['saved', 'invited', 'revoked'] as const;

type Ctx = Context<ConsoleEnv>;

/**
 * The member record: profile, tier basis, contacts with consent, accounts, offers and needs, matches,
 * leads, events, campaigns received and the history, each section one Query (or GetItem), read in
 * parallel; the matches, which take a Query per topic, load after the page. Its edits are
 * member-edit-pages.tsx; invitations and revocations go through the AccountService as the API's do.
 */
export function memberPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const { db } = deps.app;
  const services = memberRecordServices(deps);
  const { settings, service, accounts, leads, events } = services;

  /** The lists a record shows, each a page of one Query, with the cursor scope its next page is bound to. */
  const lists = {
    leads: {
      scope: (id: string) => `console-member-leads:${id}`,
      read: (id: string, limit: number, startKey?: Record<string, unknown>) =>
        leads.list({ facet: 'member', value: id, limit, startKey }),
    },
    events: {
      scope: (id: string) => `console-member-events:${id}`,
      read: (id: string, limit: number, startKey?: Record<string, unknown>) =>
        events.companyEvents(id, { limit, startKey }),
    },
    campaigns: {
      scope: (id: string) => `console-member-campaigns:${id}`,
      read: (id: string, limit: number, startKey?: Record<string, unknown>) =>
        memberCampaigns(db, id, { limit, startKey }),
    },
    history: {
      // The API's scope: a cursor of `GET /v1/members/{id}/history` pages here too.
      scope: (id: string) => `history:${id}`,
      read: (id: string, limit: number, startKey?: Record<string, unknown>) =>
        service.history(id, limit, startKey),
    },
  } as const;
  type ListName = keyof typeof lists;

  async function nextHref(id: string, list: ListName, lastKey: Record<string, unknown> | undefined) {
    const cursor = (await deps.app.cursors()).encode(lists[list].scope(id), lastKey);
    return cursor ? `${recordPath(id)}/${list}?cursor=${encodeURIComponent(cursor)}` : undefined;
  }

  app.get(recordRoute, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const viewer = c.get('principal').role;
    const m = memberMessages[locale];
    const [member, tiers, accountList, leadPage, eventPage, campaignPage, historyPage] = await Promise.all([
      memberAsSeen(c, services, id),
      settings.read(),
      accounts.list(id),
      lists.leads.read(id, firstRows),
      lists.events.read(id, firstRows),
      lists.campaigns.read(id, firstRows),
      lists.history.read(id, historyRows),
    ]);
    const tier = tiers.tiers.value.tiers.find((t) => t.name === member.tier);
    const flash = done.find((word) => c.req.query(word) !== undefined);
    const flashText = { saved: m.saved, invited: m.inviteSent, revoked: m.accountRevoked };
    return c.render(
      <article>
        <hgroup>
          <h1>{member.name}</h1>
          <p>
            <a href="/console/members">{commonMessages[locale].members}</a>
          </p>
        </hgroup>
        {flash ? <p role="status">{flashText[flash]}</p> : null}
        <ProfileSection member={member} locale={locale} />
        <TierSection member={member} tier={tier} locale={locale} />
        <ContactsSection member={member} accounts={accountList} locale={locale} />
        <AccountsSection member={member} accounts={accountList} locale={locale} />
        <OffersNeedsSection member={member} locale={locale} />
        <MatchesPlaceholder id={id} locale={locale} />
        <LeadsSection
          leads={leadPage.items}
          next={await nextHref(id, 'leads', leadPage.lastKey)}
          locale={locale}
        />
        <EventsSection
          events={eventPage.items}
          next={await nextHref(id, 'events', eventPage.lastKey)}
          locale={locale}
        />
        <CampaignsSection
          member={member}
          received={campaignPage.items}
          next={await nextHref(id, 'campaigns', campaignPage.lastKey)}
          locale={locale}
        />
        <TimelineSection
          member={member}
          entries={historyPage.items.map((entry) => historyEntrySeenBy(viewer, entry))}
          next={await nextHref(id, 'history', historyPage.lastKey)}
          locale={locale}
        />
      </article>,
      { title: member.name, section: 'members' },
    );
  });

  /** A section alone on its page: for the next pages of a list, and where script does not run. */
  const sectionPage = (c: Ctx, member: Member, section: Child) =>
    c.render(
      <article>
        <hgroup>
          <h1>{member.name}</h1>
          <p>
            <a href={recordPath(member.id)}>{memberMessages[c.get('locale')].backToRecord}</a>
          </p>
        </hgroup>
        {section}
      </article>,
      { title: member.name, section: 'members' },
    );

  app.get(`${recordRoute}/matches`, async (c) => {
    const member = await memberAsSeen(c, services, c.req.param('id'));
    const section = (
      <MatchesSection
        matches={await findMatches(db, memberCard(member), matchRows)}
        locale={c.get('locale')}
      />
    );
    return c.req.header('hx-request') ? c.html(section) : sectionPage(c, member, section);
  });

  app.get(`${recordRoute}/:list{leads|events|campaigns|history}`, async (c) => {
    const id = c.req.param('id');
    const list = c.req.param('list') as ListName;
    const locale = c.get('locale');
    const startKey = (await deps.app.cursors()).decode(lists[list].scope(id), c.req.query('cursor'));
    const [member, page] = await Promise.all([
      memberAsSeen(c, services, id),
      lists[list].read(id, historyRows, startKey),
    ]);
    const next = await nextHref(id, list, page.lastKey);
    const viewer = c.get('principal').role;
    const section =
      list === 'leads' ? (
        <LeadsSection
          leads={(page as Awaited<ReturnType<typeof lists.leads.read>>).items}
          next={next}
          locale={locale}
        />
      ) : list === 'events' ? (
        <EventsSection
          events={(page as Awaited<ReturnType<typeof lists.events.read>>).items}
          next={next}
          locale={locale}
        />
      ) : list === 'campaigns' ? (
        <CampaignsSection
          member={member}
          received={(page as Awaited<ReturnType<typeof lists.campaigns.read>>).items}
          next={next}
          locale={locale}
        />
      ) : (
        <TimelineSection
          member={member}
          entries={(page as Awaited<ReturnType<typeof lists.history.read>>).items.map((entry) =>
            historyEntrySeenBy(viewer, entry),
          )}
          next={next}
          locale={locale}
        />
      );
    return sectionPage(c, member, section);
  });

  app.route('/', memberEditPages(services));

  // --- accounts

  app.post(`${recordRoute}/contacts/${contactParam}/invitation`, async (c) => {
    const id = c.req.param('id');
    await accounts.invite(id, c.req.param('contactId'), actorOf(c.get('principal')));
    return c.redirect(`${recordPath(id)}?invited#accounts`, 303);
  });

  app.post(`${recordRoute}/accounts/:accountId{[A-Za-z0-9_.:-]{1,64}}/revoke`, async (c) => {
    const id = c.req.param('id');
    await accounts.revoke(id, c.req.param('accountId'), actorOf(c.get('principal')));
    return c.redirect(`${recordPath(id)}?revoked#accounts`, 303);
  });

  return app;
}
