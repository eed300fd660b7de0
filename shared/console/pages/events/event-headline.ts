import { formatDate, formatDateRange } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';

/** The first and last day (an event's days, or its summary's), as the reader's language writes dates. */
export function eventDates(
  event: { days: readonly { date: string }[] } | { firstDay: string; lastDay: string },
  locale: Locale,
): string {
  const dates = 'days' in event ? event.days.map((d) => d.date).sort() : [event.firstDay, event.lastDay];
  const [first = '', last = ''] = [dates[0], dates.at(-1)];
  return first === last ? formatDate(locale, first) : formatDateRange(locale, first, last);
}
