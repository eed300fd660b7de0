import type { FC } from 'hono/jsx';
import type { CampaignName } from '../../../campaigns/campaign-names.ts';
import type { Recipient } from '../../../campaigns/recipient.ts';
import { textIn } from '../../../domain/languages.ts';
import type { Member } from '../../../domain/member-schema.ts';
import type { Tier } from '../../../domain/tiers.ts';
import type { Participant } from '../../../events/event-record-schema.ts';
import type { EventSummary } from '../../../events/event-schema.ts';
import type { LeadSummary } from '../../../leads/lead-schema.ts';
import type { ScoredMatch } from '../../../matching/match-score.ts';
import type { HistoryEntry } from '../../../members/history-entry.ts';
import type { Account } from '../../../members/member-accounts.ts';
import type { PartnerHistoryEntry } from '../../../partners/partner-history.ts';
import { ListTable } from '../../components/list-table.tsx';
import { NextAction } from '../../components/next-action.tsx';
import { Person } from '../../components/person.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { eventStateLabels, recipientStatusLabels, stageName } from '../../i18n/domain-labels.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { companyName, countryName, topicName } from '../../i18n/names.ts';
import { roleName } from '../../i18n/role-names.ts';
import type { Roster } from '../../staff-roster.ts';
import { eventDates } from '../events/event-headline.ts';
import { openLeadPath, partnerRecordPath } from '../route-patterns.ts';
import { historyChangeText } from './member-history-text.ts';
import { memberMessages } from './member-messages.ts';
import { money, NextPage, recordPath, Section } from './member-parts.tsx';

/**
 * The sections of a member's record about what it takes part in: its matches, leads, events, the
 * campaigns its contacts received, and its history. On the record the first rows of each; alone on its
 * own page (`/console/members/:id/<section>`) page after page.
 */

/**
 * What the record loads after itself, by section: its id, title, own page (the matches, which have
 * no next page, are on the page of all five) and how the link to it reads.
 */
export const activityLinks = [
  ['matches', 'matches', 'activity', 'showMatches'],
  ['leads', 'leads', 'leads', 'showLeads'],
  ['events', 'events', 'events', 'showEvents'],
  ['campaigns', 'campaigns', 'campaigns', 'showCampaigns'],
  ['history', 'timeline', 'history', 'showHistory'],
] as const;

/**
 * The sections loaded after the record, in one request (the matches take a Query per topic, each list
 * its own): each section's title with a link to its own page, which is what stays where script does
 * not run. Where it runs, console.js marks the area busy and says it is loading, and brings the links
 * back if the request fails.
 */
export const ActivityPlaceholder: FC<{ id: string; locale: Locale }> = ({ id, locale }) => {
  const m = memberMessages[locale];
  return (
    <div
      id="activity"
      hx-get={`${recordPath(id)}/activity`}
      hx-trigger="load"
      hx-swap="outerHTML"
      data-loading={commonMessages[locale].loading}
    >
      {activityLinks.map(([section, title, page, show]) => (
        <Section id={section} title={m[title]}>
          <p>
            <a href={`${recordPath(id)}/${page}`}>{m[show]}</a>
          </p>
        </Section>
      ))}
    </div>
  );
};

/** The topics a match meets on, each once: what a lead between the two companies may be about. */
const matchTopics = (reasons: ScoredMatch['reasons']) => [
  ...new Set(
    reasons.flatMap((r) =>
      r.type === 'they-seek-what-you-offer' || r.type === 'they-offer-what-you-seek' ? [r.topic] : [],
    ),
  ),
];

/**
 * Opens a lead between the member and a matched company on one of the topics they meet on, its source
 * the match (the leads' own page checks it again, as `POST /v1/leads` does); the lead page next.
 */
const OpenLeadForm: FC<{ memberId: string; match: ScoredMatch; locale: Locale }> = ({
  memberId,
  match,
  locale,
}) => {
  const m = memberMessages[locale];
  const topics = matchTopics(match.reasons);
  const name = companyName(match.company);
  return (
    <form method="post" action={openLeadPath} class="inline">
      <input type="hidden" name="memberId" value={memberId} />
      <input
        type="hidden"
        name={match.company.kind === 'partner' ? 'partnerId' : 'otherMemberId'}
        value={match.company.id}
      />
      {topics.length === 1 ? (
        <input type="hidden" name="topic" value={topics[0]} />
      ) : (
        <select name="topic" aria-label={m.leadTopic(name)}>
          {topics.map((topic) => (
            <option value={topic}>{topicName(topic, locale)}</option>
          ))}
        </select>
      )}
      <button type="submit" class="secondary" aria-label={m.openLeadWith(name)}>
        {m.openLead}
      </button>
    </form>
  );
};

