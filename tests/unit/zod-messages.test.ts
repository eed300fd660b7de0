import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { campaignCreateSchema } from '../../shared/campaigns/campaign-schema.ts';
import {
  localizeFieldError,
  localizeFieldErrors,
  localizeIssue,
  localizeIssues,
} from '../../shared/console/i18n/zod-messages.ts';
import { templateRuleTexts } from '../../shared/console/pages/campaigns/campaign-rule-texts.ts';
import { importRuleTexts } from '../../shared/console/pages/directory/import-rule-texts.ts';
import type { FieldError } from '../../shared/domain/errors.ts';
import { ruleReason } from '../../shared/domain/issue-rules.ts';
import { memberCreateSchema } from '../../shared/domain/member-schema.ts';
import { zodIssuesToFieldErrors } from '../../shared/domain/zod-errors.ts';
import { meetingCreateSchema } from '../../shared/events/event-schema.ts';
import { company } from '../support/companies.ts';

/** The issues of `value` under `schema`, which must refuse it. */
function issuesOf(
  schema: { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } },
  value: unknown,
) {
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues as Parameters<typeof localizeIssue>[0][];
}

describe('the schemas’ own rules in the reader’s language', () => {
  it('says a wrong INN check digit, a region of another country and a shared address in each language', () => {
    const valid = company();
    const body = {
      ...valid,
      taxId: `${valid.taxId.slice(0, 9)}${(Number(valid.taxId[9]) + 1) % 10}`,
      region: 'VN-HN',
      contacts: [valid.contacts[0], { ...valid.contacts[0], name: 'Другой' }],
    };
    const issues = issuesOf(memberCreateSchema, body);
    expect(Object.fromEntries(localizeIssues(issues, 'ru'))).toMatchObject({
      taxId: 'Контрольные цифры ИНН не сходятся; проверьте номер.',
      region: 'Регион должен находиться в стране «Россия».',
      'contacts.1.email': 'Этот адрес уже указан у другого контакта.',
    });
    expect(localizeIssues(issues, 'vi').get('taxId')).toBe(
      'Chữ số kiểm tra của INN không khớp; hãy kiểm tra lại số.',
    );
    expect(localizeIssues(issues, 'en').get('region')).toBe('The region must lie in Russia.');
  });

  it('says a missing address is required and a wrong one is not an address', () => {
    const [missing] = issuesOf(campaignCreateSchema, { name: 'Vietnam Year', variants: {} }).filter(
      (issue) => issue.path[0] === 'replyTo',
    );
    expect(localizeIssue(missing!, 'ru')).toBe('Обязательное поле.');
    const [wrong] = issuesOf(campaignCreateSchema, {
      name: 'Vietnam Year',
      replyTo: 'partners',
      variants: {},
    }).filter((issue) => issue.path[0] === 'replyTo');
    expect(zodIssuesToFieldErrors([wrong!])).toEqual([
      { path: 'replyTo', message: 'Must be an email address.', reason: { code: 'email' } },
    ]);
  });

  it('translates the campaigns’ and the meetings’ rules too', () => {
    const [noLanguage] = issuesOf(campaignCreateSchema, {
      name: 'Vietnam Year',
      replyTo: 'partnerships@example.org',
      variants: {},
    });
    expect(noLanguage!.path).toEqual(['variants']);
    expect(localizeIssue(noLanguage!, 'vi')).toBe('Hãy viết chiến dịch bằng ít nhất một ngôn ngữ.');
    const id = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
    const [itself] = issuesOf(meetingCreateSchema, { a: id, b: id });
    expect(localizeIssue(itself!, 'ru')).toBe('Компания не встречается сама с собой.');
  });

  it('says what is wrong with a campaign template in the reader’s language, where and which field', () => {
    const issues = issuesOf(campaignCreateSchema, {
      name: 'Vietnam Year',
      replyTo: 'partnerships@example.org',
      variants: {
        ru: {
          subject: 'Hello {{companyNam}}',
          html: '<p><a href="https://example.org/?c={{website}}">{{{contactName}}}</a></p>',
          text: 'Hello',
        },
      },
    });
    const ru = localizeIssues(issues, 'ru', templateRuleTexts);
    expect(ru.get('variants.ru.subject')).toBe(
      'Неизвестное поле подстановки {{companyNam}}; доступны: companyName, contactName, tier, country, region, website, unsubscribeUrl.',
    );
    expect(ru.get('variants.ru.html')).toBe(
      '{{website}} стоит внутри href="…" у <a> (допустимо только как всё значение), где экранирование его не защищает.',
    );
    const vi = issues
      .filter((issue) => issue.path.join('.') === 'variants.ru.html')
      .map((i) => localizeIssue(i, 'vi', templateRuleTexts));
    expect(vi).toContain('Vị trí 48: không được xuất nội dung không thoát ký tự ({{{…}}} hoặc {{&…}}).');
  });

  it('shows a custom issue that names no rule as the schema words it', () => {
    const issue: Parameters<typeof localizeIssue>[0] = {
      code: 'custom',
      path: ['x'],
      message: 'As the schema says.',
      input: 1,
    };
    expect(localizeIssue(issue, 'ru')).toBe('As the schema says.');
  });
});

