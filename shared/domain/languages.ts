/**
 * The languages the CRM writes to people in (ISO 639-1): contacts', members', campaign variants'.
 * Apart from the member schema so that what needs only the list (a public page, a stored recipient)
 * does not bundle the schemas.
 */
export const languages = ['ru', 'vi', 'en'] as const;
export type Language = (typeof languages)[number];

/** BCP 47 tags for `Intl`: Vietnamese dates and numbers in Vietnam's conventions, and so on. */
export const intlTags: Record<Language, string> = { ru: 'ru-RU', vi: 'vi-VN', en: 'en-GB' };

/** Text given in one or more of the languages, as an event's name or city is. */
export type InLanguages = Partial<Record<Language, string>>;

/**
 * What `text` says to a reader of `language`: in that language, else in English, Russian or
 * Vietnamese, whichever it has; text given once for every language (a string) as it is.
 */
export function textIn(text: InLanguages | string | undefined, language: Language): string {
  if (text === undefined || typeof text === 'string') return text ?? '';
  return text[language] ?? text.en ?? text.ru ?? text.vi ?? '';
}
