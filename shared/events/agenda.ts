import { createHash } from 'node:crypto';
import type { Agenda, AgendaCancellation, AgendaMeeting } from './agenda-schema.ts';
import type { Event, Meeting, Participant } from './event-schema.ts';
import { slotTimes } from './event-slots.ts';
import { utcToZoned } from './zoned-time.ts';

export type { Agenda, AgendaCancellation, AgendaMeeting } from './agenda-schema.ts';

/**
 * A participant's agenda: its meetings with the slot's times (UTC, the event's zone and the delegate's),
 * the table, the interpreter, its own delegate and the counterpart's match-card fields and delegate's
 * name. Nothing else of a counterpart (no contact's email or phone), and a delegate's name only on the
 * agendas of the companies it meets.
 *
 * Two views: staff see every meeting not cancelled, `placed` ones too (the draft of the next publish);
 * a member sees what was published: confirmed meetings (and later held or no-show ones), none before
 * the first publish. Forced meetings are confirmed at once, so a member sees one forced after a publish
 * before the next; its delegates are emailed with the next publish. A handover or a withdrawal that
 * changes a published meeting moves the schedule to its next version itself (published-changes.ts).
 *
 * The agenda's schemas (agenda-schema.ts) document the API's response; this module builds agendas
 * without them, so the campaign worker, which emails them, bundles none.
 */

export type AgendaView = 'member' | 'staff';

export interface AgendaInput {
  event: Event;
  participant: Participant;
  /** The event's meetings; those without this participant are ignored. */
  meetings: readonly Meeting[];
  /** The event's participants (the counterparts among them). */
  participants: readonly Participant[];
}

export interface AgendaOptions {
  view: AgendaView;
  /** Only this delegate's meetings (and cancellations). */
  delegate?: string | undefined;
}

const shown: Record<AgendaView, ReadonlySet<Meeting['state']>> = {
  member: new Set(['confirmed', 'held', 'no-show']),
  staff: new Set(['placed', 'confirmed', 'held', 'no-show']),
};

export function agendaOf(input: AgendaInput, options: AgendaOptions): Agenda {
  const { event, participant } = input;
  const self = participant.id;
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const tables = new Map(event.tables.map((t) => [t.id, t]));
  const interpreters = new Map(event.interpreters.map((i) => [i.id, i.name]));
  const zoneOf = (contactId: string | undefined) =>
    participant.delegates.find((d) => d.contactId === contactId)?.timeZone ?? event.timeZone;
  // Nothing is shown to a member before the first publish.
  const published = options.view === 'staff' || event.scheduleVersion > 0;
  const own = input.meetings
    .filter((m) => (m.a === self || m.b === self) && published)
    .filter((m) => options.delegate === undefined || m.delegates[self] === options.delegate)
    .sort((x, y) => x.slot.localeCompare(y.slot) || x.id.localeCompare(y.id));

  const meetings: AgendaMeeting[] = own
    .filter((m) => shown[options.view].has(m.state))
    .map((m) => {
      const { start, end } = slotTimes(event, m.slot);
      const otherId = m.a === self ? m.b : m.a;
      const other = byId.get(otherId);
      const ownContact = m.delegates[self];
      const ownDelegate = participant.delegates.find((d) => d.contactId === ownContact);
      const otherDelegate = other?.delegates.find((d) => d.contactId === m.delegates[otherId]);
      const table = tables.get(m.table);
      const interpreter = m.interpreter === undefined ? undefined : interpreters.get(m.interpreter);
      const delegateZone = zoneOf(ownContact);
      return {
        meetingId: m.id,
        state: m.state as AgendaMeeting['state'],
        slot: m.slot,
        start: start.toISOString(),
        end: end.toISOString(),
        atEvent: {
          timeZone: event.timeZone,
          start: utcToZoned(start, event.timeZone),
          end: utcToZoned(end, event.timeZone),
        },
        forDelegate: {
          timeZone: delegateZone,
          start: utcToZoned(start, delegateZone),
          end: utcToZoned(end, delegateZone),
        },
        table: {
          id: m.table,
          ...(table?.label ? { label: table.label } : {}),
          ...(event.online && table?.link ? { link: table.link } : {}),
        },
        ...(interpreter !== undefined ? { interpreter } : {}),
        topic: m.topic,
        delegate: { contactId: ownContact ?? '', name: ownDelegate?.name ?? '' },
        counterpart: {
          id: otherId,
          name: other?.card.name ?? '',
          ...(other?.card.latinName ? { latinName: other.card.latinName } : {}),
          country: other?.card.country ?? '',
          delegateName: otherDelegate?.name ?? '',
        },
      };
    });

  const cancelled = own
    .filter((m) => m.state === 'cancelled')
    .map((m) => cancellationOf(event, m.id, m.slot, m.delegates[self]));

  return {
    eventId: event.id,
    companyId: self,
    company: {
      name: participant.card.name,
      ...(participant.card.latinName ? { latinName: participant.card.latinName } : {}),
    },
    event: {
      name: event.name,
      ...(event.city ? { city: event.city } : {}),
      online: event.online,
      timeZone: event.timeZone,
    },
    scheduleVersion: event.scheduleVersion,
    view: options.view,
    delegates: participant.delegates
      .filter((d) => options.delegate === undefined || d.contactId === options.delegate)
      .map((d) => ({
        contactId: d.contactId,
        name: d.name,
        language: d.language,
        timeZone: d.timeZone ?? event.timeZone,
      })),
    meetings,
    cancelled,
  };
}

