/**
 * The demo's partnership leads: about one per ten members, between demo members and demo partners (or
 * a second member), each at its final stage with the whole timeline that led there. Pure: the leads
 * are a function of the companies and campaigns given, the seed and the id generator.
 */
import { base, en, Faker } from '@faker-js/faker';
import { firstRateDay, type RateTable } from '../../../shared/domain/exchange-rates.ts';
import type { Member } from '../../../shared/domain/member-schema.ts';
import { type Currency, currencyMinorDigits } from '../../../shared/domain/money.ts';
import type { Partner } from '../../../shared/domain/partner-schema.ts';
import { topicLabels } from '../../../shared/domain/topic-labels.ts';
import type { Topic } from '../../../shared/domain/topics.ts';
import type { Counterpart, Lead, LeadSource, TimelineEntry } from '../../../shared/leads/lead-schema.ts';
import { isOpen, type LeadStage } from '../../../shared/leads/lead-stages.ts';
import { type MatchCard, memberCard, partnerCard } from '../../../shared/matching/match-card.ts';
import { scoreMatch } from '../../../shared/matching/match-score.ts';
import { Rng, Weighted } from './demo-random.ts';

/** The association's staff users who work the demo leads (their token `sub`s). */
export const demoStaff = ['seed-staff-anna', 'seed-staff-dmitry', 'seed-staff-linh'] as const;

/** The names the console's roster knows the demo staff by, as if each had signed in. */
export const demoStaffNames: Record<(typeof demoStaff)[number], string> = {
  'seed-staff-anna': 'Анна Смирнова',
  'seed-staff-dmitry': 'Дмитрий Волков',
  'seed-staff-linh': 'Nguyễn Thùy Linh',
};

/** A sent demo campaign and the member contacts it reached. */
export interface DemoCampaignReach {
  id: string;
  sentAt: string;
  targetMarkets: readonly string[];
  /** Member contacts the campaign was delivered to. */
  recipients: readonly { memberId: string; contactId: string }[];
}

export interface DemoLeadOptions {
  seed: number;
  /** How many leads to make; fewer if the companies give no more distinct pairs. */
  count: number;
  /** The demo's "today": every timeline entry falls in the year before it. */
  now: Date;
  members: readonly Member[];
  partners: readonly Partner[];
  campaigns: readonly DemoCampaignReach[];
  /**
   * The rate table in force: a value is in a currency it has a rate for on the demo's "today" (a lead
   * takes no currency without one), and a won one also on its won date (the report converts it then);
   * else in the table's base currency.
   */
  rates: RateTable;
  /** Ids in the order drawn: a lead's own, then its entries oldest first (so they sort in time order). */
  newId: () => string;
}

export interface DemoLead {
  lead: Lead;
  /** Its timeline, oldest first: `created`, the transitions and the activities. */
  entries: TimelineEntry[];
}

/** The share of each stage among the demo leads, in percent. */
export const demoStageShares: readonly (readonly [LeadStage, number])[] = [
  ['new', 25],
  ['contacted', 20],
  ['meeting', 15],
  ['negotiating', 12],
  ['won', 13],
  ['lost', 15],
];

const DAY_MS = 24 * 3600 * 1000;

type Company = { kind: 'partner'; partner: Partner } | { kind: 'member'; member: Member };
type ActivityType = 'call' | 'meeting' | 'email' | 'note';
type Lang = 'ru' | 'en';

interface Draft {
  member: Member;
  other: Company;
  topic: Topic;
  source: LeadSource;
  /** Member contacts the lead must name (the one a campaign reached). */
  memberContacts: string[];
  /** At most how many days before `now` the lead may have been created: after its campaign went out. */
  maxDays: number;
}

/** Stage counts for `count` leads in the shares above, by largest remainder, so they add up exactly. */
export function stageQuotas(count: number): Record<LeadStage, number> {
  const total = demoStageShares.reduce((sum, [, share]) => sum + share, 0);
  const exact = demoStageShares.map(([stage, share]) => ({ stage, value: (count * share) / total }));
  const quotas = Object.fromEntries(exact.map(({ stage, value }) => [stage, Math.floor(value)])) as Record<
    LeadStage,
    number
  >;
  let left = count - Object.values(quotas).reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map(({ stage, value }, order) => ({ stage, remainder: value - Math.floor(value), order }))
    .sort((a, b) => b.remainder - a.remainder || a.order - b.order);
  for (const { stage } of byRemainder) {
    if (left-- <= 0) break;
    quotas[stage]++;
  }
  return quotas;
}

