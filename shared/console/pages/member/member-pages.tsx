import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { memberCampaigns } from '../../../campaigns/member-recipients.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Member } from '../../../domain/member-schema.ts';
import { type Tier, unassessedTier } from '../../../domain/tiers.ts';
import { companyEvents, upcomingEvents } from '../../../events/company-events.ts';
import { hasRole } from '../../../identity/principal.ts';
import { memberCard } from '../../../matching/match-card.ts';
import { findMatches } from '../../../matching/match-finder.ts';
import { actorOf } from '../../../members/actor.ts';
import { type Account, AccountRepository } from '../../../members/member-accounts.ts';
import { historyEntrySeenBy } from '../../../members/seen-by-role.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { tierName } from '../../i18n/domain-labels.ts';
import { Roster } from '../../staff-roster.ts';
import { contactParam } from '../route-patterns.ts';
import {
  ActivityPlaceholder,
  activityLinks,
  CampaignsSection,
  EventsSection,
  LeadsSection,
  MatchesSection,
  TimelineSection,
} from './member-activity.tsx';
import { memberMessages } from './member-messages.ts';
import { recordPath } from './member-parts.tsx';
import { memberAsSeen, memberRecordServices, recordRoute } from './member-record-services.ts';
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

/**
 * What the record says after an action, and the section it says it above: the page opens there
 * (`#done`), so the notice is in view with what it concerns. A save names its section (`?saved=offers`).
 */
const done = {
  created: 'contacts',
  saved: 'profile',
  invited: 'accounts',
  revoked: 'accounts',
  removed: 'contacts',
} as const;
type Done = keyof typeof done;
const doneSections = ['profile', 'contacts', 'accounts', 'offers'] as const;

/**
 * The record's sections, by their ids and the titles they go by, for the links at its top: its own,
 * then those it loads after itself.
 */
const sectionLinks = [
  ['profile', 'profile'],
  ['tier', 'tierTitle'],
  ['contacts', 'contacts'],
  ['accounts', 'accounts'],
  ['offers', 'offersNeeds'],
  ...activityLinks.map(([section, title]) => [section, title] as const),
] as const;

type Ctx = Context<ConsoleEnv>;

/**
 * The member record: profile, tier basis, contacts with consent, accounts, offers and needs, then
 * matches, leads, events, campaigns received and the history. The record reads what it shows first
 * (the member, the tiers, the staff roster, its accounts: a Query or GetItem each, in parallel); the
 * rest loads after it in one request, `activity`, since its lists take a Query each and the matches
 * one per topic (a cold function answers the record ~30 ms sooner, and the browser makes the same
 * two requests it made when only the matches came after). Its edits are member-edit-pages.tsx, a
 * function of their own (sections/member-edit-section.ts); invitations and revocations go through
 * the AccountService as the API's do.
 */
