/**
 * Demo member directory for local runs and demos: a Russian business association of about 3,200
 * companies in its "Vietnam Year", with Vietnamese firms joining and a few partners from elsewhere in
 * Asia. Output is a pure function of (seed, count, now): the same arguments give byte-identical
 * members in the same order, so screenshots, reports and tests built on the demo stay stable.
 *
 * Every random choice goes through seeded faker instances; nothing reads the clock or Math.random.
 */
import { base, en, Faker, ru, vi } from '@faker-js/faker';
import transliterate from '@sindresorhus/transliterate';
import type { ContactInput, Language, MemberCreate } from '../../../shared/domain/member-schema.ts';
import type { Money } from '../../../shared/domain/money.ts';
import { normalizeForSearch } from '../../../shared/domain/name-search.ts';
import type { OfferOrNeed } from '../../../shared/domain/offers-needs.ts';
import { findRegion, regionsOf } from '../../../shared/domain/regions.ts';
import { mstCheckDigit, withInnCheckDigits } from '../../../shared/domain/tax-id.ts';
import { type Topic, topics } from '../../../shared/domain/topics.ts';
import { Rng, Weighted } from './demo-random.ts';

export interface DemoMemberOptions {
  seed: number;
  count: number;
  /** Latest possible joining date; also the "today" the demo is generated for. */
  now: Date;
}

/** The association's published size; the demo's revenue target is stated for this many members. */
export const DEMO_MEMBER_COUNT = 3200;
/** Combined annual revenue the association reports for its members, in US dollars. */
export const DEMO_REVENUE_TOTAL_USD = 42_800_000_000;

/**
 * Rates the demo is calibrated with: 1 USD = 92.5 RUB = 9,250 kopecks; 1 VND = 0.0037 RUB, so
 * 1 USD = 25,000 VND. They equal the seeded default rate table today but are fixed here, so the demo's
 * total stays US$42.8 billion whatever rates an installation later configures.
 */
const KOPECKS_PER_USD = 9250n;
const VND_PER_USD = 25_000n;
// Float copies, used only while sampling; stored amounts are rounded to integers.
const RUB_PER_USD_FLOAT = 92.5;
const VND_PER_USD_FLOAT = 25_000;

/** Revenue target for `count` members: the association's figure scaled by membership size. */
export function demoRevenueTargetUsd(count: number): number {
  return (DEMO_REVENUE_TOTAL_USD * count) / DEMO_MEMBER_COUNT;
}

/**
 * Combined revenue of `members` in US dollars, counting each member's verified revenue, or its
 * declared revenue where nothing has been verified (what the association would quote). Sums are kept
 * in exact minor units per currency and converted once at the end.
 */
export function demoRevenueTotalUsd(members: readonly MemberCreate[]): number {
  let kopecks = 0n;
  let dong = 0n;
  let cents = 0n;
  for (const member of members) {
    const revenue = member.verifiedRevenue ?? member.declaredRevenue;
    if (!revenue) continue;
    switch (revenue.currency) {
      case 'RUB':
        kopecks += BigInt(revenue.amount);
        break;
      case 'VND':
        dong += BigInt(revenue.amount);
        break;
      case 'USD':
        cents += BigInt(revenue.amount);
        break;
      default:
        throw new RangeError(`the demo has no rate for ${revenue.currency}`);
    }
  }
  // Exact sums per currency, each converted once (truncated to whole cents) before leaving BigInt.
  const wholeCents = (kopecks * 100n) / KOPECKS_PER_USD + (dong * 100n) / VND_PER_USD + cents;
  return Number(wholeCents) / 100;
}

// ---------------------------------------------------------------------------------------------------
// Topic vocabulary in the three languages: company-name words, interest labels, description lines

export interface TopicText {
  /** Lowercase stems that glue into Russian trade names (агро + пром). */
  ruStems: readonly string[];
  /** Plural noun phrases for descriptive Russian names (Уральские «водные технологии»). */
  ruPlural: readonly string[];
  ruLabel: string;
  ruDoes: string;
  viName: readonly string[];
  viLabel: string;
  viDoes: string;
  enName: string;
  /** Short Latin stem for Latin-named Russian firms (NordAqua). */
  enStem: string;
  enLabel: string;
  enDoes: string;
}

export const topicText: Record<Topic, TopicText> = {
  'technology-transfer': {
    ruStems: ['техно', 'инно', 'инжиниринг'],
    ruPlural: ['промышленные инновации', 'инженерные технологии'],
    ruLabel: 'трансфер технологий',
    ruDoes: 'Адаптируем и внедряем промышленные технологии, ведём проекты по трансферу технологий.',
    viName: ['Chuyển giao Công nghệ', 'Kỹ thuật và Công nghệ'],
    viLabel: 'chuyển giao công nghệ',
    viDoes: 'Tư vấn, chuyển giao và ứng dụng công nghệ cho doanh nghiệp sản xuất.',
    enName: 'Technologies',
    enStem: 'Tech',
    enLabel: 'technology transfer',
    enDoes: 'We license, adapt and deploy industrial technologies.',
  },
  'workforce-training': {
    ruStems: ['кадр', 'проф', 'мастер'],
    ruPlural: ['кадровые решения', 'профессиональные компетенции'],
    ruLabel: 'подготовка кадров',
    ruDoes: 'Готовим рабочие и инженерные кадры, проводим корпоративное обучение.',
    viName: ['Đào tạo Nhân lực', 'Phát triển Nguồn nhân lực'],
    viLabel: 'đào tạo nhân lực',
    viDoes: 'Đào tạo nghề và cung ứng nhân lực kỹ thuật cho doanh nghiệp.',
    enName: 'Skills',
    enStem: 'Skill',
    enLabel: 'workforce training',
    enDoes: 'We run vocational and corporate training programmes.',
  },
  'digital-economy': {
    ruStems: ['софт', 'дата', 'инфо', 'цифро', 'нет'],
    ruPlural: ['цифровые решения', 'информационные системы'],
    ruLabel: 'цифровая экономика',
    ruDoes: 'Разрабатываем программное обеспечение и цифровые сервисы для бизнеса.',
    viName: ['Công nghệ Số', 'Phần mềm', 'Giải pháp Số'],
    viLabel: 'kinh tế số',
    viDoes: 'Phát triển phần mềm và giải pháp chuyển đổi số cho doanh nghiệp.',
    enName: 'Digital',
    enStem: 'Data',
    enLabel: 'the digital economy',
    enDoes: 'We build software and digital services for businesses.',
  },
  tourism: {
    ruStems: ['тур', 'вояж', 'трэвел'],
    ruPlural: ['туристические маршруты', 'путешествия'],
    ruLabel: 'туризм',
    ruDoes: 'Организуем деловой и въездной туризм, отраслевые выставки и бизнес-миссии.',
    viName: ['Du lịch', 'Du lịch và Lữ hành'],
    viLabel: 'du lịch',
    viDoes: 'Tổ chức tour du lịch, hội nghị và đoàn công tác doanh nghiệp.',
    enName: 'Travel',
    enStem: 'Travel',
    enLabel: 'tourism',
    enDoes: 'We organise inbound, business and MICE travel.',
  },
  agriculture: {
    ruStems: ['агро', 'зерно', 'нива', 'ферм'],
    ruPlural: ['агротехнологии', 'фермерские хозяйства'],
    ruLabel: 'сельское хозяйство',
    ruDoes: 'Выращиваем и перерабатываем сельскохозяйственную продукцию.',
    viName: ['Nông nghiệp', 'Nông sản', 'Nông nghiệp Công nghệ cao'],
    viLabel: 'nông nghiệp',
    viDoes: 'Sản xuất, chế biến và xuất khẩu nông sản.',
    enName: 'Agritech',
    enStem: 'Agro',
    enLabel: 'agriculture',
    enDoes: 'We grow, process and export agricultural produce.',
  },
  education: {
    ruStems: ['эду', 'академ', 'знание'],
    ruPlural: ['образовательные технологии', 'учебные программы'],
    ruLabel: 'образование',
    ruDoes: 'Реализуем образовательные программы и международные обмены студентов.',
    viName: ['Giáo dục', 'Giáo dục Quốc tế'],
    viLabel: 'giáo dục',
    viDoes: 'Cung cấp chương trình giáo dục và du học quốc tế.',
    enName: 'Education',
    enStem: 'Edu',
    enLabel: 'education',
    enDoes: 'We run education programmes and international student exchanges.',
  },
  'industrial-water-treatment': {
    ruStems: ['аква', 'гидро', 'водо'],
    ruPlural: ['водные технологии', 'системы водоочистки'],
    ruLabel: 'промышленная водоподготовка',
    ruDoes: 'Проектируем и поставляем системы промышленной водоподготовки и очистки стоков.',
    viName: ['Xử lý Nước', 'Môi trường và Xử lý Nước', 'Công nghệ Môi trường'],
    viLabel: 'xử lý nước công nghiệp',
    viDoes: 'Thiết kế và lắp đặt hệ thống xử lý nước cấp và nước thải công nghiệp.',
    enName: 'Water Solutions',
    enStem: 'Aqua',
    enLabel: 'industrial water treatment',
    enDoes: 'We design and supply industrial water and wastewater treatment plants.',
  },
  'food-canning': {
    ruStems: ['консерв', 'фуд', 'продукт'],
    ruPlural: ['консервные заводы', 'пищевые технологии'],
    ruLabel: 'консервное производство',
    ruDoes: 'Производим мясные, рыбные и овощные консервы.',
    viName: ['Thực phẩm', 'Đồ hộp', 'Chế biến Thực phẩm'],
    viLabel: 'chế biến đồ hộp',
    viDoes: 'Sản xuất thực phẩm đóng hộp và nông sản chế biến.',
    enName: 'Foods',
    enStem: 'Food',
    enLabel: 'food canning',
    enDoes: 'We produce canned meat, fish and vegetables.',
  },
  'garments-textiles': {
    ruStems: ['текс', 'трикотаж', 'текстиль'],
    ruPlural: ['текстильные мануфактуры', 'швейные фабрики'],
    ruLabel: 'лёгкая промышленность',
    ruDoes: 'Выпускаем ткани, трикотаж и спецодежду.',
    viName: ['Dệt may', 'May mặc', 'Sợi Dệt'],
    viLabel: 'dệt may',
    viDoes: 'Sản xuất hàng may mặc và vải xuất khẩu.',
    enName: 'Textiles',
    enStem: 'Tex',
    enLabel: 'garments and textiles',
    enDoes: 'We manufacture fabrics, knitwear and workwear.',
  },
  logistics: {
    ruStems: ['транс', 'логистик', 'карго'],
    ruPlural: ['транспортные линии', 'логистические системы'],
    ruLabel: 'логистика',
    ruDoes: 'Оказываем услуги международной логистики и таможенного оформления.',
    viName: ['Vận tải', 'Giao nhận Vận tải', 'Logistics'],
    viLabel: 'logistics',
    viDoes: 'Dịch vụ giao nhận, vận tải quốc tế và thủ tục hải quan.',
    enName: 'Logistics',
    enStem: 'Cargo',
    enLabel: 'logistics',
    enDoes: 'We provide international freight forwarding and customs brokerage.',
  },
  energy: {
    ruStems: ['энерго', 'электро'],
    ruPlural: ['энергосистемы', 'энергетические решения'],
    ruLabel: 'энергетика',
    ruDoes: 'Работаем в энергетике: генерация, сети, энергосбережение.',
    viName: ['Năng lượng', 'Điện'],
    viLabel: 'năng lượng',
    viDoes: 'Đầu tư và vận hành các dự án năng lượng.',
    enName: 'Energy',
    enStem: 'Energy',
    enLabel: 'energy',
    enDoes: 'We develop and operate power generation and grid projects.',
  },
  construction: {
    ruStems: ['строй', 'монтаж'],
    ruPlural: ['строительные технологии', 'инженерные сети'],
    ruLabel: 'строительство',
    ruDoes: 'Выполняем промышленное и гражданское строительство.',
    viName: ['Xây dựng', 'Đầu tư Xây dựng'],
    viLabel: 'xây dựng',
    viDoes: 'Thi công các công trình dân dụng và công nghiệp.',
    enName: 'Construction',
    enStem: 'Build',
    enLabel: 'construction',
    enDoes: 'We build industrial and commercial facilities.',
  },
  healthcare: {
    ruStems: ['мед', 'фарм', 'био'],
    ruPlural: ['медицинские технологии', 'медицинские системы'],
    ruLabel: 'здравоохранение',
    ruDoes: 'Поставляем медицинское оборудование и фармацевтическую продукцию.',
    viName: ['Dược phẩm', 'Thiết bị Y tế'],
    viLabel: 'y tế',
    viDoes: 'Phân phối dược phẩm và thiết bị y tế.',
    enName: 'Healthcare',
    enStem: 'Med',
    enLabel: 'healthcare',
    enDoes: 'We supply medical equipment and pharmaceuticals.',
  },
  manufacturing: {
    ruStems: ['маш', 'мет', 'завод'],
    ruPlural: ['машиностроительные заводы', 'промышленные системы'],
    ruLabel: 'промышленное производство',
    ruDoes: 'Производим машиностроительную продукцию и комплектующие.',
    viName: ['Cơ khí', 'Sản xuất Công nghiệp'],
    viLabel: 'sản xuất công nghiệp',
    viDoes: 'Sản xuất sản phẩm cơ khí và linh kiện công nghiệp.',
    enName: 'Industries',
    enStem: 'Mach',
    enLabel: 'manufacturing',
    enDoes: 'We manufacture machinery and components.',
  },
  finance: {
    ruStems: ['инвест', 'капитал', 'финанс'],
    ruPlural: ['инвестиции', 'финансовые решения'],
    ruLabel: 'финансы',
    ruDoes: 'Предоставляем финансовые и инвестиционные услуги.',
    viName: ['Đầu tư', 'Đầu tư Tài chính'],
    viLabel: 'tài chính',
    viDoes: 'Cung cấp dịch vụ tài chính và tư vấn đầu tư.',
    enName: 'Capital',
    enStem: 'Capital',
    enLabel: 'finance',
    enDoes: 'We provide investment and financial advisory services.',
  },
  mining: {
    ruStems: ['руд', 'горно', 'недра'],
    ruPlural: ['недра', 'горные технологии'],
    ruLabel: 'добыча полезных ископаемых',
    ruDoes: 'Ведём добычу и обогащение полезных ископаемых.',
    viName: ['Khoáng sản'],
    viLabel: 'khai khoáng',
    viDoes: 'Khai thác và chế biến khoáng sản.',
    enName: 'Resources',
    enStem: 'Mining',
    enLabel: 'mining',
    enDoes: 'We mine and process minerals.',
  },
  fisheries: {
    ruStems: ['рыб', 'море', 'океан'],
    ruPlural: ['рыбные промыслы', 'морепродукты'],
    ruLabel: 'рыболовство',
    ruDoes: 'Занимаемся рыболовством и переработкой морепродуктов.',
    viName: ['Thủy sản', 'Chế biến Thủy sản'],
    viLabel: 'thủy sản',
    viDoes: 'Nuôi trồng, chế biến và xuất khẩu thủy sản.',
    enName: 'Seafood',
    enStem: 'Ocean',
    enLabel: 'fisheries',
    enDoes: 'We catch, farm and process seafood.',
  },
  chemicals: {
    ruStems: ['хим', 'полимер'],
    ruPlural: ['химические технологии', 'полимерные материалы'],
    ruLabel: 'химическая промышленность',
    ruDoes: 'Выпускаем продукцию промышленной химии и полимеры.',
    viName: ['Hóa chất'],
    viLabel: 'hóa chất',
    viDoes: 'Sản xuất và phân phối hóa chất công nghiệp.',
    enName: 'Chemicals',
    enStem: 'Chem',
    enLabel: 'chemicals',
    enDoes: 'We produce industrial chemicals and polymers.',
  },
  'industrial-parks': {
    ruStems: ['индустри', 'технопарк', 'парк'],
    ruPlural: ['индустриальные парки', 'промышленные площадки'],
    ruLabel: 'индустриальные парки',
    ruDoes: 'Развиваем индустриальные парки и предоставляем резидентам подготовленные площадки.',
    viName: ['Khu Công nghiệp', 'Phát triển Khu Công nghiệp', 'Hạ tầng Khu Công nghiệp'],
    viLabel: 'khu công nghiệp',
    viDoes: 'Đầu tư, xây dựng và kinh doanh hạ tầng khu công nghiệp.',
    enName: 'Industrial Parks',
    enStem: 'Park',
    enLabel: 'industrial parks',
    enDoes: 'We develop industrial parks and lease serviced plots and ready-built factories.',
  },
  investment: {
    ruStems: ['инвест', 'капитал'],
    ruPlural: ['инвестиционные проекты', 'прямые инвестиции'],
    ruLabel: 'инвестиции',
    ruDoes: 'Инвестируем в промышленные и инфраструктурные проекты, сопровождаем иностранных инвесторов.',
    viName: ['Đầu tư', 'Đầu tư và Phát triển'],
    viLabel: 'đầu tư',
    viDoes: 'Đầu tư và tư vấn đầu tư vào các dự án công nghiệp và hạ tầng.',
    enName: 'Investments',
    enStem: 'Invest',
    enLabel: 'investment',
    enDoes: 'We invest in industrial and infrastructure projects and advise foreign investors.',
  },
  trade: {
    ruStems: ['торг', 'трейд', 'импорт'],
    ruPlural: ['торговые линии', 'торговые дома'],
    ruLabel: 'торговля',
    ruDoes: 'Ведём экспортно-импортную торговлю и оптовую дистрибуцию.',
    viName: ['Thương mại', 'Xuất nhập khẩu'],
    viLabel: 'thương mại',
    viDoes: 'Kinh doanh xuất nhập khẩu và phân phối hàng hóa.',
    enName: 'Trading',
    enStem: 'Trade',
    enLabel: 'trade',
    enDoes: 'We import, export and distribute goods wholesale.',
  },
};

