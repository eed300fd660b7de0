import { z } from '@hono/zod-openapi';
import {
  leadActivityKey,
  leadActivitySortPrefix,
  leadDuePartition,
  leadGuardKey,
  leadIndexKey,
  leadKey,
  leadListPartition,
} from '../data/keys.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { Item, StoredItem } from '../members/member-items.ts';
import { parsed, StoredItemUnreadableError, storedKeyOf } from '../members/stored-item-error.ts';
import {
  type Lead,
  type LeadSummary,
  leadSchema,
  type TimelineEntry,
  timelineEntrySchema,
} from './lead-schema.ts';
import { isOpen } from './lead-stages.ts';

/**
 * Pure mapping between a lead and its items: the lead, its timeline entries (one item each, beside
 * the lead), the guard that keeps one open lead per two companies and topic, and the index items its
 * lists query (by stage, owner, stage and owner, member, partner, country, campaign, event; open ones with a
 * next action by due date).
 */
export const leadItemSchemaVersion = 1;

export type LeadFacet =
  | 'all'
  | 'stage'
  | 'owner'
  | 'board'
  | 'member'
  | 'partner'
  | 'country'
  | 'campaign'
  | 'event';

/** The owner value lists use for an unassigned lead. */
export const unassigned = 'none';

function stamp(lead: Lead) {
  return { createdAt: lead.createdAt, updatedAt: lead.updatedAt, version: lead.version };
}

export function leadSummaryOf(lead: Lead): LeadSummary {
  return {
    id: lead.id,
    memberId: lead.memberId,
    memberName: lead.memberName,
    counterpart: lead.counterpart,
    topic: lead.topic,
    stage: lead.stage,
    owner: lead.owner,
    ...(lead.nextAction ? { nextAction: lead.nextAction } : {}),
    ...(lead.estimatedValue ? { estimatedValue: lead.estimatedValue } : {}),
    lastActivityAt: lead.lastActivityAt,
    sourceType: lead.source.type,
  };
}

export function leadItem(lead: Lead): Item {
  return { ...leadKey(lead.id), type: 'lead', schemaVersion: leadItemSchemaVersion, ...lead };
}

/** A timeline entry, nested: its own `type` (a call, a transition) is not the item's. */
export function timelineItem(leadId: string, entry: TimelineEntry): Item {
  return {
    ...leadActivityKey(leadId, entry.id),
    type: 'leadActivity',
    schemaVersion: leadItemSchemaVersion,
    entry,
  };
}

/** The open lead's claim on its two companies and topic; a closed lead holds none. */
export function leadGuardItems(lead: Lead): Item[] {
  if (!isOpen(lead.stage)) return [];
  return [
    {
      ...leadGuardKey(lead.memberId, lead.counterpart.id, lead.topic),
      type: 'leadGuard',
      leadId: lead.id,
      ...stamp(lead),
    },
  ];
}

export function leadFacetsOf(lead: Lead): [LeadFacet, string][] {
  const owner = lead.owner ?? unassigned;
  const facets: [LeadFacet, string][] = [
    ['all', 'leads'],
    ['stage', lead.stage],
    ['owner', owner],
    ['board', `${lead.stage}#${owner}`],
    ['member', lead.memberId],
    ['country', lead.counterpart.country],
  ];
  // The member side only: a member lists the leads it is that side of (a second member finds none here).
  if (lead.counterpart.kind === 'partner') facets.push(['partner', lead.counterpart.id]);
  if (lead.source.type === 'campaign') facets.push(['campaign', lead.source.campaignId]);
  if (lead.source.type === 'event') facets.push(['event', lead.source.eventId]);
  return facets;
}

export function leadIndexItems(lead: Lead): Item[] {
  const summary = leadSummaryOf(lead);
  const order = `${lead.lastActivityAt}#${lead.id}`;
  const lists = leadFacetsOf(lead).map(([facet, value]) => ({
    ...leadIndexKey(lead.id, `${facet.toUpperCase()}#${value}`),
    type: 'leadEntry',
    gsi1pk: leadListPartition(facet, value),
    gsi1sk: order,
    summary,
    ...stamp(lead),
  }));
  const due =
    isOpen(lead.stage) && lead.nextAction
      ? [
          {
            ...leadIndexKey(lead.id, 'DUE'),
            type: 'leadDueEntry',
            gsi2pk: leadDuePartition,
            gsi2sk: `${lead.nextAction.due}#${lead.id}`,
            summary,
            ...stamp(lead),
          },
        ]
      : [];
  return [...lists, ...due];
}

function checkedLayout(item: StoredItem): StoredItem {
  if (item.schemaVersion !== leadItemSchemaVersion) throw new StoredItemUnreadableError(storedKeyOf(item));
  return item;
}

const storedTimelineSchema = onFirstUse(() => z.object({ entry: timelineEntrySchema }));

/** The lead and its timeline, oldest entry first, from the items of its partition. */
export function leadFromItems(items: StoredItem[]): { lead: Lead; timeline: TimelineEntry[] } | undefined {
  const stored = items.find((i) => i.type === 'lead');
  if (!stored) return undefined;
  const timeline = items
    .filter((i) => String(i.sk).startsWith(leadActivitySortPrefix))
    .map((i) => parsed(storedTimelineSchema, checkedLayout(i)).entry);
  return { lead: parsed(leadSchema, checkedLayout(stored)), timeline };
}