export const MatchesSection: FC<{ memberId: string; matches: ScoredMatch[]; locale: Locale }> = ({
  memberId,
  matches,
  locale,
}) => {
  const m = memberMessages[locale];
  return (
    <Section id="matches" title={m.matches}>
      <ListTable
        count={matches.length}
        empty={m.noMatches}
        columns={[m.company, m.country, m.topic, [m.score, 'number'], m.lead]}
        cards
      >
        {matches.map((match) => (
          <tr>
            <th scope="row">
              <a
                href={
                  match.company.kind === 'member'
                    ? recordPath(match.company.id)
                    : partnerRecordPath(match.company.id)
                }
              >
                {companyName(match.company)}
              </a>{' '}
              <small>({m[`kind_${match.company.kind}`]})</small>
            </th>
            <td data-label={m.country}>{countryName(match.company.country, locale)}</td>
            <td data-label={m.topic}>
              {matchTopics(match.reasons)
                .map((topic) => topicName(topic, locale))
                .join(', ')}
            </td>
            <td class="number" data-label={m.score}>
              {match.score}
            </td>
            <td class="act">
              <OpenLeadForm memberId={memberId} match={match} locale={locale} />
            </td>
          </tr>
        ))}
      </ListTable>
    </Section>
  );
};

export const LeadsSection: FC<{
  leads: LeadSummary[];
  next?: string | undefined;
  /** The UTC date a next action due before is overdue. */
  today: string;
  locale: Locale;
  /** Whose record lists them: a partner's names each lead's member, a member's the other company. */
  of?: 'member' | 'partner';
}> = ({ leads, next, today, locale, of = 'member' }) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  return (
    <Section id="leads" title={m.leads}>
      <ListTable
        count={leads.length}
        empty={m.noLeads}
        columns={[
          m.counterpart,
          m.topic,
          m.stage,
          m.nextAction,
          [m.estimatedValue, 'number'],
          m.lastActivity,
        ]}
        cards
      >
        {leads.map((lead) => (
          <tr>
            <th scope="row">
              {of === 'partner' ? (
                <a href={`/console/leads/${lead.id}`}>{lead.memberName}</a>
              ) : (
                <>
                  <a href={`/console/leads/${lead.id}`}>{companyName(lead.counterpart)}</a>{' '}
                  <small>({countryName(lead.counterpart.country, locale)})</small>
                </>
              )}
            </th>
            <td data-label={m.topic}>{topicName(lead.topic, locale)}</td>
            <td data-label={m.stage}>{stageName(locale, lead.stage)}</td>
            <td data-label={m.nextAction}>
              <NextAction lead={lead} today={today} locale={locale} />
            </td>
            <td class="number" data-label={m.estimatedValue}>
              {lead.estimatedValue ? money(locale, lead.estimatedValue) : none}
            </td>
            <td data-label={m.lastActivity}>{formatDateTime(locale, lead.lastActivityAt)}</td>
          </tr>
        ))}
      </ListTable>
      <NextPage href={next} locale={locale} />
    </Section>
  );
};

