import { mergedInto2025, type RegionCode, ruRegionCodes, vnRegionCodes } from './region-codes.ts';

/**
 * Names of the subdivisions listed in ./region-codes.ts, for people: the console, the campaigns'
 * merge values and the demo seed. Kept apart from the codes so that what validates a member, which
 * every API function bundles, does not carry ~15 KB of names none of them returns.
 */
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
  /**
   * The province or city this one has been part of since 1 July 2025, when Vietnam merged its 63
   * into 34 (National Assembly resolution 202/2025/QH15): each merged unit took the name, and here
   * the ISO code, of one of its parts. ISO 3166-2 still lists the 63, so every code stays valid.
   */
  readonly mergedInto?: RegionCode;
}

/** A subdivision's names: `Region`'s `name`, `localName` and `partnerName`. */
export type RegionNames = readonly [name: string, localName: string, partnerName: string];

/** Every listed code's names: the type makes a code without them, or names without a code, an error. */
const details: { readonly [code in RegionCode]: RegionNames } = {
  'RU-MOW': ['Moscow', 'Москва', 'Mát-xcơ-va'],
  'RU-SPE': ['Saint Petersburg', 'Санкт-Петербург', 'Xanh Pê-téc-bua'],
  'RU-AD': ['Republic of Adygea', 'Республика Адыгея', 'Cộng hòa Adygea'],
  'RU-AL': ['Altai Republic', 'Республика Алтай', 'Cộng hòa Altai'],
  'RU-BA': ['Republic of Bashkortostan', 'Республика Башкортостан', 'Cộng hòa Bashkortostan'],
  'RU-BU': ['Republic of Buryatia', 'Республика Бурятия', 'Cộng hòa Buryatia'],
  'RU-CE': ['Chechen Republic', 'Чеченская Республика', 'Cộng hòa Chechnya'],
  'RU-CU': ['Chuvash Republic', 'Чувашская Республика', 'Cộng hòa Chuvashia'],
  'RU-DA': ['Republic of Dagestan', 'Республика Дагестан', 'Cộng hòa Dagestan'],
  'RU-IN': ['Republic of Ingushetia', 'Республика Ингушетия', 'Cộng hòa Ingushetia'],
  'RU-KB': ['Kabardino-Balkar Republic', 'Кабардино-Балкарская Республика', 'Cộng hòa Kabardino-Balkaria'],
  'RU-KL': ['Republic of Kalmykia', 'Республика Калмыкия', 'Cộng hòa Kalmykia'],
  'RU-KC': ['Karachay-Cherkess Republic', 'Карачаево-Черкесская Республика', 'Cộng hòa Karachay-Cherkessia'],
  'RU-KR': ['Republic of Karelia', 'Республика Карелия', 'Cộng hòa Karelia'],
  'RU-KK': ['Republic of Khakassia', 'Республика Хакасия', 'Cộng hòa Khakassia'],
  'RU-KO': ['Komi Republic', 'Республика Коми', 'Cộng hòa Komi'],
  'RU-ME': ['Mari El Republic', 'Республика Марий Эл', 'Cộng hòa Mari El'],
  'RU-MO': ['Republic of Mordovia', 'Республика Мордовия', 'Cộng hòa Mordovia'],
  'RU-SA': ['Sakha (Yakutia) Republic', 'Республика Саха (Якутия)', 'Cộng hòa Sakha (Yakutia)'],
  'RU-SE': [
    'Republic of North Ossetia–Alania',
    'Республика Северная Осетия — Алания',
    'Cộng hòa Bắc Ossetia – Alania',
  ],
  'RU-TA': ['Republic of Tatarstan', 'Республика Татарстан', 'Cộng hòa Tatarstan'],
  'RU-TY': ['Tuva Republic', 'Республика Тыва', 'Cộng hòa Tuva'],
  'RU-UD': ['Udmurt Republic', 'Удмуртская Республика', 'Cộng hòa Udmurtia'],
  'RU-ALT': ['Altai Krai', 'Алтайский край', 'Vùng Altai'],
  'RU-KAM': ['Kamchatka Krai', 'Камчатский край', 'Vùng Kamchatka'],
  'RU-KHA': ['Khabarovsk Krai', 'Хабаровский край', 'Vùng Khabarovsk'],
  'RU-KDA': ['Krasnodar Krai', 'Краснодарский край', 'Vùng Krasnodar'],
  'RU-KYA': ['Krasnoyarsk Krai', 'Красноярский край', 'Vùng Krasnoyarsk'],
  'RU-PER': ['Perm Krai', 'Пермский край', 'Vùng Perm'],
  'RU-PRI': ['Primorsky Krai', 'Приморский край', 'Vùng Primorsky'],
  'RU-STA': ['Stavropol Krai', 'Ставропольский край', 'Vùng Stavropol'],
  'RU-ZAB': ['Zabaykalsky Krai', 'Забайкальский край', 'Vùng Zabaykalsky'],
  'RU-AMU': ['Amur Oblast', 'Амурская область', 'Tỉnh Amur'],
  'RU-ARK': ['Arkhangelsk Oblast', 'Архангельская область', 'Tỉnh Arkhangelsk'],
  'RU-AST': ['Astrakhan Oblast', 'Астраханская область', 'Tỉnh Astrakhan'],
  'RU-BEL': ['Belgorod Oblast', 'Белгородская область', 'Tỉnh Belgorod'],
  'RU-BRY': ['Bryansk Oblast', 'Брянская область', 'Tỉnh Bryansk'],
  'RU-CHE': ['Chelyabinsk Oblast', 'Челябинская область', 'Tỉnh Chelyabinsk'],
  'RU-IRK': ['Irkutsk Oblast', 'Иркутская область', 'Tỉnh Irkutsk'],
  'RU-IVA': ['Ivanovo Oblast', 'Ивановская область', 'Tỉnh Ivanovo'],
  'RU-KGD': ['Kaliningrad Oblast', 'Калининградская область', 'Tỉnh Kaliningrad'],
  'RU-KLU': ['Kaluga Oblast', 'Калужская область', 'Tỉnh Kaluga'],
  'RU-KEM': ['Kemerovo Oblast', 'Кемеровская область', 'Tỉnh Kemerovo'],
  'RU-KIR': ['Kirov Oblast', 'Кировская область', 'Tỉnh Kirov'],
  'RU-KOS': ['Kostroma Oblast', 'Костромская область', 'Tỉnh Kostroma'],
  'RU-KGN': ['Kurgan Oblast', 'Курганская область', 'Tỉnh Kurgan'],
  'RU-KRS': ['Kursk Oblast', 'Курская область', 'Tỉnh Kursk'],
  'RU-LEN': ['Leningrad Oblast', 'Ленинградская область', 'Tỉnh Leningrad'],
  'RU-LIP': ['Lipetsk Oblast', 'Липецкая область', 'Tỉnh Lipetsk'],
  'RU-MAG': ['Magadan Oblast', 'Магаданская область', 'Tỉnh Magadan'],
  'RU-MOS': ['Moscow Oblast', 'Московская область', 'Tỉnh Moscow'],
  'RU-MUR': ['Murmansk Oblast', 'Мурманская область', 'Tỉnh Murmansk'],
  'RU-NIZ': ['Nizhny Novgorod Oblast', 'Нижегородская область', 'Tỉnh Nizhny Novgorod'],
  'RU-NGR': ['Novgorod Oblast', 'Новгородская область', 'Tỉnh Novgorod'],
  'RU-NVS': ['Novosibirsk Oblast', 'Новосибирская область', 'Tỉnh Novosibirsk'],
  'RU-OMS': ['Omsk Oblast', 'Омская область', 'Tỉnh Omsk'],
  'RU-ORE': ['Orenburg Oblast', 'Оренбургская область', 'Tỉnh Orenburg'],
  'RU-ORL': ['Oryol Oblast', 'Орловская область', 'Tỉnh Oryol'],
  'RU-PNZ': ['Penza Oblast', 'Пензенская область', 'Tỉnh Penza'],
  'RU-PSK': ['Pskov Oblast', 'Псковская область', 'Tỉnh Pskov'],
  'RU-ROS': ['Rostov Oblast', 'Ростовская область', 'Tỉnh Rostov'],
  'RU-RYA': ['Ryazan Oblast', 'Рязанская область', 'Tỉnh Ryazan'],
  'RU-SAK': ['Sakhalin Oblast', 'Сахалинская область', 'Tỉnh Sakhalin'],
  'RU-SAM': ['Samara Oblast', 'Самарская область', 'Tỉnh Samara'],
  'RU-SAR': ['Saratov Oblast', 'Саратовская область', 'Tỉnh Saratov'],
  'RU-SMO': ['Smolensk Oblast', 'Смоленская область', 'Tỉnh Smolensk'],
  'RU-SVE': ['Sverdlovsk Oblast', 'Свердловская область', 'Tỉnh Sverdlovsk'],
  'RU-TAM': ['Tambov Oblast', 'Тамбовская область', 'Tỉnh Tambov'],
  'RU-TOM': ['Tomsk Oblast', 'Томская область', 'Tỉnh Tomsk'],
  'RU-TUL': ['Tula Oblast', 'Тульская область', 'Tỉnh Tula'],
  'RU-TVE': ['Tver Oblast', 'Тверская область', 'Tỉnh Tver'],
  'RU-TYU': ['Tyumen Oblast', 'Тюменская область', 'Tỉnh Tyumen'],
  'RU-ULY': ['Ulyanovsk Oblast', 'Ульяновская область', 'Tỉnh Ulyanovsk'],
  'RU-VLA': ['Vladimir Oblast', 'Владимирская область', 'Tỉnh Vladimir'],
  'RU-VGG': ['Volgograd Oblast', 'Волгоградская область', 'Tỉnh Volgograd'],
  'RU-VLG': ['Vologda Oblast', 'Вологодская область', 'Tỉnh Vologda'],
  'RU-VOR': ['Voronezh Oblast', 'Воронежская область', 'Tỉnh Voronezh'],
  'RU-YAR': ['Yaroslavl Oblast', 'Ярославская область', 'Tỉnh Yaroslavl'],
  'RU-YEV': ['Jewish Autonomous Oblast', 'Еврейская автономная область', 'Tỉnh tự trị Do Thái'],
  'RU-CHU': ['Chukotka Autonomous Okrug', 'Чукотский автономный округ', 'Khu tự trị Chukotka'],
  'RU-KHM': [
    'Khanty-Mansi Autonomous Okrug – Yugra',
    'Ханты-Мансийский автономный округ — Югра',
    'Khu tự trị Khanty-Mansi – Yugra',
  ],
  'RU-NEN': ['Nenets Autonomous Okrug', 'Ненецкий автономный округ', 'Khu tự trị Nenets'],
  'RU-YAN': ['Yamalo-Nenets Autonomous Okrug', 'Ямало-Ненецкий автономный округ', 'Khu tự trị Yamalo-Nenets'],
  'VN-HN': ['Hanoi', 'Hà Nội', 'Ханой'],
  'VN-SG': ['Ho Chi Minh City', 'Thành phố Hồ Chí Minh', 'Хошимин'],
  'VN-DN': ['Da Nang', 'Đà Nẵng', 'Дананг'],
  'VN-HP': ['Hai Phong', 'Hải Phòng', 'Хайфон'],
  'VN-CT': ['Can Tho', 'Cần Thơ', 'Кантхо'],
  'VN-01': ['Lai Chau', 'Lai Châu', 'Лайтяу'],
  'VN-02': ['Lao Cai', 'Lào Cai', 'Лаокай'],
  'VN-03': ['Ha Giang', 'Hà Giang', 'Хазянг'],
  'VN-04': ['Cao Bang', 'Cao Bằng', 'Каобанг'],
  'VN-05': ['Son La', 'Sơn La', 'Шонла'],
  'VN-06': ['Yen Bai', 'Yên Bái', 'Йенбай'],
  'VN-07': ['Tuyen Quang', 'Tuyên Quang', 'Туенкуанг'],
  'VN-09': ['Lang Son', 'Lạng Sơn', 'Лангшон'],
  'VN-13': ['Quang Ninh', 'Quảng Ninh', 'Куангнинь'],
  'VN-14': ['Hoa Binh', 'Hòa Bình', 'Хоабинь'],
  'VN-18': ['Ninh Binh', 'Ninh Bình', 'Ниньбинь'],
  'VN-20': ['Thai Binh', 'Thái Bình', 'Тхайбинь'],
  'VN-21': ['Thanh Hoa', 'Thanh Hóa', 'Тханьхоа'],
  'VN-22': ['Nghe An', 'Nghệ An', 'Нгеан'],
  'VN-23': ['Ha Tinh', 'Hà Tĩnh', 'Хатинь'],
  'VN-24': ['Quang Binh', 'Quảng Bình', 'Куангбинь'],
  'VN-25': ['Quang Tri', 'Quảng Trị', 'Куангчи'],
  // Thừa Thiên Huế until 2025, when it became a centrally run city.
  'VN-26': ['Hue', 'Huế', 'Хюэ'],
  'VN-27': ['Quang Nam', 'Quảng Nam', 'Куангнам'],
  'VN-28': ['Kon Tum', 'Kon Tum', 'Контум'],
  'VN-29': ['Quang Ngai', 'Quảng Ngãi', 'Куангнгай'],
  'VN-30': ['Gia Lai', 'Gia Lai', 'Зялай'],
  'VN-31': ['Binh Dinh', 'Bình Định', 'Биньдинь'],
  'VN-32': ['Phu Yen', 'Phú Yên', 'Фуйен'],
  'VN-33': ['Dak Lak', 'Đắk Lắk', 'Даклак'],
  'VN-34': ['Khanh Hoa', 'Khánh Hòa', 'Кханьхоа'],
  'VN-35': ['Lam Dong', 'Lâm Đồng', 'Ламдонг'],
  'VN-36': ['Ninh Thuan', 'Ninh Thuận', 'Ниньтхуан'],
  'VN-37': ['Tay Ninh', 'Tây Ninh', 'Тэйнинь'],
  'VN-39': ['Dong Nai', 'Đồng Nai', 'Донгнай'],
  'VN-40': ['Binh Thuan', 'Bình Thuận', 'Биньтхуан'],
  'VN-41': ['Long An', 'Long An', 'Лонган'],
  'VN-43': ['Ba Ria–Vung Tau', 'Bà Rịa – Vũng Tàu', 'Бариа-Вунгтау'],
  'VN-44': ['An Giang', 'An Giang', 'Анзянг'],
  'VN-45': ['Dong Thap', 'Đồng Tháp', 'Донгтхап'],
  'VN-46': ['Tien Giang', 'Tiền Giang', 'Тьензянг'],
  'VN-47': ['Kien Giang', 'Kiên Giang', 'Кьензянг'],
  'VN-49': ['Vinh Long', 'Vĩnh Long', 'Виньлонг'],
  'VN-50': ['Ben Tre', 'Bến Tre', 'Бенче'],
  'VN-51': ['Tra Vinh', 'Trà Vinh', 'Чавинь'],
  'VN-52': ['Soc Trang', 'Sóc Trăng', 'Шокчанг'],
  'VN-53': ['Bac Kan', 'Bắc Kạn', 'Баккан'],
  'VN-54': ['Bac Giang', 'Bắc Giang', 'Бакзянг'],
  'VN-55': ['Bac Lieu', 'Bạc Liêu', 'Бакльеу'],
  'VN-56': ['Bac Ninh', 'Bắc Ninh', 'Бакнинь'],
  'VN-57': ['Binh Duong', 'Bình Dương', 'Биньзыонг'],
  'VN-58': ['Binh Phuoc', 'Bình Phước', 'Биньфыок'],
  'VN-59': ['Ca Mau', 'Cà Mau', 'Камау'],
  'VN-61': ['Hai Duong', 'Hải Dương', 'Хайзыонг'],
  'VN-63': ['Ha Nam', 'Hà Nam', 'Ханам'],
  'VN-66': ['Hung Yen', 'Hưng Yên', 'Хынгйен'],
  'VN-67': ['Nam Dinh', 'Nam Định', 'Намдинь'],
  'VN-68': ['Phu Tho', 'Phú Thọ', 'Футхо'],
  'VN-69': ['Thai Nguyen', 'Thái Nguyên', 'Тхайнгуен'],
  'VN-70': ['Vinh Phuc', 'Vĩnh Phúc', 'Виньфук'],
  'VN-71': ['Dien Bien', 'Điện Biên', 'Дьенбьен'],
  'VN-72': ['Dak Nong', 'Đắk Nông', 'Дакнонг'],
  'VN-73': ['Hau Giang', 'Hậu Giang', 'Хаузянг'],
};