// The association's own agenda (see ARCHITECTURE.md) sets the weights; the other topics appear
// because a real directory has builders, banks and miners too. Industrial parks, investment and trade
// came into the vocabulary later for partners' offers and needs; they weigh 0 here, which leaves them
// out of the weighted tables, so a seed still generates the members it generated before they existed.
const sectorWeights: Record<'RU' | 'VN' | 'OTHER', Record<Topic, number>> = {
  RU: {
    'technology-transfer': 8,
    'workforce-training': 5,
    'digital-economy': 9,
    tourism: 5,
    agriculture: 8,
    education: 5,
    'industrial-water-treatment': 6,
    'food-canning': 4,
    'garments-textiles': 4,
    logistics: 7,
    energy: 5,
    construction: 7,
    healthcare: 4,
    manufacturing: 10,
    finance: 3,
    mining: 2,
    fisheries: 2,
    chemicals: 3,
    'industrial-parks': 0,
    investment: 0,
    trade: 0,
  },
  VN: {
    'technology-transfer': 3,
    'workforce-training': 4,
    'digital-economy': 7,
    tourism: 9,
    agriculture: 10,
    education: 5,
    'industrial-water-treatment': 3,
    'food-canning': 6,
    'garments-textiles': 10,
    logistics: 6,
    energy: 3,
    construction: 5,
    healthcare: 3,
    manufacturing: 5,
    finance: 2,
    mining: 1,
    fisheries: 6,
    chemicals: 2,
    'industrial-parks': 0,
    investment: 0,
    trade: 0,
  },
  OTHER: {
    'technology-transfer': 6,
    'workforce-training': 3,
    'digital-economy': 9,
    tourism: 5,
    agriculture: 6,
    education: 4,
    'industrial-water-treatment': 4,
    'food-canning': 3,
    'garments-textiles': 3,
    logistics: 8,
    energy: 5,
    construction: 4,
    healthcare: 4,
    manufacturing: 6,
    finance: 5,
    mining: 2,
    fisheries: 2,
    chemicals: 3,
    'industrial-parks': 0,
    investment: 0,
    trade: 0,
  },
};

const interestWeights: Record<Topic, number> = {
  'technology-transfer': 10,
  'workforce-training': 9,
  'digital-economy': 8,
  tourism: 7,
  agriculture: 7,
  education: 8,
  'industrial-water-treatment': 6,
  'food-canning': 5,
  'garments-textiles': 5,
  logistics: 5,
  energy: 3,
  construction: 2,
  healthcare: 3,
  manufacturing: 3,
  finance: 2,
  mining: 1,
  fisheries: 2,
  chemicals: 1,
  'industrial-parks': 0,
  investment: 0,
  trade: 0,
};

// ---------------------------------------------------------------------------------------------------
// Offers and needs: what a member brings to partners and what it seeks, for matchmaking

/**
 * What a member can offer, by sector: its own trade first, then what firms of that trade also sell
 * (a water-treatment firm trains the operators of the plants it builds; a cannery sells on its raw
 * produce).
 */
const sectorOffers: Record<Topic, readonly Topic[]> = {
  'technology-transfer': ['technology-transfer', 'workforce-training', 'manufacturing'],
  'workforce-training': ['workforce-training', 'education'],
  'digital-economy': ['digital-economy', 'workforce-training', 'technology-transfer'],
  tourism: ['tourism'],
  agriculture: ['agriculture', 'trade', 'technology-transfer'],
  education: ['education', 'workforce-training'],
  'industrial-water-treatment': [
    'industrial-water-treatment',
    'technology-transfer',
    'workforce-training',
    'construction',
  ],
  'food-canning': ['food-canning', 'trade', 'agriculture'],
  'garments-textiles': ['garments-textiles', 'trade'],
  logistics: ['logistics', 'trade'],
  energy: ['energy', 'technology-transfer', 'construction', 'workforce-training'],
  construction: ['construction', 'industrial-parks', 'technology-transfer'],
  healthcare: ['healthcare', 'education', 'trade'],
  manufacturing: ['manufacturing', 'technology-transfer', 'workforce-training', 'trade'],
  finance: ['investment', 'finance'],
  mining: ['mining', 'technology-transfer', 'trade'],
  fisheries: ['fisheries', 'food-canning', 'trade'],
  chemicals: ['chemicals', 'technology-transfer', 'trade'],
  'industrial-parks': ['industrial-parks', 'investment', 'logistics'],
  investment: ['investment', 'finance'],
  trade: ['trade', 'logistics'],
};

/** What members of each origin bring more often than their sectors alone suggest. */
const offerBias: Record<Kind, Partial<Record<Topic, number>>> = {
  // Russian members mostly bring technology, equipment, training, education and energy.
  RU: {
    'technology-transfer': 2,
    'workforce-training': 1.8,
    education: 1.8,
    energy: 1.8,
    'industrial-water-treatment': 2,
    manufacturing: 1.4,
  },
  // Vietnamese members mostly bring produce, garments, tourism, software teams and labour.
  VN: {
    agriculture: 1.6,
    'garments-textiles': 1.6,
    'food-canning': 1.5,
    fisheries: 1.5,
    tourism: 1.5,
    'digital-economy': 1.3,
    'technology-transfer': 0.3,
  },
  OTHER: { logistics: 1.4, trade: 1.4, investment: 1.4 },
};

/** What members of each origin commonly seek, whatever their interests. */
const originNeeds: Record<Kind, Partial<Record<Topic, number>>> = {
  // Distributors, a site in Vietnam, co-investors, freight and suppliers for the Vietnam Year.
  RU: { trade: 5, 'industrial-parks': 2, investment: 3, logistics: 3, agriculture: 1, tourism: 1 },
  // Technology, skills, capital, power and clean water for a growing industry.
  VN: {
    'technology-transfer': 9,
    'workforce-training': 6,
    investment: 7,
    energy: 4,
    'industrial-water-treatment': 5,
    trade: 3,
    education: 2,
    logistics: 2,
  },
  OTHER: {
    trade: 6,
    investment: 4,
    logistics: 3,
    'technology-transfer': 3,
    'industrial-parks': 2,
    tourism: 1,
  },
};

