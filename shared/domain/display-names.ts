import { intlTags, type Language } from './languages.ts';

const displayNames = new Map<string, Intl.DisplayNames>();

/** What ICU calls `code` (a region, a language) in `language`; the code itself where it has no name. */
export function displayName(type: 'region' | 'language', code: string, language: Language): string {
  let names = displayNames.get(`${type}:${language}`);
  if (!names) {
    names = new Intl.DisplayNames([intlTags[language]], { type });
    displayNames.set(`${type}:${language}`, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A country's name in `language`: what the console shows a reader and a campaign's `{{country}}`
 * holds; the code itself where ICU has no name for it.
 */
export const countryName = (code: string, language: Language): string =>
  displayName('region', code, language);
