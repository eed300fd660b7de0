import { atVersion } from '../concurrency/at-version.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { MissingExchangeRateError, type RateTable, rateInForce } from '../domain/exchange-rates.ts';
import { anyVersion, type ExpectedVersion } from '../domain/expected-version.ts';
import { ruleReason } from '../domain/issue-rules.ts';
import type { Member } from '../domain/member-schema.ts';
import type { Currency } from '../domain/money.ts';
import type { Partner } from '../domain/partner-schema.ts';
import { sameValue } from '../domain/same-value.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { Topic } from '../domain/topics.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import { memberCard, partnerCard } from '../matching/match-card.ts';
import { scoreMatch } from '../matching/match-score.ts';
import type { Actor } from '../members/actor.ts';
import type { MemberReads } from '../members/member-read.ts';
import { applyMergePatch } from '../members/merge-patch.ts';
import type { PartnerReads } from '../partners/partner-read.ts';
import type { CampaignTrace } from './campaign-trace.ts';
import type { LeadRepository } from './lead-repository.ts';
import {
  type Counterpart,
  type Lead,
  type LeadCreate,
  type LeadSource,
  leadCreateSchema,
  leadEditableFields,
  type TimelineEntry,
} from './lead-schema.ts';
import { checkTransition, type LeadStage } from './lead-stages.ts';

export interface LeadServiceDeps {
  leads: LeadRepository;
  /** The companies a lead links are only read: MemberRepository and PartnerRepository do, or their reads alone. */
  members: MemberReads;
  partners: PartnerReads;
  campaigns: Pick<CampaignTrace, 'exists' | 'recipients'>;
  /** Whether an event exists, for a lead whose source names one. */
  events: { exists(id: string): Promise<boolean> };
  clock: () => Date;
  newId: () => string;
  /** The exchange-rate table as it is now. */
  rates: () => Promise<RateTable>;
  /** Called after every lead write, for the report's consumer where no stream runs it. */
  written?: () => void;
}

/** The fields a merge patch may change, validated as a create body validates them. */
const leadEditSchema = onFirstUse(() =>
  leadCreateSchema.pick({
    topic: true,
    contacts: true,
    estimatedValue: true,
    owner: true,
    nextAction: true,
    notes: true,
  }),
);

/** A stored company on the other side of a lead: a partner, or a second member. */
type Company = { kind: 'partner'; partner: Partner } | { kind: 'member'; member: Member };

/** The partnership-lead use cases: every rule about what a lead may hold and how it moves. */
export class LeadService {
  constructor(private readonly deps: LeadServiceDeps) {}

  async get(id: string, options: { consistent?: boolean } = {}) {
    const found = await this.deps.leads.get(id, options);
    if (!found) throw new NotFoundError(`No lead ${id}.`);
    return found;
  }

  /** The lead with its timeline, oldest first: its own entries and what its campaign did with its contacts. */
  async withTimeline(id: string): Promise<Lead & { timeline: TimelineEntry[] }> {
    const { lead, timeline } = await this.get(id);
    return { ...lead, timeline: [...timeline, ...(await this.campaignEntries(lead))].sort(byTime) };
  }

  async create(input: LeadCreate, actor: Actor): Promise<Lead> {
    if ((input.partnerId === undefined) === (input.otherMemberId === undefined)) {
      throw new ValidationError([
        { path: 'partnerId', message: 'Give exactly one of partnerId and otherMemberId.' },
      ]);
    }
    const member = await this.memberNamed(input.memberId, 'memberId');
    const other = input.partnerId
      ? await this.partnerNamed(input.partnerId, 'partnerId')
      : await this.otherMember(input.otherMemberId!, input.memberId);
    checkContacts(input.contacts.member, member.contacts, 'contacts.member');
    checkContacts(input.contacts.counterpart, contactsOf(other), 'contacts.counterpart');
    await this.checkSource(input.source, member, other);
    return this.createFrom(member, other, input, actor);
  }

