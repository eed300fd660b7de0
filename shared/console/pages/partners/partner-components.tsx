import type { Child, FC } from 'hono/jsx';
import type { Partner, PartnerSummary } from '../../../domain/partner-schema.ts';
import type { Topic } from '../../../domain/topics.ts';
import { topics } from '../../../domain/topics.ts';
import { ContactEditActions, ContactNameCell, PhoneCell } from '../../components/contact-cells.tsx';
import { FieldTable } from '../../components/field-table.tsx';
import { FieldError } from '../../components/form-fields.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { NameSearch } from '../../components/name-search.tsx';
import { CountryList, countryListId } from '../../components/place-suggestions.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName } from '../../i18n/domain-labels.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, spokenLanguageName, topicName } from '../../i18n/names.ts';
import { regionLabel } from '../../i18n/region-names.ts';
import { memberMessages } from '../member/member-messages.ts';
import { Section } from '../member/member-parts.tsx';
import { partnerMessages } from './partner-messages.ts';

export const partnersPath = '/console/partners';
/** A contact's form on a partner's record; without `contactId`, the one that adds a contact. */
export const partnerContactPath = (id: string, contactId?: string) =>
  `${partnersPath}/${id}/contacts/${contactId ?? 'new'}`;

/** The filters' form, which the name search is a field of (NameSearch). */
const partnerFilterFormId = 'filters';

/** The name search, among the partners the filters choose: as you type with htmx, or submitted. */
export const PartnerSearchForm: FC<{ locale: Locale; q: string | undefined }> = ({ locale, q }) => {
  const m = partnerMessages[locale];
  return (
    <NameSearch
      path={partnersPath}
      q={q}
      label={m.search}
      button={m.searchButton}
      filters={partnerFilterFormId}
    />
  );
};

/** The facet filters, a GET form with the name search: the URL it opens is the view, to bookmark or share. */
export const PartnerFilterForm: FC<{
  locale: Locale;
  asked: Record<string, string>;
  errors: Map<string, string>;
}> = ({ locale, asked, errors }) => {
  const m = partnerMessages[locale];
  const invalid = (name: string) => ({
    'aria-invalid': errors.has(name) ? 'true' : undefined,
    'aria-describedby': errors.has(name) ? `${name}-error` : undefined,
  });
  const topicSelect = (name: 'sector' | 'topic') => (
    <label>
      {m[name]}
      <select name={name} {...invalid(name)}>
        <option value="">{m.any}</option>
        {topics.map((topic) => (
          <option value={topic} selected={asked[name] === topic}>
            {topicName(topic, locale)}
          </option>
        ))}
      </select>
      <FieldError id={name} error={errors.get(name)} />
    </label>
  );
  return (
    <form method="get" action={partnersPath} id={partnerFilterFormId}>
      <fieldset>
        <legend>{m.filters}</legend>
        <p>
          <small>{m.filterHint}</small>
        </p>
        <div class="filters">
          <label>
            {m.country}
            <input
              type="text"
              name="country"
              value={asked.country ?? ''}
              maxlength={100}
              autocomplete="off"
              list={countryListId}
              {...invalid('country')}
            />
            <FieldError id="country" error={errors.get('country')} />
          </label>
          <CountryList locale={locale} />
          {topicSelect('sector')}
          {topicSelect('topic')}
        </div>
      </fieldset>
      <button type="submit">{m.apply}</button> <a href={partnersPath}>{m.clear}</a>
    </form>
  );
};

const topicList = (locale: Locale, list: readonly Topic[]) =>
  list.length > 0 ? list.map((t) => topicName(t, locale)).join(', ') : commonMessages[locale].none;

/** A page of partners: each name links to its record. */
export const PartnerTable: FC<{ locale: Locale; partners: readonly PartnerSummary[] }> = ({
  locale,
  partners,
}) => {
  const m = memberMessages[locale];
  return (
    <ListTable columns={[m.name, m.country, m.sectors]}>
      {partners.map((partner) => (
        <tr>
          <th scope="row">
            <a href={`${partnersPath}/${partner.id}`}>{partner.name}</a>
            {partner.latinName !== partner.name ? (
              <>
                <br />
                <small lang="en">{partner.latinName}</small>
              </>
            ) : null}
          </th>
          <td>{countryName(partner.country, locale)}</td>
          <td>{topicList(locale, partner.sectors)}</td>
        </tr>
      ))}
    </ListTable>
  );
};

