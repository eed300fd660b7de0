/**
 * Member name search keys (access pattern 5): prefix match that ignores case, diacritics, script and
 * legal-form words. Every key and every query goes through the same normalization, so matching is a
 * plain `key.startsWith(query)`, which DynamoDB serves as `begins_with` on a sort key.
 *
 * Keys are persisted: changing anything here (including the transliteration package's version)
 * changes the keys, and stored members must be re-indexed.
 */
import transliterate from '@sindresorhus/transliterate';

/** Each key is one index item per member, so the count bounds the write amplification of a rename. */
export const MAX_SEARCH_KEYS = 8;
export const MAX_SEARCH_KEY_LENGTH = 100;
export const SORT_NAME_LENGTH = 60;
/** Length of the shard prefix in `SEARCH#<prefix>`; callers reject shorter queries. */
export const SEARCH_PARTITION_LENGTH = 2;

// The library renders Щ as "sch" (German usage); Russian names in Latin (passports, BGN/PCGN,
// companies' own English names) write "shch", which is what people type.
const TRANSLITERATE_OPTIONS = { customReplacements: [['щ', 'shch']] as [string, string][] };

// Legal forms in their native spelling; their ASCII folds are added below. Matching the original
// spelling first keeps Vietnamese "Áo" (garment) from being taken for Russian "АО" once both fold
// to "ao": only a token written in plain ASCII is compared with the folds.
const LEGAL_FORMS = [
  // Russian
  'ооо',
  'оао',
  'зао',
  'пао',
  'ао',
  'нао',
  'ано',
  'ип',
  'гк',
  'нпо',
  'фгуп',
  'гуп',
  'муп',
  'тоо',
  'общество с ограниченной ответственностью',
  'акционерное общество',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'открытое акционерное общество',
  'закрытое акционерное общество',
  'индивидуальный предприниматель',
  'группа компаний',
  // English and others met in trade
  'llc',
  'jsc',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'co',
  'corp',
  'corporation',
  'company',
  'gmbh',
  'plc',
  'llp',
  'pte',
  // Vietnamese
  'công ty',
  'cty',
  'ctcp',
  'tnhh',
  'trách nhiệm hữu hạn',
  'cổ phần',
  'cp',
  'mtv',
  'một thành viên',
  'tập đoàn',
  'doanh nghiệp tư nhân',
  'dntn',
  'hợp tác xã',
  'htx',
];

interface Token {
  /** Lowercased original spelling, for recognising legal forms. */
  raw: string;
  /** ASCII words (space-separated) this token becomes in a key. */
  folded: string;
}

