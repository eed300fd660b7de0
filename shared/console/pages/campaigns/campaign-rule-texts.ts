import {
  type RefusedTag,
  refusedTagInEnglish,
  type TemplateRules,
  type UnsafePlace,
  unsafePlaceInEnglish,
} from '../../../domain/issue-rules.ts';
import type { RuleTexts } from '../../i18n/zod-messages.ts';

/** Where in a campaign's HTML a merge field may not stand, and the refused tags, per language. */
const places: Record<'ru' | 'vi', (where: UnsafePlace) => string> = {
  ru: (where) => {
    switch (where.in) {
      case 'comment':
        return 'в HTML-комментарии';
      case 'declaration':
        return 'в объявлении';
      case 'tag':
        return `внутри тега <${where.element}>`;
      case 'attributeName':
        return `в имени атрибута <${where.element}>`;
      case 'unquotedValue':
        return `в значении без кавычек у <${where.element}>`;
      case 'rawText':
        return `внутри <${where.element}>`;
      case 'partOfUrl':
        return `внутри ${where.attribute}="…" у <${where.element}> (допустимо только как всё значение)`;
      case 'attribute':
        return `внутри атрибута ${where.attribute} у <${where.element}>`;
    }
  },
  vi: (where) => {
    switch (where.in) {
      case 'comment':
        return 'trong chú thích HTML';
      case 'declaration':
        return 'trong một khai báo';
      case 'tag':
        return `bên trong thẻ <${where.element}>`;
      case 'attributeName':
        return `trong tên thuộc tính của <${where.element}>`;
      case 'unquotedValue':
        return `trong giá trị không có dấu ngoặc kép của <${where.element}>`;
      case 'rawText':
        return `bên trong <${where.element}>`;
      case 'partOfUrl':
        return `bên trong ${where.attribute}="…" của <${where.element}> (chỉ được dùng làm toàn bộ giá trị)`;
      case 'attribute':
        return `bên trong thuộc tính ${where.attribute} của <${where.element}>`;
    }
  },
};
const refusedTags: Record<'ru' | 'vi', Record<RefusedTag, string>> = {
  ru: {
    '&': 'вывод без экранирования ({{{…}}} или {{&…}}) запрещён',
    '>': 'вложенные шаблоны ({{>…}}) запрещены',
    '=': 'смена разделителей ({{=…=}}) запрещена',
  },
  vi: {
    '&': 'không được xuất nội dung không thoát ký tự ({{{…}}} hoặc {{&…}})',
    '>': 'không được dùng mẫu con ({{>…}})',
    '=': 'không được đổi dấu phân cách ({{=…=}})',
  },
};

/** A campaign template's problems (campaigns/campaign-template.ts) in every language. */
export const templateRuleTexts: RuleTexts<keyof TemplateRules> = {
  en: {
    subjectOneLine: () => 'A subject is one line.',
    controlCharacters: () => 'Must not contain control characters.',
    templateSyntax: ({ detail }) => `Template syntax: ${detail}.`,
    refusedTag: ({ at, tag }) => `At ${at}: ${refusedTagInEnglish[tag]}.`,
    unknownField: ({ field, known }) => `Unknown merge field {{${field}}}; known: ${known}.`,
    unsafePlace: ({ field, ...where }) =>
      `{{${field}}} is ${unsafePlaceInEnglish(where)}, where escaping cannot protect it.`,
    notUrlField: ({ field, urlFields }) =>
      `{{${field}}} is a link’s address, where only a URL field (${urlFields}) may go.`,
  },
  ru: {
    subjectOneLine: () => 'Тема письма должна быть одной строкой.',
    controlCharacters: () => 'Не должно содержать управляющих символов.',
    templateSyntax: ({ detail }) => `Ошибка в синтаксисе шаблона: ${detail}.`,
    refusedTag: ({ at, tag }) => `Позиция ${at}: ${refusedTags.ru[tag]}.`,
    unknownField: ({ field, known }) => `Неизвестное поле подстановки {{${field}}}; доступны: ${known}.`,
    unsafePlace: ({ field, ...where }) =>
      `{{${field}}} стоит ${places.ru(where)}, где экранирование его не защищает.`,
    notUrlField: ({ field, urlFields }) =>
      `{{${field}}} стоит в адресе ссылки, где допустимо только поле-адрес (${urlFields}).`,
  },
  vi: {
    subjectOneLine: () => 'Tiêu đề chỉ được có một dòng.',
    controlCharacters: () => 'Không được chứa ký tự điều khiển.',
    templateSyntax: ({ detail }) => `Lỗi cú pháp mẫu: ${detail}.`,
    refusedTag: ({ at, tag }) => `Vị trí ${at}: ${refusedTags.vi[tag]}.`,
    unknownField: ({ field, known }) => `Trường trộn không xác định {{${field}}}; các trường có: ${known}.`,
    unsafePlace: ({ field, ...where }) =>
      `{{${field}}} nằm ${places.vi(where)}, nơi việc thoát ký tự không bảo vệ được.`,
    notUrlField: ({ field, urlFields }) =>
      `{{${field}}} nằm ở địa chỉ liên kết, nơi chỉ được dùng trường URL (${urlFields}).`,
  },
};