function toRegions(codes: readonly RegionCode[]): readonly Region[] {
  return Object.freeze(
    codes.map((code) => {
      const [name, localName, partnerName] = details[code];
      const mergedInto = mergedInto2025[code];
      return Object.freeze({
        code,
        country: code.slice(0, 2),
        name,
        localName,
        partnerName,
        ...(mergedInto ? { mergedInto } : {}),
      });
    }),
  );
}

let byCountry: ReadonlyMap<string, readonly Region[]> | undefined;
let byCode: ReadonlyMap<string, Region> | undefined;

/**
 * The regions by country and by code, built on first use: a module that only might name a region
 * (one that imports this through another) pays nothing at load, and a bundle that never calls these
 * leaves the table out.
 */
function regions() {
  if (!byCountry || !byCode) {
    byCountry = new Map([
      ['RU', toRegions(ruRegionCodes)],
      ['VN', toRegions(vnRegionCodes)],
    ]);
    byCode = new Map([...byCountry.values()].flat().map((region) => [region.code, region]));
  }
  return { byCountry, byCode };
}

/**
 * A listed subdivision's names alone, without building the table of regions: for what only names a
 * region (region-names.ts), which then bundles the names and none of the rest.
 */
export function regionNamesOf(code: string): RegionNames | undefined {
  return Object.hasOwn(details, code) ? details[code as RegionCode] : undefined;
}

/** The listed subdivisions of `country` (ISO 3166-1 alpha-2), or an empty list for any other country. */
export function regionsOf(country: string): readonly Region[] {
  return regions().byCountry.get(country) ?? [];
}

export function findRegion(code: string): Region | undefined {
  return regions().byCode.get(code);
}
