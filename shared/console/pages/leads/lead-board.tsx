import type { Child, FC } from 'hono/jsx';
import type { LeadFilters } from '../../../leads/lead-lists.ts';
import type { LeadSummary } from '../../../leads/lead-schema.ts';
import { allowedMoves, type LeadStage } from '../../../leads/lead-stages.ts';
import { FieldError } from '../../components/form-fields.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { NextAction } from '../../components/next-action.tsx';
import type { SavedView } from '../../console-user-repository.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { stageName } from '../../i18n/domain-labels.ts';
import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { topicName } from '../../i18n/names.ts';
import type { Roster } from '../../staff-roster.ts';
import { type LeadMessages, leadMessages } from './lead-messages.ts';

/** The owner by name (their id where the roster has none), or words for nobody. */
export function ownerText(m: LeadMessages, owner: string | null, roster: Roster): string {
  return owner === null ? m.unassigned : roster.nameOf(owner);
}

/**
 * The staff users an owner is chosen among, by name: those who are staff now, and the `chosen` one
 * whatever it is (someone who has left, said so; an id the roster lacks, as itself), so that a form
 * saved as it is keeps its owner. `withFormer` adds everyone who has left, as a filter finds the leads
 * still in their name.
 */
export function ownerChoices(
  m: LeadMessages,
  roster: Roster,
  chosen: string | undefined,
  withFormer = false,
): [string, string][] {
  const users = withFormer ? [...roster.current, ...roster.former] : roster.current;
  const choices = users.map((user): [string, string] => [
    user.sub,
    user.leftAt === undefined ? user.name : m.formerStaff(user.name),
  ]);
  if (!chosen || choices.some(([sub]) => sub === chosen)) return choices;
  return [...choices, [chosen, roster.has(chosen) ? m.formerStaff(roster.nameOf(chosen)) : chosen]];
}

/** A board column: the stage's first leads, newest activity first, and a link to the whole stage. */
export interface BoardColumn {
  stage: LeadStage;
  leads: LeadSummary[];
  more: string | undefined;
}

/**
 * A card's "Move to" form: the keyboard and no-script path, and what board.js submits when a card is
 * dropped on a column. It names the stage the card showed, so a card moved by someone else meanwhile
 * is refused (412) rather than moved again from a stage it has left.
 */
const CardMoveForm: FC<{ lead: LeadSummary; returnTo: string; locale: Locale; focused: boolean }> = ({
  lead,
  returnTo,
  locale,
  focused,
}) => {
  const m = leadMessages[locale];
  const id = `move-${lead.id}`;
  return (
    <form method="post" action={`/console/leads/${lead.id}/stage`} data-move>
      <input type="hidden" name="from" value={lead.stage} />
      <input type="hidden" name="return" value={returnTo} />
      <label for={id}>{m.moveTo}</label>
      <fieldset role="group">
        {/* The card just moved by this form keeps the keyboard where it was: on its own form. */}
        <select id={id} name="to" autofocus={focused}>
          {allowedMoves(lead.stage).map((stage) => (
            <option value={stage}>{stageName(locale, stage)}</option>
          ))}
        </select>
        {/* An arrow beside the stages, its word for a screen reader: in a column of seven the word
            left the stages too little room ("Перегов…"). */}
        <button type="submit" class="secondary">
          <span aria-hidden="true">→</span>
          <span class="visually-hidden">{m.move}</span>
        </button>
      </fieldset>
    </form>
  );
};

const Card: FC<{
  lead: LeadSummary;
  today: string;
  returnTo: string;
  roster: Roster;
  locale: Locale;
  moved: boolean;
}> = ({ lead, today, returnTo, roster, locale, moved }) => {
  const m = leadMessages[locale];
  const moves = allowedMoves(lead.stage);
  return (
    <article draggable={moves.length > 0 ? 'true' : undefined} data-moves={moves.join(' ')} class="lead-card">
      <h3>
        <a href={`/console/leads/${lead.id}`}>
          {lead.memberName} ↔ {lead.counterpart.name}
        </a>
      </h3>
      <p>
        {topicName(lead.topic, locale)}
        {lead.estimatedValue ? (
          <>
            <br />
            {m.value}: {formatMoney(locale, lead.estimatedValue)}
          </>
        ) : null}
        <br />
        {m.owner}: {ownerText(m, lead.owner, roster)}
        <br />
        {m.nextAction}: <NextAction lead={lead} today={today} locale={locale} />
      </p>
      {moves.length > 0 ? (
        <CardMoveForm lead={lead} returnTo={returnTo} locale={locale} focused={moved} />
      ) : null}
    </article>
  );
};

/**
 * The kanban board: one column per stage; board.js adds drag and drop over the cards' own forms. A card
 * just moved (`moved`, its id) is said where it went, and its form has the focus.
 */
export const Board: FC<{
  columns: BoardColumn[];
  today: string;
  returnTo: string;
  roster: Roster;
  locale: Locale;
  moved?: string | undefined;
}> = ({ columns, today, returnTo, roster, locale, moved }) => {
  const m = leadMessages[locale];
  const column = columns.find((each) => each.leads.some((lead) => lead.id === moved));
  const card = column?.leads.find((lead) => lead.id === moved);
  return (
    <>
      {column && card ? (
        <p role="status">
          {m.moved(`${card.memberName} ↔ ${card.counterpart.name}`, stageName(locale, column.stage))}
        </p>
      ) : null}
      <div class="board" id="board" data-board>
        {columns.map((column) => (
          <section aria-labelledby={`stage-${column.stage}`} data-stage={column.stage}>
            <h2 id={`stage-${column.stage}`}>
              {stageName(locale, column.stage)}{' '}
              <small>
                (
                {column.more
                  ? `${formatNumber(locale, column.leads.length)}+`
                  : formatNumber(locale, column.leads.length)}
                )
              </small>
            </h2>
            {column.leads.length === 0 ? <p>{m.emptyColumn}</p> : null}
            {column.leads.map((lead) => (
              <Card
                lead={lead}
                today={today}
                returnTo={returnTo}
                roster={roster}
                locale={locale}
                moved={lead.id === moved}
              />
            ))}
            {column.more ? <a href={column.more}>{m.more}</a> : null}
          </section>
        ))}
      </div>
    </>
  );
};