export function memberPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const { db } = deps.app;
  const services = memberRecordServices(deps);
  const { settings, service, accounts, leads } = services;
  // The history's page needs only whose each account is, not the service's sign-in times.
  const accountRecords = new AccountRepository(db);

  type StartKey = Record<string, unknown> | undefined;
  /**
   * What the history names by a label or a name: tiers by the tier table's, staff users by theirs, a
   * member's own users by the contact each account belongs to.
   */
  type HistoryNames = { tiers: readonly Tier[]; roster: Roster; accounts: readonly Account[] };
  // Only the history reads them: the other lists' own pages need none.
  const historyNames = async (id: string): Promise<HistoryNames> => {
    const [tierTable, roster, accountList] = await Promise.all([
      settings.readTiers(),
      deps.roster.read(),
      accountRecords.list(id),
    ]);
    return { tiers: tierTable.value.tiers, roster, accounts: accountList };
  };
  type ListName = 'leads' | 'events' | 'campaigns' | 'history';
  /** Where a list's next page is: its own page, with a cursor bound to the list and the member. */
  const scopeOf = (list: ListName, id: string) =>
    // The history's is the API's: a cursor of `GET /v1/members/{id}/history` pages here too.
    list === 'history' ? `history:${id}` : `console-member-${list}:${id}`;
  async function nextHref(list: ListName, id: string, lastKey: StartKey) {
    const cursor = (await deps.app.cursors()).encode(scopeOf(list, id), lastKey);
    return cursor ? `${recordPath(id)}/${list}?cursor=${encodeURIComponent(cursor)}` : undefined;
  }

  /**
   * The lists of a record, each a page of one Query read alongside the member (whose contacts some
   * of them name), resolving to the section it makes once the member is read.
   */
  type ListSection = (
    c: Ctx,
    id: string,
    limit: number,
    startKey?: StartKey,
  ) => Promise<(member: Member, names: HistoryNames) => Child>;
  /** Today's date (UTC), what overdue next actions and upcoming events are reckoned from. */
  const today = () => deps.app.clock().toISOString().slice(0, 10);
  const lists: Record<ListName, ListSection> = {
    leads: async (c, id, limit, startKey) => {
      const page = await leads.list({ facet: 'member', value: id, limit, startKey });
      const next = await nextHref('leads', id, page.lastKey);
      return () => <LeadsSection leads={page.items} next={next} today={today()} locale={c.get('locale')} />;
    },
    events: async (c, id, limit, startKey) => {
      // What it could be registered for, beside its first page only.
      const [page, upcoming] = await Promise.all([
        companyEvents(db, id, { limit, startKey }),
        startKey ? [] : upcomingEvents(db, today()),
      ]);
      const next = await nextHref('events', id, page.lastKey);
      return (member) => (
        <EventsSection
          company={{ kind: 'member', id: member.id, registrable: member.status === 'active' }}
          events={page.items}
          upcoming={upcoming}
          next={next}
          locale={c.get('locale')}
        />
      );
    },
    campaigns: async (c, id, limit, startKey) => {
      const page = await memberCampaigns(db, id, { limit, startKey });
      const next = await nextHref('campaigns', id, page.lastKey);
      return (member) => (
        <CampaignsSection member={member} received={page.items} next={next} locale={c.get('locale')} />
      );
    },
    history: async (c, id, limit, startKey) => {
      const page = await service.history(id, limit, startKey);
      const next = await nextHref('history', id, page.lastKey);
      const viewer = c.get('principal').role;
      return (member, { tiers, roster, accounts: holders }) => (
        <TimelineSection
          company={member}
          entries={page.items.flatMap((entry) => historyEntrySeenBy(viewer, entry) ?? [])}
          next={next}
          locale={c.get('locale')}
          tiers={tiers}
          roster={roster}
          accounts={holders}
        />
      );
    },
  };

  app.get(recordRoute, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const [member, tierTable, roster, accountList] = await Promise.all([
      memberAsSeen(c, services, id),
      settings.readTiers(),
      deps.roster.read(),
      accounts.list(id),
    ]);
    const table = tierTable.value.tiers;
    const tier = table.find((t) => t.name === member.tier);
    const flash = (Object.keys(done) as Done[]).find((word) => c.req.query(word) !== undefined);
    const named = doneSections.find((section) => section === c.req.query('saved'));
    // A save that moved the member to another tier names both; the address carries only the former.
    const tierWas = c.req.query('tierWas');
    const flashText = {
      created: m.created,
      saved:
        // Only a tier the table names: the address is the user's to edit, the notice is ours.
        tierWas !== undefined &&
        tierWas !== (member.tier ?? unassessedTier) &&
        (tierWas === unassessedTier || table.some((t) => t.name === tierWas))
          ? m.savedRetiered(tierName(tierWas, locale, table), tierName(member.tier, locale, table))
          : m.saved,
      invited: m.inviteSent,
      revoked: m.accountRevoked,
      removed: m.contactRemoved,
    };
    const noticeAt = flash && (flash === 'saved' && named ? named : done[flash]);
    const notice = (section: (typeof doneSections)[number]) =>
      flash && noticeAt === section ? (
        <p role="status" id="done">
          {flashText[flash]}
        </p>
      ) : null;
    return c.render(
      <article>
        <hgroup>
          <h1>{member.name}</h1>
          <p>
            <a href="/console/members">{commonMessages[locale].members}</a>
          </p>
        </hgroup>
        <nav aria-label={m.recordSections}>
          <ul>
            {sectionLinks.map(([section, title]) => (
              <li>
                <a href={`#${section}`}>{m[title]}</a>
              </li>
            ))}
          </ul>
        </nav>
        {notice('profile')}
        <ProfileSection member={member} erasable={hasRole(c.get('principal'), 'admin')} locale={locale} />
        <TierSection member={member} tier={tier} roster={roster} locale={locale} />
        {notice('contacts')}
        <ContactsSection member={member} accounts={accountList} locale={locale} />
        {notice('accounts')}
        <AccountsSection member={member} accounts={accountList} locale={locale} />
        {notice('offers')}
        <OffersNeedsSection company={member} editHref={`${recordPath(member.id)}/offers`} locale={locale} />
        <ActivityPlaceholder id={id} locale={locale} />
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

  /**
   * What the record loads after itself: its matches and the first rows of each list. Without htmx,
   * the page of all five, where the record's link to its matches leads when script does not run.
   */
  app.get(`${recordRoute}/activity`, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const read = memberAsSeen(c, services, id);
    const [member, matches, names, leadList, eventList, campaignList, timeline] = await Promise.all([
      read,
      read.then((member) => findMatches(db, memberCard(member), matchRows)),
      historyNames(id),
      lists.leads(c, id, firstRows),
      lists.events(c, id, firstRows),
      lists.campaigns(c, id, firstRows),
      lists.history(c, id, historyRows),
      // The lists' next links need the cursor keys once their Queries answer: asked for alongside
      // them, since this section's session does not fetch them ahead (member-record-section.ts).
      deps.app.cursors(),
    ]);
    const sections = (
      <>
        <MatchesSection memberId={id} matches={matches} locale={locale} />
        {leadList(member, names)}
        {eventList(member, names)}
        {campaignList(member, names)}
        {timeline(member, names)}
      </>
    );
    return c.req.header('hx-request') ? c.html(sections) : sectionPage(c, member, sections);
  });

  // The matches' own page before they joined the activity: a link kept or bookmarked still leads to them.
  app.get(`${recordRoute}/matches`, (c) =>
    c.redirect(`${recordPath(c.req.param('id'))}/activity#matches`, 301),
  );

  // Grouped: the router anchors a pattern as ^…$, which an ungrouped `a|b` binds to its first and last
  // alternatives only (`leadsX` and `a/history` were sections).
  app.get(`${recordRoute}/:list{(?:leads|events|campaigns|history)}`, async (c) => {
    const id = c.req.param('id');
    const list = c.req.param('list') as ListName;
    const startKey = (await deps.app.cursors()).decode(scopeOf(list, id), c.req.query('cursor'));
    const [member, section, names] = await Promise.all([
      memberAsSeen(c, services, id),
      lists[list](c, id, historyRows, startKey),
      list === 'history' ? historyNames(id) : { tiers: [], roster: new Roster([]), accounts: [] },
    ]);
    return sectionPage(c, member, section(member, names));
  });

  // --- accounts

  app.post(`${recordRoute}/contacts/${contactParam}/invitation`, async (c) => {
    const id = c.req.param('id');
    await accounts.invite(id, c.req.param('contactId'), actorOf(c.get('principal')));
    return c.redirect(`${recordPath(id)}?invited#done`, 303);
  });

  app.post(`${recordRoute}/accounts/:accountId{[A-Za-z0-9_.:-]{1,64}}/revoke`, async (c) => {
    const id = c.req.param('id');
    if (!wasConfirmed(await c.req.parseBody())) {
      const locale = c.get('locale');
      const m = memberMessages[locale];
      const [member, accountList] = await Promise.all([memberAsSeen(c, services, id), accounts.list(id)]);
      const account = accountList.find((each) => each.accountId === c.req.param('accountId'));
      if (!account) throw new NotFoundError(`Member ${id} has no account ${c.req.param('accountId')}.`);
      const holder =
        member.contacts.find((contact) => contact.id === account.contactId)?.name ?? account.email;
      return sectionPage(
        c,
        member,
        <ConfirmFirst
          question={m.confirmRevoke(holder, account.email)}
          action={`${recordPath(id)}/accounts/${encodeURIComponent(account.accountId)}/revoke`}
          fields={{}}
          yes={m.revokeAccount(account.email)}
          back={{ href: `${recordPath(id)}#accounts`, label: commonMessages[locale].cancel }}
        />,
      );
    }
    await accounts.revoke(id, c.req.param('accountId'), actorOf(c.get('principal')));
    return c.redirect(`${recordPath(id)}?revoked#done`, 303);
  });

  return app;
}
