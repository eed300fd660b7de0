/**
 * Demo partners for local runs and demos: companies in Vietnam, elsewhere in Southeast Asia, China and
 * India that the association works with but that are not members. Each carries its name in its own
 * script and legal form, a Latin name, what it offers and what it seeks, and one to three contacts.
 * Output is a pure function of the options, like the demo members (./demo-members.ts).
 *
 * Kept apart from the members: partners' domains are single words under country TLDs the members'
 * hyphenated domains never take, so neither their domains nor their emails collide with a member's,
 * and outside Vietnam their tax ids have shapes the demo members' never take. A Vietnamese MST has one
 * shape for everyone; pass the members' tax ids as `avoidTaxIds` to rule out the rare collision.
 */
import { base, en, Faker } from '@faker-js/faker';
import transliterate from '@sindresorhus/transliterate';
import type { ContactInput, Language } from '../../../shared/domain/member-schema.ts';
import { normalizeForSearch } from '../../../shared/domain/name-search.ts';
import type { OfferOrNeed } from '../../../shared/domain/offers-needs.ts';
import type { PartnerCreate } from '../../../shared/domain/partner-schema.ts';
import { findRegion } from '../../../shared/domain/regions.ts';
import { mstCheckDigit } from '../../../shared/domain/tax-id.ts';
import { topicLabels } from '../../../shared/domain/topic-labels.ts';
import { type Topic, topics } from '../../../shared/domain/topics.ts';
import { topicText } from './demo-members.ts';
import { Rng, Weighted } from './demo-random.ts';

export interface DemoPartnerOptions {
  seed: number;
  count: number;
  /** The "today" the demo is generated for: dates in staff notes fall before it. */
  now: Date;
  /** Tax ids already taken (the demo members'): no partner gets one of them. */
  avoidTaxIds?: Iterable<string>;
}

/** A name in the company's own script and the same in the Latin script (equal where that is Latin). */
type Pair = readonly [local: string, latin: string];

interface Place {
  readonly name: Pair;
  /** ISO 3166-2 code; only codes ISO publishes for the country. */
  readonly region?: string;
}

interface Person {
  name: string;
  /** Mailbox names to try, best first: lowercase ASCII. */
  locals: string[];
}

interface PartnerCountry {
  readonly country: string;
  /** Share of the partners, relative to the other countries. */
  readonly weight: number;
  readonly tlds: readonly string[];
  /** The main sectors its companies work in, weighted. */
  readonly sectors: Partial<Record<Topic, number>>;
  /** How a company name says its main sector. */
  readonly lines: (rng: Rng, sector: Topic) => Pair;
  readonly brands: (rng: Rng) => Pair;
  readonly places: readonly Place[];
  /** The full name in both scripts from the name's core (brand, line and any disambiguating place). */
  readonly compose: (
    rng: Rng,
    core: { brand: Pair; line: Pair; place: Place; tail?: Pair },
    big: boolean,
  ) => Pair;
  readonly taxId: (rng: Rng, place: Place) => string;
  readonly phone: (rng: Rng) => string;
  readonly person: (rng: Rng) => Person;
  /** What it grows or makes for export, in English (and Vietnamese for VN). */
  readonly products: readonly Pair[];
  /** The port its industrial land is advertised by. */
  readonly port: (place: Place) => Pair;
}

// ---------------------------------------------------------------------------------------------------
// Words

const latin = (word: string): Pair => [word, word];
const pairs = (words: readonly string[]): Pair[] => words.map(latin);

/** How an English trading name says a sector, for companies that name themselves in English. */
const enLines: Record<Topic, readonly string[]> = {
  'technology-transfer': ['Technologies', 'Innovations'],
  'workforce-training': ['Manpower', 'Skills Academy'],
  'digital-economy': ['Digital', 'Software', 'Technologies'],
  tourism: ['Travel', 'Tours', 'Hospitality'],
  agriculture: ['Agro Resources', 'Plantations', 'Agri'],
  education: ['Education', 'Learning', 'Academy'],
  'industrial-water-treatment': ['Water', 'Water Services', 'Environmental'],
  'food-canning': ['Foods', 'Canning', 'Food Industries'],
  'garments-textiles': ['Textiles', 'Apparel', 'Garments'],
  logistics: ['Logistics', 'Freight', 'Shipping'],
  energy: ['Energy', 'Power', 'Renewables'],
  construction: ['Construction', 'Builders'],
  healthcare: ['Healthcare', 'Medical', 'Pharma'],
  manufacturing: ['Industries', 'Engineering', 'Manufacturing'],
  finance: ['Capital', 'Finance'],
  mining: ['Resources', 'Minerals', 'Mining'],
  fisheries: ['Seafood', 'Marine Products', 'Aquaculture'],
  chemicals: ['Chemicals', 'Petrochem'],
  'industrial-parks': ['Industrial Park', 'Industrial Estates', 'Land Development'],
  investment: ['Holdings', 'Investments'],
  trade: ['Trading', 'Distribution', 'Commodities'],
};

const enLine = (rng: Rng, sector: Topic): Pair => latin(rng.pick(enLines[sector]));

/** A line from a country's own table: its sectors are the keys, so a sector always has a line. */
function ownLines(table: Partial<Record<Topic, readonly Pair[]>>): (rng: Rng, sector: Topic) => Pair {
  return (rng, sector) => {
    const lines = table[sector];
    if (!lines) throw new RangeError(`no company-name line for ${sector}`);
    return rng.pick(lines);
  };
}

const upper = 'ABCDEFGHJKLMNPQRTUWXY';
const letters = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.pick([...upper])).join('');

/** Lowercase ASCII letters and digits only: the part of a name that survives into a mailbox or domain. */
function asciiWord(s: string): string {
  return normalizeForSearch(s).replace(/[^a-z0-9]/g, '');
}

/** Someone named given + family (or family + given), with the usual office mailboxes. */
function westernOrder(given: string, family: string, familyFirst = false): Person {
  const g = asciiWord(given);
  const f = asciiWord(family);
  return {
    name: familyFirst ? `${family} ${given}` : `${given} ${family}`,
    locals: [`${g}.${f}`, `${g.charAt(0)}${f}`, `${f}.${g}`, `${g}${f}`],
  };
}

// ---------------------------------------------------------------------------------------------------
// Countries

// biome-ignore format: a word list reads better packed than one word per line
const viBrandFirst = [
  'An', 'Bảo', 'Đông', 'Hải', 'Hòa', 'Hồng', 'Kim', 'Lạc', 'Long', 'Minh', 'Nam', 'Phú', 'Phước', 'Sao',
  'Tân', 'Thái', 'Thiên', 'Trường', 'Việt', 'Vạn', 'Hưng', 'Đại', 'Tín', 'Sơn', 'Mekong', 'Hoàn',
];
// biome-ignore format: a word list reads better packed than one word per line
const viBrandSecond = [
  'Phát', 'Thịnh', 'Hưng', 'Lợi', 'Khang', 'Đạt', 'Nguyên', 'Bình', 'Hà', 'Lộc', 'Tài', 'Mỹ', 'Á', 'Hải',
  'Sơn', 'Long', 'An', 'Tiến', 'Vượng', 'Phúc', 'Cầu', 'Gia',
];
const viFamilies = new Weighted<string>([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Phan', 4.5],
  ['Vũ', 3],
  ['Huỳnh', 2],
  ['Võ', 2],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Đinh', 0.8],
]);
const viMiddle = {
  female: ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng'],
  male: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh'],
};
// biome-ignore format: a word list reads better packed than one word per line
const viGiven = {
  female: ['Lan', 'Hương', 'Trang', 'Linh', 'Phương', 'Hà', 'Thảo', 'Mai', 'Anh', 'Vy', 'Ngân', 'Hằng', 'Yến', 'Nhung'],
  male: ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Quân', 'Sơn', 'Long', 'Hải', 'Khoa', 'Huy', 'Thắng', 'Cường', 'Bình', 'Phong'],
};

