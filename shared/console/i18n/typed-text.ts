import type { Locale } from './locales.ts';

/**
 * What people type, as the console compares it with the names it knows (the place and country
 * look-ups, the import report's advice) and quotes it back (the import report, a meeting's note, an
 * export's filter on the audit log).
 */

/** Lowercase, diacritics and punctuation gone, words single-spaced. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/giu, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key a folded name is matched by: without spaces, so "Mát-xcơva" is "Mát-xcơ-va", "Viet Nam" "Vietnam". */
export const keyOf = (folded: string) => folded.replaceAll(' ', '');

/** Quotation marks as each language writes them. */
export const quoted: Record<Locale, (text: string) => string> = {
  en: (text) => `“${text}”`,
  ru: (text) => `«${text}»`,
  vi: (text) => `“${text}”`,
};