const sourceTypes = new Weighted<LeadSource['type']>([
  ['match', 48],
  ['referral', 20],
  ['inbound', 14],
  ['campaign', 18],
]);

/** From which open stage a lost lead was lost. */
const lostFrom = new Weighted<LeadStage>([
  ['new', 25],
  ['contacted', 35],
  ['meeting', 25],
  ['negotiating', 15],
]);

const contactCounts = new Weighted([
  [0, 20],
  [1, 55],
  [2, 25],
] as const);

/** Approximate units of each currency per US dollar, for deal sizes that look right in each. */
const perDollar: Record<Currency, number> = {
  USD: 1,
  RUB: 90,
  VND: 25_000,
  EUR: 0.92,
  CNY: 7.2,
  THB: 35,
  IDR: 16_000,
  MYR: 4.5,
  PHP: 57,
  SGD: 1.35,
};

const countryCurrency: Record<string, Currency> = {
  RU: 'RUB',
  VN: 'VND',
  TH: 'THB',
  ID: 'IDR',
  MY: 'MYR',
  PH: 'PHP',
  SG: 'SGD',
  CN: 'CNY',
};

const referrers: Record<string, string[]> = {
  VN: [
    'Торгпредство России во Вьетнаме',
    'Trade Office of Vietnam in the Russian Federation',
    'VCCI, Ho Chi Minh City branch',
    'Российско-вьетнамский деловой совет',
  ],
  TH: ['Торгпредство России в Таиланде', 'Thai Trade Center, Moscow'],
  ID: ['Indonesian Trade Promotion Center, Moscow', 'Торгпредство России в Индонезии'],
  MY: ['MATRADE, Malaysia External Trade Development Corporation'],
  SG: ['Enterprise Singapore'],
  PH: ['Philippine Trade and Investment Center'],
  any: [
    'Торгово-промышленная палата Приморского края',
    'Новосибирская областная ТПП',
    'Российский экспортный центр',
    'Уральская ТПП',
    'A member of the association',
    'ASEAN–Russia business council',
  ],
};

const inboundChannels = [
  'Website form',
  'Email to b2b@bridge-crm.localhost',
  'Phone call to the secretariat',
  'Stand at Innoprom 2025, Yekaterinburg',
  'Telegram channel of the association',
  'Stand at Vietnam Expo 2025, Hanoi',
];

const activityTexts: Record<ActivityType, Record<Lang, string[]>> = {
  call: {
    ru: [
      'Созвонились с {company}: интерес к теме «{topic}» подтверждён.',
      'Звонок с {company}: обсудили объёмы и сроки поставки.',
      'Позвонили в {company}, попросили прислать презентацию.',
      'Короткий звонок: {company} ждёт коммерческое предложение.',
    ],
    en: [
      'Call with {company}: interest in {topic} confirmed.',
      'Called {company} to discuss volumes and delivery terms.',
      'Short call: {company} asked for a presentation.',
      'Call: {company} is waiting for the commercial offer.',
    ],
  },
  email: {
    ru: [
      'Отправили {company} презентацию члена ассоциации и прайс-лист.',
      'Письмо от {company}: просят техническое описание и сертификаты.',
      'Направили {company} приглашение на B2B-встречи в Ханое.',
      'Переслали {company} проект меморандума о сотрудничестве.',
    ],
    en: [
      "Sent {company} the member's presentation and price list.",
      'Email from {company} asking for specifications and certificates.',
      'Invited {company} to the B2B meetings in Hanoi.',
      'Forwarded the draft memorandum of cooperation to {company}.',
    ],
  },
  meeting: {
    ru: [
      'Встреча с {company} по видеосвязи: согласовали следующий шаг.',
      'Встреча на B2B-сессии в Ханое, обсудили пилотную поставку.',
      'Делегация {company} посетила производство члена ассоциации.',
    ],
    en: [
      'Video meeting with {company}: agreed the next step.',
      'Met {company} at the B2B session in Hanoi; discussed a pilot delivery.',
      "A delegation of {company} visited the member's plant.",
    ],
  },
  note: {
    ru: [
      'Партнёр отвечает медленно, напомнить через неделю.',
      'Нужен перевод документов на английский и вьетнамский.',
      'Член ассоциации просит помочь с условиями оплаты.',
      'Решение принимает заместитель директора партнёра.',
    ],
    en: [
      'The partner is slow to reply; follow up in a week.',
      'Documents need translating into English and Vietnamese.',
      'The member asks for help with payment terms.',
      "The partner's deputy director makes the decision.",
    ],
  },
};

