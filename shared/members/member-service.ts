import { createHash } from 'node:crypto';
import { suppressionKey } from '../data/keys.ts';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import {
  type Contact,
  type Member,
  type MemberCreate,
  memberEditableFields,
  memberProfileSchema,
} from '../domain/member-schema.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { type Actor, consentSourceOf } from './actor.ts';
import { memberChanges } from './member-changes.ts';
import type { HistoryEntry, LastKey, MemberRepository, Page } from './member-repository.ts';
import { applyProfile, profileOf, type StateChange } from './member-state.ts';
import { applyMergePatch } from './merge-patch.ts';

export interface MemberServiceDeps {
  members: MemberRepository;
  settings: SettingsRepository;
  clock: () => Date;
  newId: () => string;
}

export const erasedMarker = '[erased]';

/** A one-way hash of an email: enough to refuse sending to it again, not enough to recover it. */
export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** The member use cases: every rule about who may change what, and what a change records. */
export class MemberService {
  constructor(private readonly deps: MemberServiceDeps) {}

  async get(id: string): Promise<Member> {
    const member = await this.deps.members.get(id);
    if (!member) throw new NotFoundError(`No member ${id}.`);
    return member;
  }

  async create(
    input: MemberCreate,
    actor: Actor,
    action: HistoryEntry['action'] = 'create',
  ): Promise<Member> {
    const change = this.change(actor, action);
    const context = await this.deps.settings.tierContext();
    const member = applyProfile(undefined, input, context, change);
    await this.deps.members.write({
      before: undefined,
      after: member,
      history: this.entry(member, undefined, actor, action, change),
    });
    return member;
  }

  /** Applies a JSON merge patch; `expectedVersion` comes from `If-Match`. Unchanged input writes nothing. */
  async patch(
    id: string,
    patch: Record<string, unknown>,
    actor: Actor,
    expectedVersion: number,
    action: HistoryEntry['action'] = 'update',
  ): Promise<Member> {
    if (actor.role === 'member') {
      const staffOwned = Object.keys(patch).filter(
        (f) => !(memberEditableFields as readonly string[]).includes(f),
      );
      if (staffOwned.length > 0) {
        throw new ForbiddenError(`Only association staff may change: ${staffOwned.join(', ')}.`);
      }
    }
    const before = await this.get(id);
    if (before.version !== expectedVersion) {
      throw new PreconditionFailedError('If-Match does not match the current ETag; fetch the member again.');
    }
    if (patch.status === 'resigned' && before.status !== 'resigned') {
      throw new ValidationError([
        { path: 'status', message: 'A member resigns through DELETE /v1/members/{id}.' },
      ]);
    }
    const parsed = memberProfileSchema.safeParse(applyMergePatch(profileOf(before), patch));
    if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues));
    return this.save(before, parsed.data, actor, action);
  }

  async resign(id: string, actor: Actor, expectedVersion: number): Promise<Member> {
    const before = await this.get(id);
    if (before.version !== expectedVersion) {
      throw new PreconditionFailedError('If-Match does not match the current ETag; fetch the member again.');
    }
    if (before.status === 'resigned') return before;
    const profile = memberProfileSchema.parse({ ...profileOf(before), status: 'resigned' });
    return this.save(before, profile, actor, 'resign');
  }

  /**
   * Right to be forgotten: each contact's personal data becomes a tombstone, in the member and in its
   * history; email guards go (the addresses may be reused by someone else); a hash of each address
   * joins the suppression list so the person is never emailed again. The company record stays.
   */
  async erase(id: string, actor: Actor): Promise<Member> {
    const before = await this.get(id);
    const now = this.deps.clock();
    const at = now.toISOString();
    const erased = before.contacts.filter((c) => !c.erasedAt);
    const tombstone = (c: Contact): Contact => ({
      id: c.id,
      name: erasedMarker,
      email: null,
      language: c.language,
      consent: {
        outreach: { granted: false, at, source: 'staff' },
        news: { granted: false, at, source: 'staff' },
      },
      erasedAt: at,
    });
    const after: Member = {
      ...before,
      contacts: before.contacts.map((c) => (c.erasedAt ? c : tombstone(c))),
      erasedAt: at,
      version: before.version + 1,
      updatedAt: at,
    };
    const history: HistoryEntry = {
      id: this.deps.newId(),
      memberId: id,
      at,
      actor,
      action: 'erase',
      changes: erased.map((c) => ({ field: `contacts.${c.id}.erasedAt`, old: null, new: at })),
    };
    const suppressions = erased
      .filter((c) => c.email)
      .map((c) => ({ ...suppressionKey(emailHash(c.email!)), type: 'suppression', reason: 'erased', at }));
    await this.deps.members.write({ before, after, history, extraItems: suppressions });
    // Every contact the history knows, not only the current ones: a contact removed earlier is still
    // the member's contacts' personal data, held in the member's own records.
    await this.deps.members.tombstoneHistory(id, 'all', erasedMarker);
    return after;
  }

  async export(id: string): Promise<{ member: Member; history: HistoryEntry[]; exportedAt: string }> {
    const member = await this.get(id);
    const history = await this.deps.members.allHistory(id);
    return { member, history, exportedAt: this.deps.clock().toISOString() };
  }

  async history(id: string, limit: number, startKey?: LastKey): Promise<Page<HistoryEntry>> {
    if (!(await this.deps.members.exists(id))) throw new NotFoundError(`No member ${id}.`);
    return this.deps.members.history(id, limit, startKey);
  }

  private async save(
    before: Member,
    profile: Parameters<typeof applyProfile>[1],
    actor: Actor,
    action: HistoryEntry['action'],
  ): Promise<Member> {
    const change = this.change(actor, action);
    const context = await this.deps.settings.tierContext();
    const after = applyProfile(before, profile, context, change);
    const history = this.entry(after, before, actor, action, change);
    if (history.changes.length === 0) return before;
    await this.deps.members.write({ before, after, history });
    return after;
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
