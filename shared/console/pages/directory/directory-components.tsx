import type { FC } from 'hono/jsx';
import { type MemberSummary, memberStatuses } from '../../../domain/member-schema.ts';
import { regionMerger } from '../../../domain/region-codes.ts';
import { type Tier, unassessedTier } from '../../../domain/tiers.ts';
import { topics } from '../../../domain/topics.ts';
import { FieldError } from '../../components/form-fields.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { NameSearch } from '../../components/name-search.tsx';
import { CountryList, countryListId, RegionList, regionListId } from '../../components/place-suggestions.tsx';
import type { SavedView } from '../../console-user-repository.ts';
import { tierName } from '../../i18n/domain-labels.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { regionName, regionsNamed } from '../../i18n/region-names.ts';
import { directoryMessages } from './directory-messages.ts';
import { statusLabel } from './directory-view.ts';

/**
 * What a region filter lists beside its own code since Vietnam's 2025 merger: the provinces merged
 * into it, or, for one merged into another, only itself, with a link to the whole it is part of now.
 */
export const RegionNote: FC<{ region: string; query: string; locale: Locale }> = ({
  region,
  query,
  locale,
}) => {
  const m = directoryMessages[locale];
  const merger = regionMerger(region);
  if (!merger) return null;
  const name = regionName(region, locale);
  if ('partOf' in merger) {
    const whole = merger.partOf;
    const params = new URLSearchParams(query);
    params.set('region', whole);
    return (
      <p>
        <small>
          {m.partOf(name, regionName(whole, locale))}{' '}
          <a href={`/console/members?${params}`}>{m.wholeList(regionName(whole, locale))}</a>
        </small>
      </p>
    );
  }
  return (
    <p>
      <small>{m.takesIn(name, regionsNamed(merger.takesIn, locale))}</small>
    </p>
  );
};

/** Statuses a bulk action may set: resigning is an admin's DELETE of one member, never a bulk change. */
export const bulkStatuses = ['active', 'suspended'] as const;

/** The filters' form, which the name search is a field of (NameSearch). */
const filterFormId = 'filters';

/** The name search, among the members the filters choose: as you type with htmx, or submitted. */
export const SearchForm: FC<{ locale: Locale; q: string | undefined }> = ({ locale, q }) => {
  const m = directoryMessages[locale];
  return (
    <NameSearch
      path="/console/members"
      q={q}
      label={m.search}
      button={m.searchButton}
      filters={filterFormId}
    />
  );
};

/**
 * The facet filters, a GET form with the name search: the URL it opens is the view, to bookmark, share
 * or save.
 */
export const FilterForm: FC<{
  locale: Locale;
  asked: Record<string, string>;
  tiers: readonly Tier[];
  errors: Map<string, string>;
}> = ({ locale, asked, tiers, errors }) => {
  const m = directoryMessages[locale];
  const select = (name: 'tier' | 'sector' | 'interest' | 'status', options: [string, string][]) => (
    <label>
      {m[name]}
      <select
        name={name}
        aria-invalid={errors.has(name) ? 'true' : undefined}
        aria-describedby={errors.has(name) ? `${name}-error` : undefined}
      >
        <option value="">{m.any}</option>
        {options.map(([value, label]) => (
          <option value={value} selected={asked[name] === value}>
            {label}
          </option>
        ))}
      </select>
      <FieldError id={name} error={errors.get(name)} />
    </label>
  );
  // A code, or a name to be read as one (directory-view.ts): room for the longest subdivision's name.
  const place = (name: 'country' | 'region') => (
    <label>
      {name === 'country' ? m.countryCode : m.regionCode}
      <input
        type="text"
        name={name}
        value={asked[name] ?? ''}
        maxlength={100}
        autocomplete="off"
        list={name === 'region' ? regionListId : countryListId}
        aria-invalid={errors.has(name) ? 'true' : undefined}
        aria-describedby={errors.has(name) ? `${name}-error` : undefined}
      />
      <FieldError id={name} error={errors.get(name)} />
    </label>
  );
  const topicOptions = topics.map((t): [string, string] => [t, topicName(t, locale)]);
  return (
    <form method="get" action="/console/members" id={filterFormId}>
      <fieldset>
        <legend>{m.filters}</legend>
        <p>
          <small>{m.filterHint}</small>
        </p>
        <div class="filters">
          {select(
            'tier',
            [...tiers.map((t) => t.name), unassessedTier].map((t) => [t, tierName(t, locale, tiers)]),
          )}
          {select('sector', topicOptions)}
          {select('interest', topicOptions)}
          {place('country')}
          {place('region')}
          <CountryList locale={locale} />
          <RegionList locale={locale} />
          {select(
            'status',
            memberStatuses.map((s) => [s, statusLabel(m, s)]),
          )}
        </div>
      </fieldset>
      <button type="submit">{m.apply}</button> <a href="/console/members">{m.clear}</a>
    </form>
  );
};

