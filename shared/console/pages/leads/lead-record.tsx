import type { FC } from 'hono/jsx';
import type { Lead, LeadSource, TimelineEntry } from '../../../leads/lead-schema.ts';
import { activityTypes } from '../../../leads/lead-schema.ts';
import { allowedMoves } from '../../../leads/lead-stages.ts';
import { FieldError } from '../../components/form-fields.tsx';
import { NextAction } from '../../components/next-action.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { stageName } from '../../i18n/domain-labels.ts';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { safeReturnPath } from '../../session/session-cookies.ts';
import type { Roster } from '../../staff-roster.ts';
import { ownerChoices, ownerText } from './lead-board.tsx';
import { leadMessages } from './lead-messages.ts';

/** Field path → message in the reader's language, for the form that was posted. */
export type FieldErrors = Map<string, string>;

/** What a refused form had in it, so the page shows it again beside its errors. */
export interface FormState {
  errors: FieldErrors;
  input: Record<string, string>;
}

export interface LeadRecordProps {
  lead: Lead & { timeline: TimelineEntry[] };
  today: string;
  /** The staff users, by whose names owners and the timeline's people read. */
  roster: Roster;
  locale: Locale;
  /** Why the last post changed nothing as a whole (someone else's change, a move the rules refuse). */
  alert?: string | undefined;
  saved?: boolean;
  /** Moved on this page: the page says to which stage it went. */
  moved?: boolean;
  /** What the page says happened before it: the lead was opened, or was already open. */
  notice?: string | undefined;
  move?: FormState | undefined;
  edit?: FormState | undefined;
  activity?: FormState | undefined;
}

const invalid = (form: FormState | undefined, name: string, id: string) =>
  form?.errors.has(name) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {};

