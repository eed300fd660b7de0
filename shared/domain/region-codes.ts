/**
 * First-level subdivisions (ISO 3166-2) for the two countries the association works in most: Russia
 * (federal subjects) and Vietnam (provinces and centrally governed cities). Members are segmented and
 * listed by region, so the codes have to be the ones ISO publishes rather than local abbreviations.
 *
 * RU follows ISO 3166-2:RU (83 codes). Subdivisions ISO does not list under RU have no code here.
 * VN follows ISO 3166-2:VN: 58 provinces with numeric codes (VN-01..VN-73, with gaps where codes were
 * retired, e.g. VN-15 Hà Tây after it merged into Hà Nội) and 5 cities with letter codes. Vietnam's
 * 2025 consolidation into 34 units (in force 2025-07-01) adds no codes, because ISO 3166-2 has not
 * published codes for the new units: each of them is a union of listed provinces, so the code of the
 * pre-merger province still places a member, and inventing codes would clash with the ones ISO assigns.
 * Each unit took the name of one of its parts, and here that part's code (mergedInto2025); a filter by
 * it takes in the others (regionsWithin).
 */

export const ruRegionCodes = [
  'RU-MOW',
  'RU-SPE',
  'RU-AD',
  'RU-AL',
  'RU-BA',
  'RU-BU',
  'RU-CE',
  'RU-CU',
  'RU-DA',
  'RU-IN',
  'RU-KB',
  'RU-KL',
  'RU-KC',
  'RU-KR',
  'RU-KK',
  'RU-KO',
  'RU-ME',
  'RU-MO',
  'RU-SA',
  'RU-SE',
  'RU-TA',
  'RU-TY',
  'RU-UD',
  'RU-ALT',
  'RU-KAM',
  'RU-KHA',
  'RU-KDA',
  'RU-KYA',
  'RU-PER',
  'RU-PRI',
  'RU-STA',
  'RU-ZAB',
  'RU-AMU',
  'RU-ARK',
  'RU-AST',
  'RU-BEL',
  'RU-BRY',
  'RU-CHE',
  'RU-IRK',
  'RU-IVA',
  'RU-KGD',
  'RU-KLU',
  'RU-KEM',
  'RU-KIR',
  'RU-KOS',
  'RU-KGN',
  'RU-KRS',
  'RU-LEN',
  'RU-LIP',
  'RU-MAG',
  'RU-MOS',
  'RU-MUR',
  'RU-NIZ',
  'RU-NGR',
  'RU-NVS',
  'RU-OMS',
  'RU-ORE',
  'RU-ORL',
  'RU-PNZ',
  'RU-PSK',
  'RU-ROS',
  'RU-RYA',
  'RU-SAK',
  'RU-SAM',
  'RU-SAR',
  'RU-SMO',
  'RU-SVE',
  'RU-TAM',
  'RU-TOM',
  'RU-TUL',
  'RU-TVE',
  'RU-TYU',
  'RU-ULY',
  'RU-VLA',
  'RU-VGG',
  'RU-VLG',
  'RU-VOR',
  'RU-YAR',
  'RU-YEV',
  'RU-CHU',
  'RU-KHM',
  'RU-NEN',
  'RU-YAN',
] as const;

export const vnRegionCodes = [
  'VN-HN',
  'VN-SG',
  'VN-DN',
  'VN-HP',
  'VN-CT',
  'VN-01',
  'VN-02',
  'VN-03',
  'VN-04',
  'VN-05',
  'VN-06',
  'VN-07',
  'VN-09',
  'VN-13',
  'VN-14',
  'VN-18',
  'VN-20',
  'VN-21',
  'VN-22',
  'VN-23',
  'VN-24',
  'VN-25',
  'VN-26',
  'VN-27',
  'VN-28',
  'VN-29',
  'VN-30',
  'VN-31',
  'VN-32',
  'VN-33',
  'VN-34',
  'VN-35',
  'VN-36',
  'VN-37',
  'VN-39',
  'VN-40',
  'VN-41',
  'VN-43',
  'VN-44',
  'VN-45',
  'VN-46',
  'VN-47',
  'VN-49',
  'VN-50',
  'VN-51',
  'VN-52',
  'VN-53',
  'VN-54',
  'VN-55',
  'VN-56',
  'VN-57',
  'VN-58',
  'VN-59',
  'VN-61',
  'VN-63',
  'VN-66',
  'VN-67',
  'VN-68',
  'VN-69',
  'VN-70',
  'VN-71',
  'VN-72',
  'VN-73',
] as const;

/** A code listed above. */
export type RegionCode = (typeof ruRegionCodes)[number] | (typeof vnRegionCodes)[number];