// Apostrophes inside a word are dropped rather than split on, so "O'Neil" and "ONeil" agree.
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ‘`](?=[\p{L}\p{N}])/gu;
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;

function fold(rawLower: string): string {
  const prepared = rawLower
    // Russian writing treats ё as optional: "елка" must find "Ёлка".
    .replaceAll('ё', 'е')
    // Marks come off Latin letters before transliterating, so "Müller" folds to "muller" (what people
    // type) rather than the German "mueller", and Vietnamese "Việt" to "viet". Cyrillic keeps its marks
    // until the library has read them: Й is not И.
    .normalize('NFD')
    .replace(/(?<=[a-z])\p{M}+/gu, '')
    .normalize('NFC');
  return transliterate(prepared, TRANSLITERATE_OPTIONS)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const part of text.normalize('NFC').replace(INNER_APOSTROPHE, '').split(SEPARATORS)) {
    if (part === '') continue;
    const raw = part.toLowerCase();
    const folded = fold(raw);
    // Tokens that fold to nothing (ъ alone, circled digits) must not break a legal-form phrase.
    if (folded !== '') tokens.push({ raw, folded });
  }
  return tokens;
}

interface LegalFormPhrases {
  phrases: Set<string>;
  maxWords: number;
}

let legalForms: LegalFormPhrases | undefined;

/**
 * The legal forms as token phrases, folded on first use rather than at import: folding them runs the
 * transliteration ~60 times (its first call compiles the library's large pattern), and the API
 * functions import this module for writes and searches, which most cold-start requests are not.
 */
function legalFormPhrases(): LegalFormPhrases {
  if (legalForms) return legalForms;
  const phrases = new Set<string>();
  let maxWords = 1;
  for (const form of LEGAL_FORMS) {
    const tokens = tokenize(form);
    phrases.add(tokens.map((t) => t.raw).join(' '));
    phrases.add(tokens.map((t) => t.folded).join(' '));
    maxWords = Math.max(maxWords, tokens.length);
  }
  legalForms = { phrases, maxWords };
  return legalForms;
}

function withoutLegalForms(tokens: Token[]): Token[] {
  const { phrases: LEGAL_FORM_PHRASES, maxWords: maxLegalFormWords } = legalFormPhrases();
  const kept: Token[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    // Longest phrase first, so "публичное акционерное общество" is not left with "публичное".
    for (let n = Math.min(maxLegalFormWords, tokens.length - i); n >= 1; n--) {
      const phrase = tokens
        .slice(i, i + n)
        .map((t) => t.raw)
        .join(' ');
      if (LEGAL_FORM_PHRASES.has(phrase)) {
        i += n;
        continue outer;
      }
    }
    kept.push(tokens[i]!);
    i++;
  }
  return kept;
}

function words(tokens: Token[]): string[] {
  return tokens.flatMap((t) => t.folded.split(' '));
}

function cap(key: string, length: number): string {
  return key.slice(0, length).trimEnd();
}

/** NFC text → lowercase ASCII words separated by single spaces ('' if nothing is left). */
export function normalizeForSearch(text: string): string {
  return words(tokenize(text)).join(' ');
}

/**
 * Keys to index for a company name, most useful first:
 * - the full name, legal forms included, because people also type "cong ty …" or "ооо влад…";
 * - the name without legal forms, because that is the name people actually say ("vladkon");
 * - each word-start suffix of that, so a later word ("tien" in "Việt Tiến") matches too.
 * The suffixes are cut off at MAX_SEARCH_KEYS. A name with no letters or digits yields none.
 */
export function searchKeys(name: string): string[] {
  const tokens = tokenize(name);
  const full = words(tokens);
  const core = words(withoutLegalForms(tokens));
  const candidates = [full.join(' ')];
  for (let i = 0; i < core.length; i++) candidates.push(core.slice(i).join(' '));

  const keys: string[] = [];
  for (const candidate of candidates) {
    const key = cap(candidate, MAX_SEARCH_KEY_LENGTH);
    if (key !== '' && !keys.includes(key)) keys.push(key);
    if (keys.length === MAX_SEARCH_KEYS) break;
  }
  return keys;
}

/**
 * A user's query normalized like the keys, or null if nothing searchable is left. Capped like the
 * keys, so a query longer than a key still matches the (truncated) key it is a prefix of.
 */
export function searchQuery(q: string): string | null {
  const query = cap(normalizeForSearch(q), MAX_SEARCH_KEY_LENGTH);
  return query === '' ? null : query;
}

/** Orders lists by the name people say: "ООО «Владкон»" sorts under V, not O. */
export function sortName(name: string): string {
  const tokens = tokenize(name);
  const core = words(withoutLegalForms(tokens));
  return cap((core.length > 0 ? core : words(tokens)).join(' '), SORT_NAME_LENGTH);
}

/**
 * Shard of a key or query: its first SEARCH_PARTITION_LENGTH chars (`SEARCH#<shard>`). A query
 * shorter than that would have to read every shard it prefixes, so callers reject it; given one
 * anyway, this returns it whole, which addresses only the shard of keys that are exactly that short.
 */
export function searchPartition(key: string): string {
  return key.slice(0, SEARCH_PARTITION_LENGTH);
}
