import type { z } from '@hono/zod-openapi';
import type { FieldError } from '../../domain/errors.ts';
import type {
  FieldReason,
  ImportRules,
  IssueRule,
  IssueRules,
  RuleParams,
  TemplateRules,
} from '../../domain/issue-rules.ts';
import { reasonOfIssue } from '../../domain/zod-errors.ts';
import type { Locale } from './locales.ts';
import { defineMessages } from './messages.ts';
import { countryName } from './names.ts';

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
    phone:
      'An international number with the country code, e.g. +7 423 222-33-44 or +84 912 345 678; a local one only as dialled in the company’s own country: 8 423… in Russia, 0912… in Vietnam.',
    format: 'Not in the expected format.',
    choice: 'Choose one of the listed values.',
    integer: 'A whole number.',
    unknownKeys: (keys: string) => `Unknown field(s): ${keys}.`,
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
    phone:
      'Международный номер с кодом страны, например +7 423 222-33-44 или +84 912 345 678; местный — только так, как его набирают в стране компании: 8 423… в России, 0912… во Вьетнаме.',
    format: 'Неверный формат.',
    choice: 'Выберите одно из значений списка.',
    integer: 'Нужно целое число.',
    unknownKeys: (keys: string) => `Неизвестные поля: ${keys}.`,
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
    phone:
      'Số quốc tế kèm mã quốc gia, ví dụ +84 912 345 678 hoặc +7 423 222-33-44; số trong nước chỉ theo cách gọi ở nước của công ty: 0912… ở Việt Nam, 8 423… ở Nga.',
    format: 'Sai định dạng.',
    choice: 'Hãy chọn một giá trị trong danh sách.',
    integer: 'Phải là số nguyên.',
    unknownKeys: (keys: string) => `Trường không xác định: ${keys}.`,
    invalid: 'Không hợp lệ.',
  },
});

/** Rules' texts in every language, each a function of the values its issue carries. */
export type RuleTexts<R extends IssueRule> = Record<Locale, { [K in R]: (values: IssueRules[K]) => string }>;

/**
 * The schemas' own rules and the services' (domain/issue-rules.ts), each in every language; a campaign
 * template's are the campaigns' pages' (campaign-rule-texts.ts), a CSV's the import page's
 * (import-rule-texts.ts): they pass them in, so other pages do not carry them.
 */