/** Vietnam's provinces merged into another on 1 July 2025, by the code of the one they joined. */
export const mergedInto2025: { readonly [code in RegionCode]?: RegionCode } = {
  'VN-03': 'VN-07', // Hà Giang → Tuyên Quang
  'VN-06': 'VN-02', // Yên Bái → Lào Cai
  'VN-53': 'VN-69', // Bắc Kạn → Thái Nguyên
  'VN-70': 'VN-68', // Vĩnh Phúc → Phú Thọ
  'VN-14': 'VN-68', // Hòa Bình → Phú Thọ
  'VN-54': 'VN-56', // Bắc Giang → Bắc Ninh
  'VN-20': 'VN-66', // Thái Bình → Hưng Yên
  'VN-61': 'VN-HP', // Hải Dương → Hải Phòng
  'VN-63': 'VN-18', // Hà Nam → Ninh Bình
  'VN-67': 'VN-18', // Nam Định → Ninh Bình
  'VN-24': 'VN-25', // Quảng Bình → Quảng Trị
  'VN-27': 'VN-DN', // Quảng Nam → Đà Nẵng
  'VN-28': 'VN-29', // Kon Tum → Quảng Ngãi
  'VN-31': 'VN-30', // Bình Định → Gia Lai
  'VN-36': 'VN-34', // Ninh Thuận → Khánh Hòa
  'VN-72': 'VN-35', // Đắk Nông → Lâm Đồng
  'VN-40': 'VN-35', // Bình Thuận → Lâm Đồng
  'VN-32': 'VN-33', // Phú Yên → Đắk Lắk
  'VN-57': 'VN-SG', // Bình Dương → Thành phố Hồ Chí Minh
  'VN-43': 'VN-SG', // Bà Rịa – Vũng Tàu → Thành phố Hồ Chí Minh
  'VN-58': 'VN-39', // Bình Phước → Đồng Nai
  'VN-41': 'VN-37', // Long An → Tây Ninh
  'VN-52': 'VN-CT', // Sóc Trăng → Cần Thơ
  'VN-73': 'VN-CT', // Hậu Giang → Cần Thơ
  'VN-50': 'VN-49', // Bến Tre → Vĩnh Long
  'VN-51': 'VN-49', // Trà Vinh → Vĩnh Long
  'VN-46': 'VN-45', // Tiền Giang → Đồng Tháp
  'VN-55': 'VN-59', // Bạc Liêu → Cà Mau
  'VN-47': 'VN-44', // Kiên Giang → An Giang
};

function partsByWhole(merged: Readonly<Record<string, string>>): ReadonlyMap<string, readonly string[]> {
  return Object.entries(merged).reduce(
    (within, [part, whole]) => within.set(whole, [...(within.get(whole) ?? []), part]),
    new Map<string, string[]>(),
  );
}
// Marked pure so that a bundle which validates regions and merges no lists leaves it out.
const partsOf = /* @__PURE__ */ partsByWhole(mergedInto2025);

/**
 * The regions a filter or a segment by `code` takes in: the region itself, then the provinces merged
 * into it in 2025, whose members still hold their own ISO code (a filter by Ho Chi Minh City lists
 * the members in Bình Dương and Bà Rịa – Vũng Tàu too). A merged province's own code takes in only
 * itself.
 */
export function regionsWithin(code: string): readonly string[] {
  return [code, ...(partsOf.get(code) ?? [])];
}

/** The regions a member under `code` is in, the other way round: its own, and the one it merged into. */
export function regionsHolding(code: string): readonly string[] {
  const whole = (mergedInto2025 as Readonly<Record<string, string>>)[code];
  return whole ? [code, whole] : [code];
}

/**
 * What a list by `code` means since the 2025 merger, for a page to say: the whole it is part of now
 * (its list holds only its own), or the provinces merged into it that its list takes in.
 */
export function regionMerger(code: string): { partOf: string } | { takesIn: readonly string[] } | undefined {
  const [, whole] = regionsHolding(code);
  if (whole) return { partOf: whole };
  const parts = regionsWithin(code).slice(1);
  return parts.length > 0 ? { takesIn: parts } : undefined;
}

/** Countries whose subdivisions are listed here; only for these can a code be rejected as unknown. */
export const countriesWithRegions: readonly string[] = ['RU', 'VN'];

const listed: ReadonlySet<string> = new Set<string>([...ruRegionCodes, ...vnRegionCodes]);

/** The shape of every ISO 3166-2 code: the country's alpha-2 code, a dash, 1 to 3 letters or digits. */
export const isoSubdivisionPattern = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/**
 * Whether `code` may be stored as a member's region. For RU and VN it must be one of the codes above.
 * For every other country only the ISO 3166-2 shape is checked: the association has too few members
 * there to justify maintaining their subdivision lists, and refusing a correct code would be worse than
 * accepting a well-formed one we cannot confirm.
 */
export function isKnownRegion(code: string): boolean {
  if (!isoSubdivisionPattern.test(code)) return false;
  const country = code.slice(0, 2);
  return countriesWithRegions.includes(country) ? listed.has(code) : true;
}