/** Which activities fit the stage a lead was in at the time. */
const activitiesAt: Record<LeadStage, Weighted<ActivityType>> = {
  new: new Weighted<ActivityType>([
    ['email', 3],
    ['call', 2],
    ['note', 2],
  ]),
  contacted: new Weighted<ActivityType>([
    ['call', 3],
    ['email', 3],
    ['note', 1],
  ]),
  meeting: new Weighted<ActivityType>([
    ['meeting', 4],
    ['call', 2],
    ['email', 2],
    ['note', 1],
  ]),
  negotiating: new Weighted<ActivityType>([
    ['email', 3],
    ['call', 2],
    ['meeting', 2],
    ['note', 2],
  ]),
  won: new Weighted<ActivityType>([['note', 1]]),
  lost: new Weighted<ActivityType>([['note', 1]]),
};

const transitionNotes: Partial<Record<LeadStage, Record<Lang, string[]>>> = {
  contacted: { ru: ['Первый контакт установлен.'], en: ['First contact made.'] },
  meeting: { ru: ['Встреча назначена.'], en: ['Meeting arranged.'] },
  negotiating: { ru: ['Обсуждаем условия контракта.'], en: ['Discussing contract terms.'] },
  won: { ru: ['Контракт подписан.'], en: ['Contract signed.'] },
};

const lostReasons: Record<Lang, string[]> = {
  ru: [
    'Партнёр выбрал другого поставщика',
    'Цена выше бюджета партнёра',
    'Партнёр перестал отвечать',
    'Проект отложен до 2027 года',
    'Не удалось согласовать условия оплаты',
    'Нет сертификата соответствия для рынка партнёра',
  ],
  en: [
    'The partner chose another supplier',
    "Price above the partner's budget",
    'The partner stopped replying',
    'Project postponed to 2027',
    'Could not agree on payment terms',
    "No certificate for the partner's market",
  ],
};

const nextActions: Partial<Record<LeadStage, Record<Lang, string[]>>> = {
  new: {
    ru: ['Связаться с {company} и представить члена ассоциации', 'Уточнить у члена ассоциации объёмы'],
    en: ['Introduce the member to {company}', 'Ask the member for volumes and prices'],
  },
  contacted: {
    ru: ['Договориться о встрече с {company}', 'Отправить {company} презентацию'],
    en: ['Arrange a meeting with {company}', 'Send {company} the presentation'],
  },
  meeting: {
    ru: ['Подготовить коммерческое предложение', 'Разослать протокол встречи'],
    en: ['Prepare the commercial offer', 'Send the minutes of the meeting'],
  },
  negotiating: {
    ru: ['Согласовать проект контракта', 'Уточнить условия оплаты и поставки'],
    en: ['Agree the draft contract', 'Settle payment and delivery terms'],
  },
};

const leadNotes: Record<Lang, string[]> = {
  ru: [
    'Член ассоциации готов к пилотной поставке.',
    'Партнёру нужен менеджер, говорящий по-английски.',
    'Ждём решения совета директоров партнёра.',
    'Возможна поддержка Российского экспортного центра.',
  ],
  en: [
    'The member is ready for a pilot delivery.',
    'The partner wants an English-speaking manager on the member side.',
    "Waiting for the partner's board to decide.",
    'The Russian Export Center may support the deal.',
  ],
};

