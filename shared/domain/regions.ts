import { mergedInto2025, type RegionCode, ruRegionCodes, vnRegionCodes } from './region-codes.ts';

/**
 * Names and kinds of the subdivisions listed in ./region-codes.ts, for people (the demo seed, and
 * later the console). Kept apart from the codes so that what validates a member, which every API
 * function bundles, does not carry ~15 KB of names none of them returns.
 */
export type RegionCategory =
  | 'federal-city'
  | 'republic'
  | 'krai'
  | 'oblast'
  | 'autonomous-oblast'
  | 'autonomous-okrug'
  | 'municipality'
  | 'province';

export interface Region {
  /** ISO 3166-2 code, e.g. RU-VLA. */
  readonly code: string;
  /** ISO 3166-1 alpha-2 code of the country, the part of `code` before the dash. */
  readonly country: string;
  /** Common English name. */
  readonly name: string;
  /** Name in the country's own language and script. */
  readonly localName: string;
  /**
   * Name in the other country's language, as its readers write it: a Russian region's in Vietnamese
   * (Tỉnh Vladimir, Vùng Primorsky), a Vietnamese province's in Russian (Ханой, Куангнинь).
   */
  readonly partnerName: string;
  readonly category: RegionCategory;
  /**
   * The province or city this one has been part of since 1 July 2025, when Vietnam merged its 63
   * into 34 (National Assembly resolution 202/2025/QH15): each merged unit took the name, and here
   * the ISO code, of one of its parts. ISO 3166-2 still lists the 63, so every code stays valid.
   */
  readonly mergedInto?: RegionCode;
}

type Details = readonly [name: string, localName: string, category: RegionCategory, partnerName: string];

