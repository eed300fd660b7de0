/**
 * The demo's two B2B meeting programmes, as plans for the event services to carry out (seed-events.ts):
 * one held in Moscow eleven weeks before the demo's "today" (about forty Russian and Vietnamese firms,
 * their requests and answers, a published schedule, what each side said of its meetings, and later
 * whether an agreement was reached), and one open in Ho Chi Minh City nine weeks after it (firms
 * registered, requests pending or answered, no schedule yet). Pure: the plans are a function of the
 * companies given and the seed, drawn on a random stream of their own, so the rest of the demo stays
 * as it was. Which meetings take place is the scheduler's to decide: an outcome is planned for every
 * accepted request and recorded only for a meeting the published schedule holds.
 */
import { base, en, Faker } from '@faker-js/faker';
import { pairId } from '../../../shared/data/keys.ts';
import type { Language, Member } from '../../../shared/domain/member-schema.ts';
import type { Partner } from '../../../shared/domain/partner-schema.ts';
import { topicLabels } from '../../../shared/domain/topic-labels.ts';
import type { Topic } from '../../../shared/domain/topics.ts';
import type {
  EventCreate,
  MeetingOutcomeInput,
  MeetingRequestCreate,
  Registration,
} from '../../../shared/events/event-schema.ts';
import { slotsOf } from '../../../shared/events/event-slots.ts';
import { zonedToUtc } from '../../../shared/events/zoned-time.ts';
import { demoStaff } from './demo-leads.ts';
import { Rng, Weighted } from './demo-random.ts';

export interface DemoEventOptions {
  seed: number;
  /** The demo's "today": the past event was held before it, the open one comes after it. */
  now: Date;
  /** The demo members as written. */
  members: readonly Member[];
  /** The demo partners as written. */
  partners: readonly Partner[];
  /** The open leads the demo has already, as `leadTopicKey`s: no meeting is planned on one of them. */
  openLeads?: ReadonlySet<string>;
}

/** Two companies (either order) and a topic: what one open lead at most may hold. */
export const leadTopicKey = (a: string, b: string, topic: string): string =>
  `${[a, b].sort().join('#')}#${topic}`;

export type DemoEventKey = 'past' | 'open';

/** A company staff registered, with the delegates it sends (contacts of its own). */
export interface DemoParticipant {
  company: { kind: 'member' | 'partner'; id: string };
  country: string;
  registration: Registration;
  at: string;
}

/** A staff-entered request from one participant to another, and the requested side's answer. */
export interface DemoRequest {
  from: string;
  input: MeetingRequestCreate & { topic: Topic };
  at: string;
  by: string;
  /** None: left unanswered (pending, or expired once the deadline passed). */
  answer?: {
    status: 'accepted' | 'declined';
    at: string;
    /** The requested company itself (through its account or emailed link), or staff for it. */
    by: 'self' | 'staff';
  };
}

/** One side's report on a meeting, through staff. */
export interface DemoOutcome {
  /** The meeting's id: its pair's, as its request's. */
  meetingId: string;
  input: MeetingOutcomeInput & { side: string };
  at: string;
  by: string;
}

export interface DemoEventPlan {
  key: DemoEventKey;
  event: EventCreate;
  /** Which staff user runs it. */
  by: string;
  createdAt: string;
  openedAt: string;
  participants: DemoParticipant[];
  /** In time order. */
  requests: DemoRequest[];
  /** When the schedule was made and published; the event was then held and closed. None: still open. */
  publishedAt?: string;
  heldAt?: string;
  /**
   * The sides' reports after the event, in time order: for each accepted request, recorded only if its
   * meeting was scheduled. Some meetings get none, some one side's, some both.
   */
  outcomes: DemoOutcome[];
  closedAt?: string;
  /** The follow-up question months on, for a few meetings that promised something: an agreement? */
  agreements: DemoOutcome[];
}

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;

type Company = { kind: 'member'; member: Member } | { kind: 'partner'; partner: Partner };

const idOf = (c: Company) => (c.kind === 'member' ? c.member.id : c.partner.id);
const countryOf = (c: Company) => (c.kind === 'member' ? c.member.country : c.partner.country);
const liveContacts = (c: Company) =>
  (c.kind === 'member' ? c.member.contacts : c.partner.contacts).filter((x) => !x.erasedAt);
