import type { SendQueue } from '../campaigns/sending-deps.ts';
import { logger } from '../observability/logger.ts';
import { type Agenda, agendaDigest, agendaOf } from './agenda.ts';
import type { EventRecords, EventRepository } from './event-repository.ts';
import type { Event, Participant } from './event-schema.ts';

/**
 * Agenda emails, the queueing half; the sending half is agenda-mailer.ts, in the campaign worker only, so
 * the events API bundles none of the emails' texts, calendar files or mail composition. After a publish
 * (ScheduleService's `published` hook, in the API function), or a change that moved the published schedule
 * on (a delegate handover, a withdrawal: published-changes.ts), each registered participant whose
 * published agenda differs from the one its delegates were last sent (and one withdrawn since, whose
 * delegates are owed the cancellations) is put on the send queue as an
 * `agenda` message; the campaign worker (SES in AWS, the outbox locally) emails each of its delegates its
 * own meetings, in the delegate's language, with them as an `.ics`, then records on the participant the
 * version and the digest of what went (`agendaSent`, `agendaHash`).
 *
 * Once per version, and only on a change: a message finds the participant sent this version already, or
 * its agenda as it was sent (same digest), and sends nothing; a message of an older version than the
 * event's latest sends the latest agenda if it is still unsent (so one whose queueing failed after its
 * change was written is made good by any message of the participant still on the queue). The emails go
 * before the record: a failure between the two (or a throttled delegate after others got theirs) has the
 * message delivered again and some delegates get the same agenda twice, which their calendars take as the
 * same entries (same UID and SEQUENCE). The other order could lose an agenda for good, which is worse.
 */

/** Asks the sender to email a participant's delegates their agenda of a published schedule. */
export interface AgendaMessage {
  agenda: { eventId: string; companyId: string; scheduleVersion: number };
}

/** A participant's published agenda and its digest, when it is to be sent for the event's version. */
export function agendaToSend(
  records: Pick<EventRecords, 'event' | 'participants' | 'meetings'>,
  participant: Participant,
): { agenda: Agenda; digest: string } | undefined {
  const { event } = records;
  if (event.scheduleVersion === 0) return undefined;
  // A company that withdrew is sent only the cancellations of the meetings its delegates were sent
  // (its record of them: agenda.ts `noLongerSent`), once: what it records then holds none.
  const sentSome = Object.keys(participant.agendaSentTo ?? {}).length > 0;
  if (participant.status !== 'registered' && !sentSome) return undefined;
  if (participant.agendaSent >= event.scheduleVersion) return undefined;
  const agenda = agendaOf({ ...records, participant }, { view: 'member' });
  const digest = agendaDigest(agenda);
  if (digest === participant.agendaHash) return undefined;
  // A company that has never had a meeting is sent nothing.
  if (participant.agendaHash === undefined && agenda.meetings.length === 0) return undefined;
  return { agenda, digest };
}

/** The `published` hook: queues an agenda message for each participant whose agenda changed. */
export function queueChangedAgendas(events: EventRepository, sendQueue: SendQueue | undefined) {
  return async (event: Event): Promise<void> => {
    if (!sendQueue) {
      // The next publish queues them (nothing is recorded as sent): the function needs the send queue.
      logger.error('agendas not queued: this function has no send queue', { eventId: event.id });
      return;
    }
    const records = await events.records(event.id);
    if (!records) return;
    const messages: AgendaMessage[] = records.participants
      .filter((p) => agendaToSend(records, p) !== undefined)
      .map((p) => ({
        agenda: { eventId: event.id, companyId: p.id, scheduleVersion: records.event.scheduleVersion },
      }));
    if (messages.length > 0) await sendQueue.enqueue(messages);
    logger.info('agendas queued', { eventId: event.id, count: messages.length });
  };
}
