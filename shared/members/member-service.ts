import { atVersion } from '../concurrency/at-version.ts';
import { addressConfirmationKey } from '../data/keys.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  ValidationError,
} from '../domain/errors.ts';
import { anyVersion, type ExpectedVersion } from '../domain/expected-version.ts';
import {
  type ConsentPurpose,
  type Contact,
  type EmailStatus,
  type Member,
  type MemberCreate,
  memberEditableFields,
  memberProfileSchema,
} from '../domain/member-schema.ts';
import { sameValue } from '../domain/same-value.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import { logger } from '../observability/logger.ts';
import type { Settings, SettingsRepository } from '../settings/settings-repository.ts';
import { type Actor, consentSourceOf } from './actor.ts';
import { ConfirmationSpentError, type ConfirmationTarget } from './address-confirmation.ts';
import { erasedMarker, erasureOf, erasureSuppressions } from './contact-erasure.ts';
import type { HistoryEntry } from './history-entry.ts';
import { memberChanges } from './member-changes.ts';
import type { ErasedRows } from './member-csv-service.ts';
import type { LastKey, MemberRepository, MemberWrite, Page, ReadOptions } from './member-repository.ts';
import { applyProfile, patchedProfile, profileOf, type StateChange } from './member-state.ts';
import { applyMergePatch } from './merge-patch.ts';
import { contextOf, retiered, retierTarget, sameVersions } from './retier-member.ts';

export interface MemberServiceDeps {
  members: MemberRepository;
  settings: SettingsRepository;
  clock: () => Date;
  newId: () => string;
  /**
   * Queues a re-tier of one member whose write could not settle itself after a settings change, so the
   * job worker retries it with backoff (shared/jobs/retier-job.ts queueMemberRetier).
   */
  settleLater: (memberId: string) => Promise<unknown>;
  /**
   * Counts the confirmation links of addresses a member added against its daily limit, emails them
   * (`send`: absent where this runtime cannot send mail, and a member adding an address is then a
   * 503), and spends a link once used.
   */
  addressConfirmation?: {
    send?: (memberId: string, contactIds: readonly string[]) => Promise<void>;
    count: (memberId: string, count: number, at: Date) => Promise<void>;
    spend: (target: ConfirmationTarget, secretHash: string) => Promise<boolean>;
    /** Deletes every pending confirmation of the member (an erasure). */
    purge: (memberId: string) => Promise<unknown>;
  };
}

/** Who confirms an address, as the member's history records it: the person, through the emailed link. */
const confirmationLinkActor: Actor = { sub: 'confirmation-link', role: 'member' };

/** The contacts whose address is new and waits for confirmation: each is sent a link. */
function addressesToConfirm(before: Member | undefined, after: Member): string[] {
  const previous = new Map((before?.contacts ?? []).map((c) => [c.id, c]));
  return after.contacts
    .filter((c) => {
      if (c.emailStatus !== 'unverified' || !c.email) return false;
      const old = previous.get(c.id);
      return old?.emailStatus !== 'unverified' || old.email?.toLowerCase() !== c.email.toLowerCase();
    })
    .map((c) => c.id);
}

/** What an erasure reaches beyond the member's own items; supplied by the runtime. */
export interface ErasureReach {
  /** Hashes each address for the suppression list, under the key that is never rotated. */
  suppression: EmailHasher;
  /** Replaces the member's rows in import files still waiting in a job by their rejection. */
  purgeImports: (rows: ErasedRows) => Promise<unknown>;
  /** Blanks the member's campaign recipients: their addresses and the names merged into their emails. */
  purgeRecipients: (memberId: string) => Promise<unknown>;
  /** Deletes the member's accounts (their users) and pending invitations; absent where there are none. */
  removeAccounts?: (memberId: string) => Promise<unknown>;
  /** Tombstones other histories that hold the member's contacts (a partner's it was before joining). */
  tombstoneOtherHistory?: (
    memberId: string,
  ) => Promise<unknown> /** Marks its delegates erased in the events it took part in (their names are on counterparts' agendas). */;
  eraseEventDelegates?: (memberId: string) => Promise<unknown>;
}

/** A 403 for something only an admin may do, naming the field, so an import can point at its column. */
export class AdminOnlyError extends ForbiddenError {
  constructor(
    detail: string,
    readonly field: string,
  ) {
    super(detail);
  }
}

