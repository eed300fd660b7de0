import { ConflictError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import { applyMergePatch } from '../members/merge-patch.ts';
import type { CampaignRepository } from './campaign-repository.ts';
import {
  type Campaign,
  type CampaignCreate,
  type CampaignPatch,
  campaignCreateSchema,
} from './campaign-schema.ts';
import { refusedMove } from './campaign-state.ts';
import { sendAtUtc } from './send-time.ts';

export interface CampaignServiceDeps {
  campaigns: Pick<CampaignRepository, 'create' | 'get' | 'replaceDraft' | 'deleteDraft'>;
  clock: () => Date;
  newId: () => string;
}

/** The writable part of a campaign, in the shape a create takes; what a merge patch applies to. */
function writableOf(campaign: Campaign): CampaignCreate {
  return {
    name: campaign.name,
    targetMarkets: campaign.targetMarkets,
    segment: campaign.segment,
    replyTo: campaign.replyTo,
    variants: campaign.variants,
    ...(campaign.sendAt ? { sendAt: campaign.sendAt } : {}),
    ...(campaign.timeZone ? { timeZone: campaign.timeZone } : {}),
  };
}

function fieldsOf(input: CampaignCreate) {
  return {
    name: input.name,
    targetMarkets: input.targetMarkets ?? [],
    segment: input.segment,
    replyTo: input.replyTo,
    variants: input.variants,
    sendAt: input.sendAt ? sendAtUtc(input.sendAt) : null,
    timeZone: input.timeZone ?? null,
  };
}

/** A new draft of `input`, as created; unsaved, it is what a preview of a form being typed renders. */
export function draftOf(input: CampaignCreate, id: string, now: Date): Campaign {
  const at = now.toISOString();
  return {
    id,
    state: 'draft',
    ...fieldsOf(input),
    pausedBecause: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Drafting campaigns: create, edit and delete while a draft. */
export class CampaignService {
  constructor(private readonly deps: CampaignServiceDeps) {}

  async create(input: CampaignCreate): Promise<Campaign> {
    const campaign = draftOf(input, this.deps.newId(), this.deps.clock());
    await this.deps.campaigns.create(campaign);
    return campaign;
  }

  /**
   * Applies a merge patch to a draft read at `expectedVersion`. The result is validated whole, as a
   * create would be, so a patch cannot leave a campaign that could not have been created.
   */
  async patch(current: Campaign, patch: CampaignPatch, expectedVersion: number): Promise<Campaign> {
    // Preconditions before content (RFC 9110): a stale ETag is a 412, a campaign past draft a 409,
    // whatever the body says. The conditional write checks both again.
    if (current.state !== 'draft') {
      throw new ConflictError(`Only a draft can be edited. ${refusedMove(current.state, 'draft')}`, 'state');
    }
    if (current.version !== expectedVersion) {
      throw new PreconditionFailedError('If-Match does not match the current ETag.');
    }
    const merged = campaignCreateSchema.safeParse(applyMergePatch(writableOf(current), patch));
    if (!merged.success) throw new ValidationError(zodIssuesToFieldErrors(merged.error.issues));
    const next: Campaign = {
      ...current,
      ...fieldsOf(merged.data),
      updatedAt: this.deps.clock().toISOString(),
      version: expectedVersion + 1,
    };
    await this.deps.campaigns.replaceDraft(next, expectedVersion);
    return next;
  }
}
