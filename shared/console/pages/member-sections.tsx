import type { FC } from 'hono/jsx';
import type { CampaignName } from '../../campaigns/member-recipients.ts';
import type { Recipient } from '../../campaigns/recipient.ts';
import type { Member } from '../../domain/member-schema.ts';
import type { Tier } from '../../domain/tiers.ts';
import type { Topic } from '../../domain/topics.ts';
import type { Participant } from '../../events/event-record-schema.ts';
import type { EventSummary } from '../../events/event-schema.ts';
import type { LeadSummary } from '../../leads/lead-schema.ts';
import type { ScoredMatch } from '../../matching/match-score.ts';
import type { AccountView } from '../../members/account-service.ts';
import type { HistoryEntry } from '../../members/history-entry.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { countryName, topicLabel } from './directory-view.ts';
import { companyName, eventNameIn } from './event-parts.tsx';
import { historyChangeText } from './member-history-text.ts';
import { memberMessages } from './member-messages.ts';

/**
 * The sections of a member's record, each a `<section>` with its `<h2>`: on the record page together,
 * and each alone on its own page (`/console/members/:id/<section>`) with the next page of its list.
 */

export const recordPath = (id: string) => `/console/members/${id}`;

type Money = { amount: number; currency: string };
const money = (locale: Locale, value: Money) =>
  formatMoney(locale, value as Parameters<typeof formatMoney>[1]);

const Section: FC<{ id: string; title: string; children?: unknown }> = ({ id, title, children }) => (
  <section id={id} aria-labelledby={`${id}-title`}>
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);

const NextPage: FC<{ href: string | undefined; locale: Locale }> = ({ href, locale }) =>
  href ? (
    <p>
      <a href={href}>{memberMessages[locale].morePages}</a>
    </p>
  ) : null;

const topics = (locale: Locale, list: readonly Topic[]) =>
  list.length > 0 ? list.map((t) => topicLabel(locale, t)).join(', ') : commonMessages[locale].none;

export const ProfileSection: FC<{ member: Member; locale: Locale }> = ({ member, locale }) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  const rows: [string, unknown][] = [
    [m.name, member.name],
    [m.country, countryName(locale, member.country)],
    [m.region, member.region ?? none],
    [m.taxId, member.taxId],
    [m.status, m[member.status]],
    [m.sectors, topics(locale, member.sectors)],
    [m.interests, topics(locale, member.interests)],
    [
      m.targetMarkets,
      member.targetMarkets.length > 0
        ? member.targetMarkets.map((c) => countryName(locale, c)).join(', ')
        : none,
    ],
    [m.languages, member.languages.join(', ')],
    [m.website, member.website ? <a href={member.website}>{member.website}</a> : none],
    [m.description, member.description ?? none],
    [m.joinedOn, formatDate(locale, member.joinedOn)],
    ...(member.resignedOn
      ? [[m.resignedOn, formatDate(locale, member.resignedOn)] as [string, unknown]]
      : []),
    [m.declaredRevenue, member.declaredRevenue ? money(locale, member.declaredRevenue) : none],
    [
      m.matchmakingVisible,
      member.matchmakingVisible ? commonMessages[locale].yes : commonMessages[locale].no,
    ],
    ...(member.erasedAt ? [[m.erasedAt, formatDateTime(locale, member.erasedAt)] as [string, unknown]] : []),
    [m.updatedAt, `${formatDateTime(locale, member.updatedAt)} (${m.version} ${member.version})`],
  ];
  return (
    <Section id="profile" title={m.profile}>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`${recordPath(member.id)}/profile`}>{m.editProfile}</a>
      </p>
    </Section>
  );
};

