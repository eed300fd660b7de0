import { z } from '@hono/zod-openapi';
import {
  audienceIndexKey,
  audiencePartition,
  emailGuardKey,
  partnerContactKey,
  partnerHistoryKey,
  partnerIndexKey,
  partnerKey,
  partnerListPartition,
  partnerNamePartition,
  partnerSearchPartition,
  taxIdGuardKey,
} from '../data/keys.ts';
import type { Contact } from '../domain/member-schema.ts';
import { MAX_SEARCH_KEYS, searchKeys, searchPartition, sortName } from '../domain/name-search.ts';
import { topicsOf } from '../domain/offers-needs.ts';
import { type Partner, type PartnerSummary, partnerSchema } from '../domain/partner-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { roles } from '../identity/principal.ts';
import { matchEntries, partnerCard } from '../matching/match-card.ts';
import type { AudienceEntry } from '../members/audience-entry.ts';
import {
  companyContactItem,
  contactsFromItems,
  type Item,
  type StoredItem,
} from '../members/member-items.ts';
import { parsed, StoredItemUnreadableError, storedKeyOf } from '../members/stored-item-error.ts';
import { type PartnerHistoryEntry, partnerHistoryActions } from './partner-history.ts';

/**
 * Pure mapping between a partner and the items that hold it, as member-items.ts does for members:
 * the profile, one item per contact (the members' contact layout), the uniqueness guards it shares
 * with members, and the index items its lists, its search, its duplicate check and campaign audiences
 * query. A partner that joined the association keeps its profile (pointing at the member) and nothing
 * else.
 */
export const partnerItemSchemaVersion = 1;

function stamp(partner: Partner) {
  return { createdAt: partner.createdAt, updatedAt: partner.updatedAt, version: partner.version };
}

export function partnerSummaryOf(partner: Partner): PartnerSummary {
  return {
    id: partner.id,
    name: partner.name,
    latinName: partner.latinName,
    country: partner.country,
    ...(partner.region ? { region: partner.region } : {}),
    sectors: partner.sectors,
    matchmakingVisible: partner.matchmakingVisible,
  };
}

export function partnerProfileItem(partner: Partner): Item {
  const { contacts: _contacts, ...profile } = partner;
  return { ...partnerKey(partner.id), type: 'partner', schemaVersion: partnerItemSchemaVersion, ...profile };
}

export function partnerContactItems(partner: Partner): Item[] {
  return partner.contacts.map((contact) =>
    companyContactItem(
      partnerContactKey(partner.id, contact.id),
      { partnerId: partner.id },
      contact,
      partner,
    ),
  );
}

/** The tax id and verified addresses it holds, in the guards members hold theirs in. */
export function partnerGuardItems(partner: Partner): Item[] {
  if (partner.joinedAs) return [];
  const taxId = partner.taxId
    ? [
        {
          ...taxIdGuardKey(partner.country, partner.taxId),
          type: 'taxIdGuard',
          partnerId: partner.id,
          ...stamp(partner),
        },
      ]
    : [];
  const emails = partner.contacts
    .filter((c): c is Contact & { email: string } => !!c.email && c.emailStatus === 'verified')
    .map((c) => ({
      ...emailGuardKey(c.email),
      type: 'emailGuard',
      partnerId: partner.id,
      contactId: c.id,
      ...stamp(partner),
    }));
  return [...taxId, ...emails];
}

/**
 * The keys a partner is found by: its Latin name's first (they always fold to letters), then its own
 * script's, which for Vietnamese or Russian fold too and for Thai or Chinese give none. Twice a
 * member's cap, since a partner has two names.
 */
export function partnerSearchKeys(partner: Pick<Partner, 'name' | 'latinName'>): string[] {
  return [...new Set([...searchKeys(partner.latinName), ...searchKeys(partner.name)])].slice(
    0,
    2 * MAX_SEARCH_KEYS,
  );
}

/** The names two partners of one country must not share (without confirmation): in either script. */
export function partnerNameKeys(partner: Pick<Partner, 'name' | 'latinName'>): string[] {
  return [...new Set([sortName(partner.latinName), sortName(partner.name)])].filter((key) => key !== '');
}

/** Where a partner is listed: all partners, its country, its sectors, and the topics it offers or seeks. */
export function partnerFacetsOf(partner: Partner): ['all' | 'country' | 'sector' | 'topic', string][] {
  return [
    ['all', 'partners'],
    ['country', partner.country],
    ...partner.sectors.map((sector) => ['sector', sector] as ['sector', string]),
    ...topicsOf(partner).map((topic) => ['topic', topic] as ['topic', string]),
  ];
}

