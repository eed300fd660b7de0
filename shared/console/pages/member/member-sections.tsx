import type { Child, FC } from 'hono/jsx';
import type { Member } from '../../../domain/member-schema.ts';
import type { Tier } from '../../../domain/tiers.ts';
import type { Topic } from '../../../domain/topics.ts';
import type { AccountView } from '../../../members/account-service.ts';
import { ContactEditActions, ContactNameCell, PhoneCell } from '../../components/contact-cells.tsx';
import { FieldTable } from '../../components/field-table.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { Person } from '../../components/person.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName, tierName } from '../../i18n/domain-labels.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, spokenLanguageName, topicName } from '../../i18n/names.ts';
import { regionLabel } from '../../i18n/region-names.ts';
import type { Roster } from '../../staff-roster.ts';
import { erasurePath } from '../route-patterns.ts';
import { memberMessages } from './member-messages.ts';
import { money, recordPath, Section } from './member-parts.tsx';

/**
 * The sections of a member's record about the member itself: its profile, tier basis, contacts,
 * accounts, and what it offers and seeks. Each a `<section>` with its `<h2>`.
 */

const topics = (locale: Locale, list: readonly Topic[]) =>
  list.length > 0 ? list.map((t) => topicName(t, locale)).join(', ') : commonMessages[locale].none;

/** `erasable`: the reader is an admin, whom the profile offers the member's erasure. */
export const ProfileSection: FC<{ member: Member; erasable: boolean; locale: Locale }> = ({
  member,
  erasable,
  locale,
}) => {
  const m = memberMessages[locale];
  const none = commonMessages[locale].none;
  const rows: [string, Child][] = [
    [m.name, member.name],
    [m.country, countryName(member.country, locale)],
    [m.region, member.region ? regionLabel(member.region, locale) : none],
    [m.taxId, member.taxId],
    [m.status, m[member.status]],
    [m.sectors, topics(locale, member.sectors)],
    [m.interests, topics(locale, member.interests)],
    [
      m.targetMarkets,
      member.targetMarkets.length > 0
        ? member.targetMarkets.map((c) => countryName(c, locale)).join(', ')
        : none,
    ],
    [m.languages, member.languages.map((l) => spokenLanguageName(l, locale)).join(', ')],
    [m.website, member.website ? <a href={member.website}>{member.website}</a> : none],
    [m.description, member.description ?? none],
    [m.joinedOn, formatDate(locale, member.joinedOn)],
    ...(member.resignedOn ? [[m.resignedOn, formatDate(locale, member.resignedOn)] as [string, Child]] : []),
    [m.declaredRevenue, member.declaredRevenue ? money(locale, member.declaredRevenue) : none],
    [
      m.matchmakingVisible,
      member.matchmakingVisible ? commonMessages[locale].yes : commonMessages[locale].no,
    ],
    ...(member.erasedAt ? [[m.erasedAt, formatDateTime(locale, member.erasedAt)] as [string, Child]] : []),
    [m.updatedAt, `${formatDateTime(locale, member.updatedAt)} (${m.version} ${member.version})`],
  ];
  return (
    <Section id="profile" title={m.profile}>
      <FieldTable rows={rows} />
      <p>
        <a href={`${recordPath(member.id)}/profile`}>{m.editProfile}</a>
        {erasable ? (
          <>
            {' · '}
            <a href={erasurePath('members', member.id)}>{m.erasePersonalData}</a>
          </>
        ) : null}
      </p>
    </Section>
  );
};

export const TierSection: FC<{ member: Member; tier: Tier | undefined; roster: Roster; locale: Locale }> = ({
  member,
  tier,
  roster,
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
            <td>{member.tier === null ? none : tierName(member.tier, locale, tier ? [tier] : [])}</td>
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
            <td>
              {member.revenueVerifiedBy ? <Person sub={member.revenueVerifiedBy} roster={roster} /> : none}
            </td>
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
      <ListTable
        count={member.contacts.length}
        empty={m.noContacts}
        columns={[m.contactName, m.email, m.emailStatus, m.phone, m.language, m.consent, m.actions]}
        cards
      >
        {member.contacts.map((contact) =>
          contact.erasedAt ? (
            <tr>
              <td colspan={7}>
                {m.erased} ({formatDateTime(locale, contact.erasedAt)})
              </td>
            </tr>
          ) : (
            <tr id={`contact-${contact.id}`}>
              <ContactNameCell contact={contact} />
              <td data-label={m.email}>{contact.email}</td>
              <td data-label={m.emailStatus}>{contact.emailStatus ? m[contact.emailStatus] : common.none}</td>
              <PhoneCell phone={contact.phone} locale={locale} />
              <td data-label={m.language}>{languageName(locale, contact.language)}</td>
              <td data-label={m.consent}>
                <ul>
                  {consentLine(contact, 'outreach')}
                  {consentLine(contact, 'news')}
                </ul>
              </td>
              <td class="act">
                <ContactEditActions
                  recordHref={recordPath(member.id)}
                  contact={contact}
                  version={member.version}
                  locale={locale}
                />
                {contact.emailStatus === 'verified' &&
                member.status !== 'resigned' &&
                !hasAccount(contact.id) ? (
                  <form method="post" action={`${recordPath(member.id)}/contacts/${contact.id}/invitation`}>
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
      </ListTable>
      <p>
        <a href={`${recordPath(member.id)}/contacts/new`}>{m.addContact}</a>
      </p>
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
      <ListTable
        count={accounts.length}
        empty={m.noAccounts}
        columns={[
          m.accountEmail,
          m.accountContact,
          m.accountState,
          m.invitedAt,
          m.activatedAt,
          m.lastSignIn,
          m.revoke,
        ]}
        cards
      >
        {accounts.map((account) => (
          <tr>
            <th scope="row">{account.email}</th>
            <td data-label={m.accountContact}>{contactName(account.contactId)}</td>
            <td data-label={m.accountState}>{stateLabel[account.state]}</td>
            <td data-label={m.invitedAt}>{formatDateTime(locale, account.invitedAt)}</td>
            <td data-label={m.activatedAt}>
              {account.activatedAt ? formatDateTime(locale, account.activatedAt) : none}
            </td>
            <td data-label={m.lastSignIn}>
              {account.lastSignInAt ? formatDateTime(locale, account.lastSignInAt) : none}
            </td>
            <td class="act">
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
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={m.revokeAccount(account.email)}
                    data-confirm={m.confirmRevoke(contactName(account.contactId), account.email)}
                  >
                    {m.revoke}
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
    </Section>
  );
};

/** What a company offers and seeks, by topic (what matching reads): a member's, or a partner's. */
export const OffersNeedsSection: FC<{
  company: Pick<Member, 'offers' | 'needs'>;
  /** Where they are changed, if here. */
  editHref?: string | undefined;
  locale: Locale;
}> = ({ company, editHref, locale }) => {
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
              <strong>{topicName(entry.topic, locale)}</strong>: {entry.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return (
    <Section id="offers" title={m.offersNeeds}>
      {list(m.offers, company.offers)}
      {list(m.needs, company.needs)}
      {editHref ? (
        <p>
          <a href={editHref}>{m.editOffers}</a>
        </p>
      ) : null}
    </Section>
  );
};