const offersOf = (c: Company): Topic[] =>
  (c.kind === 'member' ? c.member.offers : c.partner.offers).map((o) => o.topic);
const needsOf = (c: Company): Topic[] =>
  (c.kind === 'member' ? c.member.needs : c.partner.needs).map((n) => n.topic);
const sectorsOf = (c: Company): Topic[] => (c.kind === 'member' ? c.member.sectors : c.partner.sectors);
/** The company's name as a text in `lang` shows it: a partner's Latin name outside Vietnamese. */
const nameIn = (c: Company, lang: Language) =>
  c.kind === 'member'
    ? c.member.name
    : lang === 'vi'
      ? c.partner.name
      : (c.partner.latinName ?? c.partner.name);

/** What a request is about: what the requester seeks from the other, offers it, or a topic of its own. */
type Angle = 'seek' | 'offer' | 'general';

const reasonTexts: Record<Language, Record<Angle, string[]>> = {
  ru: {
    seek: [
      'Ищем партнёра во Вьетнаме по теме «{topic}»; {company} — то, что нужно. Готовы к пилотному проекту.',
      'Интересует предложение {company} по теме «{topic}»: хотим обсудить объёмы, сроки и цены.',
      'Подбираем поставщика по теме «{topic}», хотели бы познакомиться с {company}.',
      'Нам нужен партнёр по теме «{topic}» для проекта во Вьетнаме.',
    ],
    offer: [
      'Предлагаем {company} сотрудничество по теме «{topic}»: есть опыт поставок в страны АСЕАН.',
      'Хотим представить {company} наши решения по теме «{topic}».',
      'Готовы поставлять во Вьетнам по теме «{topic}»; обсудим условия и локализацию.',
      'Ищем дистрибьютора для нашей продукции по теме «{topic}».',
    ],
    general: [
      'Хотим познакомиться с {company} и обсудить возможности сотрудничества («{topic}»).',
      'Расскажем о компании и выясним, чем можем быть полезны друг другу («{topic}»).',
    ],
  },
  vi: {
    seek: [
      'Chúng tôi đang tìm đối tác Nga trong lĩnh vực {topic} và muốn gặp {company}.',
      'Quan tâm đến sản phẩm của {company} về {topic}; muốn trao đổi về khối lượng và giá.',
      'Cần nhà cung cấp về {topic} cho dự án tại Việt Nam.',
    ],
    offer: [
      'Chúng tôi muốn giới thiệu với {company} năng lực về {topic}.',
      'Sẵn sàng hợp tác với {company} về {topic}, kể cả liên doanh.',
      'Tìm nhà phân phối tại Nga cho sản phẩm {topic}.',
    ],
    general: ['Muốn làm quen với {company} và tìm hiểu cơ hội hợp tác ({topic}).'],
  },
  en: {
    seek: [
      'We are looking for a partner in {topic} and would like to meet {company}.',
      "Interested in {company}'s offer in {topic}: volumes, lead times and prices.",
      'Sourcing {topic} for a project in Vietnam; {company} looks like a fit.',
    ],
    offer: [
      'We would like to present our {topic} capabilities to {company}.',
      'Ready to work with {company} on {topic}, a joint venture included.',
      'Looking for a distributor of our {topic} products.',
    ],
    general: ['We would like to meet {company} and explore cooperation ({topic}).'],
  },
};

const noShowNotes: Record<Language, string[]> = {
  ru: ['Представитель партнёра не пришёл на встречу.', 'Стол пустовал: делегат уехал раньше.'],
  vi: ['Đại diện đối tác không đến.', 'Đối tác đã rời sự kiện sớm.'],
  en: ['The other side did not turn up.', 'Their delegate had left early.'],
};

