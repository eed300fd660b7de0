import { type contactFields, type profileColumns, requiredColumns } from '../../../members/member-csv.ts';
import type { Locale } from '../../i18n/locales.ts';

type ProfileColumn = (typeof profileColumns)[number];
type ContactField = (typeof contactFields)[number];

type Described = readonly [name: string, form?: string];

interface ColumnText {
  /** Each column's name, and the form its values take where that is not plain text. */
  profile: Record<ProfileColumn, Described>;
  contact: Record<ContactField, Described>;
  contactColumn: (slot: string, field: string) => string;
  required: string;
  summary: string;
  columnHead: string;
  meaningHead: string;
  moreContacts: string;
  topicCodes: string;
  allowed: (values: string) => string;
  expected: (form: string) => string;
  meant: (value: string) => string;
}

/** What each column of the directory's CSV holds, in each language: the header keys are the API's. */
const columnText: Record<Locale, ColumnText> = {
  en: {
    profile: {
      name: ['Company name'],
      country: ['Country', 'ISO code: RU, VN'],
      region: ['Region', 'ISO 3166-2 code: RU-MOW, VN-HN'],
      taxId: ['Tax ID', 'INN (Russia), MST (Vietnam)'],
      sectors: ['Sectors', 'topics, separated by |'],
      interests: ['Interests', 'topics, separated by |'],
      targetMarkets: ['Target markets', 'country codes, separated by |'],
      languages: ['Languages', 'codes: ru|vi|en'],
      description: ['Description'],
      website: ['Website'],
      status: ['Status', 'active, suspended, resigned'],
      joinedOn: ['Joined on', 'YYYY-MM-DD'],
      declaredRevenue_amount: ['Declared revenue: amount'],
      declaredRevenue_currency: ['Declared revenue: currency', 'RUB, VND, USD'],
      verifiedRevenue_amount: ['Verified revenue: amount'],
      verifiedRevenue_currency: ['Verified revenue: currency'],
    },
    contact: {
      name: ['name'],
      email: ['email'],
      phone: ['phone', '+7 423 222-33-44; 8… (Russia), 0… (Vietnam)'],
      position: ['position'],
      language: ['language', 'ru, vi, en'],
      outreach: ['agrees to partnership offers (campaigns)', 'yes, no (да, нет; có, không)'],
      news: ['agrees to news', 'yes, no (да, нет; có, không)'],
    },
    contactColumn: (slot: string, field: string) => `Contact ${slot}: ${field}`,
    required: 'required for a new member',
    summary: 'What each column of the file holds',
    columnHead: 'Column',
    meaningHead: 'What it holds',
    moreContacts: 'the same for the next contacts',
    topicCodes: 'Topic codes, for sectors and interests',
    allowed: (values) => `Allowed: ${values}.`,
    expected: (form) => `Expected: ${form}.`,
    meant: (value) => `Did you mean ${value}?`,
  },
  ru: {
    profile: {
      name: ['Название компании'],
      country: ['Страна', 'код ISO: RU, VN'],
      region: ['Регион', 'код ISO 3166-2: RU-MOW, VN-HN'],
      taxId: ['Налоговый номер', 'ИНН (Россия), MST (Вьетнам)'],
      sectors: ['Отрасли', 'темы через |'],
      interests: ['Интересы', 'темы через |'],
      targetMarkets: ['Целевые рынки', 'коды стран через |'],
      languages: ['Языки', 'коды: ru|vi|en'],
      description: ['Описание'],
      website: ['Сайт'],
      status: ['Статус', 'active, suspended, resigned'],
      joinedOn: ['Дата вступления', 'ГГГГ-ММ-ДД'],
      declaredRevenue_amount: ['Заявленная выручка: сумма'],
      declaredRevenue_currency: ['Заявленная выручка: валюта', 'RUB, VND, USD'],
      verifiedRevenue_amount: ['Подтверждённая выручка: сумма'],
      verifiedRevenue_currency: ['Подтверждённая выручка: валюта'],
    },
    contact: {
      name: ['имя'],
      email: ['эл. почта'],
      phone: ['телефон', '+7 423 222-33-44; 8… (Россия), 0… (Вьетнам)'],
      position: ['должность'],
      language: ['язык', 'ru, vi, en'],
      outreach: ['согласие на предложения о партнёрстве (рассылки)', 'да, нет (yes, no; có, không)'],
      news: ['согласие на новости', 'да, нет (yes, no; có, không)'],
    },
    contactColumn: (slot: string, field: string) => `Контакт ${slot}: ${field}`,
    required: 'обязателен для нового участника',
    summary: 'Что содержит каждый столбец файла',
    columnHead: 'Столбец',
    meaningHead: 'Содержимое',
    moreContacts: 'то же для следующих контактов',
    topicCodes: 'Коды тем для отраслей и интересов',
    allowed: (values) => `Допустимые значения: ${values}.`,
    expected: (form) => `Ожидается: ${form}.`,
    meant: (value) => `Возможно, имелось в виду ${value}?`,
  },
  vi: {
    profile: {
      name: ['Tên công ty'],
      country: ['Quốc gia', 'mã ISO: RU, VN'],
      region: ['Tỉnh/vùng', 'mã ISO 3166-2: RU-MOW, VN-HN'],
      taxId: ['Mã số thuế', 'MST (Việt Nam), INN (Nga)'],
      sectors: ['Ngành', 'chủ đề, cách nhau bởi |'],
      interests: ['Lĩnh vực quan tâm', 'chủ đề, cách nhau bởi |'],
      targetMarkets: ['Thị trường mục tiêu', 'mã quốc gia, cách nhau bởi |'],
      languages: ['Ngôn ngữ', 'mã: ru|vi|en'],
      description: ['Mô tả'],
      website: ['Trang web'],
      status: ['Trạng thái', 'active, suspended, resigned'],
      joinedOn: ['Ngày gia nhập', 'YYYY-MM-DD'],
      declaredRevenue_amount: ['Doanh thu kê khai: số tiền'],
      declaredRevenue_currency: ['Doanh thu kê khai: tiền tệ', 'RUB, VND, USD'],
      verifiedRevenue_amount: ['Doanh thu đã xác minh: số tiền'],
      verifiedRevenue_currency: ['Doanh thu đã xác minh: tiền tệ'],
    },
    contact: {
      name: ['họ tên'],
      email: ['email'],
      phone: ['điện thoại', '+84 912 345 678; 0… (Việt Nam), 8… (Nga)'],
      position: ['chức vụ'],
      language: ['ngôn ngữ', 'ru, vi, en'],
      outreach: ['đồng ý nhận đề xuất hợp tác (chiến dịch)', 'có, không (yes, no; да, нет)'],
      news: ['đồng ý nhận tin tức', 'có, không (yes, no; да, нет)'],
    },
    contactColumn: (slot: string, field: string) => `Liên hệ ${slot}: ${field}`,
    required: 'bắt buộc với hội viên mới',
    summary: 'Nội dung từng cột của tệp',
    columnHead: 'Cột',
    meaningHead: 'Nội dung',
    moreContacts: 'tương tự cho các liên hệ tiếp theo',
    topicCodes: 'Mã chủ đề cho ngành và lĩnh vực quan tâm',
    allowed: (values) => `Giá trị hợp lệ: ${values}.`,
    expected: (form) => `Cần nhập: ${form}.`,
    meant: (value) => `Có phải ý bạn là ${value}?`,
  },
};