/** Needs a member's sector brings: a cannery needs growers, a logistics firm cargo and a warehouse site. */
const sectorNeeds: Record<Topic, readonly Topic[]> = {
  'technology-transfer': ['investment', 'industrial-parks', 'trade'],
  'workforce-training': ['education'],
  'digital-economy': ['investment', 'trade'],
  tourism: ['tourism', 'digital-economy'],
  agriculture: ['trade', 'logistics', 'technology-transfer'],
  education: ['education'],
  'industrial-water-treatment': ['trade', 'investment', 'construction'],
  'food-canning': ['agriculture', 'fisheries', 'trade'],
  'garments-textiles': ['trade', 'logistics'],
  logistics: ['trade', 'industrial-parks'],
  energy: ['investment', 'construction'],
  construction: ['investment', 'industrial-parks'],
  healthcare: ['trade'],
  manufacturing: ['trade', 'industrial-parks'],
  finance: ['investment'],
  mining: ['logistics', 'trade'],
  fisheries: ['logistics', 'trade'],
  chemicals: ['trade', 'industrial-parks'],
  'industrial-parks': ['investment', 'construction'],
  investment: ['industrial-parks'],
  trade: ['logistics'],
};

/** Sectors whose firms talk of transferring their technology and training others' staff in it. */
const industrialSectors: ReadonlySet<Topic> = new Set<Topic>([
  'agriculture',
  'chemicals',
  'construction',
  'digital-economy',
  'energy',
  'fisheries',
  'food-canning',
  'garments-textiles',
  'industrial-water-treatment',
  'manufacturing',
  'mining',
]);

type TextLanguage = 'ru' | 'vi' | 'en';
type Phrases = Record<TextLanguage, readonly string[]>;

// {market} is where the member looks ("во Вьетнаме", "tại Nga", "in Vietnam"), {n} a capacity.
const offerPhrases: Record<Topic, Phrases> = {
  'technology-transfer': {
    ru: [
      'Лицензируем и передаём промышленные технологии, помогаем локализовать производство',
      'Ноу-хау и технологическое оборудование под ключ для новых производств',
    ],
    vi: ['Chuyển giao quy trình sản xuất và hỗ trợ nội địa hóa', 'Giải pháp công nghệ cho nhà máy mới'],
    en: [
      'Licensing and transfer of proven production technologies',
      'Turnkey process equipment and know-how',
    ],
  },
  'workforce-training': {
    ru: [
      'Обучение и стажировки инженеров и операторов партнёров на наших площадках в России',
      'Программы профессиональной подготовки рабочих под требования заказчика',
    ],
    vi: [
      'Cung ứng lao động kỹ thuật đã qua đào tạo',
      'Đào tạo nghề cho công nhân và kỹ thuật viên theo yêu cầu doanh nghiệp',
    ],
    en: [
      'Vocational and technical training programmes for partner staff',
      'Corporate training and certification for engineers',
    ],
  },
  'digital-economy': {
    ru: [
      'Разработка корпоративного ПО, ERP и систем промышленной автоматизации',
      'Кибербезопасность и облачные сервисы для промышленных предприятий',
    ],
    vi: [
      'Gia công phần mềm và đội phát triển chuyên trách',
      'Giải pháp chuyển đổi số cho doanh nghiệp sản xuất',
    ],
    en: ['Custom software, ERP and industrial automation', 'Cybersecurity and cloud services for industry'],
  },
  tourism: {
    ru: [
      'Приём делегаций и бизнес-миссий, поездки на отраслевые выставки в России',
      'Въездной туризм в Россию: групповые и корпоративные программы',
    ],
    vi: ['Tour du lịch và MICE cho đoàn khách Nga', 'Tổ chức đoàn công tác và hội chợ thương mại'],
    en: ['Business missions, trade-fair travel and MICE', 'Inbound tours and incentive travel'],
  },
  agriculture: {
    ru: ['Поставляем пшеницу, ячмень и подсолнечное масло на экспорт', 'Экспорт зерна, масличных и бобовых'],
    vi: ['Xuất khẩu cà phê, hạt điều và hồ tiêu', 'Cung ứng gạo và trái cây nhiệt đới quanh năm'],
    en: ['Export of grain, oilseeds and pulses', 'Year-round supply of fresh and dried produce'],
  },
  education: {
    ru: [
      'Обучение иностранных студентов: бакалавриат, магистратура, подготовительный факультет',
      'Совместные образовательные программы и курсы русского языка',
    ],
    vi: ['Chương trình liên kết đào tạo và du học', 'Khóa học tiếng Việt và văn hóa cho nhân sự đối tác'],
    en: [
      'Joint degree programmes and student exchanges',
      'Language and professional courses for partner staff',
    ],
  },
  'industrial-water-treatment': {
    ru: [
      'Поставляем модульные очистные сооружения для промышленных парков',
      'Проектирование и монтаж систем водоподготовки производительностью до {n} м³/сут',
    ],
    vi: [
      'Thiết kế và lắp đặt hệ thống xử lý nước thải công nghiệp',
      'Vận hành và bảo trì nhà máy xử lý nước thải',
    ],
    en: [
      'Modular wastewater treatment plants for industrial parks',
      'Design and installation of water treatment for up to {n} m³ a day',
    ],
  },
  'food-canning': {
    ru: [
      'Мясные и рыбные консервы, в том числе под частной маркой',
      'Овощные консервы и готовые блюда с долгим сроком хранения',
    ],
    vi: ['Cá ngừ và trái cây đóng hộp xuất khẩu', 'Gia công đồ hộp theo nhãn riêng'],
    en: [
      'Canned meat, fish and vegetables, private label welcome',
      'Canned food to HACCP and halal standards',
    ],
  },
  'garments-textiles': {
    ru: ['Спецодежда и трикотаж, принимаем заказы на пошив', 'Технические ткани и нетканые материалы'],
    vi: ['Gia công hàng may mặc xuất khẩu (CMT, FOB)', 'Sản xuất đồ dệt kim và quần áo bảo hộ'],
    en: ['Garment manufacturing, CMT and FOB', 'Knitwear and workwear, small runs accepted'],
  },
  logistics: {
    ru: [
      'Мультимодальные перевозки Россия — Вьетнам через Владивосток',
      'Таможенное оформление и складская логистика для экспортёров',
    ],
    vi: ['Vận tải biển và đường sắt sang Nga qua Vladivostok', 'Dịch vụ hải quan và kho ngoại quan'],
    en: [
      'Sea and rail freight between Russia and Southeast Asia',
      'Customs brokerage and bonded warehousing',
    ],
  },
  energy: {
    ru: [
      'Оборудование для подстанций и распределительных сетей',
      'Энергоаудит и решения по энергосбережению для предприятий',
      'Строительство и модернизация ГЭС и ТЭС',
    ],
    vi: [
      'Điện mặt trời áp mái cho nhà máy và khu công nghiệp',
      'Dự án điện gió, điện mặt trời mời hợp tác đầu tư',
    ],
    en: ['Substation and grid equipment', 'Energy audits and efficiency upgrades for plants'],
  },
  construction: {
    ru: [
      'Проектирование и строительство заводов и складских комплексов',
      'Инженерные сети и монтаж технологического оборудования',
    ],
    vi: ['Thiết kế và thi công nhà xưởng, kho bãi', 'Kết cấu thép và nhà tiền chế'],
    en: ['Design-build of factories and warehouses', 'Steel structures and prefabricated buildings'],
  },
  healthcare: {
    ru: [
      'Медицинское оборудование и расходные материалы',
      'Лекарственные препараты российского производства',
    ],
    vi: ['Phân phối thuốc và vật tư y tế', 'Dịch vụ khám chữa bệnh cho người nước ngoài'],
    en: ['Medical equipment and consumables', 'Generic medicines and diagnostics'],
  },
  manufacturing: {
    ru: [
      'Станки, насосы и запасные части от производителя',
      'Контрактное производство металлоконструкций и узлов по чертежам',
    ],
    vi: ['Gia công chi tiết kim loại và cụm lắp ráp', 'Linh kiện nhựa và cao su theo bản vẽ'],
    en: ['Machine tools, pumps and spare parts', 'Contract manufacturing of metal parts to drawing'],
  },
  finance: {
    ru: [
      'Расчёты в национальных валютах и торговое финансирование',
      'Консультации по выходу на рынки ЮВА и структурированию сделок',
    ],
    vi: [
      'Tài trợ thương mại và thanh toán bằng nội tệ',
      'Tư vấn gia nhập thị trường và thành lập doanh nghiệp',
    ],
    en: ['Trade finance and local-currency settlements', 'Advice on market entry and deal structuring'],
  },
  mining: {
    ru: [
      'Горно-шахтное оборудование и геологоразведка',
      'Поставки угля и концентратов по долгосрочным контрактам',
    ],
    vi: ['Xuất khẩu quặng và khoáng sản công nghiệp', 'Cung cấp than và khoáng sản theo hợp đồng dài hạn'],
    en: ['Mining equipment and exploration services', 'Coal and concentrates under long-term contracts'],
  },
  fisheries: {
    ru: ['Минтай, треска и краб с Дальнего Востока', 'Мороженая рыба и морепродукты на экспорт'],
    vi: ['Tôm đông lạnh và cá tra phi lê', 'Thủy sản nuôi và khai thác, đông lạnh hoặc ướp lạnh'],
    en: ['Frozen fish and seafood for export', 'Farmed and wild-caught seafood, frozen or chilled'],
  },
  chemicals: {
    ru: ['Минеральные удобрения и агрохимия', 'Полимеры и реагенты для водоподготовки'],
    vi: ['Phân bón và hóa chất nông nghiệp', 'Cao su, nhựa và sản phẩm hóa dầu'],
    en: ['Fertilisers and agrochemicals', 'Polymers and industrial reagents'],
  },
  'industrial-parks': {
    ru: [
      'Площадки с подведёнными коммуникациями для иностранных резидентов',
      'Готовые производственные корпуса в аренду',
    ],
    vi: ['Đất công nghiệp có hạ tầng gần cảng', 'Nhà xưởng xây sẵn cho thuê, hỗ trợ thủ tục đầu tư'],
    en: [
      'Serviced plots and ready-built factories for lease',
      'Industrial land with power, water and customs',
    ],
  },
  investment: {
    ru: [
      'Соинвестирование в промышленные проекты {market}',
      'Сопровождение инвесторов: от выбора площадки до запуска производства',
    ],
    vi: ['Hợp tác đầu tư vào dự án sản xuất', 'Kết nối với nhà đầu tư và ngân hàng trong nước'],
    en: ['Co-investment in manufacturing projects', 'Investor support from site selection to launch'],
  },
  trade: {
    ru: [
      'Экспорт российской продукции и оптовая дистрибуция',
      'Импорт товаров из Вьетнама и дистрибуция по России',
    ],
    vi: ['Nhập khẩu và phân phối hàng Nga trên toàn quốc', 'Phân phối sỉ vào siêu thị và kênh HoReCa'],
    en: ['Import and distribution across the region', 'Wholesale distribution to retail and HoReCa'],
  },
};