  /** Writes a new lead between companies already read and checked, with `note` as its first activity. */
  private async createFrom(
    member: Member,
    other: Company,
    input: LeadCreate,
    actor: Actor,
    note?: { text: string; shared: boolean },
  ): Promise<Lead> {
    if (input.estimatedValue) await this.checkRate(input.estimatedValue.currency, 'estimatedValue.currency');
    const now = this.deps.clock().toISOString();
    const lead: Lead = {
      id: this.deps.newId(),
      memberId: member.id,
      memberName: member.name,
      counterpart: counterpartOf(other),
      topic: input.topic,
      contacts: input.contacts,
      source: input.source,
      estimatedValue: input.estimatedValue,
      owner: input.owner,
      nextAction: input.nextAction,
      notes: input.notes,
      stage: 'new',
      stageEnteredAt: now,
      lastActivityAt: now,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const entries: TimelineEntry[] = [
      { id: this.deps.newId(), type: 'created', at: now, by: actor, shared: true },
    ];
    if (note)
      entries.push({
        id: this.deps.newId(),
        type: 'note',
        at: now,
        by: actor,
        text: note.text,
        shared: note.shared,
      });
    await this.write({ before: undefined, after: lead, entries });
    return lead;
  }

  /**
   * A member asks for an introduction to a company of its matches: a `new`, unassigned lead for staff,
   * its source the match (re-checked here: the company must be shown in matches and meet the member's
   * offers or needs on the topic).
   */
  async expressInterest(
    memberId: string,
    companyId: string,
    topic: Topic | undefined,
    note: string | undefined,
    actor: Actor,
  ): Promise<Lead> {
    const member = await this.memberNamed(memberId, 'memberId');
    const other = await this.visibleCompany(companyId);
    const topics = matchTopics(member, other);
    const chosen = topic ?? topics[0];
    if (!chosen || !topics.includes(chosen)) {
      throw new ValidationError([
        {
          path: 'topic',
          message: 'The company meets none of your offers or needs on this topic.',
          reason: ruleReason('noSharedTopic'),
        },
      ]);
    }
    const input = leadCreateSchema.parse({
      memberId,
      ...(other.kind === 'partner' ? { partnerId: companyId } : { otherMemberId: companyId }),
      topic: chosen,
      source: { type: 'match', companies: [memberId, companyId], topic: chosen },
    });
    return this.createFrom(
      member,
      other,
      input,
      actor,
      note ? { text: note, shared: true } : undefined,
    ).catch((error: unknown) => {
      // The open lead may be one the member does not see (it is the other side of it): no id.
      if (error instanceof ConflictError) {
        throw new ConflictError(
          'The association already has an open lead for the two companies on this topic.',
          'topic',
        );
      }
      throw error;
    });
  }

  /** A JSON merge patch of the editable fields; `expected` comes from `If-Match`. Unchanged input writes nothing. */
  async patch(
    id: string,
    patch: Record<string, unknown>,
    actor: Actor,
    expected: ExpectedVersion,
  ): Promise<Lead> {
    return this.atVersion(id, expected, async (before) => {
      const editable = Object.fromEntries(leadEditableFields.map((f) => [f, before[f]]));
      const parsed = leadEditSchema.safeParse(applyMergePatch(editable, patch));
      if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues));
      const fields = leadEditableFields.filter((f) => !sameValue(parsed.data[f] ?? null, before[f] ?? null));
      if (fields.length === 0) return before;
      if (fields.includes('contacts')) {
        // Only the contacts the patch adds are checked: one named before may have left the company
        // since (or moved with a partner that joined), and staying on the lead is the lead's history.
        const added = (ids: string[], was: string[]) => ids.filter((id) => !was.includes(id));
        const member = await this.memberNamed(before.memberId, 'memberId');
        checkContacts(
          added(parsed.data.contacts.member, before.contacts.member),
          member.contacts,
          'contacts.member',
        );
        checkContacts(
          added(parsed.data.contacts.counterpart, before.contacts.counterpart),
          contactsOf(await this.counterpartCompany(before.counterpart)),
          'contacts.counterpart',
        );
      }
      if (fields.includes('estimatedValue') && parsed.data.estimatedValue) {
        await this.checkRate(parsed.data.estimatedValue.currency, 'estimatedValue.currency');
      }
      const now = this.deps.clock().toISOString();
      // Every editable field from the patched view, so one the patch removed (null) is gone.
      const patched = Object.fromEntries(leadEditableFields.map((f) => [f, parsed.data[f]]));
      const after: Lead = { ...before, ...patched, version: before.version + 1, updatedAt: now };
      const edited: TimelineEntry = {
        id: this.deps.newId(),
        type: 'edited',
        at: now,
        by: actor,
        fields,
        shared: false,
      };
      await this.write({ before, after, entries: [edited] });
      return after;
    });
  }

  /**
   * Moves the lead to `to` if the stage rules allow it from where it is now; 409 names the allowed moves.
   * `expected`: the version the mover saw (the console's forms), or any (the API's transitions).
   */
  async transition(
    id: string,
    move: { to: LeadStage; reason?: string | undefined; note?: string | undefined },
    actor: Actor,
    expected: ExpectedVersion = anyVersion,
  ): Promise<Lead> {
    return this.atVersion(id, expected, async (before) => {
      const check = checkTransition(before.stage, move.to, move.reason);
      if (!check.ok && check.problem === 'reason-required') {
        throw new ValidationError([
          { path: 'reason', message: 'Say why the lead was lost.', reason: ruleReason('lostWithoutReason') },
        ]);
      }
      if (!check.ok) {
        const allowed = check.allowed.length > 0 ? check.allowed.join(', ') : 'nothing (won is final)';
        throw new ConflictError(`A lead in stage ${before.stage} may move to: ${allowed}.`, 'to');
      }
      const now = this.deps.clock().toISOString();
      const { lostReason: _, lostAt: __, ...rest } = before;
      const after: Lead = {
        ...rest,
        stage: move.to,
        stageEnteredAt: now,
        ...(move.to === 'lost' ? { lostReason: move.reason!.trim(), lostAt: now } : {}),
        ...(move.to === 'won' ? { wonAt: now } : {}),
        lastActivityAt: now,
        version: before.version + 1,
        updatedAt: now,
      };
      const entry: TimelineEntry = {
        id: this.deps.newId(),
        type: 'transition',
        at: now,
        by: actor,
        from: before.stage,
        to: move.to,
        ...(move.to === 'lost' ? { reason: move.reason!.trim() } : {}),
        ...(move.note ? { text: move.note } : {}),
        shared: true,
      };
      await this.write({ before, after, entries: [entry] });
      return after;
    });
  }

  async addActivity(
    id: string,
    input: {
      type: 'note' | 'call' | 'meeting' | 'email';
      text: string;
      at?: string | undefined;
      shared: boolean;
    },
    actor: Actor,
  ): Promise<Lead> {
    return this.atVersion(id, anyVersion, async (before) => {
      const now = this.deps.clock().toISOString();
      const at = input.at ? new Date(input.at).toISOString() : now;
      // An activity dated ahead would hold the lead at the top of every list for good.
      if (Date.parse(at) > Date.parse(now) + 5 * 60_000) {
        throw new ValidationError([{ path: 'at', message: 'Must not be in the future.' }]);
      }
      const after: Lead = {
        ...before,
        // ISO timestamps of one format order as strings; an activity dated earlier keeps the later one.
        lastActivityAt: [at, before.lastActivityAt].sort().at(-1)!,
        version: before.version + 1,
        updatedAt: now,
      };
      const entry: TimelineEntry = {
        id: this.deps.newId(),
        type: input.type,
        at,
        by: actor,
        text: input.text,
        shared: input.shared,
      };
      await this.write({ before, after, entries: [entry] });
      return after;
    });
  }

  private async write(write: Parameters<LeadRepository['write']>[0]): Promise<void> {
    await this.deps.leads.write(write);
    this.deps.written?.();
  }

  private atVersion(
    id: string,
    expected: ExpectedVersion,
    change: (before: Lead) => Promise<Lead>,
  ): Promise<Lead> {
    return atVersion({
      what: 'lead',
      read: async () => (await this.get(id, { consistent: true })).lead,
      expected,
      change,
    });
  }

  private async campaignEntries(lead: Lead): Promise<TimelineEntry[]> {
    if (lead.source.type !== 'campaign') return [];
    const { campaignId } = lead.source;
    const sent = await this.deps.campaigns.recipients(campaignId, [
      ...lead.contacts.member,
      ...lead.contacts.counterpart,
    ]);
    return sent.map(({ contactId, status, at }) => ({
      id: `campaign#${contactId}`,
      type: 'campaign',
      at,
      by: null,
      campaign: { campaignId, contactId, status },
      shared: false,
    }));
  }

  /** A value in a currency the rate table cannot convert today would break the pipeline report. */
  private async checkRate(currency: Currency, path: string): Promise<void> {
    const rates = await this.deps.rates();
    try {
      rateInForce(rates, currency, this.deps.clock());
    } catch (error) {
      if (!(error instanceof MissingExchangeRateError)) throw error;
      throw new ValidationError([
        {
          path,
          message: `No ${currency} rate is in force today; an admin adds one first.`,
          reason: ruleReason('noRateToday', { currency }),
        },
      ]);
    }
  }

  private async checkSource(source: LeadSource, member: Member, other: Company): Promise<void> {
    if (source.type === 'campaign' && !(await this.deps.campaigns.exists(source.campaignId))) {
      throw new ValidationError([{ path: 'source.campaignId', message: 'No such campaign.' }]);
    }
    if (source.type === 'event' && !(await this.deps.events.exists(source.eventId))) {
      throw new ValidationError([{ path: 'source.eventId', message: 'No such event.' }]);
    }
    if (source.type !== 'match') return;
    const otherId = other.kind === 'partner' ? other.partner.id : other.member.id;
    if ([...source.companies].sort().join() !== [member.id, otherId].sort().join()) {
      throw new ValidationError([
        { path: 'source.companies', message: "A match names the lead's two companies." },
      ]);
    }
    const topics = matchTopics(member, other);
    if (!topics.includes(source.topic)) {
      throw new ValidationError([
        {
          path: 'source.topic',
          message: 'The two companies do not match on this topic: neither offers what the other seeks.',
        },
      ]);
    }
  }

  private async memberNamed(id: string, path: string): Promise<Member> {
    const member = await this.deps.members.get(id);
    if (!member) throw new NotFoundError(`No member ${id} (${path}).`);
    return member;
  }

  private async partnerNamed(id: string, path: string): Promise<Company> {
    const partner = await this.deps.partners.get(id);
    if (!partner) throw new NotFoundError(`No partner ${id} (${path}).`);
    if (partner.joinedAs) {
      throw new ValidationError([
        { path, message: `The partner joined as member ${partner.joinedAs}; name it as otherMemberId.` },
      ]);
    }
    return { kind: 'partner', partner };
  }

  private async otherMember(id: string, memberId: string): Promise<Company> {
    if (id === memberId)
      throw new ValidationError([
        { path: 'otherMemberId', message: 'A lead links two different companies.' },
      ]);
    return { kind: 'member', member: await this.memberNamed(id, 'otherMemberId') };
  }

  private async counterpartCompany(counterpart: Counterpart): Promise<Company> {
    return counterpart.kind === 'partner'
      ? { kind: 'partner', partner: (await this.deps.partners.get(counterpart.id))! }
      : { kind: 'member', member: (await this.deps.members.get(counterpart.id))! };
  }

  /** A company of the member's possible matches: shown in matches, still a partner or an active member. */
  private async visibleCompany(id: string): Promise<Company> {
    const partner = await this.deps.partners.get(id);
    if (partner && !partner.joinedAs && partner.matchmakingVisible) return { kind: 'partner', partner };
    const member = partner ? undefined : await this.deps.members.get(id);
    if (member?.matchmakingVisible && member.status === 'active') return { kind: 'member', member };
    throw new NotFoundError(`No company ${id} among those matchmaking shows.`);
  }
}