/** One of our columns as the reader's language names it, and the form its values take. */
function describedColumn(column: string, locale: Locale): Described | undefined {
  const t = columnText[locale];
  if (Object.hasOwn(t.profile, column)) return t.profile[column as ProfileColumn];
  const contact = /^contact(\d+)_([a-z]+)$/.exec(column);
  if (contact && Object.hasOwn(t.contact, contact[2]!)) {
    const [name, form] = t.contact[contact[2] as ContactField];
    return form === undefined
      ? [t.contactColumn(contact[1]!, name)]
      : [t.contactColumn(contact[1]!, name), form];
  }
  return undefined;
}

/** A column of the file by what it holds (`joinedOn` → `Дата вступления`); undefined for none of ours. */
export const columnLabel = (column: string, locale: Locale): string | undefined =>
  describedColumn(column, locale)?.[0];

/** What a column's values look like (`joinedOn` → `ГГГГ-ММ-ДД`), said as what a cell was expected to hold. */
export function expectedForm(column: string, locale: Locale): string | undefined {
  const form = describedColumn(column, locale)?.[1];
  return form === undefined ? undefined : columnText[locale].expected(form);
}

/** A code a refused cell most likely meant, offered in the reader's language. */
export const meantValue = (value: string, locale: Locale): string => columnText[locale].meant(value);

/**
 * The file's columns as the import page explains them: the profile's, then one contact's (`contact1_…`;
 * the others are numbered up to the member's last contact), the ones a new member needs marked.
 */
export function explainedColumns(locale: Locale) {
  const t = columnText[locale];
  return {
    ...t,
    rows: [
      ...Object.entries(t.profile).map(([column, [name, form]]) => ({
        column,
        label: name,
        form,
        required: requiredColumns.includes(column as ProfileColumn),
      })),
      ...Object.entries(t.contact).map(([field, [name, form]]) => ({
        column: `contact1_${field}`,
        label: t.contactColumn('1', name),
        form,
        required: false,
      })),
      { column: 'contact2_…', label: t.moreContacts, form: undefined, required: false },
    ],
  };
}

/** For a cell's value the schema does not know: the values it would take (no list is on screen). */
export const allowedValues = (values: string, locale: Locale): string => columnText[locale].allowed(values);
