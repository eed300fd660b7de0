import type { Actor } from './actor.ts';
import type { FieldChange } from './member-changes.ts';

export const historyActions = [
  'create',
  'update',
  'resign',
  'erase',
  'retier',
  'import',
  'unsubscribe',
  'complaint',
  'confirm-address',
  'account-invite',
  'account-activate',
  'account-revoke',
  'join',
] as const;
export type HistoryAction = (typeof historyActions)[number];

/** One entry of a member's audit trail: who did what, when, and each field's old and new value. */
export interface HistoryEntry {
  id: string;
  memberId: string;
  at: string;
  actor: Actor;
  action: HistoryAction;
  changes: FieldChange[];
}
