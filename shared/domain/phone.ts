/** A phone number as the schema keeps it: E.164, a plus and up to 15 digits. */
export const phonePattern = /^\+[1-9]\d{6,14}$/;

/** What people type between a phone number's digits: spaces (no-break too), dashes, dots, brackets. */
const separators = /[\s\-.()\u2010-\u2015]/g;

/**
 * The trunk prefix a number dialled at home starts with, and the country code that replaces it: the
 * association's two countries, whose staff copy numbers from letterheads and business cards.
 */
const trunkPrefixes: Record<string, { trunk: string; code: string; digits: number[] }> = {
  RU: { trunk: '8', code: '7', digits: [10] },
  VN: { trunk: '0', code: '84', digits: [9, 10] },
};

/**
 * A phone number as people write it, in the E.164 form the schema keeps: `+7 (423) 222-33-44` and
 * `8 423 222-33-44` for a Russian company both become `+74232223344`, `0912 345 678` for a Vietnamese
 * one `+84912345678`, `0049 30 1234567` `+49301234567`. Anything else comes back without its
 * separators, for the schema to refuse with its example.
 */
export function phoneE164(written: string, country?: string): string {
  // `+84 (0) 912…`: the trunk digit shown in brackets after the country code is not dialled with it.
  const compact = written.replace(/^(\s*\+\d{1,3})\s*\(0\)/, '$1').replace(separators, '');
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  const home = country === undefined ? undefined : trunkPrefixes[country];
  const national = home && compact.startsWith(home.trunk) ? compact.slice(home.trunk.length) : undefined;
  if (home && national && /^\d+$/.test(national) && home.digits.includes(national.length)) {
    return `+${home.code}${national}`;
  }
  return compact;
}

/**
 * An E.164 number grouped as it is written in its country, for reading: `+7 980 720-77-29`,
 * `+84 912 345 678`; a landline by its area code, two digits for Hanoi and Ho Chi Minh City
 * (`+84 24 3826 1234`), three for the other provinces (`+84 203 382 1234`).
 * The association's two countries only, as phoneE164 reads them: grouping any other would need every
 * country's numbering plan (libphonenumber's metadata, ~40 KB a bundle), so those show as stored.
 */
export function phoneForReading(e164: string): string {
  const russian = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (russian) return `+7 ${russian[1]} ${russian[2]}-${russian[3]}-${russian[4]}`;
  const city = /^\+84(2[48])(\d{4})(\d{4})$/.exec(e164);
  if (city) return `+84 ${city[1]} ${city[2]} ${city[3]}`;
  const province = /^\+84(2\d\d)(\d{3})(\d{4})$/.exec(e164);
  if (province) return `+84 ${province[1]} ${province[2]} ${province[3]}`;
  const mobile = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  if (mobile) return `+84 ${mobile[1]} ${mobile[2]} ${mobile[3]}`;
  return e164;
}
