/** The console's languages; every page and message exists in each. */
export const locales = ['ru', 'vi', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Each language by its own name, as a picker lists them. */
export const languageNames: Record<Locale, string> = { ru: 'Русский', vi: 'Tiếng Việt', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The first of the browser's languages the console speaks (RFC 9110 weights), else English. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? 'en';
}

/**
 * The zone a reader's times are shown and asked in until they choose one, by the language they sign in
 * with: the association's staff who read Russian work on Moscow's clock, those who read Vietnamese on
 * Vietnam's; English has no one place, so UTC, marked as such.
 */
export const defaultTimeZones: Record<Locale, string> = {
  ru: 'Europe/Moscow',
  vi: 'Asia/Ho_Chi_Minh',
  en: 'UTC',
};

/**
 * The cell separator of the console's CSV exports in each language: where decimals take a comma
 * (Russian, Vietnamese), spreadsheets expect `;` between cells and open a comma-separated file as one
 * column.
 */
export const csvDelimiters: Record<Locale, ',' | ';'> = { ru: ';', vi: ';', en: ',' };
