import type { Language } from '../../domain/languages.ts';
import { tierLabel, unassessedTierNames } from '../../domain/tier-names.ts';
import { type Tier, unassessedTier } from '../../domain/tiers.ts';
import type { LeadStage } from '../../leads/lead-stages.ts';
import type { Locale } from './locales.ts';
import { defineMessages } from './messages.ts';

/** A member's status: the directory, the record and a campaign's audience. */
export const memberStatusLabels = defineMessages({
  en: {
    active: 'Active',
    suspended: 'Suspended',
    resigned: 'Resigned',
  },
  ru: {
    active: 'Действующий',
    suspended: 'Приостановлен',
    resigned: 'Вышел',
  },
  vi: {
    active: 'Đang hoạt động',
    suspended: 'Tạm ngừng',
    resigned: 'Đã rời hiệp hội',
  },
});

/** A language members and contacts are written to in: the member record and the campaigns. */
export const languageLabels = defineMessages({
  en: { ru: 'Russian', vi: 'Vietnamese', en: 'English' },
  ru: { ru: 'Русский', vi: 'Вьетнамский', en: 'Английский' },
  vi: { ru: 'Tiếng Nga', vi: 'Tiếng Việt', en: 'Tiếng Anh' },
});

/** A language's name in the reader's language. */
export const languageName = (locale: Locale, language: Language): string => languageLabels[locale][language];

/** A lead's stage: the pipeline, the member record and the reports. */
export const leadStageLabels = defineMessages({
  en: {
    new: 'New',
    contacted: 'Contacted',
    meeting: 'Meeting',
    negotiating: 'Negotiating',
    won: 'Won',
    lost: 'Lost',
  },
  ru: {
    new: 'Новая',
    contacted: 'Контакт установлен',
    meeting: 'Встреча',
    negotiating: 'Переговоры',
    won: 'Заключена',
    lost: 'Отказ',
  },
  vi: {
    new: 'Mới',
    contacted: 'Đã liên hệ',
    meeting: 'Gặp mặt',
    negotiating: 'Đàm phán',
    won: 'Thành công',
    lost: 'Thất bại',
  },
});

/** A stage's name in the reader's language. */
export const stageName = (locale: Locale, stage: LeadStage): string => leadStageLabels[locale][stage];

/** An event's state: the event pages and a member's events. */
export const eventStateLabels = defineMessages({
  en: {
    draft: 'Draft',
    open: 'Open for registration',
    scheduled: 'Scheduled',
    held: 'Held',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
  ru: {
    draft: 'Черновик',
    open: 'Идёт регистрация',
    scheduled: 'Расписание опубликовано',
    held: 'Проведено',
    closed: 'Закрыто',
    cancelled: 'Отменено',
  },
  vi: {
    draft: 'Bản nháp',
    open: 'Đang mở đăng ký',
    scheduled: 'Đã có lịch',
    held: 'Đã tổ chức',
    closed: 'Đã kết thúc',
    cancelled: 'Đã hủy',
  },
});

/** What became of a campaign's recipient: the campaign's figures and recipients, a member's campaigns. */
export const recipientStatusLabels = defineMessages({
  en: {
    queued: 'Queued',
    claimed: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    bounced: 'Bounced',
    complained: 'Complained',
    failed: 'Failed',
    unknown: 'Unknown',
    unsubscribed: 'Unsubscribed',
    excluded: 'Not sent',
  },
  ru: {
    queued: 'В очереди',
    claimed: 'Отправляется',
    sent: 'Отправлено',
    delivered: 'Доставлено',
    bounced: 'Возврат',
    complained: 'Жалоба',
    failed: 'Ошибка',
    unknown: 'Неизвестно',
    unsubscribed: 'Отписался',
    excluded: 'Не отправлено',
  },
  vi: {
    queued: 'Đang chờ',
    claimed: 'Đang gửi',
    sent: 'Đã gửi',
    delivered: 'Đã gửi thành công',
    bounced: 'Bị trả lại',
    complained: 'Bị báo spam',
    failed: 'Thất bại',
    unknown: 'Không rõ',
    unsubscribed: 'Đã hủy đăng ký',
    excluded: 'Không gửi',
  },
});

const tierWords = defineMessages({
  en: { former: (name: string) => `${name} (no longer in the table)` },
  ru: { former: (name: string) => `${name} (больше нет в таблице)` },
  vi: { former: (name: string) => `${name} (không còn trong bảng)` },
});

/** A tier's label for the reader: in their language where the table gives one, else its one label. */
export { tierLabel };

/**
 * A tier as staff know it: its label in the tier table; a member without verified revenue is in none
 * (unassessed); a tier no longer in the table by its name, the only thing left of it, and saying so.
 */
export const tierName = (
  tier: string | null,
  locale: Locale,
  table: readonly Pick<Tier, 'name' | 'label' | 'labels'>[] = [],
): string => {
  if (tier === null || tier === unassessedTier) return unassessedTierNames[locale];
  const known = table.find((t) => t.name === tier);
  return known ? tierLabel(known, locale) : tierWords[locale].former(tier);
};
