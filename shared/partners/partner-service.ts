import { atVersion } from '../concurrency/at-version.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { anyVersion, type ExpectedVersion, versionMatches } from '../domain/expected-version.ts';
import { type ConsentPurpose, type Member, memberCreateSchema } from '../domain/member-schema.ts';
import {
  type Partner,
  type PartnerCreate,
  type PartnerJoin,
  partnerProfileFields,
  partnerProfileSchema,
} from '../domain/partner-schema.ts';
import { normaliseTaxId } from '../domain/tax-id.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import { type Actor, consentSourceOf } from '../members/actor.ts';
import { erasureOf, erasureSuppressions } from '../members/contact-erasure.ts';
import { companyChanges } from '../members/member-changes.ts';
import type { MemberService } from '../members/member-service.ts';
import type { StateChange } from '../members/member-state.ts';
import type { PartnerHistoryAction, PartnerHistoryEntry } from './partner-history.ts';
import { partnerNameKeys } from './partner-items.ts';
import type { Page, PartnerRepository } from './partner-repository.ts';
import { applyPartnerProfile, partnerProfileOf, patchedPartnerProfile } from './partner-state.ts';

export interface PartnerServiceDeps {
  partners: PartnerRepository;
  clock: () => Date;
  newId: () => string;
}

/** What a partner's erasure reaches beyond its own items; supplied by the runtime. */
export interface PartnerErasureReach {
  /** Hashes each address for the suppression list, under the key that is never rotated. */
  suppression: EmailHasher;
  /** Blanks the partner's campaign recipients: their addresses and the names merged into their emails. */
  purgeRecipients: (partnerId: string) => Promise<unknown>;
  /** Marks its delegates erased in the events it took part in (their names are on counterparts' agendas). */
  eraseEventDelegates?: (partnerId: string) => Promise<unknown>;
}

/** The fields the audit trail follows: the profile's (contacts one by one) and the join. */
export const partnerTrackedFields = [
  ...partnerProfileFields.filter((f) => f !== 'contacts'),
  'joinedAs',
  'erasedAt',
] as const;

/** The partner use cases: duplicates refused, every change in one transaction with its history entry. */
export class PartnerService {
  constructor(private readonly deps: PartnerServiceDeps) {}

  async get(id: string, options: { consistent?: boolean } = {}): Promise<Partner> {
    const partner = await this.deps.partners.get(id, options);
    if (!partner) throw new NotFoundError(`No partner ${id}.`);
    return partner;
  }

  /**
   * A new partner. Its tax id held by a member or a partner is a 409 naming that company; a partner
   * of the same name (in either script) in the same country is a 409 naming it, unless the caller
   * confirms that the two are different companies.
   */
  async create(input: PartnerCreate, actor: Actor): Promise<Partner> {
    const { confirmNotDuplicate, ...profile } = input;
    const change = this.change(actor);
    const partner = applyPartnerProfile(undefined, profile, change);
    if (!confirmNotDuplicate) {
      const same = await this.deps.partners.sameName(partner.country, partnerNameKeys(partner));
      if (same) {
        throw new ConflictError(
          `A partner named “${same.name}” (${same.latinName}) is listed in ${same.country}: ${same.id}. ` +
            'If this is another company, send confirmNotDuplicate: true.',
          'name',
          { kind: 'partner', id: same.id },
        );
      }
    }
    await this.deps.partners.write({
      before: undefined,
      after: partner,
      history: this.entry(partner, undefined, actor, 'create', change),
    });
    return partner;
  }