const outcomeNotes: Record<Language, Record<'no-interest' | 'follow-up' | 'deal-likely', string[]>> = {
  ru: {
    'no-interest': ['Профили не совпали.', 'Партнёру нужны объёмы, которых у нас нет.'],
    'follow-up': [
      'Договорились выслать коммерческое предложение.',
      'Ждём образцы к концу месяца.',
      'Запросили сертификаты и прайс-лист.',
    ],
    'deal-likely': ['Готовы подписать пилотный контракт.', 'Согласовали основные условия поставки.'],
  },
  vi: {
    'no-interest': ['Không phù hợp với nhu cầu hiện tại.'],
    'follow-up': ['Sẽ gửi báo giá trong tuần tới.', 'Hẹn gặp lại tại Hà Nội.'],
    'deal-likely': ['Sẵn sàng ký hợp đồng thử nghiệm.'],
  },
  en: {
    'no-interest': ['Not a fit for now.', 'They need volumes we cannot supply.'],
    'follow-up': ['We send a quotation next week.', 'Samples to follow by the end of the month.'],
    'deal-likely': ['Ready to sign a pilot contract.', 'Main delivery terms agreed.'],
  },
};

/** What the Russian side says months on, when asked whether an agreement was reached. */
const agreementNotes = {
  yes: ['Подписали соглашение о сотрудничестве.', 'Заключён контракт на пилотную поставку.'],
  no: ['Партнёр взял паузу до следующего года.', 'Переговоры не продвинулись.'],
};

const outcomes = new Weighted<'no-interest' | 'follow-up' | 'deal-likely'>([
  ['no-interest', 35],
  ['follow-up', 42],
  ['deal-likely', 23],
]);

/** How many firms of each side, and how many requests each sends, for the two events. */
const pastFirmsPerSide = 20;
const openFirms = { ru: 8, vn: 7 };
const openRequests = 12;

