import type { FC } from 'hono/jsx';
import { auditActions } from '../../../audit/audit-log.ts';
import type { AuditFilter } from '../../../audit/audit-month.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Roster } from '../../staff-roster.ts';
import { rosterCheckActor } from '../../staff-roster-check.ts';
import { auditMessages } from './audit-messages.ts';

type AuditText = (typeof auditMessages)[Locale];

/** The longest user id a URL may filter by: a token's subject is far shorter. */
const maxSubLength = 128;

/** The filter a page's query asks for: an action the log knows, a user id; anything else: all. */
export function auditFilterOf(query: { action?: string | undefined; who?: string | undefined }): AuditFilter {
  const who = query.who?.trim();
  return {
    action: auditActions.find((action) => action === query.action),
    actorSub: who && who.length <= maxSubLength ? who : undefined,
  };
}

/** The page of a month, filter and cursor, in the form's own fields: a view is a link. */
export function auditPath(month: string, filter: AuditFilter, cursor?: string): string {
  const query = new URLSearchParams({ month });
  if (filter.action) query.set('action', filter.action);
  if (filter.actorSub) query.set('who', filter.actorSub);
  if (cursor) query.set('cursor', cursor);
  return `/console/audit?${query}`;
}

/** Who acted, by name: the daily check by what it is, staff by the roster's name, anyone else by id. */
export const actorName = (m: AuditText, roster: Roster, sub: string): string =>
  sub === rosterCheckActor.sub ? m.rosterCheck : roster.nameOf(sub);

/**
 * Whom the log can be filtered by: everyone who has signed in (those who left, said so), the daily
 * check, and an id the URL asked for that neither is (an API client's), so the form keeps it.
 */
function personChoices(m: AuditText, roster: Roster, chosen: string | undefined): [string, string][] {
  const choices = roster.users.map((user): [string, string] => [
    user.sub,
    user.leftAt === undefined ? user.name : m.formerStaff(user.name),
  ]);
  choices.push([rosterCheckActor.sub, m.rosterCheck]);
  if (chosen && !choices.some(([sub]) => sub === chosen)) choices.push([chosen, chosen]);
  return choices;
}

/** One of the form's choices: everything (its empty value) first, then each option by its name. */
const FilterSelect: FC<{
  label: string;
  name: string;
  all: string;
  chosen: string | undefined;
  options: readonly (readonly [value: string, name: string])[];
}> = ({ label, name, all, chosen, options }) => (
  <label>
    {label}
    <select name={name}>
      <option value="" selected={!chosen}>
        {all}
      </option>
      {options.map(([value, text]) => (
        <option value={value} selected={value === chosen}>
          {text}
        </option>
      ))}
    </select>
  </label>
);

/** What the filter's form and its summary are drawn from. */
interface AuditFilterProps {
  locale: Locale;
  month: string;
  filter: AuditFilter;
  roster: Roster;
}

/** The month, action and person, as a plain GET form: the choices are the URL's query. */
export const AuditFilterForm: FC<AuditFilterProps> = ({ locale, month, filter, roster }) => {
  const m = auditMessages[locale];
  return (
    <form method="get" action="/console/audit" class="filters">
      <label>
        {m.month}
        <input type="month" name="month" value={month} />
      </label>
      <FilterSelect
        label={m.action}
        name="action"
        all={m.allActions}
        chosen={filter.action}
        options={auditActions.map((action) => [action, m[action]] as const)}
      />
      <FilterSelect
        label={m.who}
        name="who"
        all={m.everyone}
        chosen={filter.actorSub}
        options={personChoices(m, roster, filter.actorSub)}
      />
      <button type="submit">{m.show}</button>
    </form>
  );
};

/** What the page is filtered by, and the way back to the whole month; nothing when unfiltered. */
export const AuditFilterSummary: FC<AuditFilterProps> = ({ locale, month, filter, roster }) => {
  const m = auditMessages[locale];
  const applied = [
    ...(filter.action ? [`${m.action}: ${m[filter.action]}`] : []),
    ...(filter.actorSub ? [`${m.who}: ${actorName(m, roster, filter.actorSub)}`] : []),
  ];
  if (applied.length === 0) return null;
  return (
    <p>
      <strong>{m.filters}</strong> {applied.join(' · ')}. <a href={auditPath(month, {})}>{m.showAll}</a>
    </p>
  );
};
