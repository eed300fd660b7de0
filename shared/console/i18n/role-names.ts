import type { Locale } from './locales.ts';
import { defineMessages } from './messages.ts';

/**
 * The role someone acted in: the member history's and the audit log's people. Apart from
 * domain-labels.ts, whose other words the audit page (the console function) does not carry.
 */
const roleLabels = defineMessages({
  en: { staff: 'staff', admin: 'admin', member: 'member' },
  ru: { staff: 'сотрудник', admin: 'администратор', member: 'участник' },
  vi: { staff: 'nhân viên', admin: 'quản trị viên', member: 'hội viên' },
});

/** A role in the reader's language; one stored that the console has no word for, as it is. */
export const roleName = (locale: Locale, role: string): string =>
  Object.hasOwn(roleLabels[locale], role)
    ? roleLabels[locale][role as keyof (typeof roleLabels)['en']]
    : role;
