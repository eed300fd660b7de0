import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { countryName } from '../domain/display-names.ts';
import { intlTags, type Language, textIn } from '../domain/languages.ts';
import { topicLabels } from '../domain/topic-labels.ts';
import type { Agenda, AgendaMeeting } from './agenda.ts';
import { zoneInline } from './zone-names.ts';

/**
 * An agenda as an iCalendar file (RFC 5545, `METHOD:PUBLISH`), written by ical-generator: one VEVENT
 * per meeting with its times in UTC (`DTSTART:20270316T070000Z`), a UID that stays the meeting's
 * (`<meetingId>@<eventId>`) and the schedule version as SEQUENCE, so importing a newer agenda updates
 * the entries rather than adding new ones; a cancelled meeting is a VEVENT with STATUS:CANCELLED.
 * Summary, location and description are in the reader's language.
 */

interface Texts {
  meeting: (company: string) => string;
  cancelled: string;
  table: string;
  online: string;
  topic: string;
  company: string;
  theirDelegate: string;
  yourDelegate: string;
  interpreter: string;
  time: string;
  link: string;
}

export const agendaTexts: Record<Language, Texts> = {
  en: {
    meeting: (company) => `B2B meeting: ${company}`,
    cancelled: 'Cancelled B2B meeting',
    table: 'Table',
    online: 'Online',
    topic: 'Topic',
    company: 'Company',
    theirDelegate: 'You meet',
    yourDelegate: 'Your delegate',
    interpreter: 'Interpreter',
    time: 'Time',
    link: 'Link',
  },
  ru: {
    meeting: (company) => `B2B-встреча: ${company}`,
    cancelled: 'B2B-встреча отменена',
    table: 'Стол',
    online: 'Онлайн',
    topic: 'Тема',
    company: 'Компания',
    theirDelegate: 'Встреча с',
    yourDelegate: 'Ваш представитель',
    interpreter: 'Переводчик',
    time: 'Время',
    link: 'Ссылка',
  },
  vi: {
    meeting: (company) => `Gặp gỡ B2B: ${company}`,
    cancelled: 'Cuộc gặp B2B đã bị hủy',
    table: 'Bàn',
    online: 'Trực tuyến',
    topic: 'Chủ đề',
    company: 'Doanh nghiệp',
    theirDelegate: 'Gặp',
    yourDelegate: 'Đại diện của bạn',
    interpreter: 'Phiên dịch',
    time: 'Thời gian',
    link: 'Liên kết',
  },
};

/** A company as a reader of `language` knows it: its Latin name beside a name in another script. */
export function companyNameIn(
  company: { name: string; latinName?: string | undefined },
  language: Language,
): string {
  return company.latinName && company.latinName !== company.name && language !== 'ru'
    ? `${company.name} (${company.latinName})`
    : company.name;
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** Dates and times as a reader of `language` writes them, in `timeZone`; built once per pair. */
function dateTimeIn(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language} ${timeZone}`;
  let format = dateTimes.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTags[language], {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimes.set(key, format);
  }
  return format;
}

/**
 * A time, or a meeting's span, in a zone as a reader reads it, with the zone's place and offset:
 * "7 сентября 2027 г., 09:00–09:20 (Ханой, Хошимин, UTC+7)".
 */
export function timesIn(span: { start: string; end?: string }, timeZone: string, language: Language): string {
  const format = dateTimeIn(language, timeZone);
  const start = new Date(span.start);
  const text = span.end ? format.formatRange(start, new Date(span.end)) : format.format(start);
  return `${text} (${zoneInline(timeZone, language, start.getTime())})`;
}

/** Where a meeting is: the table (and city), or its link for an online event. */
export function placeOf(agenda: Agenda, meeting: AgendaMeeting, language: Language): string {
  const text = agendaTexts[language];
  const table = meeting.table.label ?? `${text.table} ${meeting.table.id}`;
  if (agenda.event.online) return meeting.table.link ?? `${text.online}, ${table}`;
  const city = textIn(agenda.event.city, language);
  return city ? `${city}, ${table}` : table;
}

/**
 * The lines that describe a meeting, in the emails and in the calendar entries; `ownDelegate: false`
 * leaves out who attends for the company, for that delegate's own email.
 */
export function meetingLines(
  meeting: AgendaMeeting,
  language: Language,
  { ownDelegate = true }: { ownDelegate?: boolean } = {},
): string[] {
  const text = agendaTexts[language];
  const { counterpart } = meeting;
  const zones = [meeting.atEvent.timeZone, meeting.forDelegate.timeZone];
  const times = [...new Set(zones)].map((zone) => timesIn(meeting, zone, language)).join('; ');
  return [
    `${text.time}: ${times}`,
    `${text.company}: ${companyNameIn(counterpart, language)}, ${countryName(counterpart.country, language)}`,
    `${text.theirDelegate}: ${counterpart.delegateName}`,
    ...(ownDelegate ? [`${text.yourDelegate}: ${meeting.delegate.name}`] : []),
    `${text.topic}: ${topicLabels[meeting.topic][language]}`,
    `${text.table}: ${meeting.table.label ?? meeting.table.id}`,
    ...(meeting.interpreter ? [`${text.interpreter}: ${meeting.interpreter}`] : []),
    ...(meeting.table.link ? [`${text.link}: ${meeting.table.link}`] : []),
  ];
}

export function agendaIcs(agenda: Agenda, options: { language: Language; stamp: Date }): string {
  const { language } = options;
  const text = agendaTexts[language];
  const eventName = textIn(agenda.event.name, language);
  const calendar = ical({
    prodId: { company: 'bridge-crm', product: 'agenda', language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    name: `${eventName} — ${companyNameIn(agenda.company, language)}`,
  });
  const uid = (meetingId: string) => `${meetingId}@${agenda.eventId}`;
  for (const meeting of agenda.meetings) {
    calendar.createEvent({
      id: uid(meeting.meetingId),
      sequence: agenda.scheduleVersion,
      stamp: options.stamp,
      start: new Date(meeting.start),
      end: new Date(meeting.end),
      summary: text.meeting(companyNameIn(meeting.counterpart, language)),
      location: placeOf(agenda, meeting, language),
      description: [eventName, ...meetingLines(meeting, language)].join('\n'),
      ...(meeting.table.link ? { url: meeting.table.link } : {}),
      status: meeting.state === 'placed' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  for (const cancelled of agenda.cancelled) {
    calendar.createEvent({
      id: uid(cancelled.meetingId),
      sequence: agenda.scheduleVersion,
      stamp: options.stamp,
      start: new Date(cancelled.start),
      end: new Date(cancelled.end),
      summary: text.cancelled,
      description: eventName,
      status: ICalEventStatus.CANCELLED,
    });
  }
  // Every content line ends with CRLF (RFC 5545 3.1), the last one too.
  return `${calendar.toString()}\r\n`;
}
