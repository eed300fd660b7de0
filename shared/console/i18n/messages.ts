import type { Locale } from './locales.ts';

/** A message: a string, or a function of its parameters (counts, names) that returns one. */
// biome-ignore lint/suspicious/noExplicitAny: each message declares its own parameters; the catalogue only requires a string back.
type Message = string | ((...args: any[]) => string);

/**
 * One module's texts in every language. English is the reference: Russian and Vietnamese must have
 * exactly its keys, with the same parameters, or the catalogue does not type-check. Texts spread in
 * from another catalogue go last: V8 adds the properties after a spread one by one (see
 * tests/unit/object-literals-built-at-once.test.ts).
 */
export function defineMessages<const E extends Record<string, Message>>(catalogue: {
  en: E;
  ru: { [K in keyof E]: E[K] extends string ? string : E[K] };
  vi: { [K in keyof E]: E[K] extends string ? string : E[K] };
}): Record<Locale, { [K in keyof E]: E[K] extends string ? string : E[K] }> {
  // English's own literal types widen to the shape the other two share.
  return catalogue as Record<Locale, { [K in keyof E]: E[K] extends string ? string : E[K] }>;
}

/** Picks the plural form of `count` by the language's rules (Russian has three; Vietnamese one). */
export function plural(
  locale: Locale,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  const rule = new Intl.PluralRules(locale).select(count);
  return (forms[rule] ?? forms.other).replace('#', new Intl.NumberFormat(locale).format(count));
}