const ruleTexts: RuleTexts<Exclude<IssueRule, keyof TemplateRules | keyof ImportRules>> = {
  en: {
    unknownCountry: () => 'Unknown country code.',
    unknownSubdivision: () => 'Not a region of this country in ISO 3166-2.',
    regionOutsideCountry: ({ country }) => `The region must lie in ${countryName(country, 'en')}.`,
    innLength: () => 'A Russian INN has 10 digits (organisation) or 12 (individual).',
    innCheckDigits: () => 'The INN check digits do not match; check the number.',
    mstLength: () => 'A Vietnamese tax code (MST) has 10 digits, or 13 for a branch.',
    mstCheckDigit: () => 'The MST check digit does not match; check the number.',
    taxIdFormat: () => 'A tax id is 3 to 32 letters and digits.',
    contactTwice: () => 'Two entries name this contact.',
    emailTwice: () => 'Two contacts share this email.',
    noLanguage: () => 'Write the campaign in at least one language.',
    timeZone: () => 'A time zone such as Europe/Moscow or Asia/Ho_Chi_Minh.',
    oneCompany: () => 'Choose either a member or a partner.',
    meetsItself: () => 'A company does not meet itself.',
    slotWithTable: () => 'Give both slot and table, or neither to let the scheduler place the meeting.',
    outcomeWithoutMeeting: () => 'A meeting that did not happen has no outcome.',
    noRateToday: ({ currency }) =>
      `No ${currency} rate is in force today; an admin adds one in the exchange-rate table first.`,
    noRateOnDay: ({ currency, day }) =>
      `No ${currency} rate is in force on ${day}; an admin adds one in the exchange-rate table first.`,
    tooLargeToConvert: ({ currency }) => `The amount is too large to convert to ${currency}.`,
    noSharedTopic: () => 'The company meets none of your offers or needs on this topic.',
    lostWithoutReason: () => 'Say why the lead was lost.',
    heldTaxId: () => 'Another member or partner already holds this tax id.',
    heldEmail: () => 'Another member or partner already holds this address.',
    resignedAdminOnly: () => 'Only an admin returns a resigned member to active or suspended.',
  },
  ru: {
    unknownCountry: () => 'Неизвестный код страны.',
    unknownSubdivision: () => 'Такого региона этой страны нет в ISO 3166-2.',
    regionOutsideCountry: ({ country }) =>
      `Регион должен находиться в стране «${countryName(country, 'ru')}».`,
    innLength: () => 'ИНН состоит из 10 цифр (организация) или 12 (индивидуальный предприниматель).',
    innCheckDigits: () => 'Контрольные цифры ИНН не сходятся; проверьте номер.',
    mstLength: () => 'Вьетнамский налоговый код (MST) состоит из 10 цифр, у филиала из 13.',
    mstCheckDigit: () => 'Контрольная цифра MST не сходится; проверьте номер.',
    taxIdFormat: () => 'Налоговый номер: от 3 до 32 букв и цифр.',
    contactTwice: () => 'Этот контакт указан дважды.',
    emailTwice: () => 'Этот адрес уже указан у другого контакта.',
    noLanguage: () => 'Напишите рассылку хотя бы на одном языке.',
    timeZone: () => 'Часовой пояс, например Europe/Moscow или Asia/Ho_Chi_Minh.',
    oneCompany: () => 'Выберите участника или партнёра.',
    meetsItself: () => 'Компания не встречается сама с собой.',
    slotWithTable: () => 'Укажите и слот, и стол или ни то ни другое: тогда встречу поставит планировщик.',
    outcomeWithoutMeeting: () => 'У несостоявшейся встречи нет итога.',
    noRateToday: ({ currency }) =>
      `Сегодня нет действующего курса ${currency}; сначала администратор добавляет его в таблицу курсов.`,
    noRateOnDay: ({ currency, day }) =>
      `На ${day} нет действующего курса ${currency}; сначала администратор добавляет его в таблицу курсов.`,
    tooLargeToConvert: ({ currency }) => `Сумма слишком велика для пересчёта в ${currency}.`,
    noSharedTopic: () => 'По этой теме компания не совпадает ни с одним вашим предложением или запросом.',
    lostWithoutReason: () => 'Укажите причину отказа.',
    heldTaxId: () => 'Этот налоговый номер уже у другого участника или партнёра.',
    heldEmail: () => 'Этот адрес уже у другого участника или партнёра.',
    resignedAdminOnly: () =>
      'Вернуть вышедшего участника в активные или приостановленные может только администратор.',
  },
  vi: {
    unknownCountry: () => 'Mã quốc gia không xác định.',
    unknownSubdivision: () => 'Không phải một vùng của quốc gia này theo ISO 3166-2.',
    regionOutsideCountry: ({ country }) => `Tỉnh/vùng phải thuộc quốc gia ${countryName(country, 'vi')}.`,
    innLength: () => 'Mã số thuế Nga (INN) gồm 10 chữ số (tổ chức) hoặc 12 (cá nhân).',
    innCheckDigits: () => 'Chữ số kiểm tra của INN không khớp; hãy kiểm tra lại số.',
    mstLength: () => 'Mã số thuế (MST) gồm 10 chữ số, hoặc 13 chữ số với chi nhánh.',
    mstCheckDigit: () => 'Chữ số kiểm tra của MST không khớp; hãy kiểm tra lại số.',
    taxIdFormat: () => 'Mã số thuế gồm 3 đến 32 chữ cái và chữ số.',
    contactTwice: () => 'Liên hệ này xuất hiện hai lần.',
    emailTwice: () => 'Hai liên hệ dùng chung email này.',
    noLanguage: () => 'Hãy viết chiến dịch bằng ít nhất một ngôn ngữ.',
    timeZone: () => 'Múi giờ, ví dụ Europe/Moscow hoặc Asia/Ho_Chi_Minh.',
    oneCompany: () => 'Hãy chọn một hội viên hoặc một đối tác.',
    meetsItself: () => 'Một công ty không gặp chính mình.',
    slotWithTable: () => 'Hãy chọn cả khung giờ và bàn, hoặc bỏ trống cả hai để bộ xếp lịch tự xếp.',
    outcomeWithoutMeeting: () => 'Cuộc gặp không diễn ra thì không có kết quả.',
    noRateToday: ({ currency }) =>
      `Hôm nay chưa có tỷ giá ${currency} có hiệu lực; quản trị viên cần thêm vào bảng tỷ giá trước.`,
    noRateOnDay: ({ currency, day }) =>
      `Ngày ${day} chưa có tỷ giá ${currency} có hiệu lực; quản trị viên cần thêm vào bảng tỷ giá trước.`,
    tooLargeToConvert: ({ currency }) => `Số tiền quá lớn để quy đổi sang ${currency}.`,
    noSharedTopic: () => 'Công ty không khớp với nhu cầu hay sản phẩm nào của bạn trong chủ đề này.',
    lostWithoutReason: () => 'Hãy nêu lý do thất bại.',
    heldTaxId: () => 'Mã số thuế này đã thuộc về một hội viên hoặc đối tác khác.',
    heldEmail: () => 'Địa chỉ này đã thuộc về một hội viên hoặc đối tác khác.',
    resignedAdminOnly: () =>
      'Chỉ quản trị viên mới đưa hội viên đã rút trở lại trạng thái hoạt động hoặc tạm ngưng.',
  },
};