/** Every listed code's details: the type makes a code without them, or details without a code, an error. */
const details: { readonly [code in RegionCode]: Details } = {
  'RU-MOW': ['Moscow', 'Москва', 'federal-city', 'Mát-xcơ-va'],
  'RU-SPE': ['Saint Petersburg', 'Санкт-Петербург', 'federal-city', 'Xanh Pê-téc-bua'],
  'RU-AD': ['Republic of Adygea', 'Республика Адыгея', 'republic', 'Cộng hòa Adygea'],
  'RU-AL': ['Altai Republic', 'Республика Алтай', 'republic', 'Cộng hòa Altai'],
  'RU-BA': ['Republic of Bashkortostan', 'Республика Башкортостан', 'republic', 'Cộng hòa Bashkortostan'],
  'RU-BU': ['Republic of Buryatia', 'Республика Бурятия', 'republic', 'Cộng hòa Buryatia'],
  'RU-CE': ['Chechen Republic', 'Чеченская Республика', 'republic', 'Cộng hòa Chechnya'],
  'RU-CU': ['Chuvash Republic', 'Чувашская Республика', 'republic', 'Cộng hòa Chuvashia'],
  'RU-DA': ['Republic of Dagestan', 'Республика Дагестан', 'republic', 'Cộng hòa Dagestan'],
  'RU-IN': ['Republic of Ingushetia', 'Республика Ингушетия', 'republic', 'Cộng hòa Ingushetia'],
  'RU-KB': [
    'Kabardino-Balkar Republic',
    'Кабардино-Балкарская Республика',
    'republic',
    'Cộng hòa Kabardino-Balkaria',
  ],
  'RU-KL': ['Republic of Kalmykia', 'Республика Калмыкия', 'republic', 'Cộng hòa Kalmykia'],
  'RU-KC': [
    'Karachay-Cherkess Republic',
    'Карачаево-Черкесская Республика',
    'republic',
    'Cộng hòa Karachay-Cherkessia',
  ],
  'RU-KR': ['Republic of Karelia', 'Республика Карелия', 'republic', 'Cộng hòa Karelia'],
  'RU-KK': ['Republic of Khakassia', 'Республика Хакасия', 'republic', 'Cộng hòa Khakassia'],
  'RU-KO': ['Komi Republic', 'Республика Коми', 'republic', 'Cộng hòa Komi'],
  'RU-ME': ['Mari El Republic', 'Республика Марий Эл', 'republic', 'Cộng hòa Mari El'],
  'RU-MO': ['Republic of Mordovia', 'Республика Мордовия', 'republic', 'Cộng hòa Mordovia'],
  'RU-SA': ['Sakha (Yakutia) Republic', 'Республика Саха (Якутия)', 'republic', 'Cộng hòa Sakha (Yakutia)'],
  'RU-SE': [
    'Republic of North Ossetia–Alania',
    'Республика Северная Осетия — Алания',
    'republic',
    'Cộng hòa Bắc Ossetia – Alania',
  ],
  'RU-TA': ['Republic of Tatarstan', 'Республика Татарстан', 'republic', 'Cộng hòa Tatarstan'],
  'RU-TY': ['Tuva Republic', 'Республика Тыва', 'republic', 'Cộng hòa Tuva'],
  'RU-UD': ['Udmurt Republic', 'Удмуртская Республика', 'republic', 'Cộng hòa Udmurtia'],
  'RU-ALT': ['Altai Krai', 'Алтайский край', 'krai', 'Vùng Altai'],
  'RU-KAM': ['Kamchatka Krai', 'Камчатский край', 'krai', 'Vùng Kamchatka'],
  'RU-KHA': ['Khabarovsk Krai', 'Хабаровский край', 'krai', 'Vùng Khabarovsk'],
  'RU-KDA': ['Krasnodar Krai', 'Краснодарский край', 'krai', 'Vùng Krasnodar'],
  'RU-KYA': ['Krasnoyarsk Krai', 'Красноярский край', 'krai', 'Vùng Krasnoyarsk'],
  'RU-PER': ['Perm Krai', 'Пермский край', 'krai', 'Vùng Perm'],
  'RU-PRI': ['Primorsky Krai', 'Приморский край', 'krai', 'Vùng Primorsky'],
  'RU-STA': ['Stavropol Krai', 'Ставропольский край', 'krai', 'Vùng Stavropol'],
  'RU-ZAB': ['Zabaykalsky Krai', 'Забайкальский край', 'krai', 'Vùng Zabaykalsky'],
  'RU-AMU': ['Amur Oblast', 'Амурская область', 'oblast', 'Tỉnh Amur'],
  'RU-ARK': ['Arkhangelsk Oblast', 'Архангельская область', 'oblast', 'Tỉnh Arkhangelsk'],
  'RU-AST': ['Astrakhan Oblast', 'Астраханская область', 'oblast', 'Tỉnh Astrakhan'],
  'RU-BEL': ['Belgorod Oblast', 'Белгородская область', 'oblast', 'Tỉnh Belgorod'],
  'RU-BRY': ['Bryansk Oblast', 'Брянская область', 'oblast', 'Tỉnh Bryansk'],
  'RU-CHE': ['Chelyabinsk Oblast', 'Челябинская область', 'oblast', 'Tỉnh Chelyabinsk'],
  'RU-IRK': ['Irkutsk Oblast', 'Иркутская область', 'oblast', 'Tỉnh Irkutsk'],
  'RU-IVA': ['Ivanovo Oblast', 'Ивановская область', 'oblast', 'Tỉnh Ivanovo'],
  'RU-KGD': ['Kaliningrad Oblast', 'Калининградская область', 'oblast', 'Tỉnh Kaliningrad'],
  'RU-KLU': ['Kaluga Oblast', 'Калужская область', 'oblast', 'Tỉnh Kaluga'],
  'RU-KEM': ['Kemerovo Oblast', 'Кемеровская область', 'oblast', 'Tỉnh Kemerovo'],
  'RU-KIR': ['Kirov Oblast', 'Кировская область', 'oblast', 'Tỉnh Kirov'],
  'RU-KOS': ['Kostroma Oblast', 'Костромская область', 'oblast', 'Tỉnh Kostroma'],
  'RU-KGN': ['Kurgan Oblast', 'Курганская область', 'oblast', 'Tỉnh Kurgan'],
  'RU-KRS': ['Kursk Oblast', 'Курская область', 'oblast', 'Tỉnh Kursk'],
  'RU-LEN': ['Leningrad Oblast', 'Ленинградская область', 'oblast', 'Tỉnh Leningrad'],
  'RU-LIP': ['Lipetsk Oblast', 'Липецкая область', 'oblast', 'Tỉnh Lipetsk'],
  'RU-MAG': ['Magadan Oblast', 'Магаданская область', 'oblast', 'Tỉnh Magadan'],
  'RU-MOS': ['Moscow Oblast', 'Московская область', 'oblast', 'Tỉnh Moscow'],
  'RU-MUR': ['Murmansk Oblast', 'Мурманская область', 'oblast', 'Tỉnh Murmansk'],
  'RU-NIZ': ['Nizhny Novgorod Oblast', 'Нижегородская область', 'oblast', 'Tỉnh Nizhny Novgorod'],
  'RU-NGR': ['Novgorod Oblast', 'Новгородская область', 'oblast', 'Tỉnh Novgorod'],
  'RU-NVS': ['Novosibirsk Oblast', 'Новосибирская область', 'oblast', 'Tỉnh Novosibirsk'],
  'RU-OMS': ['Omsk Oblast', 'Омская область', 'oblast', 'Tỉnh Omsk'],
  'RU-ORE': ['Orenburg Oblast', 'Оренбургская область', 'oblast', 'Tỉnh Orenburg'],
  'RU-ORL': ['Oryol Oblast', 'Орловская область', 'oblast', 'Tỉnh Oryol'],
  'RU-PNZ': ['Penza Oblast', 'Пензенская область', 'oblast', 'Tỉnh Penza'],
  'RU-PSK': ['Pskov Oblast', 'Псковская область', 'oblast', 'Tỉnh Pskov'],
  'RU-ROS': ['Rostov Oblast', 'Ростовская область', 'oblast', 'Tỉnh Rostov'],
  'RU-RYA': ['Ryazan Oblast', 'Рязанская область', 'oblast', 'Tỉnh Ryazan'],
  'RU-SAK': ['Sakhalin Oblast', 'Сахалинская область', 'oblast', 'Tỉnh Sakhalin'],
  'RU-SAM': ['Samara Oblast', 'Самарская область', 'oblast', 'Tỉnh Samara'],
  'RU-SAR': ['Saratov Oblast', 'Саратовская область', 'oblast', 'Tỉnh Saratov'],
  'RU-SMO': ['Smolensk Oblast', 'Смоленская область', 'oblast', 'Tỉnh Smolensk'],
  'RU-SVE': ['Sverdlovsk Oblast', 'Свердловская область', 'oblast', 'Tỉnh Sverdlovsk'],
  'RU-TAM': ['Tambov Oblast', 'Тамбовская область', 'oblast', 'Tỉnh Tambov'],
  'RU-TOM': ['Tomsk Oblast', 'Томская область', 'oblast', 'Tỉnh Tomsk'],
  'RU-TUL': ['Tula Oblast', 'Тульская область', 'oblast', 'Tỉnh Tula'],
  'RU-TVE': ['Tver Oblast', 'Тверская область', 'oblast', 'Tỉnh Tver'],
  'RU-TYU': ['Tyumen Oblast', 'Тюменская область', 'oblast', 'Tỉnh Tyumen'],
  'RU-ULY': ['Ulyanovsk Oblast', 'Ульяновская область', 'oblast', 'Tỉnh Ulyanovsk'],
  'RU-VLA': ['Vladimir Oblast', 'Владимирская область', 'oblast', 'Tỉnh Vladimir'],
  'RU-VGG': ['Volgograd Oblast', 'Волгоградская область', 'oblast', 'Tỉnh Volgograd'],
  'RU-VLG': ['Vologda Oblast', 'Вологодская область', 'oblast', 'Tỉnh Vologda'],
  'RU-VOR': ['Voronezh Oblast', 'Воронежская область', 'oblast', 'Tỉnh Voronezh'],
  'RU-YAR': ['Yaroslavl Oblast', 'Ярославская область', 'oblast', 'Tỉnh Yaroslavl'],
  'RU-YEV': [
    'Jewish Autonomous Oblast',
    'Еврейская автономная область',
    'autonomous-oblast',
    'Tỉnh tự trị Do Thái',
  ],
  'RU-CHU': [
    'Chukotka Autonomous Okrug',
    'Чукотский автономный округ',
    'autonomous-okrug',
    'Khu tự trị Chukotka',
  ],
  'RU-KHM': [
    'Khanty-Mansi Autonomous Okrug – Yugra',
    'Ханты-Мансийский автономный округ — Югра',
    'autonomous-okrug',
    'Khu tự trị Khanty-Mansi – Yugra',
  ],
  'RU-NEN': ['Nenets Autonomous Okrug', 'Ненецкий автономный округ', 'autonomous-okrug', 'Khu tự trị Nenets'],
  'RU-YAN': [
    'Yamalo-Nenets Autonomous Okrug',
    'Ямало-Ненецкий автономный округ',
    'autonomous-okrug',
    'Khu tự trị Yamalo-Nenets',
  ],
  'VN-HN': ['Hanoi', 'Hà Nội', 'municipality', 'Ханой'],
  'VN-SG': ['Ho Chi Minh City', 'Thành phố Hồ Chí Minh', 'municipality', 'Хошимин'],
  'VN-DN': ['Da Nang', 'Đà Nẵng', 'municipality', 'Дананг'],
  'VN-HP': ['Hai Phong', 'Hải Phòng', 'municipality', 'Хайфон'],
  'VN-CT': ['Can Tho', 'Cần Thơ', 'municipality', 'Кантхо'],
  'VN-01': ['Lai Chau', 'Lai Châu', 'province', 'Лайтяу'],
  'VN-02': ['Lao Cai', 'Lào Cai', 'province', 'Лаокай'],
  'VN-03': ['Ha Giang', 'Hà Giang', 'province', 'Хазянг'],
  'VN-04': ['Cao Bang', 'Cao Bằng', 'province', 'Каобанг'],
  'VN-05': ['Son La', 'Sơn La', 'province', 'Шонла'],
  'VN-06': ['Yen Bai', 'Yên Bái', 'province', 'Йенбай'],
  'VN-07': ['Tuyen Quang', 'Tuyên Quang', 'province', 'Туенкуанг'],
  'VN-09': ['Lang Son', 'Lạng Sơn', 'province', 'Лангшон'],
  'VN-13': ['Quang Ninh', 'Quảng Ninh', 'province', 'Куангнинь'],
  'VN-14': ['Hoa Binh', 'Hòa Bình', 'province', 'Хоабинь'],
  'VN-18': ['Ninh Binh', 'Ninh Bình', 'province', 'Ниньбинь'],
  'VN-20': ['Thai Binh', 'Thái Bình', 'province', 'Тхайбинь'],
  'VN-21': ['Thanh Hoa', 'Thanh Hóa', 'province', 'Тханьхоа'],
  'VN-22': ['Nghe An', 'Nghệ An', 'province', 'Нгеан'],
  'VN-23': ['Ha Tinh', 'Hà Tĩnh', 'province', 'Хатинь'],
  'VN-24': ['Quang Binh', 'Quảng Bình', 'province', 'Куангбинь'],
  'VN-25': ['Quang Tri', 'Quảng Trị', 'province', 'Куангчи'],
  // Thừa Thiên Huế until 2025, when it became a centrally run city.
  'VN-26': ['Hue', 'Huế', 'municipality', 'Хюэ'],
  'VN-27': ['Quang Nam', 'Quảng Nam', 'province', 'Куангнам'],
  'VN-28': ['Kon Tum', 'Kon Tum', 'province', 'Контум'],
  'VN-29': ['Quang Ngai', 'Quảng Ngãi', 'province', 'Куангнгай'],
  'VN-30': ['Gia Lai', 'Gia Lai', 'province', 'Зялай'],
  'VN-31': ['Binh Dinh', 'Bình Định', 'province', 'Биньдинь'],
  'VN-32': ['Phu Yen', 'Phú Yên', 'province', 'Фуйен'],
  'VN-33': ['Dak Lak', 'Đắk Lắk', 'province', 'Даклак'],
  'VN-34': ['Khanh Hoa', 'Khánh Hòa', 'province', 'Кханьхоа'],
  'VN-35': ['Lam Dong', 'Lâm Đồng', 'province', 'Ламдонг'],
  'VN-36': ['Ninh Thuan', 'Ninh Thuận', 'province', 'Ниньтхуан'],
  'VN-37': ['Tay Ninh', 'Tây Ninh', 'province', 'Тэйнинь'],
  'VN-39': ['Dong Nai', 'Đồng Nai', 'province', 'Донгнай'],
  'VN-40': ['Binh Thuan', 'Bình Thuận', 'province', 'Биньтхуан'],
  'VN-41': ['Long An', 'Long An', 'province', 'Лонган'],
  'VN-43': ['Ba Ria–Vung Tau', 'Bà Rịa – Vũng Tàu', 'province', 'Бариа-Вунгтау'],
  'VN-44': ['An Giang', 'An Giang', 'province', 'Анзянг'],
  'VN-45': ['Dong Thap', 'Đồng Tháp', 'province', 'Донгтхап'],
  'VN-46': ['Tien Giang', 'Tiền Giang', 'province', 'Тьензянг'],
  'VN-47': ['Kien Giang', 'Kiên Giang', 'province', 'Кьензянг'],
  'VN-49': ['Vinh Long', 'Vĩnh Long', 'province', 'Виньлонг'],
  'VN-50': ['Ben Tre', 'Bến Tre', 'province', 'Бенче'],
  'VN-51': ['Tra Vinh', 'Trà Vinh', 'province', 'Чавинь'],
  'VN-52': ['Soc Trang', 'Sóc Trăng', 'province', 'Шокчанг'],
  'VN-53': ['Bac Kan', 'Bắc Kạn', 'province', 'Баккан'],
  'VN-54': ['Bac Giang', 'Bắc Giang', 'province', 'Бакзянг'],
  'VN-55': ['Bac Lieu', 'Bạc Liêu', 'province', 'Бакльеу'],
  'VN-56': ['Bac Ninh', 'Bắc Ninh', 'province', 'Бакнинь'],
  'VN-57': ['Binh Duong', 'Bình Dương', 'province', 'Биньзыонг'],
  'VN-58': ['Binh Phuoc', 'Bình Phước', 'province', 'Биньфыок'],
  'VN-59': ['Ca Mau', 'Cà Mau', 'province', 'Камау'],
  'VN-61': ['Hai Duong', 'Hải Dương', 'province', 'Хайзыонг'],
  'VN-63': ['Ha Nam', 'Hà Nam', 'province', 'Ханам'],
  'VN-66': ['Hung Yen', 'Hưng Yên', 'province', 'Хынгйен'],
  'VN-67': ['Nam Dinh', 'Nam Định', 'province', 'Намдинь'],
  'VN-68': ['Phu Tho', 'Phú Thọ', 'province', 'Футхо'],
  'VN-69': ['Thai Nguyen', 'Thái Nguyên', 'province', 'Тхайнгуен'],
  'VN-70': ['Vinh Phuc', 'Vĩnh Phúc', 'province', 'Виньфук'],
  'VN-71': ['Dien Bien', 'Điện Biên', 'province', 'Дьенбьен'],
  'VN-72': ['Dak Nong', 'Đắk Nông', 'province', 'Дакнонг'],
  'VN-73': ['Hau Giang', 'Hậu Giang', 'province', 'Хаузянг'],
};

function toRegions(codes: readonly RegionCode[]): readonly Region[] {
  return Object.freeze(
    codes.map((code) => {
      const [name, localName, category, partnerName] = details[code];
      const mergedInto = mergedInto2025[code];
      return Object.freeze({
        code,
        country: code.slice(0, 2),
        name,
        localName,
        category,
        partnerName,
        ...(mergedInto ? { mergedInto } : {}),
      });
    }),
  );
}

const byCountry: ReadonlyMap<string, readonly Region[]> = new Map([
  ['RU', toRegions(ruRegionCodes)],
  ['VN', toRegions(vnRegionCodes)],
]);

const byCode: ReadonlyMap<string, Region> = new Map(
  [...byCountry.values()].flat().map((region) => [region.code, region]),
);

/** The listed subdivisions of `country` (ISO 3166-1 alpha-2), or an empty list for any other country. */
export function regionsOf(country: string): readonly Region[] {
  return byCountry.get(country) ?? [];
}

export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}