export function generateDemoEvents(options: DemoEventOptions): DemoEventPlan[] {
  const { now } = options;
  if (!Number.isFinite(now.getTime())) throw new RangeError('now must be a valid date');
  const faker = new Faker({ locale: [en, base] });
  // Stream 30: apart from the members' (0–3, 11), partners' (10) and leads' (20) streams.
  faker.seed([options.seed, 30]);
  const rng = new Rng(faker);

  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  const usable = (c: Company) => liveContacts(c).length > 0 && offersOf(c).length + needsOf(c).length > 0;
  const members: Company[] = options.members
    .filter((m) => m.status === 'active' && !m.erasedAt)
    .sort(byId)
    .map((member) => ({ kind: 'member', member }));
  const partners: Company[] = options.partners
    .filter((p) => !p.joinedAs && !p.erasedAt)
    .sort(byId)
    .map((partner) => ({ kind: 'partner', partner }));
  const russian = members.filter((c) => countryOf(c) === 'RU' && usable(c));
  const vietnamese = [...partners, ...members].filter((c) => countryOf(c) === 'VN' && usable(c));

  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const nowMs = now.getTime();
  const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  /** A moment between `from` and `to` (ms), to the minute; never at or after the demo's "today". */
  const between = (from: number, to: number) => {
    const last = Math.min(to, nowMs - MINUTE_MS);
    const minutes = Math.max(0, Math.floor((last - from) / MINUTE_MS));
    return from + rng.int(0, minutes) * MINUTE_MS;
  };
  /** A moment in office hours in Moscow (06:00–15:00 UTC) on a day `days` after `dayMs`. */
  const officeHours = (dayMs: number, days: number) =>
    dayMs + days * DAY_MS + rng.int(6 * 60, 15 * 60 - 1) * MINUTE_MS;
  const iso = (ms: number) => new Date(ms).toISOString();

  /** A firm's delegates (one, or two from a firm with several contacts) and the slots it attends. */
  function participant(company: Company, at: number, sessions: string[][], twoDelegates: number) {
    const contacts = liveContacts(company);
    const order = contacts.map((c) => c.id);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const count = contacts.length >= 2 && rng.chance(twoDelegates) ? 2 : 1;
    // Most firms attend the whole day; a few only one session of it.
    const part = sessions.length > 1 && rng.chance(0.15) ? rng.pick(sessions) : undefined;
    const registration: Registration = {
      delegates: order.slice(0, count).map((contactId) => ({ contactId })),
      ...(part ? { slots: part } : {}),
    };
    return {
      company: { kind: company.kind, id: idOf(company) },
      country: countryOf(company),
      registration,
      at: iso(at),
    } satisfies DemoParticipant;
  }

  /** The language the requester writes in: its first delegate's. */
  function languageOf(company: Company, p: DemoParticipant): Language {
    const first = p.registration.delegates[0]!.contactId;
    return liveContacts(company).find((c) => c.id === first)?.language ?? 'en';
  }

  /** The topic and angle of a request from `a` to `b`: what one seeks and the other offers, else a. */
  /**
   * The topic and angle of a request from `a` to `b`: what one seeks and the other offers, else a's
   * own; never one an open demo lead of the two holds (a follow-up would join that lead, whose
   * timeline the lead seed wrote whole). Undefined: every topic the two could meet on is taken.
   */
  function topicOf(a: Company, b: Company): { topic: Topic; angle: Angle } | undefined {
    const free = (topics: readonly Topic[]) =>
      topics.filter((t) => !options.openLeads?.has(leadTopicKey(idOf(a), idOf(b), t)));
    const bOffers = new Set(offersOf(b));
    const bNeeds = new Set(needsOf(b));
    const sought = free(needsOf(a).filter((t) => bOffers.has(t)));
    if (sought.length > 0) return { topic: rng.pick(sought), angle: 'seek' };
    const offered = free(offersOf(a).filter((t) => bNeeds.has(t)));
    if (offered.length > 0) return { topic: rng.pick(offered), angle: 'offer' };
    const [need] = free(needsOf(a));
    if (need) return { topic: need, angle: 'seek' };
    const [offer] = free(offersOf(a));
    if (offer) return { topic: offer, angle: 'offer' };
    const [sector] = free(sectorsOf(a).length > 0 ? sectorsOf(a) : ['trade']);
    return sector ? { topic: sector, angle: 'general' } : undefined;
  }

  function reason(b: Company, lang: Language, topic: Topic, angle: Angle): string {
    return rng
      .pick(reasonTexts[lang][angle])
      .replace('{topic}', topicLabels[topic][lang].toLowerCase())
      .replace('{company}', nameIn(b, lang))
      .replace('..', '.');
  }

  /** Zipf-like popularity: firms in a random order, the k-th weighing 1/k^0.8. */
  function popularity(firms: readonly Company[]): Map<string, number> {
    const order = firms.map(idOf);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return new Map(order.map((id, rank) => [id, 1 / (rank + 1) ** 0.8]));
  }

  const tablesOf = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `T${i + 1}` }));
  const sessionSlots = (event: EventCreate) =>
    event.days.flatMap((day) =>
      day.sessions.map((session) =>
        slotsOf({ ...event, days: [{ date: day.date, sessions: [session] }] }).map((s) => s.id),
      ),
    );

  // --- the past event: Moscow, eleven weeks back (the same weekday as "today")
  const pastDay = today - 77 * DAY_MS;
  const pastTz = 'Europe/Moscow';
  const pastDate = dateOf(pastDay);
  const midnightBefore = (days: number, zone: string, dayMs: number) =>
    zonedToUtc(dateOf(dayMs - days * DAY_MS), '00:00', zone).toISOString();
  const pastEvent: EventCreate = {
    name: {
      ru: 'B2B-встречи Россия–Вьетнам',
      vi: 'Gặp gỡ B2B Nga–Việt',
      en: 'Russia–Vietnam B2B meetings',
    },
    city: { ru: 'Москва', vi: 'Mát-xcơ-va', en: 'Moscow' },
    online: false,
    timeZone: pastTz,
    days: [
      {
        date: pastDate,
        sessions: [
          { start: '10:00', end: '12:30' },
          { start: '14:00', end: '16:30' },
        ],
      },
    ],
    slotMinutes: 20,
    gapMinutes: 5,
    tables: tablesOf(20),
    spareTables: 3,
    registrationDeadline: midnightBefore(20, pastTz, pastDay),
    requestDeadline: midnightBefore(10, pastTz, pastDay),
    interpreters: [],
  };
  const pastSessions = sessionSlots(pastEvent);
  pastEvent.interpreters = [
    { id: 'I1', name: 'Нгуен Тхи Хыонг (Nguyễn Thị Hương)', pairs: [['ru', 'vi']] },
    {
      id: 'I2',
      name: 'Ольга Лебедева',
      pairs: [
        ['ru', 'vi'],
        ['ru', 'en'],
      ],
    },
    { id: 'I3', name: 'Trần Văn Minh', pairs: [['vi', 'ru']], slots: pastSessions.at(-1)! },
  ];
  const pastBy = rng.pick(demoStaff);
  const pastCreated = officeHours(pastDay, -60);

  // About twenty members from Russia, those aiming at Vietnam first; about twenty Vietnamese firms,
  // mostly partners (there are four times as many Vietnamese members).
  const pickFirms = (pool: Company[], weight: (c: Company) => number) =>
    pool.length > 0
      ? new Weighted(pool.map((c) => [c, weight(c)] as const)).pickDistinct(
          rng,
          Math.min(pastFirmsPerSide, pool.length),
        )
      : [];
  const ruFirms = pickFirms(russian, (c) =>
    c.kind === 'member' && c.member.targetMarkets.includes('VN') ? 3 : 1,
  );
  const vnFirms = pickFirms(vietnamese, (c) => (c.kind === 'partner' ? 6 : 1));

  const past = planEvent({
    key: 'past',
    event: pastEvent,
    by: pastBy,
    createdAt: pastCreated,
    sides: [ruFirms, vnFirms],
    registrations: [pastCreated + 2 * DAY_MS, Date.parse(pastEvent.registrationDeadline) - DAY_MS],
    requestWindow: [pastCreated + 14 * DAY_MS, Date.parse(pastEvent.requestDeadline) - 2 * DAY_MS],
    answerBefore: Date.parse(pastEvent.requestDeadline) - 2 * 3600_000,
    requestsPerFirm: (side) => (side === 0 ? rng.int(2, 5) : rng.int(1, 3)),
    twoDelegates: 0.35,
    answers: { decline: 0.1, pending: 0.04 },
  });
  past.publishedAt = iso(officeHours(pastDay, -8));
  // Marked held after the last session; the sides report that evening and over the next week.
  past.heldAt = zonedToUtc(pastDate, '17:30', pastTz).toISOString();
  const heldMs = Date.parse(past.heldAt);
  past.closedAt = iso(officeHours(pastDay, 21));
  past.outcomes = [];
  past.agreements = [];
  const companies = new Map([...ruFirms, ...vnFirms].map((c) => [idOf(c), c]));
  for (const request of past.requests) {
    if (request.answer?.status !== 'accepted') continue;
    const meetingId = pairId(request.from, request.input.to);
    const [a, b] = [companies.get(request.from)!, companies.get(request.input.to)!];
    const russianSide = countryOf(a) === 'RU' ? a : b;
    const otherSide = russianSide === a ? b : a;
    const langOf = (c: Company): Language => (countryOf(c) === 'RU' ? 'ru' : rng.chance(0.5) ? 'vi' : 'en');
    const by = () => rng.pick(demoStaff);
    const roll = rng.unit();
    // Some meetings nobody reports on.
    if (roll < 0.08) continue;
    const first = rng.chance(0.7) ? russianSide : otherSide;
    const firstAt = between(heldMs + 15 * MINUTE_MS, heldMs + 6 * DAY_MS);
    if (roll < 0.18) {
      const lang = langOf(first);
      past.outcomes.push({
        meetingId,
        input: {
          side: idOf(first),
          happened: false,
          ...(rng.chance(0.6) ? { note: rng.pick(noShowNotes[lang]) } : {}),
        },
        at: iso(firstAt),
        by: by(),
      });
      continue;
    }
    const said = outcomes.pick(rng);
    const report = (side: Company, outcome: typeof said, at: number) => {
      const lang = langOf(side);
      past.outcomes.push({
        meetingId,
        input: {
          side: idOf(side),
          happened: true,
          outcome,
          ...(rng.chance(0.45) ? { note: rng.pick(outcomeNotes[lang][outcome]) } : {}),
        },
        at: iso(at),
        by: by(),
      });
    };
    report(first, said, firstAt);
    if (rng.chance(0.35)) {
      const second = first === russianSide ? otherSide : russianSide;
      report(
        second,
        rng.chance(0.6) ? said : outcomes.pick(rng),
        between(firstAt + MINUTE_MS, firstAt + 3 * DAY_MS),
      );
    }
    // Months on, the association asks the Russian side of a few promising meetings: an agreement?
    if (said !== 'no-interest' && rng.chance(0.2)) {
      const reached = rng.chance(said === 'deal-likely' ? 0.65 : 0.35);
      const notes = agreementNotes[reached ? 'yes' : 'no'];
      past.agreements.push({
        meetingId,
        input: {
          side: idOf(russianSide),
          happened: true,
          agreement: reached,
          ...(rng.chance(0.7) ? { note: rng.pick(notes) } : {}),
        },
        at: iso(between(pastDay + 60 * DAY_MS, today - DAY_MS + 15 * 3600_000)),
        by: by(),
      });
    }
  }
  const byTime = (x: { at: string }, y: { at: string }) => x.at.localeCompare(y.at);
  past.outcomes.sort(byTime);
  past.agreements.sort(byTime);

  // --- the open event: Ho Chi Minh City, two days, far enough ahead of the seed's fixed "today" (which
  // keeps the seed cache stable) that it still takes registrations and requests when someone runs the
  // demo months later on the real clock.
  const openDay = today + 600 * DAY_MS;
  const openTz = 'Asia/Ho_Chi_Minh';
  const openEvent: EventCreate = {
    name: {
      ru: 'Вьетнамско-российский деловой форум, Хошимин',
      vi: 'Diễn đàn doanh nghiệp Việt Nam – Nga, TP. Hồ Chí Minh',
      en: 'Vietnam–Russia business forum, Ho Chi Minh City',
    },
    city: { ru: 'Хошимин', vi: 'Thành phố Hồ Chí Minh', en: 'Ho Chi Minh City' },
    online: false,
    timeZone: openTz,
    days: [0, 1].map((d) => ({
      date: dateOf(openDay + d * DAY_MS),
      sessions: [
        { start: '09:00', end: '11:30' },
        { start: '13:30', end: '16:00' },
      ],
    })),
    slotMinutes: 20,
    gapMinutes: 5,
    tables: tablesOf(24),
    spareTables: 3,
    registrationDeadline: midnightBefore(14, openTz, openDay),
    requestDeadline: midnightBefore(7, openTz, openDay),
    interpreters: [
      { id: 'I1', name: 'Phạm Thu Trang', pairs: [['ru', 'vi']] },
      { id: 'I2', name: 'Дмитрий Соколов', pairs: [['ru', 'vi']] },
    ],
  };
  const openCreated = officeHours(today, -40);
  // Half of its firms were in Moscow too.
  const returning = (firms: Company[], pool: Company[], count: number) => {
    const again = new Weighted(firms.map((c) => [c, 1] as const)).pickDistinct(
      rng,
      Math.min(Math.ceil(count / 2), firms.length),
    );
    const fresh = pool.filter((c) => !firms.includes(c));
    const rest =
      fresh.length > 0
        ? new Weighted(fresh.map((c) => [c, 1] as const)).pickDistinct(rng, count - again.length)
        : [];
    return [...again, ...rest];
  };
  const openRu = ruFirms.length > 0 ? returning(ruFirms, russian, openFirms.ru) : [];
  const openVn = vnFirms.length > 0 ? returning(vnFirms, vietnamese, openFirms.vn) : [];
  const open = planEvent({
    key: 'open',
    event: openEvent,
    by: rng.pick(demoStaff),
    createdAt: openCreated,
    sides: [openRu, openVn],
    registrations: [openCreated + DAY_MS, today - 2 * DAY_MS],
    requestWindow: [today - 20 * DAY_MS, today - 2 * 3600_000],
    answerBefore: nowMs - 3600_000,
    requestsPerFirm: undefined,
    twoDelegates: 0.25,
    answers: { decline: 0.1, pending: 0.4 },
  });
  return [past, open];

  function planEvent(spec: {
    key: DemoEventKey;
    event: EventCreate;
    by: string;
    createdAt: number;
    sides: [Company[], Company[]];
    registrations: [number, number];
    requestWindow: [number, number];
    answerBefore: number;
    /** Requests each firm sends; undefined: `openRequests` in all, from firms drawn by popularity. */
    requestsPerFirm: ((side: 0 | 1) => number) | undefined;
    twoDelegates: number;
    answers: { decline: number; pending: number };
  }): DemoEventPlan {
    const sessions = sessionSlots(spec.event);
    const openedAt = spec.createdAt + rng.int(20, 90) * MINUTE_MS;
    const firms = [...spec.sides[0], ...spec.sides[1]];
    const participants = firms
      .map((c) => ({ c, at: between(spec.registrations[0], spec.registrations[1]) }))
      .sort((x, y) => x.at - y.at)
      .map(({ c, at }) => participant(c, at, sessions, spec.twoDelegates));
    const byCompany = new Map(participants.map((p) => [p.company.id, p]));
    const popular = popularity(firms);
    const weightOf = (c: Company) => popular.get(idOf(c)) ?? 0;
    const paired = new Set<string>();
    const requests: DemoRequest[] = [];
    const request = (from: Company, to: Company) => {
      paired.add(pairId(idOf(from), idOf(to)));
      const registeredBy = Math.max(
        Date.parse(byCompany.get(idOf(from))!.at),
        Date.parse(byCompany.get(idOf(to))!.at),
      );
      const about = topicOf(from, to);
      if (!about) return;
      const { topic, angle } = about;
      const at = between(Math.max(spec.requestWindow[0], registeredBy + 3600_000), spec.requestWindow[1]);
      const lang = languageOf(from, byCompany.get(idOf(from))!);
      requests.push({
        from: idOf(from),
        input: {
          to: idOf(to),
          priority: rng.chance(0.3) ? 'must' : 'nice',
          topic,
          reason: reason(to, lang, topic, angle),
        },
        at: iso(at),
        by: spec.by,
      });
    };
    const others = (side: 0 | 1) => spec.sides[side === 0 ? 1 : 0];
    const unpaired = (from: Company, pool: Company[]) =>
      pool.filter((c) => !paired.has(pairId(idOf(from), idOf(c))));
    /** A firm of `pool` by popularity, twice as likely where the two have a topic in common. */
    const target = (from: Company, pool: Company[]) => {
      const weights = pool.map((c) => {
        const matched =
          needsOf(from).some((t) => offersOf(c).includes(t)) ||
          offersOf(from).some((t) => needsOf(c).includes(t));
        return [c, weightOf(c) * (matched ? 2 : 1)] as const;
      });
      return weights.length > 0 ? new Weighted(weights).pick(rng) : undefined;
    };
    if (spec.requestsPerFirm) {
      for (const side of [0, 1] as const) {
        for (const from of spec.sides[side]) {
          const wanted = spec.requestsPerFirm(side);
          for (let n = 0; n < wanted; n++) {
            const to = target(from, unpaired(from, others(side)));
            if (!to) break;
            request(from, to);
          }
        }
      }
    } else {
      const senders = new Weighted(firms.map((c) => [c, weightOf(c)] as const));
      for (let attempt = 0; requests.length < openRequests && attempt < openRequests * 10; attempt++) {
        const from = senders.pick(rng);
        const side = spec.sides[0].includes(from) ? 0 : 1;
        const to = target(from, unpaired(from, others(side)));
        if (to) request(from, to);
      }
    }
    requests.sort((x, y) => x.at.localeCompare(y.at) || x.from.localeCompare(y.from));
    // Answers: mostly accepted; a firm already asked often declines more.
    const accepted = new Map<string, number>();
    for (const r of requests) {
      const sent = Date.parse(r.at);
      if (rng.chance(spec.answers.pending) || sent + 3600_000 >= spec.answerBefore) continue;
      const load = accepted.get(r.input.to) ?? 0;
      const decline = load >= 9 ? 0.5 : spec.answers.decline + (r.input.priority === 'nice' ? 0.03 : 0);
      const status = rng.chance(decline) ? 'declined' : 'accepted';
      if (status === 'accepted') accepted.set(r.input.to, load + 1);
      r.answer = {
        status,
        at: iso(between(sent + 3600_000, Math.min(sent + 5 * DAY_MS, spec.answerBefore))),
        by: rng.chance(0.8) ? 'self' : 'staff',
      };
    }
    return {
      key: spec.key,
      event: spec.event,
      by: spec.by,
      createdAt: iso(spec.createdAt),
      openedAt: iso(openedAt),
      participants,
      requests,
      outcomes: [],
      agreements: [],
    };
  }
}