// Brands in the company's own script and in Latin letters.
// biome-ignore format: word lists read better packed than one word per line
const brandWords = {
  TH: [
    ['สยาม', 'Siam'], ['เจ้าพระยา', 'Chao Phraya'], ['ล้านนา', 'Lanna'], ['อันดามัน', 'Andaman'], ['อีสาน', 'Isan'],
    ['แม่โขง', 'Mekong'], ['บูรพา', 'Burapha'], ['สุวรรณภูมิ', 'Suvarnabhumi'], ['รุ่งเรือง', 'Rungruang'],
    ['ไทยเจริญ', 'Thai Charoen'], ['ศรีราชา', 'Sriracha'], ['ทองไทย', 'Thong Thai'], ['อโยธยา', 'Ayothaya'],
    ['ชัยพัฒนา', 'Chai Pattana'],
  ],
  LA: [
    ['ລ້ານຊ້າງ', 'Lane Xang'], ['ຈຳປາ', 'Champa'], ['ແມ່ຂອງ', 'Mekong'], ['ສະຫວັນ', 'Savan'], ['ພູສີ', 'Phousi'],
    ['ນ້ຳງື່ມ', 'Nam Ngum'], ['ດວງຈັນ', 'Douangchanh'], ['ພູເບ້ຍ', 'Phou Bia'],
  ],
  KH: [
    ['អង្គរ', 'Angkor'], ['មេគង្គ', 'Mekong'], ['បាយ័ន', 'Bayon'], ['ទន្លេ', 'Tonle'], ['កំពត', 'Kampot'],
    ['សែនជ័យ', 'Sen Chey'], ['បុប្ផា', 'Bopha'], ['រតនៈ', 'Rattanak'],
  ],
  MM: [
    ['ရွှေ', 'Shwe'], ['ရတနာ', 'Yadanar'], ['ဧရာဝတီ', 'Ayeyarwady'], ['ပုဂံ', 'Bagan'], ['သီရိ', 'Thiri'], ['မြ', 'Mya'],
    ['ဇေယျာ', 'Zeya'], ['အောင်', 'Aung'],
  ],
  CN: [
    ['恒通', 'Hengtong'], ['瑞达', 'Ruida'], ['宏盛', 'Hongsheng'], ['金桥', 'Jinqiao'], ['天和', 'Tianhe'], ['海纳', 'Haina'],
    ['鼎盛', 'Dingsheng'], ['博远', 'Boyuan'], ['嘉禾', 'Jiahe'], ['康源', 'Kangyuan'],
  ],
  ID: [
    'Nusantara', 'Garuda', 'Samudra', 'Mandala', 'Bintang', 'Merapi', 'Cahaya', 'Sinar', 'Mitra', 'Karya', 'Surya',
    'Bumi', 'Tirta',
  ],
  MY: [
    'Borneo', 'Klang', 'Melaka', 'Penang', 'Perdana', 'Mutiara', 'Cahaya', 'Kinabalu', 'Langkawi', 'Tioman',
    'Seri Gemilang', 'Titiwangsa',
  ],
  SG: [
    'Lion City', 'Marina Bay', 'Straits', 'Orchard', 'Merlion', 'Kallang', 'Tanjong', 'Bukit Timah', 'Sentosa',
    'Changi', 'Clementi', 'Serangoon',
  ],
  PH: [
    'Luzon', 'Visayas', 'Mindanao', 'Bayanihan', 'Maharlika', 'Sampaguita', 'Bataan', 'Davao', 'Pasig', 'Tagaytay',
    'Batangas', 'Ilocos',
  ],
  IN: [
    'Deccan', 'Ganga', 'Shakti', 'Indus', 'Sahyadri', 'Kaveri', 'Vindhya', 'Coromandel', 'Narmada', 'Konkan', 'Malabar',
  ],
} as const satisfies Record<string, readonly (Pair | string)[]>;

