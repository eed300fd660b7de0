import type { FC } from 'hono/jsx';
import type { LeadSummary } from '../../leads/lead-schema.ts';
import { isOpen } from '../../leads/lead-stages.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import { formatDate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { defineMessages } from '../i18n/messages.ts';

const text = defineMessages({
  en: { due: 'due', overdue: 'overdue' },
  ru: { due: 'срок', overdue: 'просрочено' },
  vi: { due: 'hạn', overdue: 'quá hạn' },
});

/** Whether a lead's next action was due before today (UTC dates, as the overdue list reads them). */
const isOverdue = (lead: Pick<LeadSummary, 'stage' | 'nextAction'>, today: string): boolean =>
  isOpen(lead.stage) && lead.nextAction !== undefined && lead.nextAction.due < today;

/**
 * A lead's next action, with a marker in words when it is overdue: colour is never the only signal.
 * The board, the lead's page and the member record's leads show it alike.
 */
export const NextAction: FC<{
  lead: Pick<LeadSummary, 'stage' | 'nextAction'>;
  today: string;
  locale: Locale;
}> = ({ lead, today, locale }) => {
  const t = text[locale];
  if (!lead.nextAction) return <span>{commonMessages[locale].none}</span>;
  const late = isOverdue(lead, today);
  return (
    <span class={late ? 'overdue' : undefined}>
      {lead.nextAction.text} ({t.due} {formatDate(locale, lead.nextAction.due)}
      {late ? <strong> · {t.overdue}</strong> : null})
    </span>
  );
};