const needPhrases: Record<Topic, Phrases> = {
  'technology-transfer': {
    ru: [
      'Ищем технологии для локализации производства',
      'Нужен технологический партнёр для модернизации завода',
    ],
    vi: ['Cần đối tác chuyển giao công nghệ sản xuất', 'Thiết bị và bí quyết công nghệ Nga cho nhà máy mới'],
    en: ['Licensed technology to localise production', 'A technology partner to upgrade our plant'],
  },
  'workforce-training': {
    ru: [
      'Нужна подготовка инженеров и операторов для нового производства',
      'Ищем партнёров по обучению персонала {market}',
    ],
    vi: ['Đào tạo kỹ sư và công nhân vận hành', 'Cần chương trình đào tạo kỹ thuật cho nhân viên'],
    en: ['Training for engineers and plant operators', 'Technical training programmes for our staff'],
  },
  'digital-economy': {
    ru: [
      'Ищем интегратора ERP и промышленной автоматизации',
      'Нужна разработка мобильного приложения и онлайн-магазина',
    ],
    vi: ['Giải pháp ERP và an ninh mạng', 'Phần mềm tự động hóa công nghiệp'],
    en: ['ERP and industrial automation partners', 'A development team for our online platform'],
  },
  tourism: {
    ru: [
      'Ищем туроператоров и принимающие компании {market}',
      'Партнёры для деловых поездок и выставок {market}',
    ],
    vi: [
      'Công ty lữ hành và đối tác bay thuê chuyến của Nga',
      'Tìm đối tác đưa khách du lịch Nga sang Việt Nam',
    ],
    en: [
      'Tour operators and charter partners {market}',
      'Partners for business travel and trade fairs {market}',
    ],
  },
  agriculture: {
    ru: ['Ищем поставщиков тропических фруктов, кофе и специй', 'Ищем поставщиков сельхозсырья {market}'],
    vi: ['Nhà cung cấp phân bón và máy nông nghiệp', 'Nhập khẩu ngũ cốc và thức ăn chăn nuôi từ Nga'],
    en: ['Suppliers of coffee, rice and tropical fruit', 'Suppliers of grain and animal feed'],
  },
  education: {
    ru: [
      'Ищем вузы-партнёры для совместных программ и обмена студентами',
      'Курсы вьетнамского языка для сотрудников',
    ],
    vi: ['Hợp tác với đại học và học bổng tại Nga', 'Khóa học tiếng Nga cho nhân viên'],
    en: ['University partners for joint programmes', 'Scholarships and study programmes in Russia'],
  },
  'industrial-water-treatment': {
    ru: [
      'Нужна система очистки промышленных стоков на {n} м³/сут',
      'Ищем поставщика оборудования водоподготовки',
    ],
    vi: ['Cần đối tác chuyển giao công nghệ xử lý nước', 'Nhà máy xử lý nước thải công suất {n} m³/ngày'],
    en: ['A wastewater treatment plant for {n} m³ a day', 'Water treatment equipment for our plant'],
  },
  'food-canning': {
    ru: ['Ищем производителей консервов под частную марку {market}', 'Нужна линия стерилизации и фасовки'],
    vi: ['Dây chuyền đóng hộp và thiết bị đóng gói', 'Tìm nhà nhập khẩu đồ hộp tại Nga'],
    en: ['Canning lines and packaging equipment', 'Private-label canners {market}'],
  },
  'garments-textiles': {
    ru: ['Ищем швейные фабрики для пошива спецодежды {market}', 'Ищем поставщиков хлопковой пряжи и тканей'],
    vi: ['Nhà cung cấp vải và sợi', 'Khách hàng đặt gia công may mặc'],
    en: ['Garment factories for private-label orders', 'Fabric and yarn suppliers'],
  },
  logistics: {
    ru: [
      'Нужен надёжный экспедитор на линии Россия — Вьетнам',
      'Ищем партнёров по контейнерным перевозкам {market}',
    ],
    vi: ['Tìm đối tác vận tải tuyến đi Nga', 'Cần kho lạnh và dịch vụ giao nhận tại cảng'],
    en: ['Freight partners on the Russia–Vietnam route', 'Warehousing and customs clearance {market}'],
  },
  energy: {
    ru: [
      'Нужно оборудование для собственной генерации на площадке',
      'Ищем партнёров для проектов ВИЭ {market}',
    ],
    vi: ['Máy biến áp, thiết bị đóng cắt và trạm biến áp', 'Cần giải pháp tiết kiệm năng lượng cho nhà máy'],
    en: ['Grid and substation equipment', 'Energy-efficiency solutions for our plants'],
  },
  construction: {
    ru: [
      'Ищем генподрядчика для строительства завода {market}',
      'Нужен подрядчик на монтаж инженерных сетей',
    ],
    vi: ['Tổng thầu EPC cho dự án công nghiệp', 'Nhà thầu xây dựng nhà xưởng'],
    en: ['EPC contractors for industrial projects', 'A contractor to build our new warehouse'],
  },
  healthcare: {
    ru: [
      'Нужен партнёр для регистрации медизделий {market}',
      'Ищем клиники-партнёры для медицинского туризма',
    ],
    vi: ['Nhà cung cấp thiết bị y tế', 'Đối tác cho dự án bệnh viện'],
    en: ['Medical equipment suppliers', 'Partners for hospital projects'],
  },
  manufacturing: {
    ru: ['Ищем контрактного производителя комплектующих {market}', 'Нужны поставщики станков и запчастей'],
    vi: ['Nhà cung cấp máy móc và phụ tùng', 'Dây chuyền sản xuất cho nhà máy mới'],
    en: ['Contract manufacturers for components', 'Machinery and spare parts suppliers'],
  },
  finance: {
    ru: ['Нужен банк-партнёр для расчётов в донгах', 'Ищем торговое финансирование для экспортных поставок'],
    vi: ['Giải pháp thanh toán bằng đồng rúp', 'Tài trợ thương mại cho hàng nhập khẩu từ Nga'],
    en: ['Payment solutions for rouble settlements', 'Trade finance for imports from Russia'],
  },
  mining: {
    ru: ['Ищем покупателей угля и концентратов {market}', 'Нужна геологоразведка на новом участке'],
    vi: ['Máy khai khoáng và khảo sát địa chất', 'Thiết bị khai thác mỏ từ Nga'],
    en: ['Mining machinery and geological surveys', 'Buyers of ores and concentrates'],
  },
  fisheries: {
    ru: ['Ищем поставщиков креветки и пангасиуса', 'Ищем поставщиков морепродуктов {market}'],
    vi: ['Tàu cá và thiết bị kho lạnh', 'Tìm nhà nhập khẩu thủy sản tại Nga'],
    en: ['Seafood suppliers for processing', 'Fishing vessels and cold storage equipment'],
  },
  chemicals: {
    ru: [
      'Ищем поставщиков натурального каучука и сырья для полимеров',
      'Нужны дистрибьюторы удобрений {market}',
    ],
    vi: ['Phân bón và hóa chất công nghiệp', 'Hạt nhựa và nguyên liệu'],
    en: ['Suppliers of resins and raw materials', 'Fertilisers and industrial chemicals'],
  },
  'industrial-parks': {
    ru: [
      'Ищем площадку в индустриальном парке {market} для сборочного производства',
      'Нужен готовый цех в аренду {market}, желательно рядом с портом',
    ],
    vi: [
      'Cần thuê nhà xưởng trong khu công nghiệp gần cảng',
      'Mặt bằng trong khu công nghiệp cho nhà máy mới',
    ],
    en: ['A site in an industrial park {market}, close to a port', 'A ready-built factory to lease {market}'],
  },
  investment: {
    ru: ['Привлекаем инвестиции в расширение производства', 'Ищем соинвестора для проекта {market}'],
    vi: ['Tìm nhà đầu tư cho dự án mở rộng nhà máy', 'Cần đối tác đồng đầu tư từ Nga'],
    en: ['Co-investors for a new production line', 'Investors for our expansion {market}'],
  },
  trade: {
    ru: ['Ищем дистрибьюторов {market}', 'Ищем импортёров и оптовых покупателей {market}'],
    vi: ['Tìm nhà nhập khẩu và phân phối {market}', 'Cần đối tác phân phối sản phẩm {market}'],
    en: ['Distributors and importers {market}', 'Wholesale buyers for our products {market}'],
  },
};

/** Where a member looks for partners, as its needs say it: from its target markets. */
function marketPhrase(language: TextLanguage, targetMarkets: readonly string[]): string {
  if (language === 'vi') return 'tại Nga';
  if (language === 'en') return targetMarkets.includes('VN') ? 'in Vietnam' : 'in Russia';
  if (targetMarkets.includes('TH')) return 'во Вьетнаме и Таиланде';
  if (targetMarkets.length > 0 && !targetMarkets.includes('VN')) return 'в странах ЮВА';
  return 'во Вьетнаме';
}

const capacities = [500, 1_000, 2_500, 5_000, 10_000, 20_000];
const withThousands = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+$)/g, separator);

// ---------------------------------------------------------------------------------------------------
// Geography

// Membership follows the economy: Moscow and St Petersburg dominate, then the million-plus regions;
// every other federal subject still has a few members so region filters are never empty.
const ruRegionWeights: Readonly<Record<string, number>> = {
  'RU-MOW': 900,
  'RU-SPE': 260,
  'RU-MOS': 200,
  'RU-SVE': 90,
  'RU-TA': 90,
  'RU-KDA': 80,
  'RU-NVS': 70,
  'RU-NIZ': 65,
  'RU-PRI': 60,
  'RU-SAM': 55,
  'RU-ROS': 55,
  'RU-BA': 55,
  'RU-CHE': 55,
  'RU-VLA': 45,
  'RU-PER': 45,
  'RU-KYA': 45,
  'RU-LEN': 45,
  'RU-KHA': 30,
  'RU-IRK': 30,
  'RU-TYU': 30,
  'RU-VOR': 30,
  'RU-KGD': 30,
  'RU-KHM': 25,
  'RU-YAR': 22,
  'RU-TUL': 22,
  'RU-KLU': 22,
  'RU-TOM': 20,
  'RU-OMS': 20,
  'RU-VGG': 20,
  'RU-SAR': 18,
  'RU-UD': 15,
  'RU-SAK': 15,
  'RU-AMU': 12,
  'RU-SA': 12,
  'RU-BU': 12,
};
const ruRegionDefaultWeight = 7;

const vnRegionWeights: Readonly<Record<string, number>> = {
  'VN-HN': 380,
  'VN-SG': 380,
  'VN-DN': 70,
  'VN-HP': 55,
  'VN-CT': 25,
  'VN-57': 25, // Bình Dương
  'VN-39': 18, // Đồng Nai
  'VN-56': 18, // Bắc Ninh
  'VN-13': 15, // Quảng Ninh
  'VN-34': 15, // Khánh Hòa
  'VN-43': 12, // Bà Rịa – Vũng Tàu
  'VN-70': 10, // Vĩnh Phúc
  'VN-61': 10, // Hải Dương
  'VN-66': 8, // Hưng Yên
  'VN-22': 8, // Nghệ An
  'VN-26': 8, // Thừa Thiên Huế
  'VN-21': 6, // Thanh Hóa
  'VN-35': 6, // Lâm Đồng
  'VN-44': 5, // An Giang
};
const vnRegionDefaultWeight = 2;

/** Two-digit codes of the Russian tax authorities, which open every INN they issue. */
// biome-ignore format: a lookup table reads better packed
const ruTaxRegionCode: Readonly<Record<string, string>> = {
  'RU-AD': '01', 'RU-BA': '02', 'RU-BU': '03', 'RU-AL': '04', 'RU-DA': '05', 'RU-IN': '06', 'RU-KB': '07',
  'RU-KL': '08', 'RU-KC': '09', 'RU-KR': '10', 'RU-KO': '11', 'RU-ME': '12', 'RU-MO': '13', 'RU-SA': '14',
  'RU-SE': '15', 'RU-TA': '16', 'RU-TY': '17', 'RU-UD': '18', 'RU-KK': '19', 'RU-CE': '20', 'RU-CU': '21',
  'RU-ALT': '22', 'RU-KDA': '23', 'RU-KYA': '24', 'RU-PRI': '25', 'RU-STA': '26', 'RU-KHA': '27',
  'RU-AMU': '28', 'RU-ARK': '29', 'RU-AST': '30', 'RU-BEL': '31', 'RU-BRY': '32', 'RU-VLA': '33',
  'RU-VGG': '34', 'RU-VLG': '35', 'RU-VOR': '36', 'RU-IVA': '37', 'RU-IRK': '38', 'RU-KGD': '39',
  'RU-KLU': '40', 'RU-KAM': '41', 'RU-KEM': '42', 'RU-KIR': '43', 'RU-KOS': '44', 'RU-KGN': '45',
  'RU-KRS': '46', 'RU-LEN': '47', 'RU-LIP': '48', 'RU-MAG': '49', 'RU-MOS': '50', 'RU-MUR': '51',
  'RU-NIZ': '52', 'RU-NGR': '53', 'RU-NVS': '54', 'RU-OMS': '55', 'RU-ORE': '56', 'RU-ORL': '57',
  'RU-PNZ': '58', 'RU-PER': '59', 'RU-PSK': '60', 'RU-ROS': '61', 'RU-RYA': '62', 'RU-SAM': '63',
  'RU-SAR': '64', 'RU-SAK': '65', 'RU-SVE': '66', 'RU-SMO': '67', 'RU-TAM': '68', 'RU-TVE': '69',
  'RU-TOM': '70', 'RU-TUL': '71', 'RU-TYU': '72', 'RU-ULY': '73', 'RU-CHE': '74', 'RU-ZAB': '75',
  'RU-YAR': '76', 'RU-MOW': '77', 'RU-SPE': '78', 'RU-YEV': '79', 'RU-NEN': '83', 'RU-KHM': '86',
  'RU-CHU': '87', 'RU-YAN': '89',
};

