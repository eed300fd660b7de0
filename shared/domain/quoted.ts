import type { Language } from './languages.ts';

/** The text with its quotation marks `outer` made `inner`: a quotation within a quotation. */
const nested = (text: string, outer: [string, string], inner: [string, string]) =>
  text.replaceAll(outer[0], inner[0]).replaceAll(outer[1], inner[1]);

/**
 * Quotation marks as each language writes them, a quotation inside taking the inner marks: a name
 * quoted in Russian may hold «» itself (ООО «Логистиктрейд»), which nest as „…“ («ООО „Логистиктрейд“»);
 * English and Vietnamese nest ‘…’ in “…”. Only the marks change, for the reader; the text is the same.
 */
export const quoted: Record<Language, (text: string) => string> = {
  en: (text) => `“${nested(text, ['“', '”'], ['‘', '’'])}”`,
  ru: (text) => `«${nested(text, ['«', '»'], ['„', '“'])}»`,
  vi: (text) => `“${nested(text, ['“', '”'], ['‘', '’'])}”`,
};