/** The topics on which the two meet: one offers what the other seeks, either way. */
function matchTopics(member: Member, other: Company): Topic[] {
  const otherCard = other.kind === 'partner' ? partnerCard(other.partner) : memberCard(other.member);
  return (scoreMatch(memberCard(member), otherCard)?.reasons ?? []).flatMap((r) =>
    r.type === 'they-seek-what-you-offer' || r.type === 'they-offer-what-you-seek' ? [r.topic] : [],
  );
}

const byTime = (a: TimelineEntry, b: TimelineEntry) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

function contactsOf(company: Company) {
  return company.kind === 'partner' ? company.partner.contacts : company.member.contacts;
}

function counterpartOf(company: Company): Counterpart {
  if (company.kind === 'partner') {
    const { id, name, latinName, country } = company.partner;
    return { kind: 'partner', id, name, latinName, country };
  }
  const { id, name, country } = company.member;
  return { kind: 'member', id, name, country };
}

/** Each id must name a live contact of that side, once. */
function checkContacts(
  ids: readonly string[],
  contacts: readonly { id: string; erasedAt?: string | undefined }[],
  path: string,
) {
  const live = new Set(contacts.filter((c) => !c.erasedAt).map((c) => c.id));
  const errors = ids.flatMap((id, i) =>
    !live.has(id) || ids.indexOf(id) !== i
      ? [{ path: `${path}.${i}`, message: 'Not a contact of this company, or named twice.' }]
      : [],
  );
  if (errors.length > 0) throw new ValidationError(errors);
}