/** Landline area codes for the regions most members sit in; elsewhere contacts give a mobile. */
const ruAreaCodes: Readonly<Record<string, readonly string[]>> = {
  'RU-MOW': ['495', '499'],
  'RU-MOS': ['495', '496', '498'],
  'RU-SPE': ['812'],
  'RU-LEN': ['813'],
  'RU-VLA': ['4922'],
  'RU-NVS': ['383'],
  'RU-SVE': ['343'],
  'RU-TA': ['843'],
  'RU-PRI': ['423'],
  'RU-NIZ': ['831'],
  'RU-SAM': ['846'],
  'RU-KDA': ['861'],
  'RU-ROS': ['863'],
  'RU-BA': ['347'],
  'RU-CHE': ['351'],
  'RU-PER': ['342'],
  'RU-KYA': ['391'],
};

const vnAreaCodes: Readonly<Record<string, string>> = {
  'VN-HN': '24',
  'VN-SG': '28',
  'VN-DN': '236',
  'VN-HP': '225',
  'VN-CT': '292',
};

/** MST prefixes of the municipal tax departments; other provinces get a stand-in two-digit prefix. */
const vnTaxPrefix: Readonly<Record<string, string>> = {
  'VN-HN': '01',
  'VN-HP': '02',
  'VN-SG': '03',
  'VN-DN': '04',
};

// Regional roots for Russian trade names, so a Vladimir firm can be «Владкон» and a Primorye one «Примтех».
const ruRegionalRoots: Readonly<Record<string, readonly string[]>> = {
  'RU-VLA': ['Влад', 'Клязьма'],
  'RU-SPE': ['Нева', 'Балт', 'Петро'],
  'RU-LEN': ['Ладога', 'Балт'],
  'RU-PRI': ['Прим', 'Дальвост'],
  'RU-KHA': ['Амур', 'Дальвост'],
  'RU-SVE': ['Урал'],
  'RU-CHE': ['Урал'],
  'RU-PER': ['Кама', 'Урал'],
  'RU-NVS': ['Сиб', 'Обь'],
  'RU-TOM': ['Сиб'],
  'RU-KYA': ['Енисей', 'Сиб'],
  'RU-IRK': ['Байкал', 'Сиб'],
  'RU-TA': ['Кама', 'Волга'],
  'RU-SAM': ['Волга'],
  'RU-NIZ': ['Волга', 'Ока'],
  'RU-ROS': ['Дон', 'Юг'],
  'RU-KDA': ['Кубань', 'Юг'],
  'RU-KGD': ['Балт', 'Янтарь'],
  'RU-MOW': ['Мос', 'Центр'],
  'RU-MOS': ['Мос', 'Подмосковье'],
};
// biome-ignore format: a word list reads better packed than one word per line
const ruRoots = [
  'Рос', 'Евро', 'Центр', 'Север', 'Вост', 'Запад', 'Юг', 'Сиб', 'Урал', 'Волга', 'Нева', 'Балт', 'Алтай',
  'Ока', 'Арктик', 'Тайга', 'Кавказ', 'Вятка', 'Иртыш', 'Полюс', 'Гранит', 'Вектор', 'Альфа', 'Спектр',
  'Зенит', 'Меридиан', 'Орион', 'Сокол', 'Атлант', 'Горизонт',
];
// biome-ignore format: a word list reads better packed than one word per line
const ruEndings = [
  'ком', 'кон', 'пром', 'сервис', 'лайн', 'трейд', 'тех', 'снаб', 'групп', 'проект', 'систем', 'холдинг',
  'альянс', 'центр', 'стар', 'маркет', 'экспорт',
];
// biome-ignore format: a word list reads better packed than one word per line
const ruAdjectives = [
  'Уральские', 'Сибирские', 'Балтийские', 'Северные', 'Дальневосточные', 'Волжские', 'Центральные',
  'Приморские', 'Российские', 'Новые', 'Передовые', 'Объединённые', 'Южные', 'Восточные', 'Первые',
];
// biome-ignore format: a word list reads better packed than one word per line
const ruVariantWords = [
  'Плюс', 'Регион', 'Сервис', 'Инвест', 'Групп', 'Холдинг', 'Про', 'Эксперт', 'Развитие',
];
// biome-ignore format: a word list reads better packed than one word per line
const latinRoots = [
  'Nord', 'Baltic', 'Volga', 'Ural', 'Sibir', 'Vostok', 'Neva', 'Polar', 'Amur', 'Taiga', 'Arctic', 'Altai',
  'Smart', 'Prime', 'Nova', 'Vector', 'Orion',
];
// biome-ignore format: a word list reads better packed than one word per line
const latinEndings = [
  '', ' Solutions', ' Systems', ' Group', ' Lab', ' Partners', ' Engineering', ' International',
];

const viFamilies = new Weighted<string>([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Huỳnh', 2],
  ['Phan', 4.5],
  ['Vũ', 3],
  ['Võ', 2],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Trịnh', 0.7],
  ['Mai', 0.6],
  ['Tạ', 0.3],
]);
// biome-ignore format: a word list reads better packed than one word per line
const viBrandFirst = [
  'An', 'Bảo', 'Đại', 'Đức', 'Gia', 'Hải', 'Hoàng', 'Hưng', 'Kim', 'Minh', 'Nam', 'Phú', 'Phúc', 'Quang',
  'Sao', 'Tân', 'Thành', 'Thiên', 'Trường', 'Việt', 'Vĩnh', 'Hồng', 'Ngọc', 'Phương', 'Đông', 'Long', 'Thái',
  'Tiến', 'Thịnh', 'Hòa',
];
// biome-ignore format: a word list reads better packed than one word per line
const viBrandSecond = [
  'Phát', 'Long', 'Thịnh', 'Hưng', 'An', 'Minh', 'Tiến', 'Thành', 'Việt', 'Sơn', 'Hải', 'Dương', 'Nam', 'Lợi',
  'Phong', 'Quang', 'Khang', 'Đạt', 'Mai', 'Lâm', 'Bình', 'Tín', 'Cường', 'Nguyên',
];
const viGenericLines = [
  'Thương mại và Dịch vụ',
  'Sản xuất và Thương mại',
  'Đầu tư và Phát triển',
  'Xuất nhập khẩu',
];
const viVariantWords = ['Việt Nam', 'Quốc tế', 'Miền Bắc', 'Miền Nam', 'Miền Trung', 'Toàn Cầu'];

// Local ways to write a place inside a company name, where the ISO local name is an official title.
const vnPlaceInName: Readonly<Record<string, string>> = { 'VN-SG': 'Sài Gòn' };

// Given names and patronymics as Russians actually carry them; faker's lists include rare and archaic
// forms that would make a directory look invented.
// biome-ignore format: a word list reads better packed than one word per line
const ruMaleNames = [
  'Александр', 'Дмитрий', 'Сергей', 'Андрей', 'Алексей', 'Максим', 'Иван', 'Михаил', 'Николай', 'Евгений',
  'Владимир', 'Павел', 'Артём', 'Игорь', 'Олег', 'Виктор', 'Константин', 'Роман', 'Денис', 'Юрий', 'Антон',
  'Илья', 'Кирилл', 'Вадим', 'Георгий', 'Григорий', 'Станислав', 'Тимур', 'Руслан', 'Никита', 'Егор', 'Глеб',
  'Фёдор', 'Леонид', 'Борис', 'Вячеслав', 'Ярослав', 'Марат', 'Василий', 'Пётр',
];
// biome-ignore format: a word list reads better packed than one word per line
const ruFemaleNames = [
  'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Мария', 'Екатерина', 'Юлия',
  'Анастасия', 'Марина', 'Виктория', 'Ксения', 'Дарья', 'Людмила', 'Галина', 'Надежда', 'Вера', 'Алина',
  'Полина', 'Валентина', 'Евгения', 'Александра', 'Кристина', 'Оксана', 'Лариса', 'Софья', 'Алёна', 'Эльвира',
];
// biome-ignore format: a word list reads better packed than one word per line
const ruPatronymicStems = [
  'Александров', 'Сергеев', 'Иванов', 'Николаев', 'Владимиров', 'Викторов', 'Петров', 'Михайлов', 'Юрьев',
  'Андреев', 'Дмитриев', 'Олегов', 'Евгеньев', 'Анатольев', 'Борисов', 'Павлов', 'Игорев', 'Геннадьев',
  'Валерьев', 'Алексеев', 'Васильев', 'Константинов',
];

const ruHeadPositions = ['Генеральный директор', 'Генеральный директор', 'Директор', 'Управляющий партнёр'];
const ruPositions = [
  'Директор по ВЭД',
  'Коммерческий директор',
  'Финансовый директор',
  'Технический директор',
  'Директор по развитию',
  'Руководитель отдела продаж',
  'Главный инженер',
  'Менеджер по международному сотрудничеству',
  'Начальник отдела закупок',
  'Главный технолог',
  'Директор по персоналу',
  'Руководитель направления «Юго-Восточная Азия»',
  'Помощник генерального директора',
];
const viHeadPositions = ['Giám đốc', 'Tổng Giám đốc', 'Chủ tịch Hội đồng Quản trị'];
const viPositions = [
  'Phó Giám đốc',
  'Trưởng phòng Kinh doanh',
  'Trưởng phòng Xuất nhập khẩu',
  'Kế toán trưởng',
  'Giám đốc Phát triển Kinh doanh',
  'Chuyên viên Đối ngoại',
  'Trưởng phòng Nhân sự',
  'Trưởng phòng Hợp tác Quốc tế',
  'Kỹ sư trưởng',
  'Trợ lý Giám đốc',
];
const enHeadPositions = [
  'Managing Director',
  'Chief Executive Officer',
  'Founder and CEO',
  'General Manager',
];
const enPositions = [
  'Business Development Manager',
  'Head of International Partnerships',
  'Sales Director',
  'Chief Financial Officer',
  'Operations Manager',
  'Export Manager',
  'Director of Strategy',
  'Partnership Manager',
  'Chief Technology Officer',
  'Executive Assistant',
];

interface ForeignCountry {
  country: string;
  tld: string;
  brands: readonly string[];
  cities: readonly string[];
  name: (brand: string, line: string) => string;
  phone: (rng: Rng) => string;
  taxId: (rng: Rng) => string;
  given: readonly string[];
  family: readonly string[];
  /** East Asian order: family name first. */
  familyFirst: boolean;
}

const upper = 'ABCDEFGHJKLMNPQRTUWXY';
const letters = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.pick([...upper])).join('');

