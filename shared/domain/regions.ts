import { type RegionCode, ruRegionCodes, vnRegionCodes } from './region-codes.ts';

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
  readonly category: RegionCategory;
}

type Details = readonly [name: string, localName: string, category: RegionCategory];

/** Every listed code's details: the type makes a code without them, or details without a code, an error. */
const details: { readonly [code in RegionCode]: Details } = {
  'RU-MOW': ['Moscow', 'Москва', 'federal-city'],
  'RU-SPE': ['Saint Petersburg', 'Санкт-Петербург', 'federal-city'],
  'RU-AD': ['Republic of Adygea', 'Республика Адыгея', 'republic'],
  'RU-AL': ['Altai Republic', 'Республика Алтай', 'republic'],
  'RU-BA': ['Republic of Bashkortostan', 'Республика Башкортостан', 'republic'],
  'RU-BU': ['Republic of Buryatia', 'Республика Бурятия', 'republic'],
  'RU-CE': ['Chechen Republic', 'Чеченская Республика', 'republic'],
  'RU-CU': ['Chuvash Republic', 'Чувашская Республика', 'republic'],
  'RU-DA': ['Republic of Dagestan', 'Республика Дагестан', 'republic'],
  'RU-IN': ['Republic of Ingushetia', 'Республика Ингушетия', 'republic'],
  'RU-KB': ['Kabardino-Balkar Republic', 'Кабардино-Балкарская Республика', 'republic'],
  'RU-KL': ['Republic of Kalmykia', 'Республика Калмыкия', 'republic'],
  'RU-KC': ['Karachay-Cherkess Republic', 'Карачаево-Черкесская Республика', 'republic'],
  'RU-KR': ['Republic of Karelia', 'Республика Карелия', 'republic'],
  'RU-KK': ['Republic of Khakassia', 'Республика Хакасия', 'republic'],
  'RU-KO': ['Komi Republic', 'Республика Коми', 'republic'],
  'RU-ME': ['Mari El Republic', 'Республика Марий Эл', 'republic'],
  'RU-MO': ['Republic of Mordovia', 'Республика Мордовия', 'republic'],
  'RU-SA': ['Sakha (Yakutia) Republic', 'Республика Саха (Якутия)', 'republic'],
  'RU-SE': ['Republic of North Ossetia–Alania', 'Республика Северная Осетия — Алания', 'republic'],
  'RU-TA': ['Republic of Tatarstan', 'Республика Татарстан', 'republic'],
  'RU-TY': ['Tuva Republic', 'Республика Тыва', 'republic'],
  'RU-UD': ['Udmurt Republic', 'Удмуртская Республика', 'republic'],
  'RU-ALT': ['Altai Krai', 'Алтайский край', 'krai'],
  'RU-KAM': ['Kamchatka Krai', 'Камчатский край', 'krai'],
  'RU-KHA': ['Khabarovsk Krai', 'Хабаровский край', 'krai'],
  'RU-KDA': ['Krasnodar Krai', 'Краснодарский край', 'krai'],
  'RU-KYA': ['Krasnoyarsk Krai', 'Красноярский край', 'krai'],
  'RU-PER': ['Perm Krai', 'Пермский край', 'krai'],
  'RU-PRI': ['Primorsky Krai', 'Приморский край', 'krai'],
  'RU-STA': ['Stavropol Krai', 'Ставропольский край', 'krai'],
  'RU-ZAB': ['Zabaykalsky Krai', 'Забайкальский край', 'krai'],
  'RU-AMU': ['Amur Oblast', 'Амурская область', 'oblast'],
  'RU-ARK': ['Arkhangelsk Oblast', 'Архангельская область', 'oblast'],
  'RU-AST': ['Astrakhan Oblast', 'Астраханская область', 'oblast'],
  'RU-BEL': ['Belgorod Oblast', 'Белгородская область', 'oblast'],
  'RU-BRY': ['Bryansk Oblast', 'Брянская область', 'oblast'],
  'RU-CHE': ['Chelyabinsk Oblast', 'Челябинская область', 'oblast'],
  'RU-IRK': ['Irkutsk Oblast', 'Иркутская область', 'oblast'],
  'RU-IVA': ['Ivanovo Oblast', 'Ивановская область', 'oblast'],
  'RU-KGD': ['Kaliningrad Oblast', 'Калининградская область', 'oblast'],
  'RU-KLU': ['Kaluga Oblast', 'Калужская область', 'oblast'],
  'RU-KEM': ['Kemerovo Oblast', 'Кемеровская область', 'oblast'],
  'RU-KIR': ['Kirov Oblast', 'Кировская область', 'oblast'],
  'RU-KOS': ['Kostroma Oblast', 'Костромская область', 'oblast'],
  'RU-KGN': ['Kurgan Oblast', 'Курганская область', 'oblast'],
  'RU-KRS': ['Kursk Oblast', 'Курская область', 'oblast'],
  'RU-LEN': ['Leningrad Oblast', 'Ленинградская область', 'oblast'],
  'RU-LIP': ['Lipetsk Oblast', 'Липецкая область', 'oblast'],
  'RU-MAG': ['Magadan Oblast', 'Магаданская область', 'oblast'],
  'RU-MOS': ['Moscow Oblast', 'Московская область', 'oblast'],
  'RU-MUR': ['Murmansk Oblast', 'Мурманская область', 'oblast'],
  'RU-NIZ': ['Nizhny Novgorod Oblast', 'Нижегородская область', 'oblast'],
  'RU-NGR': ['Novgorod Oblast', 'Новгородская область', 'oblast'],
  'RU-NVS': ['Novosibirsk Oblast', 'Новосибирская область', 'oblast'],
  'RU-OMS': ['Omsk Oblast', 'Омская область', 'oblast'],
  'RU-ORE': ['Orenburg Oblast', 'Оренбургская область', 'oblast'],
  'RU-ORL': ['Oryol Oblast', 'Орловская область', 'oblast'],
  'RU-PNZ': ['Penza Oblast', 'Пензенская область', 'oblast'],
  'RU-PSK': ['Pskov Oblast', 'Псковская область', 'oblast'],
  'RU-ROS': ['Rostov Oblast', 'Ростовская область', 'oblast'],
  'RU-RYA': ['Ryazan Oblast', 'Рязанская область', 'oblast'],
  'RU-SAK': ['Sakhalin Oblast', 'Сахалинская область', 'oblast'],
  'RU-SAM': ['Samara Oblast', 'Самарская область', 'oblast'],
  'RU-SAR': ['Saratov Oblast', 'Саратовская область', 'oblast'],
  'RU-SMO': ['Smolensk Oblast', 'Смоленская область', 'oblast'],
  'RU-SVE': ['Sverdlovsk Oblast', 'Свердловская область', 'oblast'],
  'RU-TAM': ['Tambov Oblast', 'Тамбовская область', 'oblast'],
  'RU-TOM': ['Tomsk Oblast', 'Томская область', 'oblast'],
  'RU-TUL': ['Tula Oblast', 'Тульская область', 'oblast'],
  'RU-TVE': ['Tver Oblast', 'Тверская область', 'oblast'],
  'RU-TYU': ['Tyumen Oblast', 'Тюменская область', 'oblast'],
  'RU-ULY': ['Ulyanovsk Oblast', 'Ульяновская область', 'oblast'],
  'RU-VLA': ['Vladimir Oblast', 'Владимирская область', 'oblast'],
  'RU-VGG': ['Volgograd Oblast', 'Волгоградская область', 'oblast'],
  'RU-VLG': ['Vologda Oblast', 'Вологодская область', 'oblast'],
  'RU-VOR': ['Voronezh Oblast', 'Воронежская область', 'oblast'],
  'RU-YAR': ['Yaroslavl Oblast', 'Ярославская область', 'oblast'],
  'RU-YEV': ['Jewish Autonomous Oblast', 'Еврейская автономная область', 'autonomous-oblast'],
  'RU-CHU': ['Chukotka Autonomous Okrug', 'Чукотский автономный округ', 'autonomous-okrug'],
  'RU-KHM': [
    'Khanty-Mansi Autonomous Okrug – Yugra',
    'Ханты-Мансийский автономный округ — Югра',
    'autonomous-okrug',
  ],
  'RU-NEN': ['Nenets Autonomous Okrug', 'Ненецкий автономный округ', 'autonomous-okrug'],
  'RU-YAN': ['Yamalo-Nenets Autonomous Okrug', 'Ямало-Ненецкий автономный округ', 'autonomous-okrug'],
  'VN-HN': ['Hanoi', 'Hà Nội', 'municipality'],
  'VN-SG': ['Ho Chi Minh City', 'Thành phố Hồ Chí Minh', 'municipality'],
  'VN-DN': ['Da Nang', 'Đà Nẵng', 'municipality'],
  'VN-HP': ['Hai Phong', 'Hải Phòng', 'municipality'],
  'VN-CT': ['Can Tho', 'Cần Thơ', 'municipality'],
  'VN-01': ['Lai Chau', 'Lai Châu', 'province'],
  'VN-02': ['Lao Cai', 'Lào Cai', 'province'],
  'VN-03': ['Ha Giang', 'Hà Giang', 'province'],
  'VN-04': ['Cao Bang', 'Cao Bằng', 'province'],
  'VN-05': ['Son La', 'Sơn La', 'province'],
  'VN-06': ['Yen Bai', 'Yên Bái', 'province'],
  'VN-07': ['Tuyen Quang', 'Tuyên Quang', 'province'],
  'VN-09': ['Lang Son', 'Lạng Sơn', 'province'],
  'VN-13': ['Quang Ninh', 'Quảng Ninh', 'province'],
  'VN-14': ['Hoa Binh', 'Hòa Bình', 'province'],
  'VN-18': ['Ninh Binh', 'Ninh Bình', 'province'],
  'VN-20': ['Thai Binh', 'Thái Bình', 'province'],
  'VN-21': ['Thanh Hoa', 'Thanh Hóa', 'province'],
  'VN-22': ['Nghe An', 'Nghệ An', 'province'],
  'VN-23': ['Ha Tinh', 'Hà Tĩnh', 'province'],
  'VN-24': ['Quang Binh', 'Quảng Bình', 'province'],
  'VN-25': ['Quang Tri', 'Quảng Trị', 'province'],
  'VN-26': ['Thua Thien Hue', 'Thừa Thiên Huế', 'province'],
  'VN-27': ['Quang Nam', 'Quảng Nam', 'province'],
  'VN-28': ['Kon Tum', 'Kon Tum', 'province'],
  'VN-29': ['Quang Ngai', 'Quảng Ngãi', 'province'],
  'VN-30': ['Gia Lai', 'Gia Lai', 'province'],
  'VN-31': ['Binh Dinh', 'Bình Định', 'province'],
  'VN-32': ['Phu Yen', 'Phú Yên', 'province'],
  'VN-33': ['Dak Lak', 'Đắk Lắk', 'province'],
  'VN-34': ['Khanh Hoa', 'Khánh Hòa', 'province'],
  'VN-35': ['Lam Dong', 'Lâm Đồng', 'province'],
  'VN-36': ['Ninh Thuan', 'Ninh Thuận', 'province'],
  'VN-37': ['Tay Ninh', 'Tây Ninh', 'province'],
  'VN-39': ['Dong Nai', 'Đồng Nai', 'province'],
  'VN-40': ['Binh Thuan', 'Bình Thuận', 'province'],
  'VN-41': ['Long An', 'Long An', 'province'],
  'VN-43': ['Ba Ria–Vung Tau', 'Bà Rịa – Vũng Tàu', 'province'],
  'VN-44': ['An Giang', 'An Giang', 'province'],
  'VN-45': ['Dong Thap', 'Đồng Tháp', 'province'],
  'VN-46': ['Tien Giang', 'Tiền Giang', 'province'],
  'VN-47': ['Kien Giang', 'Kiên Giang', 'province'],
  'VN-49': ['Vinh Long', 'Vĩnh Long', 'province'],
  'VN-50': ['Ben Tre', 'Bến Tre', 'province'],
  'VN-51': ['Tra Vinh', 'Trà Vinh', 'province'],
  'VN-52': ['Soc Trang', 'Sóc Trăng', 'province'],
  'VN-53': ['Bac Kan', 'Bắc Kạn', 'province'],
  'VN-54': ['Bac Giang', 'Bắc Giang', 'province'],
  'VN-55': ['Bac Lieu', 'Bạc Liêu', 'province'],
  'VN-56': ['Bac Ninh', 'Bắc Ninh', 'province'],
  'VN-57': ['Binh Duong', 'Bình Dương', 'province'],
  'VN-58': ['Binh Phuoc', 'Bình Phước', 'province'],
  'VN-59': ['Ca Mau', 'Cà Mau', 'province'],
  'VN-61': ['Hai Duong', 'Hải Dương', 'province'],
  'VN-63': ['Ha Nam', 'Hà Nam', 'province'],
  'VN-66': ['Hung Yen', 'Hưng Yên', 'province'],
  'VN-67': ['Nam Dinh', 'Nam Định', 'province'],
  'VN-68': ['Phu Tho', 'Phú Thọ', 'province'],
  'VN-69': ['Thai Nguyen', 'Thái Nguyên', 'province'],
  'VN-70': ['Vinh Phuc', 'Vĩnh Phúc', 'province'],
  'VN-71': ['Dien Bien', 'Điện Biên', 'province'],
  'VN-72': ['Dak Nong', 'Đắk Nông', 'province'],
  'VN-73': ['Hau Giang', 'Hậu Giang', 'province'],
};

function toRegions(codes: readonly RegionCode[]): readonly Region[] {
  return Object.freeze(
    codes.map((code) => {
      const [name, localName, category] = details[code];
      return Object.freeze({ code, country: code.slice(0, 2), name, localName, category });
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
