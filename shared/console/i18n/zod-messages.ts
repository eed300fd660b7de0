import type { z } from '@hono/zod-openapi';
import type { Locale } from './locales.ts';
import { defineMessages } from './messages.ts';

type Issue = z.core.$ZodIssue;

const text = defineMessages({
  en: {
    required: 'Required.',
    type: 'Not a valid value here.',
    tooShort: (min: number) => (min <= 1 ? 'Must not be empty.' : `At least ${min} characters.`),
    tooLong: (max: number) => `At most ${max} characters.`,
    tooSmall: (min: number) => `At least ${min}.`,
    tooBig: (max: number) => `At most ${max}.`,
    tooFew: (min: number) => `Choose at least ${min}.`,
    tooMany: (max: number) => `At most ${max} entries.`,
    email: 'Not an email address.',
    url: 'Not a web address.',
    date: 'Not a date.',
    format: 'Not in the expected format.',
    choice: 'Choose one of the listed values.',
    integer: 'A whole number.',
    unknown: (keys: string) => `Unknown field(s): ${keys}.`,
    invalid: 'Not valid.',
  },
  ru: {
    required: 'Обязательное поле.',
    type: 'Недопустимое значение.',
    tooShort: (min: number) => (min <= 1 ? 'Не может быть пустым.' : `Не короче ${min} символов.`),
    tooLong: (max: number) => `Не длиннее ${max} символов.`,
    tooSmall: (min: number) => `Не меньше ${min}.`,
    tooBig: (max: number) => `Не больше ${max}.`,
    tooFew: (min: number) => `Выберите не меньше ${min}.`,
    tooMany: (max: number) => `Не больше ${max} значений.`,
    email: 'Это не адрес электронной почты.',
    url: 'Это не веб-адрес.',
    date: 'Это не дата.',
    format: 'Неверный формат.',
    choice: 'Выберите одно из значений списка.',
    integer: 'Нужно целое число.',
    unknown: (keys: string) => `Неизвестные поля: ${keys}.`,
    invalid: 'Недопустимое значение.',
  },
  vi: {
    required: 'Bắt buộc.',
    type: 'Giá trị không hợp lệ.',
    tooShort: (min: number) => (min <= 1 ? 'Không được để trống.' : `Ít nhất ${min} ký tự.`),
    tooLong: (max: number) => `Tối đa ${max} ký tự.`,
    tooSmall: (min: number) => `Ít nhất ${min}.`,
    tooBig: (max: number) => `Tối đa ${max}.`,
    tooFew: (min: number) => `Chọn ít nhất ${min}.`,
    tooMany: (max: number) => `Tối đa ${max} mục.`,
    email: 'Không phải địa chỉ email.',
    url: 'Không phải địa chỉ web.',
    date: 'Không phải ngày hợp lệ.',
    format: 'Sai định dạng.',
    choice: 'Hãy chọn một giá trị trong danh sách.',
    integer: 'Phải là số nguyên.',
    unknown: (keys: string) => `Trường không xác định: ${keys}.`,
    invalid: 'Không hợp lệ.',
  },
});

/**
 * A zod issue in the reader's language, by its code and parameters: the schemas stay the API's (one
 * source of truth), and only their messages are translated. A custom rule's own message (a tax id's
 * check digit, say) has no code to translate by and is shown as the schema words it.
 */
export function localizeIssue(issue: Issue, locale: Locale): string {
  const m = text[locale];
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? m.required : m.type;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return m.tooShort(min);
      if (issue.origin === 'array' || issue.origin === 'set') return m.tooFew(min);
      return m.tooSmall(min);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return m.tooLong(max);
      if (issue.origin === 'array' || issue.origin === 'set') return m.tooMany(max);
      return m.tooBig(max);
    }
    case 'invalid_format':
      if (issue.format === 'email') return m.email;
      if (issue.format === 'url') return m.url;
      if (issue.format === 'date' || issue.format === 'datetime') return m.date;
      return m.format;
    case 'invalid_value':
      return m.choice;
    case 'not_multiple_of':
      return m.integer;
    case 'unrecognized_keys':
      return m.unknown(issue.keys.join(', '));
    case 'custom':
      return issue.message;
    default:
      return m.invalid;
  }
}

/** Field path → message, for forms that show each error beside its field. */
export function localizeIssues(issues: readonly Issue[], locale: Locale): Map<string, string> {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(form)';
    if (!byField.has(path)) byField.set(path, localizeIssue(issue, locale));
  }
  return byField;
}
