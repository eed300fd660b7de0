import type { SendQueue } from '../campaigns/sending-deps.ts';
import { secondsToUtcMidnight } from '../data/daily-count.ts';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../domain/errors.ts';
import type { Member } from '../domain/member-schema.ts';
import { type UserDirectory, UserExistsError } from '../identity/user-directory.ts';
import type { Actor } from './actor.ts';
import type { HistoryAction } from './history-entry.ts';
import { type Account, type AccountRepository, memberInvitationsPerDay } from './member-accounts.ts';
import { historyItem, type Item } from './member-items.ts';
import type { MemberRepository } from './member-repository.ts';

export interface AccountServiceDeps {
  accounts: AccountRepository;
  members: Pick<MemberRepository, 'get'>;
  /** The user pool (Cognito) or its local stand-in; absent where this deployment has none. */
  users?: UserDirectory | undefined;
  /** Where the invitation email is queued (the sender composes it); absent: invitations cannot go out. */
  sendQueue?: SendQueue | undefined;
  clock: () => Date;
  newId: () => string;
}

const unavailable = () =>
  new ServiceUnavailableError('This deployment cannot manage member accounts yet.', 3600);

/** An account as staff and the member read it: with its last sign-in, where the directory knows it. */
export type AccountView = Account & { lastSignInAt: string | null };