/** A partner's contacts as campaign audiences see them; see AudienceEntry for what each field means. */
export function partnerAudienceEntries(partner: Partner): AudienceEntry[] {
  return partner.contacts
    .filter((contact) => !contact.erasedAt)
    .map((contact) => ({
      companyKind: 'partner',
      memberId: partner.id,
      contactId: contact.id,
      email: contact.email,
      contactName: contact.name,
      contactLanguage: contact.language,
      outreach: contact.consent.outreach.granted,
      verified: contact.emailStatus === 'verified',
      memberName: partner.name,
      memberLanguages: partner.languages,
      status: 'active',
      tier: null,
      country: partner.country,
      region: partner.region ?? null,
      sectors: partner.sectors,
      interests: partner.needs.map((need) => need.topic),
      targetMarkets: partner.targetMarkets,
      website: partner.website ?? null,
    }));
}

export function partnerIndexItems(partner: Partner): Item[] {
  if (partner.joinedAs) return [];
  const summary = partnerSummaryOf(partner);
  const order = `${sortName(partner.latinName)}#${partner.id}`;
  const lists = partnerFacetsOf(partner).map(([facet, value]) => ({
    ...partnerIndexKey(partner.id, `${facet.toUpperCase()}#${value}`),
    type: 'partnerEntry',
    gsi1pk: partnerListPartition(facet, value),
    gsi1sk: order,
    summary,
    ...stamp(partner),
  }));
  const search = partnerSearchKeys(partner).map((key) => ({
    ...partnerIndexKey(partner.id, `SEARCH#${key}`),
    type: 'partnerSearchEntry',
    gsi1pk: partnerSearchPartition(searchPartition(key)),
    gsi1sk: `${key}#${partner.id}`,
    summary,
    ...stamp(partner),
  }));
  const names = partnerNameKeys(partner).map((key) => ({
    ...partnerIndexKey(partner.id, `NAME#${key}`),
    type: 'partnerNameEntry',
    gsi2pk: partnerNamePartition(partner.country, key),
    gsi2sk: partner.id,
    summary,
    ...stamp(partner),
  }));
  const audience = partnerAudienceEntries(partner).map((entry) => ({
    ...audienceIndexKey(partner.id, entry.contactId, 'partner'),
    type: 'audienceEntry',
    gsi1pk: audiencePartition,
    gsi1sk: `${partner.id}#${entry.contactId}`,
    ...entry,
    ...stamp(partner),
  }));
  const matches = matchEntries(partnerCard(partner), partner.matchmakingVisible, stamp(partner));
  return [...lists, ...search, ...names, ...audience, ...matches];
}

export function partnerHistoryItem(entry: PartnerHistoryEntry): Item {
  return {
    ...partnerHistoryKey(entry.partnerId, entry.id),
    type: 'partnerAuditEntry',
    schemaVersion: partnerItemSchemaVersion,
    ...entry,
  };
}

/** Partner items have had one layout; a later one is unreadable to this code. */
function checkedLayout(item: StoredItem): StoredItem {
  if (item.schemaVersion !== partnerItemSchemaVersion) throw new StoredItemUnreadableError(storedKeyOf(item));
  return item;
}

const storedProfileSchema = onFirstUse(() => partnerSchema.omit({ contacts: true }));

/** Rebuilds a partner from the items of its partition (profile and contacts, in any order). */
export function partnerFromItems(items: StoredItem[]): Partner | undefined {
  const stored = items.find((i) => i.type === 'partner');
  if (!stored) return undefined;
  return { ...parsed(storedProfileSchema, checkedLayout(stored)), contacts: contactsFromItems(items) };
}

const storedHistoryEntrySchema = onFirstUse(
  () =>
    z.object({
      id: z.string(),
      partnerId: z.string(),
      at: z.iso.datetime(),
      actor: z.object({ sub: z.string(), role: z.enum(roles) }),
      action: z.enum(partnerHistoryActions),
      changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
    }) satisfies z.ZodType<PartnerHistoryEntry>,
);

export function partnerHistoryEntryOf(item: StoredItem): PartnerHistoryEntry {
  return parsed(storedHistoryEntrySchema, checkedLayout(item));
}