/** A labelled text field, its error (by the zod path `path`, default its name) and hint beside it. */
const TextField: FC<{
  form: FormState | undefined;
  id: string;
  name: string;
  path?: string;
  label: string;
  value: string;
  maxlength?: number;
  type?: 'text' | 'date';
  /** A textarea of this many rows; absent: an input. */
  rows?: number;
  hint?: string;
}> = (p) => {
  const error = p.form?.errors.get(p.path ?? p.name);
  const attributes = {
    id: p.id,
    name: p.name,
    maxlength: p.maxlength,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${p.id}-error` : p.hint ? `${p.id}-hint` : undefined,
  };
  return (
    <>
      <label for={p.id}>{p.label}</label>
      {p.rows ? (
        <textarea {...attributes} rows={p.rows}>
          {p.value}
        </textarea>
      ) : (
        <input {...attributes} type={p.type ?? 'text'} value={p.value} autocomplete="off" />
      )}
      <FieldError id={p.id} error={error} />
      {p.hint ? <small id={`${p.id}-hint`}>{p.hint}</small> : null}
    </>
  );
};

const Source: FC<{ source: LeadSource; locale: Locale }> = ({ source, locale }) => {
  const m = leadMessages[locale];
  switch (source.type) {
    case 'campaign':
      return <a href={`/console/campaigns/${source.campaignId}`}>{m.source_campaign}</a>;
    case 'event':
      return <a href={`/console/events/${source.eventId}`}>{m.source_event}</a>;
    case 'match':
      return (
        <span>
          {m.source_match}: {topicName(source.topic, locale)}
        </span>
      );
    case 'referral':
      return <span>{source.by ? `${m.source_referral}: ${source.by}` : m.source_referral}</span>;
    case 'inbound':
      return <span>{source.channel ? `${m.source_inbound}: ${source.channel}` : m.source_inbound}</span>;
  }
};

function entryDetail(entry: TimelineEntry, locale: Locale): string[] {
  const m = leadMessages[locale];
  const lines: string[] = [];
  if (entry.from && entry.to) lines.push(`${stageName(locale, entry.from)} → ${stageName(locale, entry.to)}`);
  if (entry.reason) lines.push(`${m.lostReason}: ${entry.reason}`);
  if (entry.fields) {
    const names = entry.fields.map((f) => (m as Record<string, unknown>)[`field_${f}`] ?? f);
    lines.push(m.changedFields(names.join(', ')));
  }
  if (entry.campaign) lines.push(m.campaignStatus(entry.campaign.status));
  if (entry.text) lines.push(entry.text);
  return lines;
}

/** The lead's timeline, newest first: who did what, and what the campaign did with its contacts. */
const Timeline: FC<{ entries: TimelineEntry[]; roster: Roster; locale: Locale }> = ({
  entries,
  roster,
  locale,
}) => {
  const m = leadMessages[locale];
  if (entries.length === 0) return <p>{m.emptyTimeline}</p>;
  return (
    <ol class="timeline">
      {[...entries].reverse().map((entry) => (
        <li>
          <strong>{m[`type_${entry.type}`]}</strong> ·{' '}
          <time datetime={entry.at}>{formatDateTime(locale, entry.at)}</time> ·{' '}
          {entry.by ? m.by(roster.nameOf(entry.by.sub)) : m.system}
          {entry.shared ? <small> ({m.sharedMark})</small> : null}
          {entryDetail(entry, locale).map((line) => (
            <>
              <br />
              {line}
            </>
          ))}
        </li>
      ))}
    </ol>
  );
};

const MoveForm: FC<{ lead: Lead; form: FormState | undefined; locale: Locale }> = ({
  lead,
  form,
  locale,
}) => {
  const m = leadMessages[locale];
  const moves = allowedMoves(lead.stage);
  if (moves.length === 0) return <p>{m.final(stageName(locale, 'won'))}</p>;
  const chosen = form?.input.to;
  // A move to lost asked for on the board without its reason: given here, it goes back there.
  const board = safeReturnPath(form?.input.return);
  const fromBoard = board === '/console/leads' || board.startsWith('/console/leads?');
  return (
    <form method="post" action={`/console/leads/${lead.id}/stage`} novalidate>
      {fromBoard && form?.errors.has('reason') ? <p>{m.reasonFromBoard(stageName(locale, 'lost'))}</p> : null}
      <input type="hidden" name="version" value={String(lead.version)} />
      <input type="hidden" name="return" value={fromBoard ? board : `/console/leads/${lead.id}`} />
      <label for="move-to">{m.moveTo}</label>
      <select id="move-to" name="to" {...invalid(form, 'to', 'move-to')}>
        {moves.map((stage) => (
          <option value={stage} selected={stage === chosen}>
            {stageName(locale, stage)}
          </option>
        ))}
      </select>
      <FieldError id="move-to" error={form?.errors.get('to')} />
      {moves.includes('lost') ? (
        <TextField
          form={form}
          id="move-reason"
          name="reason"
          label={m.reason(stageName(locale, 'lost'))}
          value={form?.input.reason ?? ''}
          maxlength={500}
        />
      ) : null}
      <TextField
        form={form}
        id="move-note"
        name="note"
        label={m.note}
        value={form?.input.note ?? ''}
        maxlength={2000}
        rows={2}
      />
      <button type="submit">{m.move}</button>
    </form>
  );
};

const EditForm: FC<{ lead: Lead; form: FormState | undefined; roster: Roster; locale: Locale }> = ({
  lead,
  form,
  roster,
  locale,
}) => {
  const m = leadMessages[locale];
  const common = commonMessages[locale];
  const input = form?.input ?? {
    owner: lead.owner ?? '',
    nextText: lead.nextAction?.text ?? '',
    nextDue: lead.nextAction?.due ?? '',
  };
  return (
    <form method="post" action={`/console/leads/${lead.id}`} novalidate>
      <input type="hidden" name="version" value={String(lead.version)} />
      <label for="edit-owner">{m.owner}</label>
      <select id="edit-owner" name="owner" {...invalid(form, 'owner', 'edit-owner')}>
        <option value="" selected={!input.owner}>
          {m.unassigned}
        </option>
        {ownerChoices(m, roster, input.owner || undefined).map(([sub, name]) => (
          <option value={sub} selected={sub === input.owner}>
            {name}
          </option>
        ))}
      </select>
      <FieldError id="edit-owner" error={form?.errors.get('owner')} />
      <TextField
        form={form}
        id="edit-next-text"
        name="nextText"
        path="nextAction.text"
        label={m.nextText}
        value={input.nextText ?? ''}
        maxlength={300}
      />
      <TextField
        form={form}
        id="edit-next-due"
        name="nextDue"
        path="nextAction.due"
        type="date"
        label={m.nextDue}
        value={input.nextDue ?? ''}
        hint={m.nextHint}
      />
      <div class="grid">
        <button type="submit">{common.save}</button>
        <button type="submit" name="assign" value="me" class="secondary">
          {m.takeIt}
        </button>
      </div>
    </form>
  );
};

const ActivityForm: FC<{ lead: Lead; form: FormState | undefined; locale: Locale }> = ({
  lead,
  form,
  locale,
}) => {
  const m = leadMessages[locale];
  return (
    <form method="post" action={`/console/leads/${lead.id}/activities`} novalidate>
      <label for="activity-type">{m.activityType}</label>
      <select id="activity-type" name="type" {...invalid(form, 'type', 'activity-type')}>
        {activityTypes.map((type) => (
          <option value={type} selected={type === form?.input.type}>
            {m[`type_${type}`]}
          </option>
        ))}
      </select>
      <FieldError id="activity-type" error={form?.errors.get('type')} />
      <TextField
        form={form}
        id="activity-text"
        name="text"
        label={m.activityText}
        value={form?.input.text ?? ''}
        maxlength={2000}
        rows={3}
      />
      <label>
        <input type="checkbox" name="shared" value="on" checked={form?.input.shared === 'on'} />
        {m.sharedActivity}
      </label>
      <button type="submit">{m.add}</button>
    </form>
  );
};

/** One lead: its fields, what may change it (move, owner and next action, an activity), its timeline. */
export const LeadRecord: FC<LeadRecordProps> = (props) => {
  const { lead, locale, today } = props;
  const m = leadMessages[locale];
  const common = commonMessages[locale];
  const counterpartKind = lead.counterpart.kind === 'partner' ? m.partnerKind : m.memberKind;
  // What the page says happened before it, focused where it opens (#done) so it is read out.
  const status = props.saved
    ? common.saved
    : props.moved
      ? m.movedHere(stageName(locale, lead.stage))
      : props.notice;
  return (
    <article>
      <p>
        <a href="/console/leads">{m.board}</a>
      </p>
      <h1>
        {lead.memberName} ↔ {lead.counterpart.name}
      </h1>
      {props.alert ? (
        <p role="alert" class="error">
          {props.alert}
        </p>
      ) : null}
      {status ? (
        <p role="status" id="done">
          {status}
        </p>
      ) : null}
      <dl class="lead-fields">
        <dt>{m.stage}</dt>
        <dd>
          {stageName(locale, lead.stage)}{' '}
          <small>
            ({m.stageSince} {formatDate(locale, lead.stageEnteredAt)})
          </small>
        </dd>
        <dt>{m.member}</dt>
        <dd>
          <a href={`/console/members/${lead.memberId}`}>{lead.memberName}</a>
        </dd>
        <dt>{m.counterpart}</dt>
        <dd>
          <a
            href={`/console/${lead.counterpart.kind === 'member' ? 'members' : 'partners'}/${lead.counterpart.id}`}
          >
            {lead.counterpart.name}
          </a>{' '}
          <small>
            ({counterpartKind}, {countryName(lead.counterpart.country, locale)})
          </small>
        </dd>
        <dt>{m.topic}</dt>
        <dd>{topicName(lead.topic, locale)}</dd>
        <dt>{m.value}</dt>
        <dd>{lead.estimatedValue ? formatMoney(locale, lead.estimatedValue) : common.none}</dd>
        <dt>{m.owner}</dt>
        <dd>{ownerText(m, lead.owner, props.roster)}</dd>
        <dt>{m.nextAction}</dt>
        <dd>
          <NextAction lead={lead} today={today} locale={locale} />
        </dd>
        <dt>{m.source}</dt>
        <dd>
          <Source source={lead.source} locale={locale} />
        </dd>
        {lead.lostReason ? (
          <>
            <dt>{m.lostReason}</dt>
            <dd>{lead.lostReason}</dd>
          </>
        ) : null}
        {lead.notes ? (
          <>
            <dt>{m.notes}</dt>
            <dd>{lead.notes}</dd>
          </>
        ) : null}
      </dl>
      <div class="grid">
        <section aria-labelledby="lead-move">
          <h2 id="lead-move">{m.moveTitle}</h2>
          <MoveForm lead={lead} form={props.move} locale={locale} />
        </section>
        <section aria-labelledby="lead-edit">
          <h2 id="lead-edit">{m.edit}</h2>
          <EditForm lead={lead} form={props.edit} roster={props.roster} locale={locale} />
        </section>
      </div>
      <section aria-labelledby="lead-activity">
        <h2 id="lead-activity">{m.addActivity}</h2>
        <ActivityForm lead={lead} form={props.activity} locale={locale} />
      </section>
      <section aria-labelledby="lead-timeline">
        <h2 id="lead-timeline">{m.timeline}</h2>
        <Timeline entries={lead.timeline} roster={props.roster} locale={locale} />
      </section>
    </article>
  );
};
