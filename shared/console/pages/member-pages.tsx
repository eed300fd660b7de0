import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { memberCampaigns } from '../../campaigns/member-recipients.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.ts';
import type { Member } from '../../domain/member-schema.ts';
import { EventRepository } from '../../events/event-repository.ts';
import { LeadRepository } from '../../leads/lead-repository.ts';
import { memberCard } from '../../matching/match-card.ts';
import { findMatches } from '../../matching/match-finder.ts';
import { accountServiceFor } from '../../members/account-service-for.ts';
import { actorOf } from '../../members/actor.ts';
import { editMember } from '../../members/member-patch.ts';
import { patchedProfile } from '../../members/member-state.ts';
import { historyEntrySeenBy, memberSeenBy } from '../../members/seen-by-role.ts';
import type { ConsolePageDeps } from '../console-deps.ts';
import type { ConsoleEnv } from '../console-env.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import { localizeIssues } from '../i18n/zod-messages.ts';
import { directoryServices } from './directory-services.ts';
import { ConflictComparison, ContactForm, ProfileForm } from './member-form-views.tsx';
import {
  contactInputs,
  contactPatch,
  contactValuesOf,
  type FormValues,
  inputErrors,
  type PostedBody,
  profileInputs,
  profilePatch,
  profileValuesOf,
  valuesFrom,
} from './member-forms.ts';
import { memberMessages } from './member-messages.ts';
import {
  AccountsSection,
  CampaignsSection,
  ContactsSection,
  EventsSection,
  LeadsSection,
  MatchesPlaceholder,
  MatchesSection,
  OffersNeedsSection,
  ProfileSection,
  recordPath,
  TierSection,
  TimelineSection,
} from './member-sections.tsx';

/** Only a ULID: the directory's `/console/members/export.csv` and `/console/members/import` stay its own. */
const record = '/console/members/:id{[0-9A-HJKMNP-TV-Z]{26}}';
const contactId = ':contactId{[0-9A-HJKMNP-TV-Z]{26}}';

/** How many rows of each list the record shows; the section's own page shows the rest, page by page. */
const firstRows = 10;
const historyRows = 20;
const matchRows = 25;

const done = ['saved', 'invited', 'revoked'] as const;

type Ctx = Context<ConsoleEnv>;

/**
 * The member record: profile, tier basis, contacts with consent, accounts, offers and needs, matches,
 * leads, events, campaigns received and the history, each section one Query (or GetItem), read in
 * parallel; the matches, which take a Query per topic, load after the page. Edits go through the
 * member service as `PATCH /v1/members/{id}` does, at the version the form was filled from.
 */
