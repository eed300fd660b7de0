/**
 * The pipeline a partnership lead moves along: `new → contacted → meeting → negotiating → won`; any
 * open stage may go to `lost` (with a reason); `lost` may reopen to `contacted`. `won` is final.
 */
export const leadStages = ['new', 'contacted', 'meeting', 'negotiating', 'won', 'lost'] as const;
export type LeadStage = (typeof leadStages)[number];

export const openStages = [
  'new',
  'contacted',
  'meeting',
  'negotiating',
] as const satisfies readonly LeadStage[];
export const isOpen = (stage: LeadStage): boolean => (openStages as readonly LeadStage[]).includes(stage);

const forward: Partial<Record<LeadStage, LeadStage>> = {
  new: 'contacted',
  contacted: 'meeting',
  meeting: 'negotiating',
  negotiating: 'won',
};

/** Where a lead at `from` may go next, in pipeline order. */
export function allowedMoves(from: LeadStage): LeadStage[] {
  if (from === 'lost') return ['contacted'];
  if (from === 'won') return [];
  return [forward[from]!, 'lost'];
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; problem: 'not-allowed'; allowed: LeadStage[] }
  | { ok: false; problem: 'reason-required' };

/** Whether a lead at `from` may move to `to`; a move to `lost` needs its reason. Pure. */
export function checkTransition(from: LeadStage, to: LeadStage, reason: string | undefined): TransitionCheck {
  const allowed = allowedMoves(from);
  if (!allowed.includes(to)) return { ok: false, problem: 'not-allowed', allowed };
  if (to === 'lost' && !reason?.trim()) return { ok: false, problem: 'reason-required' };
  return { ok: true };
}
