import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  checkTransition,
  isOpen,
  type LeadStage,
  leadStages,
} from '../../shared/leads/lead-stages.ts';

/** Every move the rules allow, written out by hand: the test compares all 36 pairs with it. */
const allowed: Record<LeadStage, LeadStage[]> = {
  new: ['contacted', 'lost'],
  contacted: ['meeting', 'lost'],
  meeting: ['negotiating', 'lost'],
  negotiating: ['won', 'lost'],
  won: [],
  lost: ['contacted'],
};

describe('lead stage rules', () => {
  it.each(leadStages.flatMap((from) => leadStages.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const result = checkTransition(from, to, 'no budget this year');
      if (allowed[from].includes(to)) expect(result).toEqual({ ok: true });
      else expect(result).toEqual({ ok: false, problem: 'not-allowed', allowed: allowed[from] });
    },
  );

  it('names the allowed moves of every stage', () => {
    for (const stage of leadStages) expect(allowedMoves(stage)).toEqual(allowed[stage]);
  });

  it('needs a reason to lose a lead, and only then', () => {
    for (const from of ['new', 'contacted', 'meeting', 'negotiating'] as const) {
      expect(checkTransition(from, 'lost', undefined)).toEqual({ ok: false, problem: 'reason-required' });
      expect(checkTransition(from, 'lost', '   ')).toEqual({ ok: false, problem: 'reason-required' });
    }
    expect(checkTransition('new', 'contacted', undefined)).toEqual({ ok: true });
  });

  it('counts the four stages before won and lost as open', () => {
    expect(leadStages.filter(isOpen)).toEqual(['new', 'contacted', 'meeting', 'negotiating']);
  });
});