/** The events of a member's record or a partner's. */
export const EventsSection: FC<{
  /** Whose events: `registrable` if it may be registered for more (an active member, a partner). */
  company: { kind: 'member' | 'partner'; id: string; registrable: boolean };
  events: { event: EventSummary; participant: Participant }[];
  /** Events it may still be registered for (those it is registered for already are left out here). */
  upcoming: EventSummary[];
  next?: string | undefined;
  locale: Locale;
}> = ({ company, events, upcoming, next, locale }) => {
  const m = memberMessages[locale];
  const registered = new Set(
    events.filter(({ participant }) => participant.status === 'registered').map(({ event }) => event.id),
  );
  const offered = company.registrable ? upcoming.filter((event) => !registered.has(event.id)) : [];
  return (
    <Section id="events" title={m.events}>
      {offered.length > 0 ? (
        <form method="get" action="/console/events/register">
          <input type="hidden" name={company.kind} value={company.id} />
          <label>
            {m.eventToRegister}
            <select name="event">
              {offered.map((event) => (
                <option value={event.id}>
                  {textIn(event.name, locale)} ({eventDates(event, locale)})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">
            {m.registerForEvent}
          </button>
        </form>
      ) : null}
      <ListTable
        count={events.length}
        empty={m.noEvents}
        columns={[m.event, m.dates, m.place, m.eventState, m.participation, m.delegates]}
        cards
      >
        {events.map(({ event, participant }) => (
          <tr>
            <th scope="row">
              <a href={`/console/events/${event.id}`}>{textIn(event.name, locale)}</a>
            </th>
            <td data-label={m.dates}>{eventDates(event, locale)}</td>
            <td data-label={m.place}>{event.online ? m.online : textIn(event.city, locale)}</td>
            <td data-label={m.eventState}>{eventStateLabels[locale][event.state]}</td>
            <td data-label={m.participation}>{m[participant.status]}</td>
            <td data-label={m.delegates}>{participant.delegates.map((d) => d.name).join(', ')}</td>
          </tr>
        ))}
      </ListTable>
      <NextPage href={next} locale={locale} />
    </Section>
  );
};

export const CampaignsSection: FC<{
  member: Member;
  received: { recipient: Recipient; campaign: CampaignName | undefined }[];
  next?: string | undefined;
  locale: Locale;
}> = ({ member, received, next, locale }) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  const contactName = (id: string) => member.contacts.find((c) => c.id === id && !c.erasedAt)?.name ?? none;
  return (
    <Section id="campaigns" title={m.campaigns}>
      <ListTable
        count={received.length}
        empty={m.noCampaigns}
        columns={[m.campaign, m.contact, m.recipientStatus, m.reason, m.sentAt]}
        cards
      >
        {received.map(({ recipient, campaign }) => (
          <tr>
            <th scope="row">
              <a href={`/console/campaigns/${recipient.campaignId}`}>{campaign?.name ?? m.unnamedCampaign}</a>
            </th>
            <td data-label={m.contact}>{contactName(recipient.contactId)}</td>
            <td data-label={m.recipientStatus}>{recipientStatusLabels[locale][recipient.status]}</td>
            <td data-label={m.reason}>{recipient.reason ? m[`reason_${recipient.reason}`] : none}</td>
            <td data-label={m.sentAt}>
              {recipient.sentAt ? formatDateTime(locale, recipient.sentAt) : none}
            </td>
          </tr>
        ))}
      </ListTable>
      <NextPage href={next} locale={locale} />
    </Section>
  );
};

const ChangeList: FC<{ lines: string[] }> = ({ lines }) =>
  lines.length > 0 ? (
    <ul>
      {lines.map((line) => (
        <li>{line}</li>
      ))}
    </ul>
  ) : null;

/** A company's timeline: a member's history, or a partner's (whose actions are a member's few). */
export const TimelineSection: FC<{
  company: Pick<Member, 'contacts'>;
  entries: readonly (Omit<HistoryEntry, 'id' | 'memberId'> | PartnerHistoryEntry)[];
  next?: string | undefined;
  locale: Locale;
  /** The tier table, by whose labels a change of tier reads (a member's). */
  tiers?: readonly Tier[];
  /** The staff users, by whose names the people who made the changes read. */
  roster: Roster;
  /** The member's accounts: a change its own user made reads by the contact the account is for. */
  accounts?: readonly Account[];
  /** An action's word where it is not the member's (a partner's join). */
  actionText?: (action: string) => string | undefined;
  /** A field's name where the member's words have none (a partner's Latin name, say). */
  fieldLabel?: (field: string) => string | undefined;
}> = ({ company, entries, next, locale, tiers = [], roster, accounts = [], actionText, fieldLabel }) => {
  const m = memberMessages[locale];
  const holder = (sub: string) => {
    const account = accounts.find((a) => a.accountId === sub);
    return company.contacts.find((c) => c.id === account?.contactId && !c.erasedAt)?.name;
  };
  return (
    <Section id="history" title={m.timeline}>
      {entries.length === 0 ? (
        <p>{m.noHistory}</p>
      ) : (
        <ol class="timeline">
          {entries.map((entry) => (
            <li>
              <article>
                <header>
                  <time datetime={entry.at}>{formatDateTime(locale, entry.at)}</time> ·{' '}
                  <strong>{actionText?.(entry.action) ?? m[`action_${entry.action}`]}</strong> ·{' '}
                  <Person
                    sub={entry.actor.sub}
                    roster={roster}
                    name={entry.actor.role === 'member' ? holder(entry.actor.sub) : undefined}
                  />{' '}
                  ({roleName(locale, entry.actor.role)})
                </header>
                <ChangeList
                  lines={entry.changes.flatMap(
                    (change) => historyChangeText(company, change, locale, tiers, fieldLabel) ?? [],
                  )}
                />
              </article>
            </li>
          ))}
        </ol>
      )}
      <NextPage href={next} locale={locale} />
    </Section>
  );
};