function cancellationOf(
  event: Pick<Event, 'timeZone' | 'slotMinutes'>,
  meetingId: string,
  slot: string,
  delegate: string | undefined,
): AgendaCancellation {
  const { start, end } = slotTimes(event, slot);
  return {
    meetingId,
    slot,
    start: start.toISOString(),
    end: end.toISOString(),
    ...(delegate ? { delegateContactId: delegate } : {}),
  };
}

/** What a participant records as sent with a member's agenda: each meeting's delegate and slot. */
export function agendaSentTo(agenda: Agenda): NonNullable<Participant['agendaSentTo']> {
  return Object.fromEntries(
    agenda.meetings
      .filter((m) => m.delegate.contactId !== '')
      .map((m) => [m.meetingId, { contactId: m.delegate.contactId, slot: m.slot }]),
  );
}

/** What the last agenda sent a delegate that it no longer holds, in the slot it was sent. */
export interface NoLongerSent {
  /** Meetings on the schedule still, that a colleague now attends. */
  handedOver: AgendaCancellation[];
  /** Meetings cancelled, or no longer published, since. */
  cancelled: AgendaCancellation[];
}

/**
 * The meetings of the participant's last sent agenda (`agendaSentTo`) that no longer belong to the
 * delegate they were sent to, by that delegate: each is cancelled in its calendar (under the UID and
 * at the time it was sent), said to be a colleague's now where one attends it. A meeting still the
 * same delegate's, even in another slot, is on its agenda (the same UID moves the entry).
 */
export function noLongerSent(
  input: Pick<AgendaInput, 'event' | 'participant' | 'meetings'>,
): Map<string, NoLongerSent> {
  const { event, participant } = input;
  const byId = new Map(input.meetings.map((m) => [m.id, m]));
  const lost = new Map<string, NoLongerSent>();
  const entries = Object.entries(participant.agendaSentTo ?? {}).sort(([, x], [, y]) =>
    x.slot.localeCompare(y.slot),
  );
  for (const [meetingId, sent] of entries) {
    const meeting = byId.get(meetingId);
    const published = meeting !== undefined && shown.member.has(meeting.state);
    const delegate = meeting?.delegates[participant.id];
    if (published && delegate === sent.contactId) continue;
    const changes = lost.get(sent.contactId) ?? { handedOver: [], cancelled: [] };
    const cancellation = cancellationOf(event, meetingId, sent.slot, sent.contactId);
    (published ? changes.handedOver : changes.cancelled).push(cancellation);
    lost.set(sent.contactId, changes);
  }
  return lost;
}

/**
 * What an agenda email says, digested: the meetings and the delegates (their names, languages and
 * zones), not the schedule version, nor the cancellations (a meeting that was only placed and then
 * cancelled was never on an agenda; one that was confirmed leaves `meetings` when cancelled). Two
 * publishes that leave a company's meetings as they were give the same digest, so nothing is re-sent.
 */
export function agendaDigest(agenda: Agenda): string {
  const { scheduleVersion: _version, cancelled: _cancelled, ...content } = agenda;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