export const TierSection: FC<{ member: Member; tier: Tier | undefined; locale: Locale }> = ({
  member,
  tier,
  locale,
}) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  return (
    <Section id="tier" title={m.tierTitle}>
      {member.tier === null ? <p>{m.unassessed}</p> : null}
      <table>
        <tbody>
          <tr>
            <th scope="row">{m.tier}</th>
            <td>{member.tier === null ? none : tier ? `${tier.label} (${member.tier})` : member.tier}</td>
          </tr>
          <tr>
            <th scope="row">{m.verifiedRevenue}</th>
            <td>{member.verifiedRevenue ? money(locale, member.verifiedRevenue) : none}</td>
          </tr>
          <tr>
            <th scope="row">{m.tierRevenue}</th>
            <td>{member.tierRevenue ? money(locale, member.tierRevenue) : none}</td>
          </tr>
          <tr>
            <th scope="row">{m.revenueVerifiedAt}</th>
            <td>{member.revenueVerifiedAt ? formatDateTime(locale, member.revenueVerifiedAt) : none}</td>
          </tr>
          <tr>
            <th scope="row">{m.revenueVerifiedBy}</th>
            <td>{member.revenueVerifiedBy ? <code>{member.revenueVerifiedBy}</code> : none}</td>
          </tr>
          <tr>
            <th scope="row">{m.annualDues}</th>
            <td>{tier ? money(locale, tier.annualDues) : none}</td>
          </tr>
        </tbody>
      </table>
    </Section>
  );
};