const staffOwnedFields = (patch: Record<string, unknown>) =>
  Object.keys(patch).filter((f) => !(memberEditableFields as readonly string[]).includes(f));

/** Whether a merge patch leaves `field` of the writable profile as it is. */
function leavesUnchanged(profile: Record<string, unknown>, patch: Record<string, unknown>, field: string) {
  if (!Object.hasOwn(patch, field)) return true;
  return sameValue(applyMergePatch({ [field]: profile[field] }, { [field]: patch[field] }), {
    [field]: profile[field],
  });
}

/**
 * Who may make this patch of `current`: a member may change only its profile fields (staff-owned ones
 * may be sent as read, unchanged, so a member can send back what it read), and only an admin may move a
 * member out of `resigned`, since resigning is an admin's decision (DELETE) too.
 */
function assertMayPatch(actor: Actor, patch: Record<string, unknown>, current: Member): void {
  const profile = profileOf(current);
  if (actor.role === 'member') {
    const changed = staffOwnedFields(patch).filter((f) => !leavesUnchanged(profile, patch, f));
    if (changed.length > 0) {
      throw new ForbiddenError(`Only association staff may change: ${changed.join(', ')}.`);
    }
  }
  if (actor.role !== 'admin' && current.status === 'resigned' && !leavesUnchanged(profile, patch, 'status')) {
    throw new AdminOnlyError(
      'Admin only: a resigned member returns to active or suspended only through an admin.',
      'status',
    );
  }
}

/** Whether `assertMayPatch` could refuse this patch at all, so a route reads the member only then. */
function mayBeRefused(actor: Actor, patch: Record<string, unknown>): boolean {
  if (actor.role === 'member') return staffOwnedFields(patch).length > 0;
  return actor.role !== 'admin' && Object.hasOwn(patch, 'status');
}

/** The member use cases: every rule about who may change what, and what a change records. */
export class MemberService {
  constructor(private readonly deps: MemberServiceDeps) {}

  async get(id: string, options: ReadOptions = {}): Promise<Member> {
    const member = await this.deps.members.get(id, options);
    if (!member) throw new NotFoundError(`No member ${id}.`);
    return member;
  }

  async create(
    input: MemberCreate,
    actor: Actor,
    action: HistoryEntry['action'] = 'create',
  ): Promise<Member> {
    const change = this.change(actor, action);
    const settings = await this.deps.settings.read();
    const member = applyProfile(undefined, input, contextOf(settings), change);
    return this.writeAndSettle(
      { before: undefined, after: member, history: this.entry(member, undefined, actor, action, change) },
      settings,
    );
  }

  /**
   * A partner joins the association as this new member: `input` makes its profile, its contacts are
   * the partner's as they are (ids, consent records, tombstones), and `partnerSide` adds to the same
   * transaction the guards passing from the partner and its own legs (the partner marked joined).
   */
  async adopt(
    input: MemberCreate,
    contacts: Contact[],
    actor: Actor,
    partnerSide: (member: Member) => Pick<MemberWrite, 'takesGuardsFrom' | 'alsoLegs'>,
  ): Promise<Member> {
    const change = this.change(actor, 'join');
    const settings = await this.deps.settings.read();
    const member = {
      ...applyProfile(undefined, { ...input, contacts: [] }, contextOf(settings), change),
      contacts,
    };
    return this.writeAndSettle(
      {
        before: undefined,
        after: member,
        history: this.entry(member, undefined, actor, 'join', change),
        ...partnerSide(member),
      },
      settings,
    );
  }

  /**
   * The authorization part of `patch`, for routes to run before they look at If-Match: authorization
   * comes before every other check. Reads the member only when the answer depends on it.
   */
  async authorizePatch(id: string, patch: Record<string, unknown>, actor: Actor): Promise<void> {
    if (mayBeRefused(actor, patch)) assertMayPatch(actor, patch, await this.get(id));
  }

