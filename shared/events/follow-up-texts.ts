import { type Language, textIn } from '../domain/languages.ts';
import { quoted } from '../domain/quoted.ts';

/** The follow-up question's facts: the event's name, the meeting's date, and who was met. */
export interface FollowUpFacts {
  event: string;
  date: string;
  counterpart: string;
}

interface Texts {
  question: (facts: FollowUpFacts) => string;
  yes: string;
  no: string;
}

/** The question as both the email and the link's page ask it, in the three languages the CRM speaks. */
export const followUpTexts: Record<Language, Texts> = {
  en: {
    question: ({ event, date, counterpart }) =>
      `At ${event} on ${date} you met ${counterpart}. Did you reach a cooperation agreement?`,
    yes: 'Yes, we reached an agreement',
    no: 'No agreement',
  },
  ru: {
    question: ({ event, date, counterpart }) =>
      `На мероприятии ${quoted.ru(event)} ${date} вы встречались с ${counterpart}. Удалось ли договориться о сотрудничестве?`,
    yes: 'Да, договорились',
    no: 'Нет, не договорились',
  },
  vi: {
    question: ({ event, date, counterpart }) =>
      `Tại sự kiện ${quoted.vi(event)} ngày ${date}, bạn đã gặp ${counterpart}. Hai bên đã đạt được thỏa thuận hợp tác chưa?`,
    yes: 'Có, đã đạt thỏa thuận',
    no: 'Chưa đạt thỏa thuận',
  },
};

/** The facts in `language`: the event's name in it (else English, else any), the date spelled out. */
export function followUpFacts(
  event: { name: { ru?: string | undefined; vi?: string | undefined; en?: string | undefined } },
  slot: string,
  counterpart: { name: string; latinName?: string | undefined },
  language: Language,
): FollowUpFacts {
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${slot.slice(0, 10)}T00:00:00Z`),
  );
  const name =
    counterpart.latinName && counterpart.latinName !== counterpart.name
      ? `${counterpart.name} (${counterpart.latinName})`
      : counterpart.name;
  return {
    event: textIn(event.name, language),
    date,
    counterpart: name,
  };
}
