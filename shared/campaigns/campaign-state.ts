/**
 * A campaign's life: `draft → scheduled → sending → sent`, back from `scheduled` to `draft`,
 * `sending ⇄ paused`, and `cancelled` from `scheduled`, `sending` or `paused`. `sending → sent` is the
 * dispatcher's, once no recipient is queued or claimed. Only a draft can be edited or deleted.
 */
export const campaignStates = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

const moves: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'sending', 'cancelled'],
  sending: ['paused', 'sent', 'cancelled'],
  paused: ['sending', 'cancelled'],
  sent: [],
  cancelled: [],
};

/** The states a campaign in `from` may move to. */
export function allowedMoves(from: CampaignState): readonly CampaignState[] {
  return moves[from];
}

export function mayMove(from: CampaignState, to: CampaignState): boolean {
  return moves[from].includes(to);
}

/** Why a move is refused, naming the moves that are allowed: the detail of a 409. */
export function refusedMove(from: CampaignState, to: CampaignState): string {
  const allowed = moves[from];
  return allowed.length === 0
    ? `The campaign is ${from}; it can no longer change.`
    : `The campaign is ${from}; it cannot become ${to}, only ${allowed.join(' or ')}.`;
}