// Shapes follow each country's company number or tax id closely enough to look right in a directory;
// none of them carries a real check digit.
const foreignCountries = new Weighted<ForeignCountry>([
  [
    {
      country: 'SG',
      tld: 'com.sg',
      brands: ['Lion City', 'Marina', 'Straits', 'Orchard', 'Merlion', 'Kallang', 'Jurong', 'Harbourfront'],
      cities: ['Singapore', 'Asia', 'Pacific'],
      name: (brand, line) => `${brand} ${line} Pte. Ltd.`,
      phone: (rng) => `+65${rng.pick(['6', '8', '9'])}${rng.digits(7)}`,
      taxId: (rng) => `${rng.int(1995, 2024)}${rng.digits(5)}${letters(rng, 1)}`,
      given: ['Wei Ming', 'Hui Ling', 'Jun Jie', 'Mei Ling', 'Kai Wen', 'Siew Lan', 'Zhi Hao', 'Li Ting'],
      family: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Koh', 'Teo'],
      familyFirst: true,
    },
    22,
  ],
  [
    {
      country: 'TH',
      tld: 'co.th',
      brands: ['Siam', 'Chao Phraya', 'Lanna', 'Krung', 'Suvarna', 'Andaman', 'Isan', 'Mekong'],
      cities: ['Bangkok', 'Chiang Mai', 'Rayong'],
      name: (brand, line) => `${brand} ${line} Co., Ltd.`,
      phone: (rng) =>
        rng.chance(0.4) ? `+662${rng.digits(7)}` : `+66${rng.pick(['6', '8', '9'])}${rng.digits(8)}`,
      taxId: (rng) => `0105${rng.digits(9)}`,
      given: [
        'Somchai',
        'Suda',
        'Nattapong',
        'Kanya',
        'Wichai',
        'Pimchanok',
        'Anan',
        'Siriporn',
        'Thanakorn',
      ],
      family: ['Srisuk', 'Wongsakul', 'Chaiyaporn', 'Suwannarat', 'Boonmee', 'Thongdee', 'Rattanakul'],
      familyFirst: false,
    },
    14,
  ],
  [
    {
      country: 'MY',
      tld: 'com.my',
      brands: ['Borneo', 'Klang', 'Malacca', 'Penang', 'Perdana', 'Mutiara', 'Cahaya', 'Kinabalu'],
      cities: ['Kuala Lumpur', 'Penang', 'Johor'],
      name: (brand, line) => `${brand} ${line} Sdn. Bhd.`,
      phone: (rng) => `+601${rng.pick(['2', '3', '7', '9'])}${rng.digits(7)}`,
      taxId: (rng) => `${rng.int(2000, 2024)}01${rng.digits(6)}`,
      given: ['Ahmad', 'Nurul', 'Siti', 'Muhammad', 'Farah', 'Hafiz', 'Aisyah', 'Wei Jie', 'Mei Ying'],
      family: ['Abdullah', 'Ismail', 'Hassan', 'Rahman', 'Ibrahim', 'Tan', 'Lim', 'Wong'],
      familyFirst: false,
    },
    12,
  ],
  [
    {
      country: 'ID',
      tld: 'co.id',
      brands: ['Nusantara', 'Garuda', 'Java', 'Sumatra', 'Mandala', 'Bintang', 'Samudra', 'Merapi'],
      cities: ['Jakarta', 'Surabaya', 'Bandung'],
      name: (brand, line) => `PT ${brand} ${line} Indonesia`,
      phone: (rng) => `+628${rng.pick(['1', '2', '5', '7'])}${rng.digits(8)}`,
      taxId: (rng) => `0${rng.digits(15)}`,
      given: ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Andi', 'Putri', 'Hendra', 'Wahyu', 'Sri'],
      family: ['Santoso', 'Rahayu', 'Wijaya', 'Saputra', 'Kusuma', 'Hidayat', 'Setiawan', 'Pratama'],
      familyFirst: false,
    },
    12,
  ],
  [
    {
      country: 'IN',
      tld: 'co.in',
      brands: ['Deccan', 'Ganga', 'Shakti', 'Indus', 'Sahyadri', 'Kaveri', 'Vindhya', 'Coromandel'],
      cities: ['Mumbai', 'Bengaluru', 'Chennai', 'Pune'],
      name: (brand, line) => `${brand} ${line} Pvt. Ltd.`,
      phone: (rng) => `+91${rng.int(6, 9)}${rng.digits(9)}`,
      // GSTIN: state, PAN with C for a company, entity number, Z, check character.
      taxId: (rng) =>
        `${rng.pick(['27', '29', '07', '33', '24'])}${letters(rng, 3)}C${letters(rng, 1)}${rng.digits(4)}${letters(rng, 1)}1Z${rng.digits(1)}`,
      given: ['Rahul', 'Priya', 'Amit', 'Anjali', 'Vikram', 'Sunita', 'Arjun', 'Kavita', 'Rajesh', 'Neha'],
      family: ['Sharma', 'Nair', 'Patel', 'Iyer', 'Reddy', 'Gupta', 'Mehta', 'Rao', 'Menon'],
      familyFirst: false,
    },
    12,
  ],
  [
    {
      country: 'CN',
      tld: 'com.cn',
      brands: ['Huaxin', 'Zhongda', 'Tianrui', 'Hengtai', 'Jinhai', 'Xinyuan', 'Ruifeng', 'Haoyu'],
      cities: ['Shenzhen', 'Guangzhou', 'Kunming', 'Nanning', 'Xiamen', 'Hangzhou'],
      name: (brand, line) => `${brand} ${line} Co., Ltd.`,
      phone: (rng) => `+861${rng.int(3, 9)}${rng.digits(9)}`,
      // Unified social credit code: 91 (enterprise), six-digit area, organisation code.
      taxId: (rng) =>
        `91${rng.pick(['440300', '440100', '530100', '450100', '350200', '330100'])}${rng.digits(4)}${letters(rng, 6)}`,
      given: ['Wei', 'Fang', 'Lei', 'Jing', 'Min', 'Tao', 'Yan', 'Jun', 'Xiuying', 'Hao'],
      family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'],
      familyFirst: true,
    },
    12,
  ],
  [
    {
      country: 'AE',
      tld: 'ae',
      brands: ['Gulf', 'Emirates', 'Falcon', 'Oasis', 'Al Noor', 'Desert Rose', 'Crescent', 'Pearl'],
      cities: ['Dubai', 'Abu Dhabi', 'Sharjah'],
      name: (brand, line) => `${brand} ${line} LLC`,
      phone: (rng) => `+9715${rng.pick(['0', '2', '4', '5', '6', '8'])}${rng.digits(7)}`,
      taxId: (rng) => `100${rng.digits(12)}`,
      given: ['Ahmed', 'Fatima', 'Mohammed', 'Aisha', 'Omar', 'Mariam', 'Khalid', 'Noura', 'Rashid', 'Layla'],
      family: ['Al Mansouri', 'Al Hashimi', 'Al Nuaimi', 'Al Suwaidi', 'Al Marzouqi', 'Haddad', 'Nasser'],
      familyFirst: false,
    },
    10,
  ],
]);

// ---------------------------------------------------------------------------------------------------
// Text helpers

const capitalise = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);
const isVowel = (ch: string | undefined) => ch !== undefined && 'аеёиоуыэюяaeiou'.includes(ch.toLowerCase());

/** Joins two parts of a Russian trade name; two vowels meeting read badly, so they get a hyphen. */
function glue(head: string, tail: string): string {
  return isVowel(head.at(-1)) && isVowel(tail[0]) ? `${head}-${capitalise(tail)}` : head + tail;
}

/** Lowercase ASCII letters and digits only: the part of a name that survives into a mailbox. */
function asciiWord(s: string): string {
  // The name search's folding, so an address reads the way people spell the name in Latin.
  return normalizeForSearch(s).replace(/[^a-z0-9]/g, '');
}

/** Domain label from a trade name: words joined by hyphens, at most 40 characters. */
function domainLabel(s: string): string {
  const words = normalizeForSearch(s).split(' ').filter(Boolean);
  let label = '';
  for (const word of words) {
    const next = label ? `${label}-${word}` : word;
    if (next.length > 40) break;
    label = next;
  }
  return label || 'company';
}

/** The key two names collide on: script, case, punctuation and diacritics ignored. */
const nameKey = (name: string) => asciiWord(name);

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------
// Generation

type Kind = 'RU' | 'VN' | 'OTHER';

interface Draft {
  member: Omit<MemberCreate, 'verifiedRevenue' | 'declaredRevenue'>;
  currency: 'RUB' | 'VND' | 'USD';
  /** Pre-calibration revenue in US dollars; only the shape matters until the scale is applied. */
  rawUsd: number;
  revenue: 'verified' | 'verified+declared' | 'declared' | 'none';
  declaredFactor: number;
}

const kinds = new Weighted<Kind>([
  ['RU', 80],
  ['VN', 15],
  ['OTHER', 5],
]);

// Median revenue by origin before calibration; σ = 2 in log space gives the long tail of a real
// directory (most members are small, a few dozen carry half the total).
const medianUsd: Record<Kind, number> = { RU: 2_000_000, VN: 800_000, OTHER: 3_000_000 };
const LOG_SIGMA = 2;

const DAY_MS = 86_400_000;
const FIRST_JOIN_YEAR = 2008;
const LAST_JOIN_YEAR = 2026;

function joinYearWeight(kind: Kind, year: number): number {
  if (kind === 'VN') {
    // The Vietnam Year drive brought most Vietnamese members in recently.
    if (year >= 2025) return 12;
    if (year >= 2023) return 5;
    return year >= 2017 ? 1.5 : 0.4;
  }
  if (kind === 'OTHER') return year >= 2018 ? 4 : 1;
  if (year === FIRST_JOIN_YEAR) return 5;
  if (year >= 2024) return 7;
  if (year >= 2021) return 5;
  return year >= 2014 ? 4 : 3;
}

const engagementShapes: Record<Kind, Weighted<'both' | 'offers' | 'needs'>> = {
  RU: new Weighted([
    ['both', 50],
    ['offers', 32],
    ['needs', 18],
  ] as const),
  VN: new Weighted([
    ['both', 50],
    ['offers', 15],
    ['needs', 35],
  ] as const),
  OTHER: new Weighted([
    ['both', 50],
    ['offers', 25],
    ['needs', 25],
  ] as const),
};
const listLengths = new Weighted([
  [1, 45],
  [2, 35],
  [3, 20],
] as const);

interface Matchmaking {
  offers: OfferOrNeed[];
  needs: OfferOrNeed[];
  matchmakingVisible: boolean;
}

/**
 * What a member offers and seeks, and whether it lets others' matches show it. `rng` is a stream of
 * its own, so adding these left every other value a seed generates as it was. Offers follow the
 * member's sectors, needs its interests and where it looks for partners; a topic is never both.
 */
function matchmakingOf(
  rng: Rng,
  member: {
    kind: Kind;
    /** Size in standard deviations: bigger firms state more often what they want. */
    z: number;
    sectors: readonly Topic[];
    interests: readonly Topic[];
    targetMarkets: readonly string[];
  },
): Matchmaking {
  const { kind, z, sectors, interests, targetMarkets } = member;
  // About three in ten members never fill in what they offer or seek, and stay out of matches.
  const engaged = rng.chance((kind === 'VN' ? 0.72 : kind === 'OTHER' ? 0.62 : 0.68) + (z > 1 ? 0.08 : 0));
  if (!engaged) return { offers: [], needs: [], matchmakingVisible: false };
  const shape = engagementShapes[kind].pick(rng);
  const offerCount = shape === 'needs' ? 0 : listLengths.pick(rng);
  const needCount = shape === 'offers' ? 0 : listLengths.pick(rng);

  const add = (weights: Map<Topic, number>, topic: Topic, weight: number): void => {
    weights.set(topic, (weights.get(topic) ?? 0) + weight);
  };

  // Offers: the main sector's own trade first, then what goes with it and with the other sectors.
  const offerWeights = new Map<Topic, number>();
  for (const [i, sector] of sectors.entries()) {
    for (const [j, topic] of sectorOffers[sector].entries()) {
      add(offerWeights, topic, (j === 0 ? 12 : 3) / (i + 1));
    }
  }
  if (z > 1.5) add(offerWeights, 'investment', 1.5);
  for (const [topic, weight] of offerWeights) {
    const bias = offerBias[kind][topic] ?? 1;
    // What a member is interested in it is more likely to seek than to sell.
    offerWeights.set(topic, weight * bias * (interests.includes(topic) ? 0.3 : 1));
  }
  const offerTopics = offerCount > 0 ? new Weighted(offerWeights).pickDistinct(rng, offerCount) : [];

  // Needs: the member's interests, what its origin and sectors commonly seek, and its target markets.
  const needWeights = new Map<Topic, number>();
  for (const [i, topic] of interests.entries()) add(needWeights, topic, Math.max(4, 10 - 2 * i));
  for (const [topic, weight] of Object.entries(originNeeds[kind]) as [Topic, number][]) {
    add(needWeights, topic, weight);
  }
  for (const [i, sector] of sectors.entries()) {
    for (const topic of sectorNeeds[sector]) add(needWeights, topic, 4 / (i + 1));
  }
  if (targetMarkets.length > 0) add(needWeights, 'trade', 4);
  if (kind !== 'VN' && targetMarkets.includes('VN')) add(needWeights, 'industrial-parks', 3);
  for (const topic of offerTopics) needWeights.delete(topic);
  const needTopics = needCount > 0 ? new Weighted(needWeights).pickDistinct(rng, needCount) : [];

  const language: TextLanguage = kind === 'RU' ? 'ru' : kind === 'VN' ? 'vi' : 'en';
  const own = sectors[0] as Topic;
  const ownText = topicText[own];
  const separator = language === 'ru' ? ' ' : language === 'vi' ? '.' : ',';
  const fill = (template: string) =>
    template
      .replace('{market}', () => marketPhrase(language, targetMarkets))
      .replace('{n}', () => withThousands(rng.pick(capacities), separator));
  // Technology and training offered or sought for the member's own trade, in its words.
  const tiedToTrade = (topic: Topic) =>
    (topic === 'technology-transfer' || topic === 'workforce-training') &&
    topic !== own &&
    industrialSectors.has(own) &&
    rng.chance(0.6);

  const offerText = (topic: Topic): string => {
    const t = topicText[topic];
    if (tiedToTrade(topic)) {
      const training = topic === 'workforce-training';
      if (language === 'ru') {
        return training
          ? `Обучаем персонал партнёров в области «${ownText.ruLabel}», стажировки на наших объектах`
          : `Передаём технологии в области «${ownText.ruLabel}» и помогаем локализовать производство`;
      }
      if (language === 'vi') {
        return training
          ? `Đào tạo nhân lực ngành ${ownText.viLabel}`
          : `Chuyển giao công nghệ ${ownText.viLabel}`;
      }
      return training
        ? `Training for partner staff in ${ownText.enLabel}`
        : `Technology transfer and licensing in ${ownText.enLabel}`;
    }
    // Some members describe the offer the way they describe themselves.
    if (rng.chance(0.2)) {
      const does = language === 'ru' ? t.ruDoes : language === 'vi' ? t.viDoes : t.enDoes;
      return does.replace(/\.$/, '');
    }
    return fill(rng.pick(offerPhrases[topic][language]));
  };

  const needText = (topic: Topic): string => {
    const t = topicText[topic];
    if (tiedToTrade(topic)) {
      const training = topic === 'workforce-training';
      if (language === 'ru') {
        return training
          ? `Ищем программы подготовки кадров в области «${ownText.ruLabel}»`
          : `Ищем технологического партнёра в области «${ownText.ruLabel}»`;
      }
      if (language === 'vi') {
        return training
          ? `Cần đào tạo nhân lực ngành ${ownText.viLabel}`
          : `Cần đối tác chuyển giao công nghệ ${ownText.viLabel}`;
      }
      return training ? `Staff training in ${ownText.enLabel}` : `A technology partner in ${ownText.enLabel}`;
    }
    if (rng.chance(0.2)) {
      if (language === 'ru') return fill(`Ищем партнёров {market} по направлению «${t.ruLabel}»`);
      if (language === 'vi') return `Tìm đối tác Nga về ${t.viLabel}`;
      return fill(`Partners in ${t.enLabel} {market}`);
    }
    return fill(rng.pick(needPhrases[topic][language]));
  };

  const offers = offerTopics.map((topic) => ({ topic, text: offerText(topic) }));
  const needs = needTopics.map((topic) => ({ topic, text: needText(topic) }));
  // A member that says what it offers and seeks mostly wants to be found; fewer of the others do.
  const matchmakingVisible = rng.chance(offers.length > 0 && needs.length > 0 ? 0.72 : 0.58);
  return { offers, needs, matchmakingVisible };
}