const otherId = (company: Company) => (company.kind === 'partner' ? company.partner.id : company.member.id);
const cardOf = (company: Company): MatchCard =>
  company.kind === 'partner' ? partnerCard(company.partner) : memberCard(company.member);
const liveContacts = (company: Company) =>
  (company.kind === 'partner' ? company.partner.contacts : company.member.contacts).filter(
    (c) => !c.erasedAt,
  );

/** The topics a match holds on: what one offers and the other seeks (the match source's rule). */
function matchTopics(match: ReturnType<typeof scoreMatch>): Topic[] {
  return (match?.reasons ?? []).flatMap((r) =>
    r.type === 'they-seek-what-you-offer' || r.type === 'they-offer-what-you-seek' ? [r.topic] : [],
  );
}

function counterpartOf(company: Company): Counterpart {
  if (company.kind === 'partner') {
    const { id, name, latinName, country } = company.partner;
    return { kind: 'partner', id, name, latinName, country };
  }
  const { id, name, country } = company.member;
  return { kind: 'member', id, name, country };
}

/** The guard's key: the two companies in id order and the topic. */
const pairKey = (a: string, b: string, topic: string) => `${[a, b].sort().join('#')}#${topic}`;

export function generateDemoLeads(options: DemoLeadOptions): DemoLead[] {
  const { count, now } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isFinite(now.getTime())) throw new RangeError('now must be a valid date');

  const faker = new Faker({ locale: [en, base] });
  // Stream 20: apart from the members' and partners' streams.
  faker.seed([options.seed, 20]);
  const rng = new Rng(faker);

  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  const members = options.members.filter((m) => m.status === 'active' && !m.erasedAt).sort(byId);
  const memberById = new Map(members.map((m) => [m.id, m]));
  const partners = options.partners.filter((p) => !p.joinedAs && !p.erasedAt).sort(byId);
  // Members with something to offer or seek: only they can be matched.
  const engaged = members.filter((m) => m.offers.length + m.needs.length > 0);
  if (engaged.length === 0 || partners.length === 0) return [];
  const campaigns = options.campaigns
    .map((c) => ({ ...c, recipients: c.recipients.filter((r) => memberById.has(r.memberId)) }))
    .filter((c) => c.recipients.length > 0);

  /** The best-matching companies for the member among `candidates`, one picked from the top few. */
  function pickMatch(member: Member, candidates: readonly Company[]) {
    const card = memberCard(member);
    const scored = candidates.flatMap((company) => {
      if (otherId(company) === member.id) return [];
      const match = scoreMatch(card, cardOf(company));
      const topics = matchTopics(match);
      return match && topics.length > 0 ? [{ company, score: match.score, topics }] : [];
    });
    if (scored.length === 0) return undefined;
    scored.sort((a, b) => b.score - a.score || otherId(a.company).localeCompare(otherId(b.company)));
    const top = scored.slice(0, 8);
    const chosen = new Weighted(top.map((s) => [s, s.score] as const)).pick(rng);
    return { company: chosen.company, topic: rng.pick(chosen.topics) };
  }

  /** A topic of the member's for a pair that does not match: what it offers, else its sector. */
  const ownTopic = (member: Member): Topic =>
    rng.pick(member.offers.length > 0 ? member.offers.map((o) => o.topic) : member.sectors);

  const partnerCompanies: Company[] = partners.map((partner) => ({ kind: 'partner', partner }));
  const memberCompanies: Company[] = members.map((member) => ({ kind: 'member', member }));

  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  /** Whole days from `at` to the start of `now`'s day: a lead created that many days back is not earlier. */
  const daysSince = (at: string) => Math.floor((today - new Date(at).getTime()) / DAY_MS);
  const todayDay = now.toISOString().slice(0, 10);
  /** Whether the rate table converts `currency` on each of `days`. */
  const convertible = (currency: Currency, days: readonly string[]) => {
    const from = firstRateDay(options.rates, currency);
    return from !== undefined && days.every((day) => from <= day);
  };

  /** The longest a demo lead has been open: within the year before `now`. */
  const longest = 360;

  /** A pair and topic for a lead whose timeline spans at least `days` days before today. */
  function draw(days: number): Draft | undefined {
    const type = sourceTypes.pick(rng);
    // Without a campaign that reached a member early enough for the lead's moves since, its share
    // goes to referrals.
    const sentBefore = campaigns.filter((c) => daysSince(c.sentAt) >= days);
    if (type === 'campaign' && sentBefore.length > 0) {
      const campaign = rng.pick(sentBefore);
      const reached = rng.pick(campaign.recipients);
      const member = memberById.get(reached.memberId)!;
      const inMarket = partnerCompanies.filter(
        (c) => c.kind === 'partner' && campaign.targetMarkets.includes(c.partner.country),
      );
      const pool = inMarket.length > 0 ? inMarket : partnerCompanies;
      const match = pickMatch(member, pool);
      const other = match?.company ?? rng.pick(pool);
      return {
        member,
        other,
        topic: match?.topic ?? ownTopic(member),
        source: { type: 'campaign', campaignId: campaign.id },
        memberContacts: [reached.contactId],
        maxDays: Math.min(longest, daysSince(campaign.sentAt)),
      };
    }
    const member = rng.pick(engaged);
    // A second member on the other side now and then: from another country where there is one.
    const withMember = rng.chance(0.1);
    let pool = partnerCompanies;
    if (withMember) {
      const abroad = memberCompanies.filter(
        (c) => c.kind === 'member' && c.member.country !== member.country && c.member.id !== member.id,
      );
      pool = abroad.length > 0 ? abroad : memberCompanies;
    }
    const match = type === 'match' || rng.chance(0.8) ? pickMatch(member, pool) : undefined;
    if (type === 'match') {
      if (!match) return undefined;
      const source: LeadSource = {
        type: 'match',
        companies: [member.id, otherId(match.company)],
        topic: match.topic,
      };
      return {
        member,
        other: match.company,
        topic: match.topic,
        source,
        memberContacts: [],
        maxDays: longest,
      };
    }
    const others = pool.filter((c) => otherId(c) !== member.id);
    if (!match && others.length === 0) return undefined;
    const other = match?.company ?? rng.pick(others);
    const country = counterpartOf(other).country;
    const source: LeadSource =
      type !== 'inbound'
        ? { type: 'referral', by: rng.pick([...(referrers[country] ?? []), ...(referrers.any ?? [])]) }
        : { type: 'inbound', channel: rng.pick(inboundChannels) };
    return {
      member,
      other,
      topic: match?.topic ?? ownTopic(member),
      source,
      memberContacts: [],
      maxDays: longest,
    };
  }

  const quotas = stageQuotas(count);
  const stages = demoStageShares.flatMap(([stage]) => Array<LeadStage>(quotas[stage]).fill(stage));
  for (let i = stages.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [stages[i], stages[j]] = [stages[j]!, stages[i]!];
  }

  const taken = new Set<string>();
  const leads: DemoLead[] = [];
  for (const stage of stages) {
    const moves = movesTo(stage);
    // The creation and each move on a day of its own, the last at least a day before today.
    const days = moves.length + 1;
    for (let attempt = 0; attempt < 20; attempt++) {
      const draft = draw(days);
      if (!draft) continue;
      // Not before the member joined.
      const maxDays = Math.min(draft.maxDays, daysSince(draft.member.joinedOn));
      const key = pairKey(draft.member.id, otherId(draft.other), draft.topic);
      if (maxDays < days || taken.has(key)) continue;
      taken.add(key);
      leads.push(build(draft, stage, moves, maxDays));
      break;
    }
  }
  return leads;

  function contactsFrom(company: Company, required: readonly string[]): string[] {
    const live = liveContacts(company).map((c) => c.id);
    const chosen = required.filter((id) => live.includes(id));
    const wanted = Math.max(chosen.length, contactCounts.pick(rng));
    for (const id of live) {
      if (chosen.length >= wanted) break;
      if (!chosen.includes(id)) chosen.push(id);
    }
    return chosen;
  }

  function dealValue(
    counterpart: Counterpart,
    wonAt: string | undefined,
  ): { amount: number; currency: Currency } {
    const local = countryCurrency[counterpart.country] ?? 'USD';
    const wanted: Currency = local !== 'RUB' && rng.chance(0.3) ? 'USD' : local;
    const days = [todayDay, ...(wonAt ? [wonAt.slice(0, 10)] : [])];
    const currency = convertible(wanted, days) ? wanted : (options.rates.base as Currency);
    // 15 thousand to 2.5 million dollars, evenly on a log scale, to two significant digits.
    const dollars = Math.exp(Math.log(15_000) + rng.unit() * Math.log(2_500_000 / 15_000));
    const major = dollars * perDollar[currency];
    const step = 10 ** Math.max(0, Math.floor(Math.log10(major)) - 1);
    return { amount: Math.round(major / step) * step * 10 ** currencyMinorDigits[currency], currency };
  }

  /** The moves that lead to `stage`: a lost lead lost from some open stage, now and then a reopened one. */
  function movesTo(stage: LeadStage): LeadStage[] {
    if (stage === 'lost') return [...pathTo(lostFrom.pick(rng)), 'lost'];
    if (stage === 'contacted' && rng.chance(0.15)) return ['contacted', 'lost', 'contacted'];
    return pathTo(stage);
  }

  function build(draft: Draft, stage: LeadStage, moves: LeadStage[], maxDays: number): DemoLead {
    const { member, other } = draft;
    const counterpart = counterpartOf(other);
    const lang: Lang = member.country === 'RU' ? 'ru' : 'en';
    const company = counterpart.latinName ?? counterpart.name;
    const fill = (template: string) =>
      template.replace('{company}', company).replace('{topic}', topicLabels[draft.topic][lang].toLowerCase());

    // How many days each move took, and how long ago the last was.
    const gaps = moves.map((to, i) => {
      if (to === 'contacted') return i === 0 ? rng.int(1, 14) : rng.int(20, 90);
      if (to === 'meeting') return rng.int(7, 45);
      if (to === 'negotiating') return rng.int(10, 60);
      if (to === 'won') return rng.int(14, 90);
      return rng.int(7, 60);
    });
    let tail = isOpen(stage) ? rng.int(1, stage === 'new' ? 40 : 50) : rng.int(1, 150);
    const span = gaps.reduce((a, b) => a + b, 0) + tail;
    if (span > maxDays) {
      // Squeezed into the days there are: shorter steps, each at least a day (maxDays allows that).
      const factor = maxDays / span;
      for (let i = 0; i < gaps.length; i++) gaps[i] = Math.max(1, Math.floor(gaps[i]! * factor));
      tail = Math.max(1, Math.floor(tail * factor));
      while (gaps.reduce((a, b) => a + b, 0) + tail > maxDays) {
        const longestGap = gaps.length > 0 ? gaps.indexOf(Math.max(...gaps)) : -1;
        if (longestGap >= 0 && gaps[longestGap]! > 1) gaps[longestGap]! -= 1;
        else tail -= 1;
      }
    }
    // Days before `now` of the creation and of each move.
    const createdDay = gaps.reduce((a, b) => a + b, 0) + tail;
    const moveDays: number[] = [];
    let day = createdDay;
    for (const gap of gaps) {
      day -= gap;
      moveDays.push(day);
    }
    const busyDays = new Set([createdDay, ...moveDays]);
    // Activities on days of their own, after the creation and, for a closed lead, before it closed.
    const lastDay = isOpen(stage) ? 1 : (moveDays.at(-1) ?? createdDay) + 1;
    const activityDays: number[] = [];
    const activityCount = rng.int(0, 3);
    for (
      let attempt = 0;
      createdDay > lastDay && activityDays.length < activityCount && attempt < 10;
      attempt++
    ) {
      const candidate = rng.int(lastDay, createdDay - 1);
      if (busyDays.has(candidate)) continue;
      busyDays.add(candidate);
      activityDays.push(candidate);
    }
    // Office hours in Moscow and Hanoi (02:00–13:00 UTC) of a day at least one day before `now`.
    const at = (daysBefore: number) =>
      new Date(today - daysBefore * DAY_MS + rng.int(2 * 60, 13 * 60 - 1) * 60_000).toISOString();

    const owner = rng.chance(stage === 'new' ? 0.5 : 0.25) ? null : rng.pick(demoStaff);
    const by = () => ({ sub: owner ?? rng.pick(demoStaff), role: 'staff' as const });

    type Event =
      | { day: number; kind: 'created' }
      | { day: number; kind: 'move'; from: LeadStage; to: LeadStage }
      | { day: number; kind: 'activity' };
    const events: Event[] = [
      { day: createdDay, kind: 'created' as const },
      ...moves.map(
        (to, i): Event => ({ day: moveDays[i]!, kind: 'move', from: i === 0 ? 'new' : moves[i - 1]!, to }),
      ),
      ...activityDays.map((d): Event => ({ day: d, kind: 'activity' })),
    ].sort((a, b) => b.day - a.day);

    const id = options.newId();
    const entries: TimelineEntry[] = [];
    let current: LeadStage = 'new';
    let lostReason: string | undefined;
    for (const event of events) {
      const when = at(event.day);
      if (event.kind === 'created') {
        entries.push({ id: options.newId(), type: 'created', at: when, by: by(), shared: true });
      } else if (event.kind === 'move') {
        const reason = event.to === 'lost' ? rng.pick(lostReasons[lang]) : undefined;
        const notes = transitionNotes[event.to]?.[lang];
        const text = notes && rng.chance(0.25) ? rng.pick(notes) : undefined;
        entries.push({
          id: options.newId(),
          type: 'transition',
          at: when,
          by: by(),
          from: event.from,
          to: event.to,
          ...(reason ? { reason } : {}),
          ...(text ? { text } : {}),
          shared: true,
        });
        current = event.to;
        lostReason = reason;
      } else {
        const type = activitiesAt[current].pick(rng);
        entries.push({
          id: options.newId(),
          type,
          at: when,
          by: by(),
          text: fill(rng.pick(activityTexts[type][lang])),
          shared: type !== 'note' && rng.chance(0.4),
        });
      }
    }
    const createdAt = entries[0]!.at;
    const lastMove = entries.filter((e) => e.type === 'transition').at(-1);
    const stageEnteredAt = lastMove?.at ?? createdAt;
    const lastActivityAt = entries.at(-1)!.at;
    const actions = nextActions[stage]?.[lang];
    const nextAction =
      actions && rng.chance(0.85)
        ? {
            text: fill(rng.pick(actions)),
            due: new Date(today + rng.int(-21, 30) * DAY_MS).toISOString().slice(0, 10),
          }
        : undefined;
    const wonAt = stage === 'won' ? stageEnteredAt : undefined;
    const estimatedValue = rng.chance(stage === 'new' ? 0.5 : 0.9)
      ? dealValue(counterpart, wonAt)
      : undefined;
    const notes = rng.chance(0.3) ? rng.pick(leadNotes[lang]) : undefined;
    const lead: Lead = {
      id,
      memberId: member.id,
      memberName: member.name,
      counterpart,
      topic: draft.topic,
      contacts: {
        member: contactsFrom({ kind: 'member', member }, draft.memberContacts),
        counterpart: contactsFrom(other, []),
      },
      source: draft.source,
      ...(estimatedValue ? { estimatedValue } : {}),
      owner,
      ...(nextAction ? { nextAction } : {}),
      ...(notes ? { notes } : {}),
      stage,
      ...(stage === 'lost' ? { lostReason: lostReason!, lostAt: stageEnteredAt } : {}),
      ...(wonAt ? { wonAt } : {}),
      stageEnteredAt,
      lastActivityAt,
      version: 1,
      createdAt,
      // Written once, by the seed, today.
      updatedAt: now.toISOString(),
    };
    return { lead, entries };
  }
}

/** The forward moves from `new` to an open stage or `won`. */
function pathTo(stage: LeadStage): LeadStage[] {
  const order: LeadStage[] = ['contacted', 'meeting', 'negotiating', 'won'];
  const end = order.indexOf(stage);
  return end < 0 ? [] : order.slice(0, end + 1);
}
