import { type Language, textIn } from '../domain/languages.ts';
import { topicLabels } from '../domain/topic-labels.ts';
import type { Topic } from '../domain/topics.ts';
import type { Event, MeetingRequest } from './event-schema.ts';

/**
 * How a meeting request reads to the partner asked, in its delegate's language: the words the email
 * (partner-request-mail.ts) and the answer page (event-request-answer.ts) share.
 */
export interface RequestFacts {
  /** The requesting company's name and country. */
  from: string;
  topic: string;
  priority: string;
  reason: string;
  event: string;
  /** The event's days and meeting hours, in its own time zone. */
  when: string;
  /** Until when the link answers: the event's request deadline, in its time zone. */
  deadline: string;
}

const labels: Record<
  Language,
  {
    must: string;
    nice: string;
    facts: Record<Exclude<keyof RequestFacts, 'from'>, string>;
    zone: (timeZone: string) => string;
  }
> = {
  en: {
    must: 'a meeting they must have',
    nice: 'a meeting they would like',
    facts: {
      topic: 'Topic',
      priority: 'Priority',
      reason: 'Why',
      event: 'Event',
      when: 'When',
      deadline: 'Answer by',
    },
    zone: (timeZone) => `${timeZone} time`,
  },
  ru: {
    must: 'обязательная встреча',
    nice: 'желательная встреча',
    facts: {
      topic: 'Тема',
      priority: 'Приоритет',
      reason: 'Причина',
      event: 'Мероприятие',
      when: 'Когда',
      deadline: 'Ответить до',
    },
    zone: (timeZone) => `часовой пояс ${timeZone}`,
  },
  vi: {
    must: 'cuộc gặp bắt buộc',
    nice: 'cuộc gặp mong muốn',
    facts: {
      topic: 'Chủ đề',
      priority: 'Mức ưu tiên',
      reason: 'Lý do',
      event: 'Sự kiện',
      when: 'Thời gian',
      deadline: 'Trả lời trước',
    },
    zone: (timeZone) => `múi giờ ${timeZone}`,
  },
};

function countryIn(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Each day with its meeting hours (first session's start to last session's end), local to the event. */
function whenIn(event: Pick<Event, 'days' | 'timeZone'>, language: Language): string {
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  const days = [...event.days]
    .sort((x, y) => x.date.localeCompare(y.date))
    .map((day) => {
      const sessions = [...day.sessions].sort((x, y) => x.start.localeCompare(y.start));
      const end = sessions
        .map((s) => s.end)
        .sort()
        .at(-1)!;
      return `${date.format(new Date(`${day.date}T00:00:00Z`))}, ${sessions[0]!.start}–${end}`;
    });
  return `${days.join('; ')} (${labels[language].zone(event.timeZone)})`;
}

function deadlineIn(at: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(at));
}

export function requestFacts(
  event: Pick<Event, 'name' | 'days' | 'timeZone' | 'requestDeadline'>,
  request: Pick<MeetingRequest, 'topic' | 'priority' | 'reason'>,
  from: { name: string; country: string },
  language: Language,
): RequestFacts {
  const text = labels[language];
  return {
    from: `${from.name} (${countryIn(from.country, language)})`,
    topic: topicLabels[request.topic as Topic]?.[language] ?? request.topic,
    priority: text[request.priority],
    reason: request.reason,
    event: textIn(event.name, language),
    when: whenIn(event, language),
    deadline: `${deadlineIn(event.requestDeadline, event.timeZone, language)} (${text.zone(event.timeZone)})`,
  };
}

/** The facts but the requester's, as labelled lines (`Topic: …`), in the order a reader wants them. */
export function factLines(facts: RequestFacts, language: Language): string[] {
  const names = labels[language].facts;
  return (['event', 'when', 'topic', 'priority', 'reason', 'deadline'] as const).map(
    (key) => `${names[key]}: ${facts[key]}`,
  );
}