export function generateDemoMembers(options: DemoMemberOptions): MemberCreate[] {
  const { seed, count, now } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const nowMs = now.getTime();
  const firstJoinMs = Date.UTC(FIRST_JOIN_YEAR, 0, 1);
  if (!Number.isFinite(nowMs) || nowMs < firstJoinMs) {
    throw new RangeError(`now must be a date on or after ${FIRST_JOIN_YEAR}-01-01`);
  }
  const lastJoinMs = Math.min(nowMs, Date.UTC(LAST_JOIN_YEAR, 11, 31));
  const lastJoinYear = new Date(lastJoinMs).getUTCFullYear();

  // One faker per language so names come from the right locale; each has its own seeded stream, so
  // adding a call for one language never shifts the others.
  const seeded = (faker: Faker, stream: number) => {
    faker.seed([seed, stream]);
    return faker;
  };
  const rng = new Rng(seeded(new Faker({ locale: [en, base] }), 0));
  const ruFaker = seeded(new Faker({ locale: [ru, en, base] }), 1);
  const viFaker = seeded(new Faker({ locale: [vi, en, base] }), 2);
  const enFaker = seeded(new Faker({ locale: [en, base] }), 3);
  // Offers, needs and matchmaking visibility came later, on their own stream (the partners use 10).
  const matchRng = new Rng(seeded(new Faker({ locale: [en, base] }), 11));

  const ruRegions = new Weighted(
    regionsOf('RU').map((r) => [r.code, ruRegionWeights[r.code] ?? ruRegionDefaultWeight] as const),
  );
  const vnRegions = new Weighted(
    regionsOf('VN').map((r) => [r.code, vnRegionWeights[r.code] ?? vnRegionDefaultWeight] as const),
  );
  const sectorTables = {
    RU: new Weighted(topics.map((t) => [t, sectorWeights.RU[t]] as const)),
    VN: new Weighted(topics.map((t) => [t, sectorWeights.VN[t]] as const)),
    OTHER: new Weighted(topics.map((t) => [t, sectorWeights.OTHER[t]] as const)),
  };
  const interestTable = new Weighted(topics.map((t) => [t, interestWeights[t]] as const));
  const interestCounts = new Weighted(
    [0, 1, 2, 3, 4, 5, 6].map((n, i) => [n, [10, 15, 22, 22, 15, 10, 6][i] ?? 0]),
  );

  const usedNames = new Set<string>();
  const usedTaxIds = new Set<string>();
  const usedDomains = new Set<string>();
  const usedEmails = new Set<string>();

  function uniqueName(build: (variant: number) => string): string {
    for (let variant = 0; ; variant++) {
      const name = build(variant);
      const key = nameKey(name);
      if (!usedNames.has(key)) {
        usedNames.add(key);
        return name;
      }
    }
  }

  function uniqueTaxId(build: () => string): string {
    for (;;) {
      const id = build();
      if (!usedTaxIds.has(id)) {
        usedTaxIds.add(id);
        return id;
      }
    }
  }

  function uniqueDomain(label: string, tld: string, regionTag: string): string {
    const candidates = [label, `${label}-${regionTag}`];
    for (let n = 2; ; n++) {
      const candidate = candidates.shift() ?? `${label}${n}`;
      const domain = `${candidate}.${tld}`;
      if (!usedDomains.has(domain)) {
        usedDomains.add(domain);
        return domain;
      }
    }
  }

  function uniqueEmail(locals: readonly string[], domain: string): string {
    for (const local of locals) {
      const email = `${local}@${domain}`;
      if (local && !usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
    const stem = locals[0] || 'contact';
    for (let n = 2; ; n++) {
      const email = `${stem}${n}@${domain}`;
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
  }

  const joinYears = new Map<Kind, Weighted<number>>();
  function joinedOn(kind: Kind): { day: string; year: number } {
    let table = joinYears.get(kind);
    if (!table) {
      const years: (readonly [number, number])[] = [];
      for (let year = FIRST_JOIN_YEAR; year <= lastJoinYear; year++) {
        // A year that `now` cuts short gets only its share of the year's joiners.
        const open =
          (Math.min(Date.UTC(year + 1, 0, 1), lastJoinMs + DAY_MS) - Date.UTC(year, 0, 1)) / (365 * DAY_MS);
        years.push([year, joinYearWeight(kind, year) * Math.min(1, open)]);
      }
      table = new Weighted(years);
      joinYears.set(kind, table);
    }
    const year = table.pick(rng);
    const start = Date.UTC(year, 0, 1);
    const end = Math.min(Date.UTC(year, 11, 31), lastJoinMs);
    const days = Math.floor((end - start) / DAY_MS);
    return { day: isoDay(start + rng.int(0, days) * DAY_MS), year };
  }

  // --- Russian members -----------------------------------------------------------------------------

  function ruName(z: number, sector: Topic, region: string): { name: string; domain: string } {
    const text = topicText[sector];
    const regional = ruRegionalRoots[region];
    const root = regional && rng.chance(0.5) ? rng.pick(regional) : rng.pick(ruRoots);
    const stem = rng.pick(text.ruStems);
    const ending = rng.pick(ruEndings);
    const style = rng.int(1, 100);
    let brand: string;
    let domain: string | undefined;
    let spaced = false;
    if (style <= 22) brand = glue(root, ending);
    else if (style <= 44) brand = glue(capitalise(stem), ending);
    else if (style <= 62) {
      const joined = glue(root, stem);
      brand = rng.chance(0.5) ? glue(joined, ending) : joined;
    } else if (style <= 76) {
      brand = `${rng.pick(ruAdjectives)} ${rng.pick(text.ruPlural)}`;
      // Long descriptive names go online under their initials: «Уральские водные технологии», uvt-aqua.ru.
      const initials = brand
        .split(' ')
        .map((word) => asciiWord(word).charAt(0))
        .join('');
      domain = `${initials}-${text.enStem.toLowerCase()}`;
      spaced = true;
    } else if (style <= 84) {
      const surname = ruFaker.person.lastName('male');
      const partners = rng.chance(0.5);
      brand = partners ? `${surname} и партнёры` : `Торговый дом „${surname}“`;
      domain = partners ? `${domainLabel(surname)}-partners` : `td${asciiWord(surname)}`;
      spaced = true;
    } else {
      const latinRoot = rng.pick(latinRoots);
      brand =
        `${latinRoot}${rng.chance(0.5) ? text.enStem : ` ${text.enName}`}${rng.pick(latinEndings)}`.trim();
      spaced = true;
    }
    // Public companies are the largest members; most firms of any size are limited companies.
    const form =
      z > 2.2 && rng.chance(0.6) ? 'ПАО' : (z > 0.8 && rng.chance(0.4)) || rng.chance(0.08) ? 'АО' : 'ООО';
    const name = uniqueName((variant) => {
      if (variant === 0) return `${form} «${brand}»`;
      const word = ruVariantWords[(variant - 1) % ruVariantWords.length] as string;
      const round = Math.floor((variant - 1) / ruVariantWords.length);
      const tail = round === 0 ? word : `${word} ${round + 1}`;
      return spaced ? `${form} «${brand} ${tail}»` : `${form} «${brand}-${tail}»`;
    });
    return { name, domain: domain ?? domainLabel(brand) };
  }

  function ruPerson(): { name: string; given: string; family: string } {
    const female = rng.chance(0.42);
    const given = rng.pick(female ? ruFemaleNames : ruMaleNames);
    const family = ruFaker.person.lastName(female ? 'female' : 'male');
    if (rng.chance(0.35)) {
      const patronymic = rng.pick(ruPatronymicStems) + (female ? 'на' : 'ич');
      return { name: `${family} ${given} ${patronymic}`, given, family };
    }
    return { name: `${given} ${family}`, given, family };
  }

  function ruPhone(region: string): string {
    const areas = ruAreaCodes[region];
    if (areas && rng.chance(0.5)) {
      const area = rng.pick(areas);
      return `+7${area}${rng.digits(10 - area.length)}`;
    }
    return `+79${rng.digits(9)}`;
  }

  // --- Vietnamese members --------------------------------------------------------------------------

  function vnBrand(): string {
    const first = rng.pick(viBrandFirst);
    let second = rng.pick(viBrandSecond);
    while (second === first) second = rng.pick(viBrandSecond);
    return `${first} ${second}`;
  }

  function vnName(z: number, sector: Topic, region: string): { name: string; brand: string } {
    const text = topicText[sector];
    const brand = vnBrand();
    const line = rng.chance(0.2) ? rng.pick(viGenericLines) : rng.pick(text.viName);
    const place = vnPlaceInName[region] ?? findRegion(region)?.localName ?? 'Việt Nam';
    const style = rng.int(1, 100);
    const tails = [place, ...viVariantWords];
    const build = (variant: number): string => {
      const round = Math.ceil(variant / tails.length);
      const word = tails[(variant - 1) % tails.length];
      const tail = variant === 0 ? '' : ` ${word}${round > 1 ? ` ${round}` : ''}`;
      if (z > 2.6 && style <= 50) return `Tập đoàn ${brand}${tail}`;
      if (z > 2.0 && style <= 40) return `Tổng Công ty ${line} ${brand}${tail}`;
      // Many Vietnamese firms trade internationally under an English name without diacritics.
      if (style > 88) return `${transliterate(brand + tail)} ${text.enName} JSC`;
      const form =
        z > 0.5 || style <= 35 ? 'Công ty Cổ phần' : style <= 45 ? 'Công ty TNHH MTV' : 'Công ty TNHH';
      return `${form} ${line} ${brand}${tail}`;
    };
    return { name: uniqueName(build), brand };
  }

  function vnPerson(): { name: string; given: string; family: string; middle: string } {
    const female = rng.chance(0.45);
    const family = viFamilies.pick(rng);
    // faker's Vietnamese first names are "middle + given" pairs, e.g. "Bích Ngọc".
    const [middle = '', given = ''] = viFaker.person.firstName(female ? 'female' : 'male').split(' ');
    const name = given ? `${family} ${middle} ${given}` : `${family} ${middle}`;
    return { name, given: given || middle, family, middle: given ? middle : '' };
  }

  function vnPhone(region: string): string {
    const area = vnAreaCodes[region];
    if (area && rng.chance(0.4)) return `+84${area}${rng.digits(10 - area.length)}`;
    return `+84${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(8)}`;
  }

  function vnTaxId(region: string): string {
    return uniqueTaxId(() => {
      for (;;) {
        const body = (vnTaxPrefix[region] ?? String(rng.int(5, 99)).padStart(2, '0')) + rng.digits(7);
        const check = mstCheckDigit(body);
        if (body.slice(2) !== '0000000' && check !== undefined) return body + check;
      }
    });
  }

  function memberLanguages(kind: Kind): Language[] {
    const maybe = (language: Language, probability: number): Language[] =>
      rng.chance(probability) ? [language] : [];
    if (kind === 'RU') return ['ru', ...maybe('en', 0.6), ...maybe('vi', 0.04)];
    if (kind === 'VN') return ['vi', ...maybe('en', 0.75), ...maybe('ru', 0.12)];
    return ['en', ...maybe('ru', 0.15)];
  }

  function phoneFor(kind: Kind, region: string | undefined, foreign: ForeignCountry | undefined): string {
    if (kind === 'RU') return ruPhone(region as string);
    if (kind === 'VN') return vnPhone(region as string);
    return (foreign as ForeignCountry).phone(rng);
  }

  // --- Assembly ------------------------------------------------------------------------------------

  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds.pick(rng);
    const foreign = kind === 'OTHER' ? foreignCountries.pick(rng) : undefined;
    const country = kind === 'OTHER' ? (foreign as ForeignCountry).country : kind;
    const region = kind === 'RU' ? ruRegions.pick(rng) : kind === 'VN' ? vnRegions.pick(rng) : undefined;

    const z = Math.max(-3.5, Math.min(3.8, rng.normal()));
    const rawUsd = medianUsd[kind] * Math.exp(LOG_SIGMA * z);

    const sectorCount = rng.chance(0.55) ? 1 : rng.chance(0.73) ? 2 : 3;
    const sectors = sectorTables[kind].pickDistinct(rng, sectorCount);
    const interests = interestTable.pickDistinct(rng, interestCounts.pick(rng), sectors);
    const mainSector = sectors[0] as Topic;

    let name: string;
    let domainBase: string;
    let taxId: string;
    let tld: string;
    if (kind === 'RU') {
      const n = ruName(z, mainSector, region as string);
      name = n.name;
      domainBase = n.domain;
      const prefix = ruTaxRegionCode[region as string] ?? '77';
      taxId = uniqueTaxId(() =>
        withInnCheckDigits(`${prefix}${String(rng.int(1, 51)).padStart(2, '0')}${rng.digits(5)}`),
      );
      tld = rng.chance(0.88) ? 'ru' : 'com';
    } else if (kind === 'VN') {
      const n = vnName(z, mainSector, region as string);
      name = n.name;
      domainBase = domainLabel(rng.chance(0.3) ? `${n.brand} ${topicText[mainSector].enStem}` : n.brand);
      taxId = vnTaxId(region as string);
      tld = rng.pick(['com.vn', 'com.vn', 'vn', 'vn', 'com']);
    } else {
      const f = foreign as ForeignCountry;
      const brandWord = rng.chance(0.3) ? enFaker.person.lastName() : rng.pick(f.brands);
      const line = topicText[mainSector].enName;
      const city = rng.pick(f.cities);
      name = uniqueName((variant) =>
        f.name(variant === 0 ? brandWord : `${brandWord} ${city}${variant > 1 ? ` ${variant}` : ''}`, line),
      );
      domainBase = domainLabel(`${brandWord} ${line}`);
      taxId = uniqueTaxId(() => f.taxId(rng));
      tld = f.tld;
    }
    const regionTag = region ? region.slice(3).toLowerCase() : country.toLowerCase();
    const domain = uniqueDomain(domainBase, tld, regionTag);

    const languages = memberLanguages(kind);
    const primary = languages[0] as Language;

    // Bigger companies list more people: the head, foreign trade, sales, finance.
    const contactCount = Math.max(1, Math.min(4, rng.int(1, 2) + (z > 0.5 ? 1 : 0) + (z > 1.8 ? 1 : 0)));
    const contacts: ContactInput[] = [];
    const positionsLeft = [
      ...(primary === 'ru' ? ruPositions : primary === 'vi' ? viPositions : enPositions),
    ];
    for (let c = 0; c < contactCount; c++) {
      let personName: string;
      let locals: string[];
      if (kind === 'RU') {
        const p = ruPerson();
        const g = asciiWord(p.given);
        const f = asciiWord(p.family);
        locals = rng.chance(0.6)
          ? [`${g.charAt(0)}.${f}`, `${g}.${f}`, f]
          : [`${g}.${f}`, `${g.charAt(0)}${f}`, f];
        personName = p.name;
      } else if (kind === 'VN') {
        const p = vnPerson();
        const g = asciiWord(p.given);
        const initials = asciiWord(p.family).charAt(0) + asciiWord(p.middle).charAt(0);
        // The Vietnamese office habit: given name plus initials of family and middle name.
        locals = rng.chance(0.6)
          ? [`${g}${initials}`, `${g}.${asciiWord(p.family)}`]
          : [`${g}.${asciiWord(p.family)}`, `${g}${initials}`];
        personName = p.name;
      } else {
        const f = foreign as ForeignCountry;
        const given = rng.pick(f.given);
        const family = rng.pick(f.family);
        personName = f.familyFirst ? `${family} ${given}` : `${given} ${family}`;
        const g = asciiWord(given);
        const fam = asciiWord(family);
        locals = [`${g}.${fam}`, `${g.charAt(0)}${fam}`, `${fam}.${g}`];
      }
      const position =
        c === 0
          ? rng.pick(
              primary === 'ru' ? ruHeadPositions : primary === 'vi' ? viHeadPositions : enHeadPositions,
            )
          : (positionsLeft.splice(rng.int(0, positionsLeft.length - 1), 1)[0] as string);
      // Russian firms have English-speaking export staff, Vietnamese ones Russian-educated engineers.
      const language: Language =
        kind !== 'OTHER' && languages.length > 1 && rng.chance(0.12) ? rng.pick(languages.slice(1)) : primary;
      const phone = rng.chance(0.85) ? phoneFor(kind, region, foreign) : undefined;
      contacts.push({
        name: personName,
        email: uniqueEmail(locals, domain),
        ...(phone ? { phone } : {}),
        position,
        language,
        consent: { outreach: rng.chance(0.85), news: rng.chance(0.9) },
      });
    }

    const joined = joinedOn(kind);
    const foundedFrom = kind === 'RU' ? 1992 : kind === 'VN' ? 1990 : 1975;
    const founded = rng.int(Math.min(foundedFrom, joined.year), joined.year);
    const description = rng.chance(kind === 'OTHER' ? 0.6 : 0.72)
      ? describe(primary, sectors, interests, founded, region)
      : undefined;

    const targetMarkets = targetMarketsOf(kind, taxId);
    const matchmaking = matchmakingOf(matchRng, { kind, z, sectors, interests, targetMarkets });

    const member: Draft['member'] = {
      name,
      country,
      ...(region ? { region } : {}),
      taxId,
      sectors,
      interests,
      targetMarkets,
      languages,
      ...(description ? { description } : {}),
      ...(rng.chance(0.85) ? { website: `https://${domain}` } : {}),
      status: rng.chance(0.95) ? 'active' : 'suspended',
      joinedOn: joined.day,
      ...matchmaking,
      contacts,
    };
    const verified = rng.chance(0.9);
    drafts.push({
      member,
      currency: kind === 'RU' ? 'RUB' : kind === 'VN' ? 'VND' : 'USD',
      rawUsd,
      revenue: verified
        ? rng.chance(0.25)
          ? 'verified+declared'
          : 'verified'
        : rng.chance(0.75)
          ? 'declared'
          : 'none',
      declaredFactor: 0.85 + 0.3 * rng.unit(),
    });
  }

  // Calibrate: scale the sampled shape so the quoted revenue adds up to the association's figure.
  const counted = drafts.filter((d) => d.revenue !== 'none').reduce((sum, d) => sum + d.rawUsd, 0);
  const scale = counted > 0 ? demoRevenueTargetUsd(count) / counted : 0;

  return drafts.map((d): MemberCreate => {
    const { contacts, ...profile } = d.member;
    const usd = d.rawUsd * scale;
    const verifiedRevenue = d.revenue.startsWith('verified') ? toMoney(usd, d.currency) : undefined;
    const declaredRevenue =
      d.revenue === 'declared'
        ? toMoney(usd, d.currency)
        : d.revenue === 'verified+declared'
          ? toMoney(usd * d.declaredFactor, d.currency)
          : undefined;
    return {
      ...profile,
      ...(declaredRevenue ? { declaredRevenue } : {}),
      ...(verifiedRevenue ? { verifiedRevenue } : {}),
      contacts,
    };
  });
}

/**
 * Integer minor units, rounded the way accounts are reported: RUB to whole thousands of roubles,
 * VND to whole millions of dong, USD to whole dollars. Never below one such unit.
 */
function toMoney(usd: number, currency: 'RUB' | 'VND' | 'USD'): Money {
  switch (currency) {
    case 'RUB':
      return { amount: Math.max(1, Math.round((usd * RUB_PER_USD_FLOAT) / 1000)) * 1000 * 100, currency };
    case 'VND':
      return {
        amount: Math.max(1, Math.round((usd * VND_PER_USD_FLOAT) / 1_000_000)) * 1_000_000,
        currency,
      };
    case 'USD':
      return { amount: Math.max(1, Math.round(usd)) * 100, currency };
  }
}

function joinLabels(labels: string[], and: string): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} ${and} ${labels.at(-1)}`;
}

function describe(
  language: Language,
  sectors: readonly Topic[],
  interests: readonly Topic[],
  founded: number,
  region: string | undefined,
): string {
  const does = sectors.slice(0, 2).map((t) => topicText[t]);
  const wants = interests.slice(0, 3).map((t) => topicText[t]);
  const place = region ? findRegion(region) : undefined;
  const wanted = (label: (t: TopicText) => string, and: string) => joinLabels(wants.map(label), and);
  const parts: string[] = [];
  if (language === 'ru') {
    parts.push(...does.map((t) => t.ruDoes), `На рынке с ${founded} года.`);
    if (place) parts.push(`Регион: ${place.localName}.`);
    if (wants.length > 0) {
      parts.push(
        `Ищем партнёров во Вьетнаме и странах ЮВА по направлениям: ${wanted((t) => t.ruLabel, 'и')}.`,
      );
    }
  } else if (language === 'vi') {
    parts.push(...does.map((t) => t.viDoes), `Thành lập năm ${founded}.`);
    if (wants.length > 0)
      parts.push(`Quan tâm hợp tác với doanh nghiệp Nga về ${wanted((t) => t.viLabel, 'và')}.`);
  } else {
    parts.push(...does.map((t) => t.enDoes), `Founded in ${founded}.`);
    if (wants.length > 0) parts.push(`Looking for partners in ${wanted((t) => t.enLabel, 'and')}.`);
  }
  return parts.join(' ');
}

/**
 * Markets a demo member wants to reach, from its tax id's last digits rather than the random stream,
 * so adding them left every other generated value as it was: many Russian firms look to Vietnam in
 * its Vietnam Year, some further into Southeast Asia; many Vietnamese firms look to Russia.
 */
function targetMarketsOf(kind: Kind, taxId: string): string[] {
  const pick = Number(taxId.replace(/\D/g, '').slice(-2)) || 0;
  if (kind === 'RU') {
    if (pick < 35) return ['VN'];
    if (pick < 45) return ['VN', 'TH'];
    if (pick < 50) return ['ID', 'MY', 'SG'];
    return [];
  }
  if (kind === 'VN') return pick < 50 ? ['RU'] : [];
  return pick < 20 ? ['VN'] : [];
}