/** A list of leads (a stage's whole column, the overdue list, a member's), one page of one Query. */
export const LeadTable: FC<{ leads: LeadSummary[]; today: string; roster: Roster; locale: Locale }> = ({
  leads,
  today,
  roster,
  locale,
}) => {
  const m = leadMessages[locale];
  const none = commonMessages[locale].none;
  return (
    <ListTable
      count={leads.length}
      empty={m.noLeads}
      // The next action beside the companies: what a list of leads is worked by, in view on a phone too.
      columns={[m.companies, m.nextAction, m.topic, m.stage, [m.value, 'number'], m.owner, m.lastActivity]}
    >
      {leads.map((lead) => (
        <tr>
          <td>
            <a href={`/console/leads/${lead.id}`}>
              {lead.memberName} ↔ {lead.counterpart.name}
            </a>
          </td>
          <td>
            <NextAction lead={lead} today={today} locale={locale} />
          </td>
          <td>{topicName(lead.topic, locale)}</td>
          <td>{stageName(locale, lead.stage)}</td>
          <td class="number">{lead.estimatedValue ? formatMoney(locale, lead.estimatedValue) : none}</td>
          <td>{ownerText(m, lead.owner, roster)}</td>
          <td>{formatDateTime(locale, lead.lastActivityAt)}</td>
        </tr>
      ))}
    </ListTable>
  );
};

/**
 * The filters a list names beside its title and owner filter, each linking to its record: the stage
 * too on the overdue list, whose title is its own.
 */
export const FilterSummary: FC<{ filters: LeadFilters; locale: Locale }> = ({ filters, locale }) => {
  const m = leadMessages[locale];
  const shown: [string, Child][] = [];
  if (filters.overdue && filters.stage) shown.push([m.stage, stageName(locale, filters.stage)]);
  if (filters.memberId) {
    shown.push([m.member, <a href={`/console/members/${filters.memberId}`}>{filters.memberId}</a>]);
  }
  if (filters.partnerId) {
    shown.push([m.counterpart, <a href={`/console/partners/${filters.partnerId}`}>{filters.partnerId}</a>]);
  }
  if (filters.country) shown.push([m.country, <code>{filters.country}</code>]);
  if (filters.campaignId) {
    shown.push([
      m.source_campaign,
      <a href={`/console/campaigns/${filters.campaignId}`}>{filters.campaignId}</a>,
    ]);
  }
  if (shown.length === 0) return null;
  return (
    <p>
      {shown.map(([label, value]) => (
        <>
          {label}: {value}{' '}
        </>
      ))}
    </p>
  );
};

/**
 * The owner filter: everyone's, mine, nobody's, or one staff user's by name, on top of the list's other
 * filters (`keep`), which it carries along. Plain GET, so a view is a URL.
 */
export const OwnerFilter: FC<{
  owner: string | undefined;
  keep?: LeadFilters | undefined;
  roster: Roster;
  locale: Locale;
}> = ({ owner, keep = {}, roster, locale }) => {
  const m = leadMessages[locale];
  const specific = owner && owner !== 'me' && owner !== 'none' ? owner : undefined;
  const carried = Object.entries(keep).filter(([name, value]) => name !== 'owner' && value !== undefined);
  return (
    <form method="get" action="/console/leads" class="filters">
      {carried.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label>
        {m.owner}
        <select name="owner">
          <option value="" selected={!owner}>
            {m.ownerAll}
          </option>
          <option value="me" selected={owner === 'me'}>
            {m.ownerMe}
          </option>
          <option value="none" selected={owner === 'none'}>
            {m.ownerNone}
          </option>
          {ownerChoices(m, roster, specific, true).map(([sub, name]) => (
            <option value={sub} selected={sub === specific}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{m.show}</button>
    </form>
  );
};

/** The user's saved pipeline views as links, a form to save the one on screen, and delete buttons. */
export const SavedViews: FC<{
  views: SavedView[];
  query: string;
  error?: string | undefined;
  locale: Locale;
}> = ({ views, query, error, locale }) => {
  const m = leadMessages[locale];
  return (
    <details open={error ? true : undefined}>
      <summary>{m.savedViews}</summary>
      {views.length > 0 ? (
        <ul>
          {views.map((view) => (
            <li>
              <a href={`/console/leads${view.query ? `?${view.query}` : ''}`}>{view.name}</a>{' '}
              <form method="post" action={`/console/leads/views/${view.viewId}/delete`} class="inline">
                <button type="submit" class="secondary outline" aria-label={m.deleteView(view.name)}>
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/console/leads/views">
        <input type="hidden" name="query" value={query} />
        <label for="view-name">{m.viewName}</label>
        <fieldset role="group">
          <input
            id="view-name"
            type="text"
            name="name"
            maxlength={100}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'view-name-error' : undefined}
          />
          <button type="submit">{m.saveView}</button>
        </fieldset>
        <FieldError id="view-name" error={error} />
      </form>
    </details>
  );
};