/** The partner itself: who it is, where, in what, and what staff note of it. */
export const PartnerProfileSection: FC<{
  partner: Partner;
  memberName?: string | undefined;
  locale: Locale;
}> = ({ partner, memberName, locale }) => {
  const m = memberMessages[locale];
  const p = partnerMessages[locale];
  const common = commonMessages[locale];
  const none = common.none;
  const rows: [string, Child][] = [
    [m.name, partner.name],
    [p.latinName, partner.latinName],
    [m.country, countryName(partner.country, locale)],
    [m.region, partner.region ? regionLabel(partner.region, locale) : none],
    [m.taxId, partner.taxId ?? none],
    [m.sectors, topicList(locale, partner.sectors)],
    [
      m.targetMarkets,
      partner.targetMarkets.length > 0
        ? partner.targetMarkets.map((c) => countryName(c, locale)).join(', ')
        : none,
    ],
    [m.languages, partner.languages.map((l) => spokenLanguageName(l, locale)).join(', ') || none],
    [m.website, partner.website ? <a href={partner.website}>{partner.website}</a> : none],
    [m.description, partner.description ?? none],
    [m.matchmakingVisible, partner.matchmakingVisible ? common.yes : common.no],
    [p.notes, partner.notes ?? none],
    ...(partner.joinedAs
      ? [
          [
            p.joinedAs,
            <a href={`/console/members/${partner.joinedAs}`}>{memberName ?? partner.joinedAs}</a>,
          ] as [string, Child],
        ]
      : []),
    ...(partner.erasedAt ? [[m.erasedAt, formatDateTime(locale, partner.erasedAt)] as [string, Child]] : []),
    [m.updatedAt, `${formatDateTime(locale, partner.updatedAt)} (${m.version} ${partner.version})`],
  ];
  return (
    <Section id="profile" title={m.profile}>
      <FieldTable rows={rows} />
    </Section>
  );
};

/**
 * Its contacts, with what they agreed to be sent; an erased one as the line that it was. `editable`:
 * each links to its form, and one more is added from here (not for a partner that joined).
 */
export const PartnerContactsSection: FC<{ partner: Partner; editable: boolean; locale: Locale }> = ({
  partner,
  editable,
  locale,
}) => {
  const m = memberMessages[locale];
  const consentLine = (contact: Partner['contacts'][number], purpose: 'outreach' | 'news') => {
    const record = contact.consent[purpose];
    return <li>{record.granted ? m.consentGiven(m[purpose]) : m.consentNotGiven(m[purpose])}</li>;
  };
  return (
    <Section id="contacts" title={m.contacts}>
      <ListTable
        count={partner.contacts.length}
        empty={m.noContacts}
        columns={[m.contactName, m.email, m.phone, m.language, m.consent, ...(editable ? [''] : [])]}
        cards
      >
        {partner.contacts.map((contact) =>
          contact.erasedAt ? (
            <tr>
              <td colspan={editable ? 6 : 5}>
                {m.erased} ({formatDateTime(locale, contact.erasedAt)})
              </td>
            </tr>
          ) : (
            <tr>
              <ContactNameCell contact={contact} />
              <td data-label={m.email}>{contact.email}</td>
              <PhoneCell phone={contact.phone} locale={locale} />
              <td data-label={m.language}>{languageName(locale, contact.language)}</td>
              <td data-label={m.consent}>
                <ul>
                  {consentLine(contact, 'outreach')}
                  {consentLine(contact, 'news')}
                </ul>
              </td>
              {editable ? (
                <td class="act">
                  <ContactEditActions
                    recordHref={`${partnersPath}/${partner.id}`}
                    contact={contact}
                    version={partner.version}
                    locale={locale}
                  />
                </td>
              ) : null}
            </tr>
          ),
        )}
      </ListTable>
      {editable ? (
        <p>
          <a href={partnerContactPath(partner.id)}>{m.addContact}</a>
        </p>
      ) : null}
    </Section>
  );
};