export const ContactsSection: FC<{ member: Member; accounts: AccountView[]; locale: Locale }> = ({
  member,
  accounts,
  locale,
}) => {
  const m = memberMessages[locale];
  const common = commonMessages[locale];
  const consentLine = (contact: Member['contacts'][number], purpose: 'outreach' | 'news') => {
    const record = contact.consent[purpose];
    const label = record.granted ? m.consentGiven(m[purpose]) : m.consentNotGiven(m[purpose]);
    return (
      <li>
        {label}{' '}
        <small>{m.consentRecorded(formatDateTime(locale, record.at), m[`source_${record.source}`])}</small>
      </li>
    );
  };
  const hasAccount = (contactId: string) =>
    accounts.some((a) => a.contactId === contactId && a.state === 'active');
  return (
    <Section id="contacts" title={m.contacts}>
      {member.contacts.length === 0 ? (
        <p>{m.noContacts}</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.contactName}</th>
                <th scope="col">{m.email}</th>
                <th scope="col">{m.emailStatus}</th>
                <th scope="col">{m.phone}</th>
                <th scope="col">{m.language}</th>
                <th scope="col">{m.consent}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {member.contacts.map((contact) =>
                contact.erasedAt ? (
                  <tr>
                    <td colspan={7}>
                      {m.erased} ({formatDateTime(locale, contact.erasedAt)})
                    </td>
                  </tr>
                ) : (
                  <tr id={`contact-${contact.id}`}>
                    <td>
                      {contact.name}
                      {contact.position ? (
                        <>
                          <br />
                          <small>{contact.position}</small>
                        </>
                      ) : null}
                    </td>
                    <td>{contact.email}</td>
                    <td>{contact.emailStatus ? m[contact.emailStatus] : common.none}</td>
                    <td>{contact.phone ?? common.none}</td>
                    <td>{contact.language}</td>
                    <td>
                      <ul>
                        {consentLine(contact, 'outreach')}
                        {consentLine(contact, 'news')}
                      </ul>
                    </td>
                    <td>
                      <a
                        href={`${recordPath(member.id)}/contacts/${contact.id}`}
                        aria-label={m.editContactOf(contact.name)}
                      >
                        {m.edit}
                      </a>
                      {contact.emailStatus === 'verified' &&
                      member.status !== 'resigned' &&
                      !hasAccount(contact.id) ? (
                        <form
                          method="post"
                          action={`${recordPath(member.id)}/contacts/${contact.id}/invitation`}
                        >
                          <button
                            type="submit"
                            class="secondary outline"
                            aria-label={m.inviteContact(contact.name)}
                          >
                            {m.invite}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
};

export const AccountsSection: FC<{ member: Member; accounts: AccountView[]; locale: Locale }> = ({
  member,
  accounts,
  locale,
}) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  const contactName = (id: string) => member.contacts.find((c) => c.id === id)?.name ?? none;
  const stateLabel = { invited: m.invited, active: m.activeAccount, disabled: m.disabled } as const;
  return (
    <Section id="accounts" title={m.accounts}>
      {accounts.length === 0 ? (
        <p>{m.noAccounts}</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.accountEmail}</th>
                <th scope="col">{m.accountContact}</th>
                <th scope="col">{m.accountState}</th>
                <th scope="col">{m.invitedAt}</th>
                <th scope="col">{m.activatedAt}</th>
                <th scope="col">{m.lastSignIn}</th>
                <th scope="col">{m.revoke}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr>
                  <td>{account.email}</td>
                  <td>{contactName(account.contactId)}</td>
                  <td>{stateLabel[account.state]}</td>
                  <td>{formatDateTime(locale, account.invitedAt)}</td>
                  <td>{account.activatedAt ? formatDateTime(locale, account.activatedAt) : none}</td>
                  <td>{account.lastSignInAt ? formatDateTime(locale, account.lastSignInAt) : none}</td>
                  <td>
                    {account.state === 'disabled' ? (
                      account.disabledAt ? (
                        formatDateTime(locale, account.disabledAt)
                      ) : (
                        none
                      )
                    ) : (
                      <form
                        method="post"
                        action={`${recordPath(member.id)}/accounts/${encodeURIComponent(account.accountId)}/revoke`}
                      >
                        <button type="submit" class="secondary" aria-label={m.revokeAccount(account.email)}>
                          {m.revoke}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
};

export const OffersNeedsSection: FC<{ member: Member; locale: Locale }> = ({ member, locale }) => {
  const m = memberMessages[locale];
  const list = (title: string, entries: Member['offers']) => (
    <>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p>{m.nothing}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <li>
              <strong>{topicLabel(locale, entry.topic)}</strong>: {entry.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return (
    <Section id="offers" title={m.offersNeeds}>
      {list(m.offers, member.offers)}
      {list(m.needs, member.needs)}
    </Section>
  );
};

/** Loaded after the page (one Query per topic): a link where script does not run. */
export const MatchesPlaceholder: FC<{ id: string; locale: Locale }> = ({ id, locale }) => {
  const m = memberMessages[locale];
  return (
    <section
      id="matches"
      aria-labelledby="matches-title"
      hx-get={`${recordPath(id)}/matches`}
      hx-trigger="load"
      hx-swap="outerHTML"
      aria-busy="true"
    >
      <h2 id="matches-title">{m.matches}</h2>
      <p>
        <a href={`${recordPath(id)}/matches`}>{m.showMatches}</a>
      </p>
    </section>
  );
};

export const MatchesSection: FC<{ matches: ScoredMatch[]; locale: Locale }> = ({ matches, locale }) => {
  const m = memberMessages[locale];
  return (
    <Section id="matches" title={m.matches}>
      {matches.length === 0 ? (
        <p>{m.noMatches}</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.company}</th>
                <th scope="col">{m.country}</th>
                <th scope="col">{m.topic}</th>
                <th scope="col" class="number">
                  {m.score}
                </th>
              </tr>
            </thead>
            <tbody>
              {matches.map(({ company, score, reasons }) => (
                <tr>
                  <td>
                    {company.kind === 'member' ? (
                      <a href={recordPath(company.id)}>{companyName(company)}</a>
                    ) : (
                      companyName(company)
                    )}{' '}
                    <small>({m[`kind_${company.kind}`]})</small>
                  </td>
                  <td>{countryName(locale, company.country)}</td>
                  <td>
                    {[
                      ...new Set(
                        reasons.flatMap((r) =>
                          r.type === 'they-seek-what-you-offer' || r.type === 'they-offer-what-you-seek'
                            ? [topicLabel(locale, r.topic)]
                            : [],
                        ),
                      ),
                    ].join(', ')}
                  </td>
                  <td class="number">{score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
};

export const LeadsSection: FC<{ leads: LeadSummary[]; next?: string | undefined; locale: Locale }> = ({
  leads,
  next,
  locale,
}) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  return (
    <Section id="leads" title={m.leads}>
      {leads.length === 0 ? (
        <p>{m.noLeads}</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.counterpart}</th>
                <th scope="col">{m.topic}</th>
                <th scope="col">{m.stage}</th>
                <th scope="col">{m.nextAction}</th>
                <th scope="col" class="number">
                  {m.estimatedValue}
                </th>
                <th scope="col">{m.lastActivity}</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((lead) => (
                <tr>
                  <td>
                    <a href={`/console/leads/${lead.id}`}>{companyName(lead.counterpart)}</a>{' '}
                    <small>({countryName(locale, lead.counterpart.country)})</small>
                  </td>
                  <td>{topicLabel(locale, lead.topic)}</td>
                  <td>{m[`stage_${lead.stage}`]}</td>
                  <td>
                    {lead.nextAction
                      ? `${lead.nextAction.text} (${formatDate(locale, lead.nextAction.due)})`
                      : none}
                  </td>
                  <td class="number">{lead.estimatedValue ? money(locale, lead.estimatedValue) : none}</td>
                  <td>{formatDateTime(locale, lead.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NextPage href={next} locale={locale} />
    </Section>
  );
};

export const EventsSection: FC<{
  events: { event: EventSummary; participant: Participant }[];
  next?: string | undefined;
  locale: Locale;
}> = ({ events, next, locale }) => {
  const m = memberMessages[locale];
  return (
    <Section id="events" title={m.events}>
      {events.length === 0 ? (
        <p>{m.noEvents}</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.event}</th>
                <th scope="col">{m.dates}</th>
                <th scope="col">{m.place}</th>
                <th scope="col">{m.eventState}</th>
                <th scope="col">{m.participation}</th>
                <th scope="col">{m.delegates}</th>
              </tr>
            </thead>
            <tbody>
              {events.map(({ event, participant }) => (
                <tr>
                  <td>
                    <a href={`/console/events/${event.id}`}>{eventNameIn(event.name, locale)}</a>
                  </td>
                  <td>
                    {event.firstDay === event.lastDay
                      ? formatDate(locale, event.firstDay)
                      : `${formatDate(locale, event.firstDay)} – ${formatDate(locale, event.lastDay)}`}
                  </td>
                  <td>{event.online ? m.online : event.city}</td>
                  <td>{m[`event_${event.state}`]}</td>
                  <td>{m[participant.status]}</td>
                  <td>{participant.delegates.map((d) => d.name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
      {received.length === 0 ? (
        <p>{m.noCampaigns}</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.campaign}</th>
                <th scope="col">{m.contact}</th>
                <th scope="col">{m.recipientStatus}</th>
                <th scope="col">{m.reason}</th>
                <th scope="col">{m.sentAt}</th>
              </tr>
            </thead>
            <tbody>
              {received.map(({ recipient, campaign }) => (
                <tr>
                  <td>
                    <a href={`/console/campaigns/${recipient.campaignId}`}>
                      {campaign?.name ?? m.unnamedCampaign}
                    </a>
                  </td>
                  <td>{contactName(recipient.contactId)}</td>
                  <td>{m[`recipient_${recipient.status}`]}</td>
                  <td>{recipient.reason ? m[`reason_${recipient.reason}`] : none}</td>
                  <td>{recipient.sentAt ? formatDateTime(locale, recipient.sentAt) : none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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

export const TimelineSection: FC<{
  member: Member;
  entries: HistoryEntry[];
  next?: string | undefined;
  locale: Locale;
}> = ({ member, entries, next, locale }) => {
  const m = memberMessages[locale];
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
                  <strong>{m[`action_${entry.action}`]}</strong> · <code>{entry.actor.sub}</code> (
                  {m[`role_${entry.actor.role}`]})
                </header>
                <ChangeList
                  lines={entry.changes.flatMap((change) => historyChangeText(member, change, locale) ?? [])}
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
