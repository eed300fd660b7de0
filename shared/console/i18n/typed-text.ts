/**
 * What people type, as the console compares it with the names it knows (the place and country
 * look-ups, the import report's advice, the place lists' typed spellings).
 */

/** The text with its letters' marks gone, case and spacing kept: "Thành phố Hồ Chí Minh" is "Thanh pho Ho Chi Minh". */
export const withoutMarks = (text: string) =>
  // Most names are plain ASCII: the normalising round trip, ~2 µs a name, is for the rest (a list of
  // places, /console/places, spells ~250 countries or ~150 regions in a cold process).
  /^[\x20-\x7e]*$/.test(text)
    ? text
    : text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('đ', 'd').replaceAll('Đ', 'D').normalize('NFC');

/** A letter of a script other than Latin (Cyrillic). */
const notLatin = /[^\p{Script=Latin}\P{L}]/u;

/**
 * A name as it is typed on a keyboard without its letters: without its marks ("Thanh pho Ho Chi Minh",
 * "Turkiye"), or, where it is written in another script, by its English name ("Moscow" for Москва).
 * Undefined where it is typed as it is written. A browser matches what is typed against a suggestion's
 * label as written, marks and all, so a suggestion names this spelling too.
 */
export function typedSpelling(name: string, englishName: string): string | undefined {
  const spelling = withoutMarks(notLatin.test(name) ? englishName : name);
  // Two letters typed read as an ISO code: Vietnamese Áo (Austria) as "Ao" is Angola's AO.
  return spelling === name || spelling.length <= 2 ? undefined : spelling;
}

/**
 * A website as people type it, with the scheme the API asks for: "vladalyans.ru" is
 * "https://vladalyans.ru". What has a scheme, or is no host name, is left to the schema to judge.
 */
export function websiteAsTyped(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}-]*(\.[\p{L}\p{N}-]+)+(?:[/?#:]|$)/u.test(text) ? `https://${text}` : text;
}

/** Lowercase, diacritics and punctuation gone, words single-spaced. */
export const fold = (text: string): string =>
  withoutMarks(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The key a folded name is matched by: without spaces, so "Mát-xcơva" is "Mát-xcơ-va", "Viet Nam" "Vietnam". */
export const keyOf = (folded: string) => folded.replaceAll(' ', '');