/** Texts of an area's own rules, passed in by its pages. */
type AreaRuleTexts = RuleTexts<keyof TemplateRules> | RuleTexts<keyof ImportRules>;

/** A rule in the reader's language; undefined for a rule neither catalogue names. */
function ruleText(params: RuleParams, locale: Locale, area?: AreaRuleTexts): string | undefined {
  const texts: Partial<Record<string, (values: unknown) => string>> = {
    ...(area?.[locale] as Record<string, (values: unknown) => string> | undefined),
    ...(ruleTexts[locale] as Record<string, (values: unknown) => string>),
  };
  return Object.hasOwn(texts, params.rule) ? texts[params.rule]!(params) : undefined;
}

/**
 * What a refusal says, in the reader's language: the schemas and services stay the API's (one source
 * of truth), and only their messages are translated. Undefined for a rule no catalogue here names.
 */
export function localizeReason(
  reason: FieldReason,
  locale: Locale,
  area?: AreaRuleTexts,
): string | undefined {
  const m = text[locale];
  switch (reason.code) {
    case 'rule':
      return ruleText(reason.params, locale, area);
    case 'unknownKeys':
      return m.unknownKeys(reason.keys);
    case 'tooShort':
    case 'tooLong':
    case 'tooSmall':
    case 'tooBig':
    case 'tooFew':
    case 'tooMany':
      return m[reason.code](reason.limit);
    default:
      return m[reason.code];
  }
}

/** A zod issue in the reader's language; a custom check naming no rule is shown as the schema words it. */
export function localizeIssue(issue: Issue, locale: Locale, area?: AreaRuleTexts): string {
  const reason = reasonOfIssue(issue);
  return (reason && localizeReason(reason, locale, area)) ?? issue.message;
}

/** Field path → message, for forms that show each error beside its field. */
export function localizeIssues(
  issues: readonly Issue[],
  locale: Locale,
  area?: AreaRuleTexts,
): Map<string, string> {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(form)';
    if (!byField.has(path)) byField.set(path, localizeIssue(issue, locale, area));
  }
  return byField;
}

/** A service's field errors, path → message in the reader's language (the English one where none is). */
export function localizeFieldErrors(
  errors: readonly FieldError[],
  locale: Locale,
  area?: AreaRuleTexts,
): Map<string, string> {
  const byField = new Map<string, string>();
  for (const error of errors) {
    if (!byField.has(error.path)) byField.set(error.path, localizeFieldError(error, locale, area));
  }
  return byField;
}

/** A service's field error in the reader's language, or its English message where no text says it. */
export function localizeFieldError(error: FieldError, locale: Locale, area?: AreaRuleTexts): string {
  return (error.reason && localizeReason(error.reason, locale, area)) ?? error.message;
}