export function memberPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const { db } = deps.app;
  const { members, settings, service } = directoryServices(deps);
  const accounts = accountServiceFor(deps.app, members);
  const leads = new LeadRepository(db);
  const events = new EventRepository(db);
  const services = { members: service, accounts };

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

  const readMember = async (c: Ctx, id: string, consistent = false) =>
    memberSeenBy(c.get('principal').role, await service.get(id, { consistent }));

  app.get(record, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const viewer = c.get('principal').role;
    const m = memberMessages[locale];
    const [member, tiers, accountList, leadPage, eventPage, campaignPage, historyPage] = await Promise.all([
      readMember(c, id),
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

  app.get(`${record}/matches`, async (c) => {
    const member = await readMember(c, c.req.param('id'));
    const section = (
      <MatchesSection
        matches={await findMatches(db, memberCard(member), matchRows)}
        locale={c.get('locale')}
      />
    );
    return c.req.header('hx-request') ? c.html(section) : sectionPage(c, member, section);
  });

  app.get(`${record}/:list{leads|events|campaigns|history}`, async (c) => {
    const id = c.req.param('id');
    const list = c.req.param('list') as ListName;
    const locale = c.get('locale');
    const startKey = (await deps.app.cursors()).decode(lists[list].scope(id), c.req.query('cursor'));
    const [member, page] = await Promise.all([
      readMember(c, id),
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

  // --- edits

  /** An edit page: the form, and above it what went wrong, with the status that says it. */
  const editPage = (
    c: Ctx,
    title: string,
    memberId: string,
    body: Child,
    status: 200 | 409 | 412 | 422 = 200,
  ) => {
    c.status(status);
    return c.render(
      <article>
        <hgroup>
          <h1>{title}</h1>
          <p>
            <a href={recordPath(memberId)}>{memberMessages[c.get('locale')].backToRecord}</a>
          </p>
        </hgroup>
        {body}
      </article>,
      { title, section: 'members' },
    );
  };

  /** Someone else changed the member since the form was filled: nothing was written. */
  const conflictBody = (c: Ctx, comparison: Child, form: Child, memberId: string) => {
    const locale = c.get('locale');
    const common = commonMessages[locale];
    const m = memberMessages[locale];
    return (
      <>
        <section aria-labelledby="conflict-title">
          <h2 id="conflict-title">{common.conflictTitle}</h2>
          <p role="alert">
            {common.conflict} {m.conflictNothingWritten}
          </p>
          {comparison}
          <p>
            <a href={recordPath(memberId)}>{common.reload}</a>
          </p>
        </section>
        <section aria-labelledby="reapply-title">
          <h2 id="reapply-title">{m.reapply}</h2>
          {form}
        </section>
      </>
    );
  };

  /**
   * Writes `patch` at `version` and redirects to the record, or answers why not: the member changed
   * since (412), an entry the service refuses (422), an address or tax id another member holds (409).
   */
  async function write(
    c: Ctx,
    id: string,
    patch: Record<string, unknown>,
    version: number,
    answers: {
      conflict: (current: Member) => Response | Promise<Response>;
      invalid: (
        errors: Iterable<readonly [string, string]>,
        status: 409 | 422,
      ) => Response | Promise<Response>;
    },
  ) {
    try {
      await editMember(services, id, patch, actorOf(c.get('principal')), () => version);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return answers.conflict(await readMember(c, id, true));
      if (error instanceof ValidationError) {
        return answers.invalid(
          error.errors.map((e) => [e.path, e.message] as const),
          422,
        );
      }
      if (error instanceof ConflictError && error.field)
        return answers.invalid([[error.field, error.message]], 409);
      throw error;
    }
    return c.redirect(`${recordPath(id)}?saved`, 303);
  }

  const versionOf = (body: PostedBody) => {
    const sent = body.version;
    return typeof sent === 'string' && /^\d{1,9}$/.test(sent) ? Number(sent) : 0;
  };

  app.get(`${record}/profile`, async (c) => {
    const member = await readMember(c, c.req.param('id'));
    const locale = c.get('locale');
    const m = memberMessages[locale];
    return editPage(
      c,
      m.editProfileTitle(member.name),
      member.id,
      <ProfileForm
        member={member}
        values={profileValuesOf(member)}
        errors={new Map()}
        version={member.version}
        locale={locale}
        submit={commonMessages[locale].save}
      />,
    );
  });

  app.post(`${record}/profile`, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const sent = valuesFrom(body, profileInputs);
    const version = versionOf(body);
    const member = await readMember(c, id, true);
    const title = m.editProfileTitle(member.name);
    const form = (values: FormValues, errors: Map<string, string>, at: number, submit: string) => (
      <ProfileForm
        member={member}
        values={values}
        errors={errors}
        version={at}
        locale={locale}
        submit={submit}
      />
    );
    const conflict = (current: Member) =>
      editPage(
        c,
        title,
        id,
        conflictBody(
          c,
          <ConflictComparison
            inputs={profileInputs}
            sent={sent}
            stored={profileValuesOf(current)}
            locale={locale}
          />,
          form(sent, new Map(), current.version, m.reapply),
          id,
        ),
        412,
      );
    if (version !== member.version) return conflict(member);
    const patch = profilePatch(member, sent);
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      editPage(
        c,
        title,
        id,
        form(sent, inputErrors(errors, profileInputs), version, commonMessages[locale].save),
        status,
      );
    const checked = patchedProfile(member, patch);
    if (!checked.success) return invalid(localizeIssues(checked.error.issues, locale), 422);
    return write(c, id, patch, version, { conflict, invalid });
  });

  const liveContact = (member: Member, id: string) => {
    const contact = member.contacts.find((c) => c.id === id && !c.erasedAt);
    if (!contact) throw new NotFoundError(`Member ${member.id} has no contact ${id}.`);
    return contact;
  };

  app.get(`${record}/contacts/${contactId}`, async (c) => {
    const member = await readMember(c, c.req.param('id'));
    const contact = liveContact(member, c.req.param('contactId'));
    const locale = c.get('locale');
    return editPage(
      c,
      memberMessages[locale].editContactTitle(contact.name, member.name),
      member.id,
      <ContactForm
        memberId={member.id}
        contactId={contact.id}
        values={contactValuesOf(contact)}
        errors={new Map()}
        version={member.version}
        locale={locale}
        submit={commonMessages[locale].save}
      />,
    );
  });

  app.post(`${record}/contacts/${contactId}`, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const sent = valuesFrom(body, contactInputs);
    const version = versionOf(body);
    const member = await readMember(c, id, true);
    const contact = liveContact(member, c.req.param('contactId'));
    const title = m.editContactTitle(contact.name, member.name);
    const form = (values: FormValues, errors: Map<string, string>, at: number, submit: string) => (
      <ContactForm
        memberId={id}
        contactId={contact.id}
        values={values}
        errors={errors}
        version={at}
        locale={locale}
        submit={submit}
      />
    );
    const conflict = (current: Member) =>
      editPage(
        c,
        title,
        id,
        conflictBody(
          c,
          <ConflictComparison
            inputs={contactInputs}
            sent={sent}
            stored={contactValuesOf(liveContact(current, contact.id))}
            locale={locale}
          />,
          form(sent, new Map(), current.version, m.reapply),
          id,
        ),
        412,
      );
    if (version !== member.version) return conflict(member);
    const edit = contactPatch(member, contact.id, sent);
    if (!edit) throw new NotFoundError(`Member ${id} has no contact ${contact.id}.`);
    const prefix = `contacts.${edit.index}.`;
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      editPage(
        c,
        title,
        id,
        form(sent, inputErrors(errors, contactInputs, prefix), version, commonMessages[locale].save),
        status,
      );
    const checked = patchedProfile(member, edit.patch);
    if (!checked.success) return invalid(localizeIssues(checked.error.issues, locale), 422);
    return write(c, id, edit.patch, version, { conflict, invalid });
  });

  // --- accounts

  app.post(`${record}/contacts/${contactId}/invitation`, async (c) => {
    const id = c.req.param('id');
    await accounts.invite(id, c.req.param('contactId'), actorOf(c.get('principal')));
    return c.redirect(`${recordPath(id)}?invited#accounts`, 303);
  });

  app.post(`${record}/accounts/:accountId{[A-Za-z0-9_.:-]{1,64}}/revoke`, async (c) => {
    const id = c.req.param('id');
    await accounts.revoke(id, c.req.param('accountId'), actorOf(c.get('principal')));
    return c.redirect(`${recordPath(id)}?revoked#accounts`, 303);
  });

  return app;
}