  /** Applies a JSON merge patch; `expectedVersion` comes from `If-Match`. Unchanged input writes nothing. */
  async patch(
    id: string,
    patch: Record<string, unknown>,
    actor: Actor,
    expectedVersion: ExpectedVersion,
    action: HistoryEntry['action'] = 'update',
  ): Promise<Member> {
    // Checked again on every read of the member: a race may have changed what the patch would change.
    const authorize = (before: Member) => assertMayPatch(actor, patch, before);
    return this.atVersion(id, expectedVersion, authorize, async (before) => {
      if (patch.status === 'resigned' && before.status !== 'resigned') {
        throw new ValidationError([
          { path: 'status', message: 'A member resigns through DELETE /v1/members/{id}.' },
        ]);
      }
      const parsed = patchedProfile(before, patch);
      if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues));
      return this.save(before, parsed.data, actor, action);
    });
  }

  async resign(id: string, actor: Actor, expectedVersion: ExpectedVersion): Promise<Member> {
    // The route is admin-only; nothing about the member's state changes who may resign it.
    return this.atVersion(
      id,
      expectedVersion,
      () => {},
      async (before) => {
        if (before.status === 'resigned') return before;
        const profile = memberProfileSchema.parse({ ...profileOf(before), status: 'resigned' });
        return this.save(before, profile, actor, 'resign');
      },
    );
  }

  /**
   * One contact withdraws its consent to a purpose itself (an unsubscribe link): applied to the member
   * as it is now, whatever its version, and recorded in its history as `action`. Nothing is written
   * when the consent is withdrawn already, or the contact is erased or gone.
   */
  async withdrawConsent(
    id: string,
    contactId: string,
    purpose: ConsentPurpose,
    actor: Actor,
    action: HistoryEntry['action'],
  ): Promise<Member> {
    return this.atVersion(
      id,
      anyVersion,
      () => {},
      async (before) => {
        const contact = before.contacts.find((c) => c.id === contactId && !c.erasedAt);
        if (!contact?.consent[purpose].granted) return before;
        const profile = profileOf(before);
        const contacts = (profile.contacts as { id: string; consent: Record<ConsentPurpose, boolean> }[]).map(
          (c) => (c.id === contactId ? { ...c, consent: { ...c.consent, [purpose]: false } } : c),
        );
        return this.save(before, memberProfileSchema.parse({ ...profile, contacts }), actor, action);
      },
    );
  }

  /**
   * The person confirmed the address through the emailed link (`pending` is that link's confirmation,
   * checked valid by the caller): the contact becomes `verified` and takes the address's guard, or
   * `conflict` if another member holds it, for staff to resolve (never an error for the member). The
   * link is spent in the same transaction, so a second use changes nothing. A contact gone, erased or
   * with another address since makes the link spent (`ConfirmationSpentError`), writing nothing.
   */
  async confirmAddress(
    target: ConfirmationTarget,
    pending: { email: string; secretHash: string },
  ): Promise<Member> {
    return this.atVersion(
      target.memberId,
      anyVersion,
      () => {},
      async (before) => {
        const contact = before.contacts.find((c) => c.id === target.contactId && !c.erasedAt);
        if (!contact?.email || contact.email.toLowerCase() !== pending.email.toLowerCase()) {
          throw new ConfirmationSpentError('The contact or its address changed since the link was sent.');
        }
        const spent = { contactId: target.contactId, secretHash: pending.secretHash };
        const become = async (status: EmailStatus): Promise<Member> => {
          if (contact.emailStatus === status) {
            if (!(await this.deps.addressConfirmation?.spend(target, pending.secretHash))) {
              throw new ConfirmationSpentError('The confirmation link was used or replaced meanwhile.');
            }
            return before;
          }
          const change = this.change(confirmationLinkActor, 'confirm-address');
          const at = change.now.toISOString();
          const after: Member = {
            ...before,
            contacts: before.contacts.map((c) => (c.id === contact.id ? { ...c, emailStatus: status } : c)),
            version: before.version + 1,
            updatedAt: at,
          };
          const history = this.entry(after, before, confirmationLinkActor, 'confirm-address', change);
          await this.deps.members.write({ before, after, history, spendsConfirmation: spent });
          return after;
        };
        try {
          return await become('verified');
        } catch (error) {
          if (error instanceof ConflictError && error.field?.startsWith('contacts.'))
            return become('conflict');
          throw error;
        }
      },
    );
  }

  /**
   * Sends a contact's address its confirmation link again (a new link; the older one stops working).
   * A member asking counts against its daily limit; staff asking do not.
   */
  async requestConfirmation(memberId: string, contactId: string, actor: Actor): Promise<Member> {
    const member = await this.get(memberId, { consistent: true });
    const contact = member.contacts.find((c) => c.id === contactId && !c.erasedAt);
    if (!contact) throw new NotFoundError(`Member ${memberId} has no contact ${contactId}.`);
    if (contact.emailStatus === 'verified') {
      throw new ConflictError('The address is verified already; there is nothing to confirm.', 'emailStatus');
    }
    const confirmation = this.confirmationEdge();
    if (actor.role === 'member') await confirmation.count(memberId, 1, this.deps.clock());
    await confirmation.send(memberId, [contactId]);
    return member;
  }

  /**
   * Right to be forgotten: each contact's personal data becomes a tombstone, in the member and in its
   * history; email guards go (the addresses may be reused by someone else); each address, hashed under
   * the key that is never rotated, joins the suppression list so the person is never emailed again;
   * import files still waiting in a job lose the member's rows. The company record stays.
   *
   * Waiting import files are purged first, then the history is tombstoned (both idempotent), then the
   * member's transaction runs: a failure between
   * the two leaves the member unerased, to erase again, never marked erased with personal data still in
   * its history. Erasure takes no If-Match, so a concurrent write that wins the race is not the caller's
   * 412: the member is read again and the erasure retried once (tombstoning what that write added).
   */
  async erase(id: string, actor: Actor, reach: ErasureReach): Promise<Member> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.get(id, { consistent: true });
      // A file uploaded after this purge still cannot bring the contacts back: an import job rejects
      // the rows of a member erased after its upload (MemberCsvService).
      await reach.purgeImports({
        taxId: { country: before.country, value: before.taxId },
        emails: before.contacts.flatMap((c) => (c.email && !c.erasedAt ? [c.email] : [])),
      });
      // Every contact the history knows, not only the current ones: a contact removed earlier is still
      // the member's contacts' personal data, held in the member's own records.
      await this.deps.members.tombstoneHistory(id, 'all', erasedMarker);
      await reach.tombstoneOtherHistory?.(id);
      await reach.purgeRecipients(id);
      await reach.eraseEventDelegates?.(id);
      await reach.removeAccounts?.(id);
      // Every pending confirmation link, those of contacts removed before too (the transaction below
      // deletes those of its contacts again, should one be written meanwhile).
      await this.deps.addressConfirmation?.purge(id);
      try {
        const erased = await this.eraseContacts(before, actor, reach.suppression);
        // A dispatcher may have written a recipient between the purge and the transaction (after it,
        // the contacts' audience entries are gone and it can write none): blank those too.
        await reach.purgeRecipients(id);
        return erased;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        if (attempt === 2) {
          throw new ConflictError('The member kept changing during the erasure; erase it again.');
        }
      }
    }
  }

  async export(id: string): Promise<{ member: Member; history: HistoryEntry[]; exportedAt: string }> {
    const member = await this.get(id);
    const history = await this.deps.members.allHistory(id);
    return { member, history, exportedAt: this.deps.clock().toISOString() };
  }

  /**
   * Every member has at least its `create` entry, so a non-empty page proves the member exists; only
   * an empty one costs the extra read that tells "no history left" from "no such member".
   */
  async history(
    id: string,
    limit: number,
    startKey?: LastKey,
    options: ReadOptions = {},
  ): Promise<Page<HistoryEntry>> {
    const page = await this.deps.members.history(id, limit, startKey, options);
    if (page.items.length === 0 && !(await this.deps.members.exists(id))) {
      throw new NotFoundError(`No member ${id}.`);
    }
    return page;
  }

  /** The member's `atVersion` (concurrency/at-version.ts): read strongly, authorized first. */
  private atVersion(
    id: string,
    expected: ExpectedVersion,
    authorize: (before: Member) => void,
    change: (before: Member) => Promise<Member>,
  ): Promise<Member> {
    return atVersion({
      what: 'member',
      read: () => this.get(id, { consistent: true }),
      expected,
      check: authorize,
      change,
    });
  }

  /** The erasure's one transaction: tombstoned contacts, released guards, suppressions, the history entry. */
  private async eraseContacts(before: Member, actor: Actor, suppression: EmailHasher): Promise<Member> {
    const at = this.deps.clock().toISOString();
    const erasure = erasureOf(before, at);
    if (!erasure) return before;
    const { after, erased, changes } = erasure;
    const history: HistoryEntry = {
      id: this.deps.newId(),
      memberId: before.id,
      at,
      actor,
      action: 'erase',
      changes,
    };
    // Pending confirmation links hold the addresses too; a link of an erased contact must not work.
    const confirmations = erased.map((c) => addressConfirmationKey(before.id, c.id));
    await this.deps.members.write({
      before,
      after,
      history,
      extraItems: erasureSuppressions(erased, suppression, at),
      alsoDelete: confirmations,
    });
    return after;
  }

  private async save(
    before: Member,
    profile: Parameters<typeof applyProfile>[1],
    actor: Actor,
    action: HistoryEntry['action'],
  ): Promise<Member> {
    const change = this.change(actor, action);
    const settings = await this.deps.settings.read();
    const after = applyProfile(before, profile, contextOf(settings), change);
    const history = this.entry(after, before, actor, action, change);
    if (history.changes.length === 0) return before;
    const toConfirm = addressesToConfirm(before, after);
    if (toConfirm.length === 0) return this.writeAndSettle({ before, after, history }, settings);
    const confirmation = this.confirmationEdge();
    const saved = await this.writeAndSettle(
      { before, after, history, confirmations: { count: toConfirm.length, at: change.now } },
      settings,
    );
    // The addresses are saved, unverified, whatever happens here: the member can ask for the link again.
    await confirmation
      .send(after.id, toConfirm)
      .catch((error: unknown) =>
        logger.error('address confirmations not queued', { memberId: after.id, error: error as Error }),
      );
    return saved;
  }

  private confirmationEdge() {
    const edge = this.deps.addressConfirmation;
    if (!edge?.send) {
      throw new ServiceUnavailableError('This deployment cannot confirm email addresses yet.', 3600);
    }
    return { ...edge, send: edge.send };
  }

  /**
   * Writes, then checks that the tier and rate tables the write was computed with are still the ones
   * in force. A table saved in between starts a re-tier job whose scan may already have passed this
   * member; re-tiering the member here closes that gap. The caller's write is saved by then, so the
   * settling is best effort: if it fails (someone wrote the member since, the new tables lack a rate,
   * the database is busy) the caller still gets its saved member, and the job or the next write
   * converges it.
   */
  private async writeAndSettle(write: MemberWrite, used: Settings): Promise<Member> {
    await this.deps.members.write(write);
    try {
      const latest = await this.deps.settings.read();
      if (sameVersions(used, latest)) return write.after;
      const now = this.deps.clock();
      const target = retierTarget(write.after, contextOf(latest), now);
      if (!target) return write.after;
      const { after, history } = retiered(write.after, target, now, this.deps.newId());
      await this.deps.members.write({ before: write.after, after, history });
      return after;
    } catch (error) {
      logger.warn('member saved; its re-tier after a settings change is left to a job', {
        memberId: write.after.id,
        error: error as Error,
      });
      await this.deps.settleLater(write.after.id).catch((queueError: unknown) => {
        // The caller's write is saved either way; the next re-tier job or write converges the member.
        logger.error('member saved; its re-tier job could not be queued', {
          memberId: write.after.id,
          error: queueError as Error,
        });
      });
      return write.after;
    }
  }

  /** Consent given through a CSV import is recorded as such, whoever ran the import. */
  private change(actor: Actor, action: HistoryEntry['action']): StateChange {
    return {
      now: this.deps.clock(),
      consentSource: action === 'import' ? 'import' : consentSourceOf(actor),
      actorSub: actor.sub,
      newId: this.deps.newId,
    };
  }

  private entry(
    after: Member,
    before: Member | undefined,
    actor: Actor,
    action: HistoryEntry['action'],
    change: StateChange,
  ): HistoryEntry {
    return {
      id: this.deps.newId(),
      memberId: after.id,
      at: change.now.toISOString(),
      actor: { sub: actor.sub, role: actor.role },
      action,
      changes: memberChanges(before, after),
    };
  }
}
