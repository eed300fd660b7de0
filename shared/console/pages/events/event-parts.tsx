import type { FC } from 'hono/jsx';
import { NotFoundError } from '../../../domain/errors.ts';
import { textIn } from '../../../domain/languages.ts';
import type { EventRecords, EventRepository } from '../../../events/event-repository.ts';
import type { Event, Meeting, Participant } from '../../../events/event-schema.ts';
import type { Locale } from '../../i18n/locales.ts';
import { ulidPattern } from '../route-patterns.ts';
import { eventDates } from './event-headline.ts';
import { eventStateText, eventText } from './event-messages.ts';

export const eventPath = `/console/events/:id{${ulidPattern}}`;

/**
 * A participant's delegates changed in place: linked from the participants' list (console-events),
 * answered by a function of its own (console-event-delegates), which holds the change's rules.
 */
export const delegatesPath = (eventId: string, companyId: string) =>
  `/console/events/${eventId}/participants/${companyId}/delegates`;

/** A participant's company record: a member's or a partner's. */
export const companyPath = (participant: Pick<Participant, 'id' | 'card'>) =>
  `/console/${participant.card.kind === 'member' ? 'members' : 'partners'}/${participant.id}`;

/**
 * An event's partition read once (one Query): the event, its participants and its meetings, with the
 * cancelled meetings left out and the rest in slot and table order, as the schedule shows them.
 */
export async function scheduleRecordsOf(
  events: Pick<EventRepository, 'records'>,
  id: string,
): Promise<EventRecords & { live: Meeting[] }> {
  const records = await events.records(id);
  if (!records) throw new NotFoundError(`No event ${id}.`);
  const live = records.meetings
    .filter((m) => m.state !== 'cancelled')
    .sort((x, y) => x.slot.localeCompare(y.slot) || x.table.localeCompare(y.table));
  return { ...records, live };
}

export type EventTab = 'overview' | 'participants' | 'requests' | 'schedule' | 'interpreters' | 'outcomes';
const tabs: readonly EventTab[] = [
  'overview',
  'participants',
  'requests',
  'schedule',
  'interpreters',
  'outcomes',
];

/** The event's name as the page's one heading, its state and place, and the links to its sections. */
export const EventHeader: FC<{ event: Event; locale: Locale; current: EventTab }> = ({
  event,
  locale,
  current,
}) => {
  const m = eventText[locale];
  return (
    <header>
      <p>
        <a href="/console/events">{m.title}</a>
      </p>
      <h1>{textIn(event.name, locale)}</h1>
      <p>
        {eventStateText[locale][event.state]} · {event.online ? m.online : textIn(event.city, locale)} ·{' '}
        {eventDates(event, locale)}
      </p>
      <nav aria-label={m.sections}>
        <ul>
          {tabs.map((tab) => (
            <li>
              <a
                href={`/console/events/${event.id}${tab === 'overview' ? '' : `/${tab}`}`}
                aria-current={tab === current ? 'page' : undefined}
              >
                {m[tab]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
};