// People's names as they write them in Latin letters (Burmese names have no family name).
// biome-ignore format: word lists read better packed than one word per line
const personNames = {
  TH: {
    given: ['Somchai', 'Suda', 'Nattapong', 'Kanya', 'Wichai', 'Pimchanok', 'Anan', 'Siriporn', 'Thanakorn', 'Ratana', 'Prasert', 'Malee'],
    family: ['Srisuk', 'Wongsakul', 'Chaiyaporn', 'Suwannarat', 'Boonmee', 'Thongdee', 'Rattanakul', 'Saetang', 'Jaidee', 'Kittisak'],
  },
  ID: {
    given: ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Andi', 'Putri', 'Hendra', 'Wahyu', 'Sri', 'Yusuf', 'Indah'],
    family: ['Santoso', 'Rahayu', 'Wijaya', 'Saputra', 'Kusuma', 'Hidayat', 'Setiawan', 'Pratama', 'Nugroho', 'Lestari'],
  },
  MY: {
    given: ['Ahmad', 'Nurul', 'Siti', 'Muhammad', 'Farah', 'Hafiz', 'Aisyah', 'Amir', 'Zulkifli'],
    family: ['Abdullah', 'Ismail', 'Hassan', 'Rahman', 'Ibrahim', 'Yusof', 'Omar'],
  },
  MYC: { given: ['Wei Jie', 'Mei Ying', 'Kok Leong', 'Hui Min'], family: ['Tan', 'Lim', 'Wong', 'Lee'] },
  SG: {
    given: ['Wei Ming', 'Hui Ling', 'Jun Jie', 'Mei Ling', 'Kai Wen', 'Siew Lan', 'Zhi Hao', 'Li Ting'],
    family: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Koh', 'Teo'],
  },
  SGI: {
    given: ['Rajesh', 'Priya', 'Farid', 'Nadia', 'Daniel', 'Rachel'],
    family: ['Kumar', 'Pillai', 'Rahman', 'Tan', 'Chua'],
  },
  PH: {
    given: ['Jose', 'Maria', 'Juan', 'Ana', 'Mark', 'Kristine', 'Rafael', 'Patricia', 'Carlo', 'Angelica'],
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Villanueva', 'Ramos', 'Aquino', 'Dela Cruz'],
  },
  LA: {
    given: ['Somphone', 'Khamla', 'Souksavanh', 'Bounmy', 'Phonesavanh', 'Vilayvanh', 'Sengphet', 'Latsamy', 'Chanthala', 'Keo'],
    family: ['Phommavong', 'Sisouphanh', 'Keomany', 'Vongsa', 'Inthavong', 'Xaysana', 'Douangmala', 'Chanthavong', 'Luangrath'],
  },
  KH: {
    given: ['Dara', 'Sophea', 'Vannak', 'Sreymom', 'Bopha', 'Rithy', 'Chanthou', 'Piseth', 'Sokunthea', 'Vuthy'],
    family: ['Sok', 'Chea', 'Heng', 'Ly', 'Chan', 'Pich', 'Keo', 'Meas', 'Nuon', 'Seng'],
  },
  MM: {
    given: ['Aung Kyaw Moe', 'Thandar Hlaing', 'Zaw Min Htut', 'Su Su Win', 'Kyaw Zin Oo', 'Nilar Aye', 'Htet Aung', 'Hnin Wai Phyo', 'Min Thu Aung', 'Ei Mon Kyaw'],
  },
  CN: {
    given: ['Wei', 'Fang', 'Lei', 'Jing', 'Min', 'Tao', 'Yan', 'Jun', 'Xiuying', 'Hao'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'],
  },
  IN: {
    given: ['Rahul', 'Priya', 'Amit', 'Anjali', 'Vikram', 'Sunita', 'Arjun', 'Kavita', 'Rajesh', 'Neha'],
    family: ['Sharma', 'Nair', 'Patel', 'Iyer', 'Reddy', 'Gupta', 'Mehta', 'Rao', 'Menon'],
  },
} as const;
// biome-ignore format: a word list reads better packed than one word per line
const idNameEndings = ['Lestari', 'Abadi', 'Makmur', 'Jaya', 'Sejahtera', 'Mandiri', 'Utama', 'Perkasa', 'Sentosa'];

/** Vietnamese tax department prefixes for the provinces partners sit in; elsewhere a stand-in. */
const vnTaxPrefix: Readonly<Record<string, string>> = {
  'VN-HN': '01',
  'VN-HP': '02',
  'VN-SG': '03',
  'VN-DN': '04',
  'VN-57': '37',
  'VN-39': '36',
  'VN-56': '23',
  'VN-13': '57',
  'VN-43': '35',
  'VN-41': '11',
  'VN-CT': '18',
  'VN-34': '42',
};
const vnRegionWeights: readonly (readonly [string, number])[] = [
  ['VN-SG', 30],
  ['VN-HN', 25],
  ['VN-DN', 8],
  ['VN-HP', 8],
  ['VN-57', 7], // Bình Dương
  ['VN-39', 6], // Đồng Nai
  ['VN-56', 5], // Bắc Ninh
  ['VN-13', 4], // Quảng Ninh
  ['VN-43', 4], // Bà Rịa – Vũng Tàu
  ['VN-41', 3], // Long An
  ['VN-CT', 3],
  ['VN-34', 3], // Khánh Hòa
];
const vnNorth = new Set(['VN-HN', 'VN-HP', 'VN-56', 'VN-13']);
const vnCentre = new Set(['VN-DN', 'VN-34']);

const vnPlaces: Place[] = vnRegionWeights.map(([code]) => {
  const region = findRegion(code);
  if (!region) throw new RangeError(`unknown region ${code}`);
  return { name: [region.localName, region.name], region: code };
});

const vietnam: PartnerCountry = {
  country: 'VN',
  weight: 40,
  tlds: ['vn', 'com.vn'],
  sectors: {
    agriculture: 10,
    'garments-textiles': 9,
    'industrial-parks': 8,
    tourism: 8,
    trade: 8,
    logistics: 7,
    'food-canning': 6,
    fisheries: 6,
    energy: 4,
    construction: 4,
    'digital-economy': 4,
    manufacturing: 4,
    'industrial-water-treatment': 3,
    education: 3,
    investment: 3,
    healthcare: 2,
  },
  lines: (rng, sector) => [rng.pick(topicText[sector].viName), rng.pick(enLines[sector])],
  brands: (rng) => {
    const first = rng.pick(viBrandFirst);
    let second = rng.pick(viBrandSecond);
    while (second === first) second = rng.pick(viBrandSecond);
    const brand = `${first} ${second}`;
    return [brand, transliterate(brand)];
  },
  places: vnPlaces,
  compose: (rng, { brand, line, tail }, big) => {
    const joint = big ? rng.chance(0.7) : rng.chance(0.35);
    const form = joint ? 'Công ty Cổ phần' : 'Công ty TNHH';
    const name = `${form} ${line[0]} ${brand[0]}${tail ? ` ${tail[0]}` : ''}`;
    // Many keep their Vietnamese name abroad too; the rest trade under an English one.
    if (rng.chance(0.3)) return [name, name];
    const latinForm = joint
      ? rng.pick(['JSC', 'JSC', 'Joint Stock Company'])
      : rng.pick(['Co., Ltd.', 'Co., Ltd.', 'Company Limited']);
    return [name, `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} ${latinForm}`];
  },
  taxId: (rng, place) => {
    for (;;) {
      const body =
        (vnTaxPrefix[place.region ?? ''] ?? String(rng.int(5, 99)).padStart(2, '0')) + rng.digits(7);
      const check = mstCheckDigit(body);
      if (body.slice(2) !== '0000000' && check !== undefined) return body + check;
    }
  },
  phone: (rng) => `+84${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(8)}`,
  person: (rng) => {
    const sex = rng.chance(0.45) ? 'female' : 'male';
    const family = viFamilies.pick(rng);
    const middle = rng.pick(viMiddle[sex]);
    const given = rng.pick(viGiven[sex]);
    const g = asciiWord(given);
    const initials = asciiWord(family).charAt(0) + asciiWord(middle).charAt(0);
    // The Vietnamese office habit: given name plus initials of family and middle name.
    return {
      name: `${family} ${middle} ${given}`,
      locals: [
        `${g}${initials}`,
        `${g}.${asciiWord(family)}`,
        `${g}${asciiWord(middle)}`,
        `${g}.${initials}`,
      ],
    };
  },
  products: [
    ['coffee, cashew and black pepper', 'cà phê, hạt điều và hồ tiêu'],
    ['rice, dragon fruit and durian', 'gạo, thanh long và sầu riêng'],
    ['tea, cinnamon and star anise', 'chè, quế và hồi'],
  ],
  port: (place) =>
    vnNorth.has(place.region ?? '')
      ? ['Lach Huyen port', 'cảng Lạch Huyện']
      : vnCentre.has(place.region ?? '')
        ? ['Da Nang port', 'cảng Đà Nẵng']
        : ['Cai Mep port', 'cảng Cái Mép'],
};

const thailand: PartnerCountry = {
  country: 'TH',
  weight: 12,
  tlds: ['co.th'],
  sectors: {
    'food-canning': 8,
    agriculture: 8,
    tourism: 7,
    'industrial-parks': 6,
    logistics: 6,
    trade: 6,
    fisheries: 5,
    energy: 4,
    manufacturing: 4,
    construction: 3,
    healthcare: 2,
    chemicals: 2,
    'digital-economy': 2,
    'garments-textiles': 2,
  },
  lines: ownLines({
    'food-canning': [
      ['อาหารกระป๋อง', 'Canned Food'],
      ['ฟู้ดส์', 'Foods'],
    ],
    agriculture: [
      ['อะโกร', 'Agro'],
      ['ผลิตผลการเกษตร', 'Agricultural Products'],
    ],
    tourism: [
      ['ทัวร์', 'Tour'],
      ['ทราเวล', 'Travel'],
    ],
    'industrial-parks': [
      ['นิคมอุตสาหกรรม', 'Industrial Estate'],
      ['อินดัสเตรียล พาร์ค', 'Industrial Park'],
    ],
    logistics: [
      ['โลจิสติกส์', 'Logistics'],
      ['ขนส่ง', 'Transport'],
    ],
    trade: [
      ['เทรดดิ้ง', 'Trading'],
      ['อินเตอร์เทรด', 'Intertrade'],
    ],
    fisheries: [
      ['ซีฟู้ด', 'Seafood'],
      ['อาหารทะเล', 'Marine Foods'],
    ],
    energy: [
      ['พลังงาน', 'Energy'],
      ['เพาเวอร์', 'Power'],
    ],
    manufacturing: [
      ['อุตสาหกรรม', 'Industries'],
      ['เอ็นจิเนียริ่ง', 'Engineering'],
    ],
    construction: [['คอนสตรัคชั่น', 'Construction']],
    healthcare: [
      ['เวชภัณฑ์', 'Medical Supplies'],
      ['ฟาร์มา', 'Pharma'],
    ],
    chemicals: [['เคมีภัณฑ์', 'Chemicals']],
    'digital-economy': [
      ['ดิจิทัล', 'Digital'],
      ['ซอฟต์แวร์', 'Software'],
    ],
    'garments-textiles': [
      ['สิ่งทอ', 'Textile'],
      ['การ์เมนท์', 'Garment'],
    ],
  }),
  brands: (rng) => rng.pick(brandWords.TH),
  places: [
    { name: ['กรุงเทพ', 'Bangkok'], region: 'TH-10' },
    { name: ['ชลบุรี', 'Chon Buri'], region: 'TH-20' },
    { name: ['ระยอง', 'Rayong'], region: 'TH-21' },
    { name: ['เชียงใหม่', 'Chiang Mai'], region: 'TH-50' },
    { name: ['ภูเก็ต', 'Phuket'], region: 'TH-83' },
    { name: ['สงขลา', 'Songkhla'], region: 'TH-90' },
  ],
  compose: (rng, { brand, line, tail }, big) => {
    const core = `${brand[0]}${line[0]}${tail ? ` ${tail[0]}` : ''}`;
    const latinCore = `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''}`;
    return big && rng.chance(0.5)
      ? [`บริษัท ${core} จำกัด (มหาชน)`, `${latinCore} Public Company Limited`]
      : [`บริษัท ${core} จำกัด`, `${latinCore} Co., Ltd.`];
  },
  // Juristic-person ids outside Bangkok's limited companies (0105…), which the demo members hold.
  taxId: (rng, place) => {
    const province = (place.region ?? 'TH-10').slice(3);
    const kind = province === '10' ? '7' : rng.pick(['5', '5', '7']);
    return `0${province}${kind}${rng.digits(9)}`;
  },
  phone: (rng) => `+66${rng.pick(['6', '8', '9'])}${rng.digits(8)}`,
  person: (rng) => westernOrder(rng.pick(personNames.TH.given), rng.pick(personNames.TH.family)),
  products: pairs(['jasmine rice, durian and cassava starch', 'natural rubber, sugar and canned pineapple']),
  port: () => latin('Laem Chabang port'),
};

const indonesia: PartnerCountry = {
  country: 'ID',
  weight: 10,
  tlds: ['co.id'],
  sectors: {
    agriculture: 8,
    logistics: 6,
    trade: 6,
    mining: 5,
    energy: 5,
    'industrial-parks': 5,
    'garments-textiles': 5,
    fisheries: 5,
    tourism: 5,
    'food-canning': 4,
    construction: 3,
    'digital-economy': 3,
    chemicals: 3,
    manufacturing: 3,
  },
  lines: ownLines({
    agriculture: pairs(['Agro', 'Perkebunan']),
    logistics: pairs(['Logistik', 'Ekspedisi']),
    trade: pairs(['Niaga', 'Perdagangan']),
    mining: pairs(['Tambang', 'Mineral']),
    energy: pairs(['Energi', 'Daya']),
    'industrial-parks': pairs(['Kawasan Industri']),
    'garments-textiles': pairs(['Tekstil', 'Garmen']),
    fisheries: pairs(['Perikanan', 'Bahari']),
    tourism: pairs(['Wisata', 'Tour & Travel']),
    'food-canning': pairs(['Pangan', 'Makanan']),
    construction: pairs(['Konstruksi']),
    'digital-economy': pairs(['Digital', 'Teknologi']),
    chemicals: pairs(['Kimia']),
    manufacturing: pairs(['Industri', 'Manufaktur']),
  }),
  brands: (rng) => latin(rng.pick(brandWords.ID)),
  places: [
    { name: latin('Jakarta'), region: 'ID-JK' },
    { name: latin('Surabaya'), region: 'ID-JI' },
    { name: latin('Bandung'), region: 'ID-JB' },
    { name: latin('Tangerang'), region: 'ID-BT' },
    { name: latin('Batam'), region: 'ID-KR' },
    { name: latin('Denpasar'), region: 'ID-BA' },
  ],
  compose: (rng, { brand, line, tail }, big) => {
    const suffix = rng.pick(idNameEndings);
    const name = `PT ${brand[1]} ${line[1]} ${suffix}${tail ? ` ${tail[1]}` : ''}${big && rng.chance(0.4) ? ' Tbk' : ''}`;
    return [name, name];
  },
  // NPWP in its older 15-digit form; the demo members carry the 16-digit one.
  taxId: (rng) => `${rng.pick(['01', '02', '03', '31', '66', '70', '73', '80'])}${rng.digits(10)}000`,
  phone: (rng) => `+628${rng.pick(['1', '2', '5', '7'])}${rng.digits(8)}`,
  person: (rng) => westernOrder(rng.pick(personNames.ID.given), rng.pick(personNames.ID.family)),
  products: pairs(['palm oil, coffee and cocoa', 'coconut products, cloves and nutmeg']),
  port: () => latin('Tanjung Priok port'),
};

const malaysia: PartnerCountry = {
  country: 'MY',
  weight: 8,
  tlds: ['com.my'],
  sectors: {
    agriculture: 7,
    logistics: 6,
    manufacturing: 6,
    energy: 5,
    trade: 5,
    'industrial-parks': 4,
    'digital-economy': 4,
    education: 4,
    tourism: 4,
    construction: 4,
    healthcare: 3,
    chemicals: 3,
    'food-canning': 3,
    finance: 2,
  },
  lines: enLine,
  brands: (rng) => latin(rng.pick(brandWords.MY)),
  places: [
    { name: latin('Kuala Lumpur'), region: 'MY-14' },
    { name: latin('Shah Alam'), region: 'MY-10' },
    { name: latin('Penang'), region: 'MY-07' },
    { name: latin('Johor Bahru'), region: 'MY-01' },
    { name: latin('Kota Kinabalu'), region: 'MY-12' },
    { name: latin('Kuching'), region: 'MY-13' },
  ],
  compose: (rng, { brand, line, tail }, big) => {
    const name = `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} ${big && rng.chance(0.3) ? 'Berhad' : 'Sdn. Bhd.'}`;
    return [name, name];
  },
  // Income tax number of a company (C…); the demo members carry 12-digit registration numbers.
  taxId: (rng) => `C${rng.int(1, 2)}${rng.digits(8)}0`,
  phone: (rng) => `+601${rng.pick(['2', '3', '7', '9'])}${rng.digits(7)}`,
  // Malay names, or Chinese Malaysian ones written family name first.
  person: (rng) =>
    rng.chance(0.7)
      ? westernOrder(rng.pick(personNames.MY.given), rng.pick(personNames.MY.family))
      : westernOrder(rng.pick(personNames.MYC.given), rng.pick(personNames.MYC.family), true),
  products: pairs(['palm oil and natural rubber', 'cocoa, durian and pepper']),
  port: () => latin('Port Klang'),
};

const singapore: PartnerCountry = {
  country: 'SG',
  weight: 7,
  tlds: ['com.sg'],
  sectors: {
    logistics: 8,
    trade: 8,
    finance: 6,
    investment: 6,
    'digital-economy': 6,
    'industrial-water-treatment': 3,
    healthcare: 3,
    education: 3,
    energy: 3,
    tourism: 2,
    manufacturing: 2,
    chemicals: 2,
  },
  lines: enLine,
  brands: (rng) => latin(rng.pick(brandWords.SG)),
  // Singapore is one city; its ISO districts mean little to anyone, so no region.
  places: [{ name: latin('Singapore') }],
  compose: (_rng, { brand, line, tail }) => {
    const name = `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} Pte. Ltd.`;
    return [name, name];
  },
  // UEN of a company registered before 1995; the demo members' UENs are from 1995 on.
  taxId: (rng) => `${rng.int(1970, 1994)}${rng.digits(5)}${letters(rng, 1)}`,
  phone: (rng) => `+65${rng.pick(['8', '9'])}${rng.digits(7)}`,
  person: (rng) =>
    rng.chance(0.75)
      ? westernOrder(rng.pick(personNames.SG.given), rng.pick(personNames.SG.family), true)
      : westernOrder(rng.pick(personNames.SGI.given), rng.pick(personNames.SGI.family)),
  products: pairs(['processed food and beverages', 'specialty chemicals and electronics']),
  port: () => latin('Tuas port'),
};

const philippines: PartnerCountry = {
  country: 'PH',
  weight: 6,
  tlds: ['com.ph'],
  sectors: {
    agriculture: 7,
    'food-canning': 6,
    tourism: 6,
    logistics: 5,
    trade: 5,
    'digital-economy': 5,
    fisheries: 4,
    energy: 4,
    'workforce-training': 3,
    education: 3,
    construction: 3,
    'industrial-parks': 3,
  },
  lines: enLine,
  brands: (rng) => latin(rng.pick(brandWords.PH)),
  places: [
    { name: latin('Manila'), region: 'PH-00' },
    { name: latin('Cebu'), region: 'PH-CEB' },
    { name: latin('Cavite'), region: 'PH-CAV' },
    { name: latin('Laguna'), region: 'PH-LAG' },
    { name: latin('Davao'), region: 'PH-DAS' },
  ],
  compose: (rng, { brand, line, tail }) => {
    const name = `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} ${rng.chance(0.75) ? 'Inc.' : 'Corporation'}`;
    return [name, name];
  },
  // TIN with the head office's branch code 000.
  taxId: (rng) => `00${rng.digits(7)}000`,
  phone: (rng) => `+639${rng.digits(9)}`,
  person: (rng) => westernOrder(rng.pick(personNames.PH.given), rng.pick(personNames.PH.family)),
  products: pairs(['bananas, pineapples and coconut oil', 'dried mango, seaweed and coconut']),
  port: () => latin('Batangas port'),
};

const laos: PartnerCountry = {
  country: 'LA',
  weight: 4,
  tlds: ['la'],
  sectors: {
    energy: 8,
    agriculture: 8,
    mining: 5,
    tourism: 5,
    logistics: 5,
    trade: 4,
    'industrial-parks': 3,
    construction: 3,
  },
  lines: ownLines({
    energy: [
      ['ພະລັງງານ', 'Power'],
      ['ໄຟຟ້າ', 'Electric'],
    ],
    agriculture: [
      ['ກະສິກຳ', 'Agriculture'],
      ['ກາເຟ', 'Coffee'],
    ],
    mining: [['ບໍ່ແຮ່', 'Mining']],
    tourism: [['ທ່ອງທ່ຽວ', 'Travel']],
    logistics: [
      ['ໂລຈິສຕິກ', 'Logistics'],
      ['ຂົນສົ່ງ', 'Transport'],
    ],
    trade: [['ການຄ້າ', 'Trading']],
    'industrial-parks': [['ເຂດເສດຖະກິດພິເສດ', 'Special Economic Zone']],
    construction: [['ກໍ່ສ້າງ', 'Construction']],
  }),
  brands: (rng) => rng.pick(brandWords.LA),
  places: [
    { name: ['ວຽງຈັນ', 'Vientiane'], region: 'LA-VT' },
    { name: ['ຫຼວງພະບາງ', 'Luang Prabang'], region: 'LA-LP' },
    { name: ['ສະຫວັນນະເຂດ', 'Savannakhet'], region: 'LA-SV' },
    { name: ['ຈຳປາສັກ', 'Champasak'], region: 'LA-CH' },
  ],
  compose: (rng, { brand, line, tail }) => {
    const core = `${brand[0]} ${line[0]}${tail ? ` ${tail[0]}` : ''}`;
    const latinCore = `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''}`;
    return rng.chance(0.3)
      ? [`ບໍລິສັດ ${core} ຈຳກັດຜູ້ດຽວ`, `${latinCore} Sole Co., Ltd.`]
      : [`ບໍລິສັດ ${core} ຈຳກັດ`, `${latinCore} Co., Ltd.`];
  },
  taxId: (rng) => `${rng.int(1, 9)}${rng.digits(8)}`,
  phone: (rng) => `+85620${rng.pick(['2', '5', '7', '9'])}${rng.digits(7)}`,
  person: (rng) => westernOrder(rng.pick(personNames.LA.given), rng.pick(personNames.LA.family)),
  products: pairs(['coffee, organic rice and cassava', 'bananas, rubber and coffee']),
  port: () => latin('the Thanaleng dry port'),
};

const cambodia: PartnerCountry = {
  country: 'KH',
  weight: 4,
  tlds: ['com.kh'],
  sectors: {
    'garments-textiles': 9,
    agriculture: 7,
    tourism: 6,
    logistics: 4,
    trade: 4,
    'industrial-parks': 4,
    construction: 4,
    energy: 2,
    'food-canning': 2,
  },
  lines: ownLines({
    'garments-textiles': [
      ['កាត់ដេរ', 'Garment'],
      ['វាយនភណ្ឌ', 'Textile'],
    ],
    agriculture: [
      ['កសិកម្ម', 'Agriculture'],
      ['អង្ករ', 'Rice'],
    ],
    tourism: [['ទេសចរណ៍', 'Travel & Tours']],
    logistics: [['ដឹកជញ្ជូន', 'Logistics']],
    trade: [['ពាណិជ្ជកម្ម', 'Trading']],
    'industrial-parks': [['តំបន់សេដ្ឋកិច្ចពិសេស', 'Special Economic Zone']],
    construction: [['សំណង់', 'Construction']],
    energy: [['ថាមពល', 'Energy']],
    'food-canning': [['ម្ហូបអាហារ', 'Food Industry']],
  }),
  brands: (rng) => rng.pick(brandWords.KH),
  places: [
    { name: ['ភ្នំពេញ', 'Phnom Penh'], region: 'KH-12' },
    { name: ['ព្រះសីហនុ', 'Sihanoukville'], region: 'KH-18' },
    { name: ['សៀមរាប', 'Siem Reap'], region: 'KH-17' },
    { name: ['កណ្ដាល', 'Kandal'], region: 'KH-8' },
  ],
  compose: (_rng, { brand, line, tail }) => [
    `ក្រុមហ៊ុន ${brand[0]} ${line[0]}${tail ? ` ${tail[0]}` : ''} ឯ.ក`,
    `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} Co., Ltd.`,
  ],
  taxId: (rng) => `${rng.pick(['L001', 'K001', 'B104', 'E116'])}${rng.digits(9)}`,
  phone: (rng) => `+855${rng.pick(['12', '15', '17', '77', '89', '96'])}${rng.digits(6)}`,
  person: (rng) => westernOrder(rng.pick(personNames.KH.given), rng.pick(personNames.KH.family), true),
  products: pairs(['fragrant rice, cashew and Kampot pepper', 'cassava, mango and rubber']),
  port: () => latin('Sihanoukville port'),
};

const myanmar: PartnerCountry = {
  country: 'MM',
  weight: 3,
  tlds: ['com.mm'],
  sectors: {
    agriculture: 8,
    'garments-textiles': 7,
    fisheries: 5,
    trade: 5,
    logistics: 4,
    mining: 4,
    tourism: 4,
    energy: 3,
    'industrial-parks': 3,
    construction: 3,
  },
  lines: ownLines({
    agriculture: [
      ['စိုက်ပျိုးရေး', 'Agriculture'],
      ['ဆန်စပါး', 'Rice'],
    ],
    'garments-textiles': [['အထည်ချုပ်', 'Garment']],
    fisheries: [['ရေထွက်ပစ္စည်း', 'Fishery Products']],
    trade: [['ကုန်သွယ်ရေး', 'Trading']],
    logistics: [['ပို့ဆောင်ရေး', 'Logistics']],
    mining: [['သတ္တု', 'Mining']],
    tourism: [['ခရီးသွား', 'Travels & Tours']],
    energy: [['စွမ်းအင်', 'Energy']],
    'industrial-parks': [['စက်မှုဇုန်', 'Industrial Zone']],
    construction: [['ဆောက်လုပ်ရေး', 'Construction']],
  }),
  brands: (rng) => rng.pick(brandWords.MM),
  places: [
    { name: ['ရန်ကုန်', 'Yangon'], region: 'MM-06' },
    { name: ['မန္တလေး', 'Mandalay'], region: 'MM-04' },
    { name: ['နေပြည်တော်', 'Naypyitaw'], region: 'MM-18' },
  ],
  compose: (_rng, { brand, line, tail }) => [
    `${brand[0]}${line[0]}${tail ? ` ${tail[0]}` : ''} ကုမ္ပဏီလီမိတက်`,
    `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} Company Limited`,
  ],
  taxId: (rng) => `1${rng.digits(8)}`,
  phone: (rng) => `+959${rng.digits(9)}`,
  // Burmese names have no family name; mailboxes join the first word with the rest.
  person: (rng) => {
    const words = rng.pick(personNames.MM.given).split(' ');
    const [first = '', ...rest] = words.map(asciiWord);
    return { name: words.join(' '), locals: [`${first}.${rest.join('')}`, words.map(asciiWord).join('')] };
  },
  products: pairs(['rice, beans and pulses', 'sesame, mung beans and rubber']),
  port: () => latin('Thilawa port'),
};

const china: PartnerCountry = {
  country: 'CN',
  weight: 3,
  tlds: ['cn'],
  sectors: {
    manufacturing: 6,
    energy: 6,
    trade: 6,
    logistics: 5,
    construction: 4,
    'digital-economy': 4,
    'garments-textiles': 4,
    'industrial-parks': 3,
    chemicals: 3,
    investment: 3,
    agriculture: 2,
  },
  lines: ownLines({
    manufacturing: [
      ['机械', 'Machinery'],
      ['制造', 'Manufacturing'],
    ],
    energy: [
      ['新能源', 'New Energy'],
      ['光伏', 'Photovoltaic'],
    ],
    trade: [
      ['贸易', 'Trading'],
      ['进出口', 'Import & Export'],
    ],
    logistics: [
      ['物流', 'Logistics'],
      ['供应链', 'Supply Chain'],
    ],
    construction: [['建设', 'Construction']],
    'digital-economy': [
      ['科技', 'Technology'],
      ['信息技术', 'Information Technology'],
    ],
    'garments-textiles': [
      ['纺织', 'Textile'],
      ['服装', 'Garment'],
    ],
    'industrial-parks': [['产业园', 'Industrial Park']],
    chemicals: [['化工', 'Chemical']],
    investment: [['投资', 'Investment']],
    agriculture: [['农业', 'Agriculture']],
  }),
  brands: (rng) => rng.pick(brandWords.CN),
  places: [
    { name: ['上海', 'Shanghai'], region: 'CN-SH' },
    { name: ['广州', 'Guangzhou'], region: 'CN-GD' },
    { name: ['深圳', 'Shenzhen'], region: 'CN-GD' },
    { name: ['南宁', 'Nanning'], region: 'CN-GX' },
    { name: ['昆明', 'Kunming'], region: 'CN-YN' },
    { name: ['苏州', 'Suzhou'], region: 'CN-JS' },
  ],
  // The city opens a Chinese company name; a namesake takes another city's.
  compose: (rng, { brand, line, place, tail }, big) => {
    const group = big && rng.chance(0.4);
    const city = tail ?? place.name;
    return [
      `${city[0]}${brand[0]}${line[0]}${group ? '集团' : ''}有限公司`,
      `${city[1]} ${brand[1]} ${line[1]}${group ? ' Group' : ''} Co., Ltd.`,
    ];
  },
  // Unified social credit code under area codes the demo members' never use.
  taxId: (rng) =>
    `91${rng.pick(['310115', '110105', '320594', '440604', '450103'])}${rng.digits(5)}${letters(rng, 4)}${rng.digits(1)}`,
  phone: (rng) => `+861${rng.pick(['3', '5', '8'])}${rng.digits(9)}`,
  person: (rng) => westernOrder(rng.pick(personNames.CN.given), rng.pick(personNames.CN.family), true),
  products: pairs(['machinery and consumer electronics', 'tea and processed vegetables']),
  port: () => latin('Qinzhou port'),
};

const india: PartnerCountry = {
  country: 'IN',
  weight: 3,
  tlds: ['in'],
  sectors: {
    'digital-economy': 6,
    healthcare: 6,
    trade: 5,
    education: 4,
    agriculture: 4,
    'garments-textiles': 4,
    manufacturing: 4,
    chemicals: 4,
    energy: 3,
  },
  lines: enLine,
  brands: (rng) => latin(rng.pick(brandWords.IN)),
  places: [
    { name: latin('Mumbai'), region: 'IN-MH' },
    { name: latin('Bengaluru'), region: 'IN-KA' },
    { name: latin('Chennai'), region: 'IN-TN' },
    { name: latin('Ahmedabad'), region: 'IN-GJ' },
    { name: latin('New Delhi'), region: 'IN-DL' },
  ],
  compose: (rng, { brand, line, tail }, big) => {
    const name = `${brand[1]} ${line[1]}${tail ? ` ${tail[1]}` : ''} ${big && rng.chance(0.4) ? 'Limited' : 'Private Limited'}`;
    return [name, name];
  },
  // Corporate identification number; the demo members carry GSTINs.
  taxId: (rng, place) =>
    `U${rng.digits(5)}${(place.region ?? 'IN-MH').slice(3)}${rng.int(1995, 2024)}PTC${rng.digits(6)}`,
  phone: (rng) => `+91${rng.int(6, 9)}${rng.digits(9)}`,
  person: (rng) => westernOrder(rng.pick(personNames.IN.given), rng.pick(personNames.IN.family)),
  products: pairs(['tea, spices and basmati rice', 'generic medicines and cotton yarn']),
  port: () => latin('Chennai port'),
};

const partnerCountries = new Weighted<PartnerCountry>(
  [vietnam, thailand, indonesia, malaysia, singapore, philippines, laos, cambodia, myanmar, china, india].map(
    (c) => [c, c.weight] as const,
  ),
);

// ---------------------------------------------------------------------------------------------------
// Offers and needs

/** What Russian members typically bring, so partners' needs meet members' offers. */
const needWeights: Partial<Record<Topic, number>> = {
  'industrial-water-treatment': 10,
  'technology-transfer': 9,
  'workforce-training': 8,
  energy: 7,
  education: 6,
  investment: 5,
  trade: 5,
  manufacturing: 4,
  'digital-economy': 4,
  healthcare: 3,
  logistics: 3,
  tourism: 2,
  agriculture: 2,
  chemicals: 2,
  construction: 2,
  finance: 2,
  'food-canning': 2,
  'garments-textiles': 1,
  fisheries: 1,
  mining: 1,
  'industrial-parks': 1,
};

/** Sectors that go together in one company, for its second and third sector. */
const relatedSectors: Record<Topic, readonly Topic[]> = {
  agriculture: ['food-canning', 'trade', 'fisheries'],
  'food-canning': ['agriculture', 'fisheries', 'trade'],
  fisheries: ['food-canning', 'trade', 'logistics'],
  'garments-textiles': ['trade', 'logistics', 'manufacturing'],
  'industrial-parks': ['construction', 'investment', 'logistics', 'industrial-water-treatment'],
  tourism: ['investment', 'construction', 'education'],
  logistics: ['trade', 'industrial-parks'],
  trade: ['logistics', 'agriculture', 'manufacturing'],
  energy: ['construction', 'investment', 'mining'],
  construction: ['industrial-parks', 'energy', 'investment'],
  investment: ['industrial-parks', 'finance', 'construction'],
  finance: ['investment', 'digital-economy'],
  'digital-economy': ['education', 'finance'],
  education: ['workforce-training', 'digital-economy'],
  'workforce-training': ['education'],
  healthcare: ['trade', 'manufacturing', 'education'],
  manufacturing: ['trade', 'chemicals', 'technology-transfer'],
  chemicals: ['manufacturing', 'agriculture', 'trade'],
  mining: ['energy', 'logistics', 'trade'],
  'industrial-water-treatment': ['construction', 'energy', 'technology-transfer'],
  'technology-transfer': ['manufacturing', 'digital-economy'],
};

/** Needs a company in each main sector is more likely to have than others. */
const sectorNeeds: Record<Topic, readonly Topic[]> = {
  'industrial-parks': ['industrial-water-treatment', 'energy', 'investment', 'construction'],
  agriculture: ['agriculture', 'technology-transfer', 'trade', 'logistics'],
  'food-canning': ['food-canning', 'technology-transfer', 'trade'],
  fisheries: ['fisheries', 'food-canning', 'trade'],
  'garments-textiles': ['garments-textiles', 'trade', 'workforce-training'],
  tourism: ['tourism', 'education', 'digital-economy'],
  logistics: ['logistics', 'digital-economy', 'trade'],
  energy: ['energy', 'technology-transfer', 'investment', 'workforce-training'],
  education: ['education', 'workforce-training', 'digital-economy'],
  manufacturing: ['manufacturing', 'technology-transfer', 'workforce-training'],
  mining: ['mining', 'energy', 'technology-transfer'],
  construction: ['industrial-water-treatment', 'energy', 'manufacturing'],
  'digital-economy': ['digital-economy', 'education', 'investment'],
  healthcare: ['healthcare', 'education', 'technology-transfer'],
  chemicals: ['chemicals', 'technology-transfer', 'industrial-water-treatment'],
  trade: ['trade', 'logistics', 'finance'],
  investment: ['investment', 'industrial-parks', 'finance'],
  finance: ['finance', 'investment', 'digital-economy'],
  'industrial-water-treatment': ['technology-transfer', 'industrial-water-treatment', 'workforce-training'],
  'workforce-training': ['education', 'workforce-training'],
  'technology-transfer': ['technology-transfer', 'manufacturing'],
};

interface Texts {
  en: readonly string[];
  vi: readonly string[];
}

// {products}, {port} and {n} are filled in per partner.
const offerTexts: Record<Topic, Texts> = {
  'technology-transfer': {
    en: ['Licences for proven local production processes'],
    vi: ['Chuyển giao quy trình sản xuất đã được kiểm chứng'],
  },
  'workforce-training': {
    en: [
      'Skilled workers and technicians for projects abroad',
      'A vocational training centre for partner staff',
    ],
    vi: ['Cung ứng lao động kỹ thuật cho dự án ở nước ngoài', 'Trung tâm đào tạo nghề cho nhân sự đối tác'],
  },
  'digital-economy': {
    en: ['Software outsourcing and dedicated development teams', 'IT support and data-centre services'],
    vi: ['Gia công phần mềm và đội phát triển chuyên trách', 'Dịch vụ CNTT và trung tâm dữ liệu'],
  },
  tourism: {
    en: [
      'Inbound tours and MICE for Russian groups',
      'Resort allotments for Russian tour operators',
      'Business missions and trade-fair travel',
    ],
    vi: [
      'Tour du lịch và MICE cho đoàn khách Nga',
      'Phòng khách sạn nghỉ dưỡng cho công ty lữ hành Nga',
      'Tổ chức đoàn công tác và hội chợ thương mại',
    ],
  },
  agriculture: {
    en: ['Export of {products}', 'Year-round supply of {products} in container loads'],
    vi: ['Xuất khẩu {products}', 'Cung ứng {products} quanh năm theo container'],
  },
  education: {
    en: ['Student recruitment and joint degree programmes', 'Language and culture courses for partner staff'],
    vi: ['Tuyển sinh và chương trình liên kết đào tạo', 'Khóa học tiếng Việt và văn hóa cho nhân sự đối tác'],
  },
  'industrial-water-treatment': {
    en: ['Operation and maintenance of wastewater plants', 'Water supply for industrial zones'],
    vi: ['Vận hành và bảo trì nhà máy xử lý nước thải', 'Cấp nước sạch cho khu công nghiệp'],
  },
  'food-canning': {
    en: [
      'Private-label canned fruit and vegetables',
      'Canned tuna and sardines for export',
      'Canned food to HACCP and halal standards',
    ],
    vi: [
      'Gia công đồ hộp trái cây và rau củ theo nhãn riêng',
      'Cá ngừ và cá mòi đóng hộp xuất khẩu',
      'Thực phẩm đóng hộp đạt chuẩn HACCP và Halal',
    ],
  },
  'garments-textiles': {
    en: [
      'Garment manufacturing (CMT and FOB) for export',
      'Knitwear and workwear, small runs accepted',
      'Cotton yarn and woven fabrics',
    ],
    vi: [
      'Gia công hàng may mặc xuất khẩu (CMT, FOB)',
      'Sản xuất đồ dệt kim và quần áo bảo hộ, nhận đơn nhỏ',
      'Sợi cotton và vải dệt thoi',
    ],
  },
  logistics: {
    en: [
      'Sea and rail freight to Russia via Vladivostok',
      'Customs brokerage and bonded warehousing',
      'Cold-chain transport and storage',
    ],
    vi: [
      'Vận tải biển và đường sắt sang Nga qua Vladivostok',
      'Dịch vụ hải quan và kho ngoại quan',
      'Vận chuyển và kho lạnh',
    ],
  },
  energy: {
    en: ['Solar and wind project sites for co-investment', 'Reliable power supply for industrial customers'],
    vi: [
      'Dự án điện mặt trời, điện gió mời hợp tác đầu tư',
      'Cung cấp điện ổn định cho khách hàng công nghiệp',
    ],
  },
  construction: {
    en: ['Design-build of factories and warehouses', 'Steel structures and prefabricated buildings'],
    vi: ['Thiết kế và thi công nhà xưởng, kho bãi', 'Kết cấu thép và nhà tiền chế'],
  },
  healthcare: {
    en: ['Generic medicines and medical consumables', 'Medical tourism packages'],
    vi: ['Thuốc generic và vật tư y tế tiêu hao', 'Gói du lịch chữa bệnh'],
  },
  manufacturing: {
    en: ['Contract manufacturing of metal parts and assemblies', 'Plastic and rubber components to drawing'],
    vi: ['Gia công chi tiết kim loại và cụm lắp ráp', 'Linh kiện nhựa và cao su theo bản vẽ'],
  },
  finance: {
    en: ['Trade finance and settlements in local currency', 'Advice on market entry and incorporation'],
    vi: [
      'Tài trợ thương mại và thanh toán bằng nội tệ',
      'Tư vấn gia nhập thị trường và thành lập doanh nghiệp',
    ],
  },
  mining: {
    en: ['Ores and industrial minerals for export', 'Coal and minerals under long-term contracts'],
    vi: ['Xuất khẩu quặng và khoáng sản công nghiệp', 'Cung cấp than và khoáng sản theo hợp đồng dài hạn'],
  },
  fisheries: {
    en: ['Frozen shrimp and fish fillets', 'Farmed and wild-caught seafood, frozen or chilled'],
    vi: ['Tôm đông lạnh và cá tra phi lê', 'Thủy sản nuôi và khai thác, đông lạnh hoặc ướp lạnh'],
  },
  chemicals: {
    en: ['Rubber, resins and petrochemical products', 'Fertilisers and agrochemicals'],
    vi: ['Cao su, nhựa và sản phẩm hóa dầu', 'Phân bón và hóa chất nông nghiệp'],
  },
  'industrial-parks': {
    en: [
      'Serviced industrial land near {port}',
      'Ready-built factories for lease, customs on site',
      'Plots with power and water and a one-stop investment desk',
    ],
    vi: [
      'Đất công nghiệp có hạ tầng gần {port}',
      'Nhà xưởng xây sẵn cho thuê, có hải quan tại chỗ',
      'Lô đất đủ điện nước, hỗ trợ thủ tục đầu tư một cửa',
    ],
  },
  investment: {
    en: ['Co-investment in manufacturing projects', 'Introductions to local investors and banks'],
    vi: ['Hợp tác đầu tư vào dự án sản xuất', 'Kết nối với nhà đầu tư và ngân hàng trong nước'],
  },
  trade: {
    en: [
      'Import and nationwide distribution of Russian goods',
      'Wholesale distribution to supermarkets and HoReCa',
      'Export of {products}',
    ],
    vi: [
      'Nhập khẩu và phân phối hàng Nga trên toàn quốc',
      'Phân phối sỉ vào siêu thị và kênh HoReCa',
      'Xuất khẩu {products}',
    ],
  },
};

const needTexts: Record<Topic, Texts> = {
  'industrial-water-treatment': {
    en: [
      'A wastewater treatment plant for {n} m³ a day',
      'Water treatment for a new industrial zone',
      'Industrial water recycling equipment',
    ],
    vi: [
      'Nhà máy xử lý nước thải công suất {n} m³/ngày',
      'Hệ thống xử lý nước cho khu công nghiệp mới',
      'Thiết bị tái sử dụng nước công nghiệp',
    ],
  },
  'technology-transfer': {
    en: ['Licensed technology to localise production', 'Russian equipment and know-how for a new plant'],
    vi: [
      'Chuyển giao công nghệ để nội địa hóa sản xuất',
      'Thiết bị và bí quyết công nghệ Nga cho nhà máy mới',
    ],
  },
  'workforce-training': {
    en: ['Training for engineers and plant operators', 'Technical training programmes for staff'],
    vi: ['Đào tạo kỹ sư và công nhân vận hành', 'Chương trình đào tạo kỹ thuật cho nhân viên'],
  },
  education: {
    en: ['University partners and scholarships in Russia', 'Russian language courses for staff'],
    vi: ['Hợp tác với đại học và học bổng tại Nga', 'Khóa học tiếng Nga cho nhân viên'],
  },
  energy: {
    en: [
      'Transformers, switchgear and substation equipment',
      'Turbines and spare parts for a hydropower plant',
      'Energy-efficiency audits and equipment',
    ],
    vi: [
      'Máy biến áp, thiết bị đóng cắt và trạm biến áp',
      'Tua-bin và phụ tùng cho nhà máy thủy điện',
      'Kiểm toán năng lượng và thiết bị tiết kiệm điện',
    ],
  },
  manufacturing: {
    en: ['Machinery and spare parts suppliers', 'Production lines for a new factory'],
    vi: ['Nhà cung cấp máy móc và phụ tùng', 'Dây chuyền sản xuất cho nhà máy mới'],
  },
  'digital-economy': {
    en: ['ERP and cybersecurity solutions', 'Industrial automation software'],
    vi: ['Giải pháp ERP và an ninh mạng', 'Phần mềm tự động hóa công nghiệp'],
  },
  healthcare: {
    en: ['Medical equipment suppliers', 'Partners for hospital projects'],
    vi: ['Nhà cung cấp thiết bị y tế', 'Đối tác cho dự án bệnh viện'],
  },
  investment: {
    en: ['Investors and tenants from Russia', 'Co-investors for a new production site'],
    vi: ['Nhà đầu tư và khách thuê từ Nga', 'Đối tác đồng đầu tư cho nhà máy mới'],
  },
  trade: {
    en: ['Importers and distributors in Russia', 'Buyers and distributors in Russia for its products'],
    vi: ['Nhà nhập khẩu và phân phối tại Nga', 'Đối tác phân phối sản phẩm tại Nga'],
  },
  tourism: {
    en: ['Russian tour operators and charter partners'],
    vi: ['Công ty lữ hành và đối tác bay thuê chuyến của Nga'],
  },
  logistics: {
    en: ['Freight partners on the Russia route', 'Rail freight to Moscow and Novosibirsk'],
    vi: ['Đối tác vận tải tuyến đi Nga', 'Vận tải đường sắt đến Moskva và Novosibirsk'],
  },
  agriculture: {
    en: ['Fertiliser and farm machinery suppliers', 'Grain and feed imports'],
    vi: ['Nhà cung cấp phân bón và máy nông nghiệp', 'Nhập khẩu ngũ cốc và thức ăn chăn nuôi'],
  },
  chemicals: {
    en: ['Fertilisers and industrial chemicals', 'Polymers and raw materials'],
    vi: ['Phân bón và hóa chất công nghiệp', 'Hạt nhựa và nguyên liệu'],
  },
  construction: {
    en: ['EPC contractors for industrial projects'],
    vi: ['Tổng thầu EPC cho dự án công nghiệp'],
  },
  finance: {
    en: ['Payment solutions for rouble settlements', 'Trade finance for imports from Russia'],
    vi: ['Giải pháp thanh toán bằng đồng rúp', 'Tài trợ thương mại cho hàng nhập khẩu từ Nga'],
  },
  'food-canning': {
    en: ['Canning lines and packaging equipment'],
    vi: ['Dây chuyền đóng hộp và thiết bị đóng gói'],
  },
  mining: {
    en: ['Mining machinery and geological surveys'],
    vi: ['Máy khai khoáng và khảo sát địa chất'],
  },
  'garments-textiles': {
    en: ['Fabric and yarn suppliers', 'Buyers for garment production capacity'],
    vi: ['Nhà cung cấp vải và sợi', 'Khách hàng đặt gia công may mặc'],
  },
  fisheries: {
    en: ['Fishing vessels and cold storage equipment'],
    vi: ['Tàu cá và thiết bị kho lạnh'],
  },
  'industrial-parks': {
    en: ['A site in an industrial park near a port'],
    vi: ['Mặt bằng trong khu công nghiệp gần cảng'],
  },
};

/** 5,000 → "5,000" in English, "5.000" in Vietnamese. */
const thousands = (n: number, language: 'en' | 'vi') =>
  String(n).replace(/\B(?=(\d{3})+$)/g, language === 'en' ? ',' : '.');

// ---------------------------------------------------------------------------------------------------
// Generation

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Markets besides Russia that partners name: the Eurasian Economic Union's, reached through Russia. */
const otherMarkets = new Weighted(['KZ', 'BY', 'UZ', 'KG', 'AM'].map((m) => [m, 1] as const));
const offerCounts = new Weighted([0, 1, 2, 3].map((n, i) => [n, [10, 35, 35, 20][i] ?? 0] as const));
/** What a company offers beyond its sectors: it sells its goods on, co-invests, ships. */
const extraOffers = new Weighted<Topic>([
  ['trade', 4],
  ['investment', 2],
  ['logistics', 2],
]);
const contactCounts = new Weighted([1, 2, 3].map((n, i) => [n, [45, 35, 20][i] ?? 0] as const));

const viHeadPositions = ['Giám đốc', 'Tổng Giám đốc', 'Chủ tịch Hội đồng Quản trị'];
const viPositions = [
  'Phó Giám đốc',
  'Trưởng phòng Kinh doanh',
  'Trưởng phòng Xuất nhập khẩu',
  'Giám đốc Phát triển Kinh doanh',
  'Trưởng phòng Hợp tác Quốc tế',
  'Chuyên viên Đối ngoại',
];
const enHeadPositions = ['Managing Director', 'Chief Executive Officer', 'General Manager', 'President'];
const enPositions = [
  'Business Development Manager',
  'Head of International Partnerships',
  'Export Manager',
  'Sales Director',
  'Investment Promotion Manager',
  'Operations Manager',
];

export function generateDemoPartners(options: DemoPartnerOptions): PartnerCreate[] {
  const { seed, count, now } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid date');

  const faker = new Faker({ locale: [en, base] });
  // Stream 10: apart from the members' streams, should the two ever share a faker.
  faker.seed([seed, 10]);
  const rng = new Rng(faker);

  const vnRegions = new Weighted(vnRegionWeights);
  const sectorTables = new Map<PartnerCountry, Weighted<Topic>>();
  const sectorTable = (c: PartnerCountry) => {
    let table = sectorTables.get(c);
    if (!table) {
      table = new Weighted(Object.entries(c.sectors) as [Topic, number][]);
      sectorTables.set(c, table);
    }
    return table;
  };
  const relatedTables = Object.fromEntries(
    topics.map((t) => [t, new Weighted(relatedSectors[t].map((r) => [r, 1] as const))]),
  ) as Record<Topic, Weighted<Topic>>;
  // What a company seeks depends on what it does: a park needs water treatment, a cannery canning lines.
  const needTables = Object.fromEntries(
    topics.map((t) => [
      t,
      new Weighted(
        topics.map((n) => [n, (needWeights[n] ?? 0) + (sectorNeeds[t].includes(n) ? 15 : 0)] as const),
      ),
    ]),
  ) as Record<Topic, Weighted<Topic>>;

  const usedNames = new Set<string>();
  const usedTaxIds = new Set<string>(options.avoidTaxIds);
  const usedDomains = new Set<string>();

  function uniqueTaxId(build: () => string): string {
    for (;;) {
      const id = build();
      if (!usedTaxIds.has(id)) {
        usedTaxIds.add(id);
        return id;
      }
    }
  }

  function uniqueDomain(c: PartnerCountry, label: string, place: Place): string {
    const tld = rng.pick(c.tlds);
    const candidates = [label, `${label}${asciiWord(place.name[1])}`];
    for (let n = 2; ; n++) {
      const domain = `${(candidates.shift() ?? `${label}${n}`).slice(0, 50)}.${tld}`;
      if (!usedDomains.has(domain)) {
        usedDomains.add(domain);
        return domain;
      }
    }
  }

  const partners: PartnerCreate[] = [];
  for (let i = 0; i < count; i++) {
    const c = partnerCountries.pick(rng);
    let place: Place;
    if (c === vietnam) {
      const region = vnRegions.pick(rng);
      place = vnPlaces.find((p) => p.region === region) as Place;
    } else place = rng.pick(c.places);
    const big = rng.chance(0.2);

    const sectorCount = rng.chance(0.55) ? 1 : rng.chance(0.7) ? 2 : 3;
    // One main sector from the country's economy, then any from the trades that go with it.
    const mainSector = sectorTable(c).pick(rng);
    const sectors = [mainSector, ...relatedTables[mainSector].pickDistinct(rng, sectorCount - 1)];

    // Names: unique per country in both scripts; a namesake gets a place, then a number.
    const brand = c.brands(rng);
    const line = c.lines(rng, mainSector);
    let name = '';
    let latinName = '';
    const tails = c.places.map((p) => p.name);
    for (let variant = 0; ; variant++) {
      const round = Math.ceil(variant / tails.length);
      const tailPlace = tails[(variant - 1) % tails.length] as Pair;
      const tail: Pair | undefined =
        variant === 0
          ? undefined
          : round > 1
            ? [`${tailPlace[0]} ${round}`, `${tailPlace[1]} ${round}`]
            : tailPlace;
      [name, latinName] = c.compose(rng, { brand, line, place, ...(tail ? { tail } : {}) }, big);
      const keys = [`${c.country}|${asciiWord(latinName)}`, `${c.country}|${name}`];
      if (keys.every((key) => !usedNames.has(key))) {
        for (const key of keys) usedNames.add(key);
        break;
      }
    }
    const domain = uniqueDomain(c, `${asciiWord(brand[1])}${asciiWord(line[1])}`.slice(0, 40), place);

    const taxId = c === vietnam || rng.chance(0.7) ? uniqueTaxId(() => c.taxId(rng, place)) : undefined;

    const isVn = c === vietnam;
    const languages: Language[] = isVn ? (rng.chance(0.7) ? ['vi', 'en'] : ['vi']) : ['en'];
    if (rng.chance(isVn ? 0.1 : 0.08)) languages.push('ru');
    const textLanguage = isVn && rng.chance(0.55) ? 'vi' : 'en';

    const products = rng.pick(c.products);
    const port = c.port(place);
    const fill = (template: string) =>
      template
        .replace('{products}', textLanguage === 'vi' ? products[1] : products[0])
        .replace('{port}', textLanguage === 'vi' ? port[1] : port[0])
        .replace('{n}', thousands(rng.pick([5_000, 10_000, 15_000, 20_000, 30_000]), textLanguage));
    const entry = (texts: Texts, topic: Topic): OfferOrNeed => ({
      topic,
      text: fill(rng.pick(texts[textLanguage])),
    });

    // Offers lead with what the company does; needs lean to what Russian members bring.
    const offerCount = offerCounts.pick(rng);
    const offerTopics = sectors.slice(0, offerCount);
    offerTopics.push(...extraOffers.pickDistinct(rng, offerCount - offerTopics.length, offerTopics));
    const offers = offerTopics.map((topic) => entry(offerTexts[topic], topic));
    const needs = needTables[mainSector]
      .pickDistinct(rng, offerCounts.pick(rng), offerTopics)
      .map((topic) => entry(needTexts[topic], topic));

    const targetMarkets = rng.chance(0.78)
      ? ['RU']
      : ['RU', ...otherMarkets.pickDistinct(rng, rng.int(1, 2))];

    const contacts: ContactInput[] = [];
    const usedLocals = new Set<string>();
    const positions = [...(isVn ? viPositions : enPositions)];
    const contactCount = contactCounts.pick(rng);
    for (let k = 0; k < contactCount; k++) {
      const person = c.person(rng);
      let local = person.locals.find((l) => l && !usedLocals.has(l));
      for (let n = 2; !local; n++)
        if (!usedLocals.has(`${person.locals[0]}${n}`)) local = `${person.locals[0]}${n}`;
      usedLocals.add(local);
      const position =
        k === 0
          ? rng.pick(isVn ? viHeadPositions : enHeadPositions)
          : (positions.splice(rng.int(0, positions.length - 1), 1)[0] as string);
      const phone = rng.chance(0.7) ? c.phone(rng) : undefined;
      contacts.push({
        name: person.name,
        email: `${local}@${domain}`,
        ...(phone ? { phone } : {}),
        position,
        language: isVn ? 'vi' : 'en',
        consent: { outreach: rng.chance(0.8), news: rng.chance(0.5) },
      });
    }

    const description = rng.chance(0.5) ? describe(rng, textLanguage, sectors, place, nowMs) : undefined;
    const notes = rng.chance(0.2) ? staffNote(rng, place, needs, nowMs) : undefined;

    partners.push({
      name,
      latinName,
      country: c.country,
      ...(place.region ? { region: place.region } : {}),
      ...(taxId ? { taxId } : {}),
      sectors,
      targetMarkets,
      languages,
      ...(description ? { description } : {}),
      ...(rng.chance(0.85) ? { website: `https://${domain}` } : {}),
      offers,
      needs,
      matchmakingVisible: rng.chance(0.65),
      ...(notes ? { notes } : {}),
      contacts,
    });
  }
  return partners;
}

function describe(
  rng: Rng,
  language: 'en' | 'vi',
  sectors: readonly Topic[],
  place: Place,
  nowMs: number,
): string {
  const founded = rng.int(1988, new Date(nowMs).getUTCFullYear() - 1);
  const does = sectors
    .slice(0, 2)
    .map((t) => (language === 'vi' ? topicText[t].viDoes : topicText[t].enDoes));
  return language === 'vi'
    ? [...does, `Thành lập năm ${founded} tại ${place.name[0]}.`].join(' ')
    : [...does, `Founded in ${founded}, based in ${place.name[1]}.`].join(' ');
}

function staffNote(rng: Rng, place: Place, needs: readonly OfferOrNeed[], nowMs: number): string {
  const day = isoDay(nowMs - rng.int(3, 200) * DAY_MS);
  const need = needs[0] ? topicLabels[needs[0].topic].en.toLowerCase() : undefined;
  const notes = [
    `Met at the B2B session in ${place.name[1]}, ${day}.`,
    `Introduced by the trade representation on ${day}; follow up in a month.`,
    `Visited Moscow with a delegation on ${day} and asked for a second meeting.`,
    'Prefers calls in English; replies within a week.',
    ...(need ? [`Asked for a shortlist of Russian companies in ${need} (${day}).`] : []),
  ];
  return rng.pick(notes);
}
