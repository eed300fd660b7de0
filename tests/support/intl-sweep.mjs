// Run as a child process: prints, as JSON, what every Intl service makes of the tags the CRM formats
// with, so two processes' ICU set-ups can be compared output for output.
const tags = ['ru-RU', 'vi-VN', 'en-GB', 'ru', 'vi', 'en', 'en-US', undefined];
const zones = ['UTC', 'Europe/Moscow', 'Europe/Kaliningrad', 'Asia/Vladivostok', 'Asia/Ho_Chi_Minh'];
const instants = [0, Date.UTC(2026, 11, 31, 21, 30, 5), Date.UTC(2027, 2, 28, 1, 15)];
const dateOptions = [
  { dateStyle: 'full' },
  { dateStyle: 'long' },
  { dateStyle: 'medium', timeStyle: 'short' },
  { dateStyle: 'short', timeStyle: 'long' },
  { day: 'numeric', month: 'long' },
  { weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' },
  { month: 'long', year: 'numeric' },
  { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  { timeZoneName: 'longGeneric' },
];
const numberOptions = [
  {},
  { style: 'currency', currency: 'RUB' },
  { style: 'currency', currency: 'VND' },
  { style: 'currency', currency: 'USD', currencyDisplay: 'name' },
  { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 },
  { style: 'percent', maximumFractionDigits: 1 },
  { notation: 'compact' },
  { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' },
];
const numbers = [0, 1, 2.5, 21, 1234.5, 450_000_000, -12.345];
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const regions = [...letters].flatMap((a) => [...letters].map((b) => a + b));
const languages = [
  'ru',
  'vi',
  'en',
  'zh',
  'ja',
  'ko',
  'th',
  'km',
  'lo',
  'my',
  'id',
  'ms',
  'de',
  'fr',
  'es',
  'ar',
];
const words = [
  'Ёлка',
  'елка',
  'Ель',
  'Đà Nẵng',
  'Dà',
  'Da Lat',
  'Ánh',
  'anh',
  'Ăn',
  'Zebra',
  'zebra',
  '10',
  '9',
];

const attempt = (make) => {
  try {
    return make();
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};

const sweep = {};
for (const tag of tags) {
  const of = {};
  sweep[tag ?? '(default)'] = of;
  of.resolved = [
    Intl.DateTimeFormat,
    Intl.NumberFormat,
    Intl.PluralRules,
    Intl.Collator,
    Intl.RelativeTimeFormat,
    Intl.ListFormat,
    Intl.Segmenter,
  ].map((Service) => attempt(() => new Service(tag).resolvedOptions().locale));
  of.dates = dateOptions.flatMap((options) =>
    zones.flatMap((timeZone) =>
      instants.map((instant) =>
        attempt(() => new Intl.DateTimeFormat(tag, { ...options, timeZone }).format(instant)),
      ),
    ),
  );
  of.parts = attempt(() =>
    new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' })
      .formatToParts(instants[1])
      .map((part) => `${part.type}=${part.value}`),
  );
  of.ranges = attempt(() =>
    new Intl.DateTimeFormat(tag, { dateStyle: 'long' }).formatRange(instants[1], instants[2]),
  );
  of.numbers = numberOptions.flatMap((options) =>
    numbers.map((number) => attempt(() => new Intl.NumberFormat(tag, options).format(number))),
  );
  of.regions = ['long', 'short'].flatMap((style) =>
    regions.map((code) => attempt(() => new Intl.DisplayNames(tag, { type: 'region', style }).of(code))),
  );
  of.languages = languages.map((code) =>
    attempt(() => new Intl.DisplayNames(tag, { type: 'language' }).of(code)),
  );
  of.currencies = ['RUB', 'VND', 'USD', 'EUR', 'CNY'].map((code) =>
    attempt(() => new Intl.DisplayNames(tag, { type: 'currency' }).of(code)),
  );
  of.plurals = [...numbers, 3, 5, 11, 101].flatMap((number) =>
    ['cardinal', 'ordinal'].map((type) => attempt(() => new Intl.PluralRules(tag, { type }).select(number))),
  );
  of.sorted = attempt(() => [...words].sort(new Intl.Collator(tag).compare));
  of.sortedNumeric = attempt(() =>
    [...words].sort(new Intl.Collator(tag, { numeric: true, sensitivity: 'base' }).compare),
  );
  of.localeCompare = words.map((word) => attempt(() => word.localeCompare('Ель', tag)));
  of.relative = [-1, 0, 2].map((n) =>
    attempt(() => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }).format(n, 'day')),
  );
  of.lists = attempt(() =>
    new Intl.ListFormat(tag, { type: 'conjunction' }).format(['Hà Nội', 'Москва', 'Lima']),
  );
  of.toLocale = [
    attempt(() => new Date(instants[1]).toLocaleString(tag, { timeZone: 'Europe/Moscow' })),
    attempt(() => (1234567.891).toLocaleString(tag)),
    attempt(() => 'İSTANBUL Ёлка'.toLocaleLowerCase(tag)),
  ];
}
const lookup = ['de', 'ru-RU', 'vi-VN', 'en-GB', 'th'];
sweep.lookup = Intl.DateTimeFormat.supportedLocalesOf(lookup, { localeMatcher: 'lookup' });
sweep.collatorLookup = Intl.Collator.supportedLocalesOf(lookup, { localeMatcher: 'lookup' });
sweep.collators = tags.map((tag) => new Intl.Collator(tag).resolvedOptions().locale);
// Likely subtags, which the shipped data keeps for our languages and for `und`: each with every region
// code and a spread of scripts: what each becomes maximized and minimized.
const scripts = [
  'Latn',
  'Cyrl',
  'Hani',
  'Hans',
  'Hant',
  'Arab',
  'Thai',
  'Khmr',
  'Laoo',
  'Mymr',
  'Deva',
  'Zzzz',
];
const likelyTags = ['ru', 'vi', 'en', 'und'].flatMap((language) => [
  language,
  ...regions.map((region) => `${language}-${region}`),
  ...scripts.map((script) => `${language}-${script}`),
  ...scripts.flatMap((script) =>
    ['RU', 'VN', 'US', 'GB', 'CN', 'TH', '001', '150'].map((region) => `${language}-${script}-${region}`),
  ),
]);
sweep.likely = likelyTags.map((tag) =>
  attempt(() => {
    const locale = new Intl.Locale(tag);
    return [locale.maximize().toString(), locale.minimize().toString()];
  }),
);
process.stdout.write(JSON.stringify(sweep));