/** The page of members with a checkbox each, inside the bulk actions' form. */
export const MemberTable: FC<{
  locale: Locale;
  members: readonly MemberSummary[];
  tiers: readonly Tier[];
  returnTo: string;
}> = ({ locale, members, tiers, returnTo }) => {
  const m = directoryMessages[locale];
  return (
    <form method="post" action="/console/members/bulk">
      <input type="hidden" name="return" value={returnTo} />
      <ListTable columns={[m.select, m.name, m.country, m.tier, m.status, m.sectors]} cards>
        {members.map((member) => (
          <tr>
            <td class="pick">
              <input type="checkbox" name="id" value={member.id} aria-label={m.selectMember(member.name)} />
            </td>
            <th scope="row">
              <a href={`/console/members/${member.id}`}>{member.name}</a>
            </th>
            <td data-label={m.country}>{countryName(member.country, locale)}</td>
            <td data-label={m.tier}>{tierName(member.tier, locale, tiers)}</td>
            <td data-label={m.status}>{statusLabel(m, member.status)}</td>
            <td data-label={m.sectors}>{member.sectors.map((s) => topicName(s, locale)).join(', ')}</td>
          </tr>
        ))}
      </ListTable>
      <fieldset role="group" class="bulk-actions">
        <legend>{m.bulk}</legend>
        <select name="status" aria-label={m.changeStatusTo}>
          {bulkStatuses.map((s) => (
            <option value={s}>{statusLabel(m, s)}</option>
          ))}
        </select>
        <button type="submit" name="action" value="status">
          {m.changeStatus}
        </button>
        <button type="submit" name="action" value="export" class="secondary">
          {m.exportSelected}
        </button>
      </fieldset>
    </form>
  );
};

/** The user's saved views of the directory, each a link to its URL, and the form that saves this one. */
export const SavedViews: FC<{ locale: Locale; views: readonly SavedView[]; query: string | undefined }> = ({
  locale,
  views,
  query,
}) => {
  const m = directoryMessages[locale];
  return (
    <section aria-labelledby="views-title">
      <h2 id="views-title">{m.views}</h2>
      {views.length === 0 ? (
        <p>{m.noViews}</p>
      ) : (
        <ul>
          {views.map((view) => (
            <li>
              <a href={view.query ? `/console/members?${view.query}` : '/console/members'}>{view.name}</a>{' '}
              <form method="post" action={`/console/members/views/${view.viewId}/delete`} class="inline">
                <button type="submit" class="secondary outline">
                  {m.deleteView(view.name)}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {query !== undefined ? (
        <form method="post" action="/console/members/views">
          <input type="hidden" name="query" value={query} />
          <fieldset role="group">
            <input
              type="text"
              name="name"
              required
              maxlength={100}
              aria-label={m.viewName}
              placeholder={m.viewName}
            />
            <button type="submit">{m.saveView}</button>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
};
