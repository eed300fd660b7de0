import type { Actor } from '../members/actor.ts';
import type { FieldChange } from '../members/member-changes.ts';

export const partnerHistoryActions = [
  'create',
  'update',
  'erase',
  'join',
  'unsubscribe',
  'complaint',
] as const;
export type PartnerHistoryAction = (typeof partnerHistoryActions)[number];

/** One entry of a partner's audit trail: who did what, when, and each field's old and new value. */
export interface PartnerHistoryEntry {
  id: string;
  partnerId: string;
  at: string;
  actor: Actor;
  action: PartnerHistoryAction;
  changes: FieldChange[];
}
