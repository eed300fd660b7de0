import type { Language } from './languages.ts';
import { regionNamesOf } from './regions.ts';

/**
 * The language each listed country's subdivisions are named in locally: a reader of that language
 * reads them so (Москва, Hà Nội), a reader of the other country's language in theirs (Tỉnh Vladimir,
 * Ханой), an English reader in English.
 */
const localLanguage: Record<string, Language> = { RU: 'ru', VN: 'vi' };

/**
 * A subdivision's name in `language`: what the console shows a reader and what a campaign's
 * `{{region}}` holds; the code itself where it is not one we list (other countries).
 */
export function regionName(code: string, language: Language): string {
  const names = regionNamesOf(code);
  if (!names) return code;
  const [name, localName, partnerName] = names;
  return localLanguage[code.slice(0, 2)] === language ? localName : language === 'en' ? name : partnerName;
}