  /** Applies a JSON merge patch; `expected` comes from `If-Match`. Unchanged input writes nothing. */
  async patch(
    id: string,
    patch: Record<string, unknown>,
    actor: Actor,
    expected: ExpectedVersion,
  ): Promise<Partner> {
    return this.atVersion(id, expected, async (before) => {
      const parsed = patchedPartnerProfile(before, patch);
      if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues));
      return this.save(before, parsed.data, actor, 'update');
    });
  }

  /**
   * The partner joins the association: one transaction creates the member (its profile from the
   * partner and `join`, the partner's contacts as they are), hands it the partner's tax-id and email
   * guards, and leaves the partner as a record of the join (`joinedAs`) with no contacts and no
   * listing. A partner with a tax id keeps it; one without must be given one.
   */
  async join(
    id: string,
    join: PartnerJoin,
    actor: Actor,
    expected: ExpectedVersion,
    members: Pick<MemberService, 'adopt'>,
  ): Promise<Member> {
    const before = await this.get(id, { consistent: true });
    if (!versionMatches(expected, before.version)) {
      throw new PreconditionFailedError('If-Match does not match the current ETag; fetch the partner again.');
    }
    if (before.joinedAs) {
      // A join cut short after its transaction left the partner's old items: finish it.
      await this.deps.partners.removeJoined(before);
      throw new ConflictError(`The partner joined already, as member ${before.joinedAs}.`, undefined, {
        kind: 'member',
        id: before.joinedAs,
      });
    }
    if (before.taxId && join.taxId !== undefined) {
      const given = normaliseTaxId(before.country, join.taxId);
      if (!given.ok || given.value !== before.taxId) {
        throw new ValidationError([
          { path: 'taxId', message: 'The partner has a tax id; the member keeps it (leave taxId out).' },
        ]);
      }
    }
    const profile = memberCreateSchema.safeParse({
      name: before.name,
      country: before.country,
      region: join.region ?? before.region,
      taxId: before.taxId ?? join.taxId,
      sectors: before.sectors,
      interests: join.interests ?? before.needs.map((need) => need.topic).slice(0, 8),
      targetMarkets: before.targetMarkets,
      languages: before.languages,
      description: before.description,
      website: before.website,
      status: join.status,
      joinedOn: join.joinedOn,
      declaredRevenue: join.declaredRevenue,
      verifiedRevenue: join.verifiedRevenue,
      offers: before.offers,
      needs: before.needs,
      matchmakingVisible: before.matchmakingVisible,
    });
    if (!profile.success) throw new ValidationError(zodIssuesToFieldErrors(profile.error.issues));
    const member = await members.adopt(profile.data, before.contacts, actor, (created) => {
      const change = this.change(actor);
      const after: Partner = {
        ...before,
        contacts: [],
        joinedAs: created.id,
        version: before.version + 1,
        updatedAt: change.now.toISOString(),
      };
      const [profileLeg, ...others] = this.deps.partners.joinLegs(
        before,
        after,
        this.entry(after, before, actor, 'join', change),
      );
      return {
        takesGuardsFrom: { attribute: 'partnerId', id: before.id },
        alsoLegs: [
          {
            leg: profileLeg!,
            staleDetail: 'The partner changed since it was read; fetch it again and retry.',
          },
          ...others.map((leg) => ({ leg })),
        ],
      };
    });
    await this.deps.partners.removeJoined(before);
    return member;
  }

  /**
   * One contact withdraws its consent to a purpose itself (an unsubscribe link, a complaint): applied
   * to the partner as it is now, whatever its version. Nothing is written when the consent is withdrawn
   * already, or the contact is erased or gone, or the partner joined (its contacts are the member's).
   */
  async withdrawConsent(
    id: string,
    contactId: string,
    purpose: ConsentPurpose,
    actor: Actor,
    action: PartnerHistoryAction,
  ): Promise<Partner> {
    return this.atVersion(
      id,
      anyVersion,
      async (before) => {
        // Its contacts are the member's now: the caller withdraws the consent there (joinedAs).
        if (before.joinedAs) return before;
        const contact = before.contacts.find((c) => c.id === contactId && !c.erasedAt);
        if (!contact?.consent[purpose].granted) return before;
        const profile = partnerProfileOf(before);
        const contacts = (profile.contacts as { id: string; consent: Record<ConsentPurpose, boolean> }[]).map(
          (c) => (c.id === contactId ? { ...c, consent: { ...c.consent, [purpose]: false } } : c),
        );
        return this.save(before, partnerProfileSchema.parse({ ...profile, contacts }), actor, action);
      },
      true,
    );
  }

  /**
   * Right to be forgotten, as for a member's contacts: the history is tombstoned and the recipients
   * blanked first (both idempotent), then one transaction tombstones the contacts, releases their
   * guards and puts each address, hashed, on the suppression list. A write that wins the race is
   * read again and the erasure retried once.
   */
  async erase(id: string, actor: Actor, reach: PartnerErasureReach): Promise<Partner> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.get(id, { consistent: true });
      await this.deps.partners.tombstoneHistory(id);
      await reach.purgeRecipients(id);
      await reach.eraseEventDelegates?.(id);
      try {
        const erased = await this.eraseContacts(before, actor, reach.suppression);
        // A dispatcher may have written a recipient between the purge and the transaction.
        await reach.purgeRecipients(id);
        return erased;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        if (attempt === 2)
          throw new ConflictError('The partner kept changing during the erasure; erase it again.');
      }
    }
  }

  async export(
    id: string,
  ): Promise<{ partner: Partner; history: PartnerHistoryEntry[]; exportedAt: string }> {
    const partner = await this.get(id);
    const history = await this.deps.partners.allHistory(id);
    return { partner, history, exportedAt: this.deps.clock().toISOString() };
  }

  /** Every partner has its `create` entry, so only an empty page needs the read that tells "no such partner". */
  async history(
    id: string,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<Page<PartnerHistoryEntry>> {
    const page = await this.deps.partners.history(id, limit, startKey);
    if (page.items.length === 0) await this.get(id);
    return page;
  }

  /** The partner's `atVersion` (concurrency/at-version.ts); a joined partner is the member's now. */
  private atVersion(
    id: string,
    expected: ExpectedVersion,
    change: (before: Partner) => Promise<Partner>,
    allowJoined = false,
  ): Promise<Partner> {
    return atVersion({
      what: 'partner',
      read: () => this.get(id, { consistent: true }),
      expected,
      check: (before) => {
        if (before.joinedAs && !allowJoined) {
          throw new ConflictError(
            `The partner joined the association as member ${before.joinedAs}; change the member.`,
          );
        }
      },
      change,
    });
  }

  private async save(
    before: Partner,
    profile: Parameters<typeof applyPartnerProfile>[1],
    actor: Actor,
    action: PartnerHistoryAction,
  ): Promise<Partner> {
    const change = this.change(actor);
    const after = applyPartnerProfile(before, profile, change);
    const history = this.entry(after, before, actor, action, change);
    if (history.changes.length === 0) return before;
    await this.deps.partners.write({ before, after, history });
    return after;
  }

  private async eraseContacts(before: Partner, actor: Actor, suppression: EmailHasher): Promise<Partner> {
    const at = this.deps.clock().toISOString();
    const erasure = erasureOf(before, at);
    if (!erasure) return before;
    const { after, erased, changes } = erasure;
    const history: PartnerHistoryEntry = {
      id: this.deps.newId(),
      partnerId: before.id,
      at,
      actor: { sub: actor.sub, role: actor.role },
      action: 'erase',
      changes,
    };
    await this.deps.partners.write({
      before,
      after,
      history,
      extraItems: erasureSuppressions(erased, suppression, at),
    });
    return after;
  }

  private change(actor: Actor): StateChange {
    return {
      now: this.deps.clock(),
      consentSource: consentSourceOf(actor),
      actorSub: actor.sub,
      newId: this.deps.newId,
    };
  }

  private entry(
    after: Partner,
    before: Partner | undefined,
    actor: Actor,
    action: PartnerHistoryAction,
    change: StateChange,
  ): PartnerHistoryEntry {
    return {
      id: this.deps.newId(),
      partnerId: after.id,
      at: change.now.toISOString(),
      actor: { sub: actor.sub, role: actor.role },
      action,
      changes: companyChanges(before, after, partnerTrackedFields),
    };
  }
}