describe('each zod issue code in the reader’s language', () => {
  // One real issue of every code zod raises (and every bound and format the texts tell apart), from
  // the schema that raises it, with its text in each language.
  const cases: [string, z.ZodType, unknown, Record<'en' | 'ru' | 'vi', string>][] = [
    [
      'required',
      z.object({ a: z.string() }),
      {},
      { en: 'Required.', ru: 'Обязательное поле.', vi: 'Bắt buộc.' },
    ],
    [
      'type',
      z.string(),
      5,
      { en: 'Not a valid value here.', ru: 'Недопустимое значение.', vi: 'Giá trị không hợp lệ.' },
    ],
    [
      'empty',
      z.string().min(1),
      '',
      { en: 'Must not be empty.', ru: 'Не может быть пустым.', vi: 'Không được để trống.' },
    ],
    [
      'too short',
      z.string().min(3),
      'ab',
      { en: 'At least 3 characters.', ru: 'Не короче 3 символов.', vi: 'Ít nhất 3 ký tự.' },
    ],
    [
      'too long',
      z.string().max(2),
      'abc',
      { en: 'At most 2 characters.', ru: 'Не длиннее 2 символов.', vi: 'Tối đa 2 ký tự.' },
    ],
    ['too small', z.number().min(5), 1, { en: 'At least 5.', ru: 'Не меньше 5.', vi: 'Ít nhất 5.' }],
    ['too big', z.number().max(5), 9, { en: 'At most 5.', ru: 'Не больше 5.', vi: 'Tối đa 5.' }],
    [
      'too few',
      z.array(z.string()).min(2),
      ['a'],
      { en: 'Choose at least 2.', ru: 'Выберите не меньше 2.', vi: 'Chọn ít nhất 2.' },
    ],
    [
      'too many',
      z.array(z.string()).max(1),
      ['a', 'b'],
      { en: 'At most 1 entries.', ru: 'Не больше 1 значений.', vi: 'Tối đa 1 mục.' },
    ],
    [
      'email',
      z.email(),
      'nope',
      { en: 'Not an email address.', ru: 'Это не адрес электронной почты.', vi: 'Không phải địa chỉ email.' },
    ],
    [
      'url',
      z.url(),
      'nope',
      { en: 'Not a web address.', ru: 'Это не веб-адрес.', vi: 'Không phải địa chỉ web.' },
    ],
    [
      'date',
      z.iso.date(),
      '2026-13-45',
      { en: 'Not a date.', ru: 'Это не дата.', vi: 'Không phải ngày hợp lệ.' },
    ],
    [
      'format',
      z.string().regex(/^\d+$/),
      'x',
      { en: 'Not in the expected format.', ru: 'Неверный формат.', vi: 'Sai định dạng.' },
    ],
    [
      'choice',
      z.enum(['a', 'b']),
      'c',
      {
        en: 'Choose one of the listed values.',
        ru: 'Выберите одно из значений списка.',
        vi: 'Hãy chọn một giá trị trong danh sách.',
      },
    ],
    [
      'integer',
      z.number().multipleOf(1),
      1.5,
      { en: 'A whole number.', ru: 'Нужно целое число.', vi: 'Phải là số nguyên.' },
    ],
    [
      'unknown keys',
      z.strictObject({}),
      { x: 1 },
      { en: 'Unknown field(s): x.', ru: 'Неизвестные поля: x.', vi: 'Trường không xác định: x.' },
    ],
    [
      'any other',
      z.union([z.string(), z.number()]),
      true,
      { en: 'Not valid.', ru: 'Недопустимое значение.', vi: 'Không hợp lệ.' },
    ],
  ];

  it.each(cases)('says %s in each language', (_, schema, value, texts) => {
    const [issue, ...others] = issuesOf(schema, value);
    expect(others).toEqual([]);
    expect({
      en: localizeIssue(issue!, 'en'),
      ru: localizeIssue(issue!, 'ru'),
      vi: localizeIssue(issue!, 'vi'),
    }).toEqual(texts);
  });
});

describe('the services’ field errors in the reader’s language', () => {
  it('says a named rule, an issue the service passed on, and keeps the English where no text is', () => {
    const [tooLong] = zodIssuesToFieldErrors(
      issuesOf(memberCreateSchema, { ...company(), name: 'x'.repeat(400) }),
    );
    const errors: FieldError[] = [
      {
        path: 'verifiedRevenue',
        message: 'No THB rate is in force on 2026-12-02.',
        reason: ruleReason('noRateOnDay', { currency: 'THB', day: '2026-12-02' }),
      },
      { ...tooLong!, path: 'name' },
      { path: 'topic', message: 'Only in English.' },
    ];
    expect(Object.fromEntries(localizeFieldErrors(errors, 'ru'))).toEqual({
      verifiedRevenue:
        'На 2026-12-02 нет действующего курса THB; сначала администратор добавляет его в таблицу курсов.',
      name: 'Не длиннее 200 символов.',
      topic: 'Only in English.',
    });
    const yesNo: FieldError = { path: 'x', message: 'Must be yes or no.', reason: ruleReason('yesOrNo') };
    // A CSV's rules are the import page's: other pages show their English.
    expect(localizeFieldError(yesNo, 'vi')).toBe('Must be yes or no.');
    expect(localizeFieldError(yesNo, 'vi', importRuleTexts)).toBe(
      'Phải là có hoặc không (yes/no, да/нет), hoặc để trống để giữ nguyên.',
    );
  });
});