/**
 * Member accounts: staff (or the member's own account holders, a few a day) invite a contact with a
 * confirmed address; the person sets a password through the emailed link; staff or the member revoke
 * an account. Each step is in the member's history, by contact and account id (no address).
 */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async invite(memberId: string, contactId: string, actor: Actor): Promise<Account> {
    const { users, sendQueue } = this.edges();
    const member = await this.deps.members.get(memberId, { consistent: true });
    if (!member) throw new NotFoundError(`No member ${memberId}.`);
    if (member.status === 'resigned') {
      throw new ConflictError('The member resigned; its contacts get no accounts.', 'status');
    }
    const contact = member.contacts.find((c) => c.id === contactId && !c.erasedAt);
    if (!contact?.email) throw new NotFoundError(`Member ${memberId} has no contact ${contactId}.`);
    const email = contact.email;
    if (contact.emailStatus !== 'verified') {
      throw new ConflictError(
        'The contact’s address is not confirmed yet; an invitation goes only to a confirmed address.',
        'emailStatus',
      );
    }
    const ofContact = (await this.deps.accounts.list(memberId)).filter((a) => a.contactId === contactId);
    if (ofContact.some((a) => a.state === 'active')) {
      throw new ConflictError('The contact already has an active account.', 'contactId');
    }
    // A pending invitation at the same address is sent again; a revoked account never comes back
    // (its user, and any password it had, are deleted), so a new invitation makes a new account.
    const pending = ofContact.find(
      (a) => a.state === 'invited' && a.email.toLowerCase() === email.toLowerCase(),
    );
    const now = this.deps.clock();
    if (actor.role === 'member' && !(await this.deps.accounts.countInvitation(memberId, now))) {
      throw new TooManyRequestsError(
        `A member may send at most ${memberInvitationsPerDay} invitations a day; ask the association for more.`,
        secondsToUtcMidnight(now),
      );
    }
    for (const old of ofContact.filter((a) => a !== pending)) await users.remove(old.accountId);
    const accountId = pending?.accountId ?? (await this.createUser(users, email, memberId));
    const account: Account = {
      accountId,
      memberId,
      contactId,
      email,
      state: 'invited',
      invitedAt: now.toISOString(),
      activatedAt: null,
      disabledAt: null,
    };
    try {
      await this.deps.accounts.save(
        account,
        this.entry(account, pending, actor, 'account-invite'),
        pending?.state,
      );
    } catch (error) {
      // Nothing refers to a user made for an account that was not saved.
      if (!pending) await users.remove(accountId);
      throw error;
    }
    await sendQueue.enqueue([{ invite: { memberId, contactId, accountId } }]);
    return account;
  }

  private async createUser(users: UserDirectory, email: string, memberId: string): Promise<string> {
    try {
      return (await users.createMemberUser({ email, memberId })).userId;
    } catch (error) {
      if (error instanceof UserExistsError) {
        throw new ConflictError(
          'Another user (a staff account, or a contact of another member) already signs in with this address.',
          'email',
        );
      }
      throw error;
    }
  }

  async list(memberId: string): Promise<AccountView[]> {
    const accounts = await this.deps.accounts.list(memberId);
    const users = this.deps.users;
    return Promise.all(
      accounts.map(async (account) => ({
        ...account,
        lastSignInAt: users && account.state === 'active' ? await users.lastSignIn(account.accountId) : null,
      })),
    );
  }

  /** Disables the account and signs it out everywhere; revoking one already disabled changes nothing. */
  async revoke(memberId: string, accountId: string, actor: Actor): Promise<Account> {
    const users = this.users();
    const account = await this.deps.accounts.get(memberId, accountId);
    if (!account) throw new NotFoundError(`Member ${memberId} has no account ${accountId}.`);
    if (account.state === 'disabled') return account;
    await users.disable(accountId);
    const revoked: Account = { ...account, state: 'disabled', disabledAt: this.deps.clock().toISOString() };
    // Its pending link goes with it: a revoked account's invitation must not set a password.
    await this.deps.accounts.save(
      revoked,
      this.entry(revoked, account, actor, 'account-revoke'),
      account.state,
      [this.deps.accounts.dropInvitationLeg(memberId, account.contactId)],
    );
    return revoked;
  }

  /**
   * After a write of the member's contacts: an account whose contact is gone, or now has another
   * address, is revoked and its user deleted (it signed in with the old address, which someone else
   * may be given); its record stays, disabled. Invite the contact anew.
   */
  async revokeStale(member: Member, actor: Actor): Promise<void> {
    const live = new Map(member.contacts.filter((c) => !c.erasedAt && c.email).map((c) => [c.id, c.email!]));
    for (const account of await this.deps.accounts.list(member.id)) {
      if (account.state === 'disabled') continue;
      if (live.get(account.contactId)?.toLowerCase() === account.email.toLowerCase()) continue;
      await this.revoke(member.id, account.accountId, actor);
      await this.users().remove(account.accountId);
    }
  }

  /** A resignation: every account of the member is disabled. */
  async revokeAll(memberId: string, actor: Actor): Promise<void> {
    for (const account of await this.deps.accounts.list(memberId)) {
      if (account.state !== 'disabled') await this.revoke(memberId, account.accountId, actor);
    }
  }

  /** An erasure: the member's users and accounts are deleted (the history keeps only ids). */
  async removeAll(memberId: string): Promise<void> {
    const accounts = await this.deps.accounts.list(memberId);
    if (accounts.length > 0) {
      const users = this.users();
      for (const account of accounts) await users.remove(account.accountId);
    }
    await this.deps.accounts.deleteAll(memberId);
  }

  /**
   * The person set a password through the invitation (the public page checked the link and set it):
   * the account is active, and the link spent in the same transaction, so its second use changes
   * nothing. Resolves to false when the link was spent or replaced meanwhile.
   */
  async activate(memberId: string, contactId: string, secretHash: string): Promise<boolean> {
    const invitation = await this.deps.accounts.invitation(memberId, contactId);
    if (!invitation) return false;
    const account = await this.deps.accounts.get(memberId, invitation.accountId);
    if (account?.state !== 'invited') return false;
    const activated: Account = { ...account, state: 'active', activatedAt: this.deps.clock().toISOString() };
    const actor: Actor = { sub: account.accountId, role: 'member' };
    try {
      await this.deps.accounts.save(
        activated,
        this.entry(activated, account, actor, 'account-activate'),
        'invited',
        [this.deps.accounts.spendLeg(memberId, contactId, secretHash)],
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  private edges(): { users: UserDirectory; sendQueue: SendQueue } {
    const { sendQueue } = this.deps;
    if (!sendQueue) throw unavailable();
    return { users: this.users(), sendQueue };
  }

  private users(): UserDirectory {
    if (!this.deps.users) throw unavailable();
    return this.deps.users;
  }

  /** The history item of an account's step, by contact and account id (the history holds no address). */
  private entry(after: Account, before: Account | undefined, actor: Actor, action: HistoryAction): Item {
    const view = (a: Account | undefined) => (a ? { contactId: a.contactId, state: a.state } : null);
    return historyItem({
      id: this.deps.newId(),
      memberId: after.memberId,
      at: this.deps.clock().toISOString(),
      actor: { sub: actor.sub, role: actor.role },
      action,
      changes: [{ field: `accounts.${after.accountId}`, old: view(before), new: view(after) }],
    });
  }
}
