import { z } from '@hono/zod-openapi';
import {
  audienceIndexKey,
  audiencePartition,
  contactKey,
  type DirectoryFacet,
  directoryIndexKey,
  directoryPartition,
  directorySortKey,
  directoryStatusPartition,
  emailConflictKey,
  emailConflictsPartition,
  emailGuardKey,
  type Key,
  memberHistoryKey,
  memberKey,
  searchIndexKey,
  searchPartitionKey,
  statusEntryKeyBeforeLayout4,
  taxIdGuardKey,
} from '../data/keys.ts';
import {
  type Contact,
  contactSchema,
  type Member,
  type MemberSummary,
  memberSchema,
} from '../domain/member-schema.ts';
import { searchKeys, searchPartition, sortName } from '../domain/name-search.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { unassessedTier } from '../domain/tiers.ts';
import { roles } from '../identity/principal.ts';
import { matchEntries, memberCard } from '../matching/match-card.ts';
import { audienceEntriesOf } from './audience-entry.ts';
import { type HistoryEntry, historyActions } from './history-entry.ts';
import { parsed, StoredItemUnreadableError, storedKeyOf } from './stored-item-error.ts';

/**
 * Pure mapping between a member and the items that hold it: the profile, one item per contact, the
 * uniqueness guards, and the directory and search index items the list routes query. Every item is
 * derived from the member alone, so the items an update must remove are the old member's items that
 * the new member no longer has. Reading maps stored items back, whatever layout version they were
 * written in.
 */
export type Item = Key & Record<string, unknown>;

/**
 * The layout version of the items that hold a member's profile, its contacts and its history entries,
 * stored as `schemaVersion`. It is not the optimistic-lock `version`, which counts changes of one
 * member: this one changes when the code changes what an item holds. Items written before it existed
 * are version 0. Reading upgrades every older item to the current layout (see the upgrade steps below),
 * so stored items need no migration job; a write stores the current layout of the items it touches.
 */
export const itemSchemaVersion = 6;

function stamp(member: Member) {
  return { createdAt: member.createdAt, updatedAt: member.updatedAt, version: member.version };
}

export function summaryOf(member: Member): MemberSummary {
  return {
    id: member.id,
    name: member.name,
    country: member.country,
    ...(member.region ? { region: member.region } : {}),
    tier: member.tier,
    status: member.status,
    sectors: member.sectors,
  };
}

export function profileItem(member: Member): Item {
  const { contacts: _contacts, ...profile } = member;
  return { ...memberKey(member.id), type: 'member', schemaVersion: itemSchemaVersion, ...profile };
}

/**
 * A contact item keeps the contact's place in the member's list, which ids (made in one millisecond)
 * do not. Live contacts come first and are numbered from the front (`contactOrder`). Tombstones follow
 * them, are never removed, and a new erasure puts its own ahead of the older ones: numbered from the
 * back (`erasedOrder`), a tombstone keeps its number, so no later write has to rewrite it.
 */
export function contactItem(memberId: string, contact: Contact, member: Member): Item {
  return companyContactItem(contactKey(memberId, contact.id), { memberId }, contact, member);
}

/** The contact item of any company (a member or a partner), `owner` naming the company it belongs to. */
export function companyContactItem(
  key: Key,
  owner: Record<string, string>,
  contact: Contact,
  company: { contacts: Contact[]; createdAt: string; updatedAt: string; version: number },
): Item {
  const index = company.contacts.findIndex((c) => c.id === contact.id);
  return {
    ...key,
    type: 'contact',
    schemaVersion: itemSchemaVersion,
    ...owner,
    ...contact,
    ...(contact.erasedAt === undefined
      ? { contactOrder: index }
      : { erasedOrder: company.contacts.length - 1 - index }),
    createdAt: company.createdAt,
    updatedAt: company.updatedAt,
    version: company.version,
  };
}

export function taxIdGuardItem(member: Member): Item {
  return {
    ...taxIdGuardKey(member.country, member.taxId),
    type: 'taxIdGuard',
    memberId: member.id,
    ...stamp(member),
  };
}

/** Only a verified address holds its guard: an unconfirmed one proves nothing about who holds it. */
export function emailGuardItems(member: Member): Item[] {
  return member.contacts
    .filter((c): c is Contact & { email: string } => !!c.email && c.emailStatus === 'verified')
    .map((c) => ({
      ...emailGuardKey(c.email),
      type: 'emailGuard',
      memberId: member.id,
      contactId: c.id,
      ...stamp(member),
    }));
}

/**
 * The (facet, value) pairs a member is listed under. Status is no facet of its own: every entry's gsi2
 * partition lists the facet's members by status, so the `all` entry's lists all members by status.
 */
export function directoryFacetsOf(member: Member): [DirectoryFacet, string][] {
  const facets: [DirectoryFacet, string][] = [
    ['all', 'members'],
    ['tier', member.tier ?? unassessedTier],
    ['country', member.country],
  ];
  if (member.region) facets.push(['region', member.region]);
  for (const sector of member.sectors) facets.push(['sector', sector]);
  for (const interest of member.interests) facets.push(['interest', interest]);
  return facets;
}

export function indexItems(member: Member): Item[] {
  const summary = summaryOf(member);
  const order = directorySortKey(sortName(member.name), member.id);
  const directory = directoryFacetsOf(member).map(([facet, value]) => ({
    ...directoryIndexKey(member.id, facet, value),
    type: 'directoryEntry',
    gsi1pk: directoryPartition(facet, value),
    gsi1sk: order,
    gsi2pk: directoryStatusPartition(facet, value, member.status),
    gsi2sk: order,
    summary,
    ...stamp(member),
  }));
  const search = searchKeys(member.name).map((key) => ({
    ...searchIndexKey(member.id, key),
    type: 'searchEntry',
    gsi1pk: searchPartitionKey(searchPartition(key)),
    gsi1sk: directorySortKey(key, member.id),
    summary,
    ...stamp(member),
  }));
  const audience = audienceEntriesOf(member).map((entry) => ({
    ...audienceIndexKey(member.id, entry.contactId),
    type: 'audienceEntry',
    gsi1pk: audiencePartition,
    gsi1sk: `${member.id}#${entry.contactId}`,
    ...entry,
    ...stamp(member),
  }));
  const conflicts = member.contacts
    .filter((c) => c.emailStatus === 'conflict' && c.email)
    .map((c) => ({
      ...emailConflictKey(member.id, c.id),
      type: 'emailConflict',
      gsi1pk: emailConflictsPartition,
      gsi1sk: `${member.id}#${c.id}`,
      memberId: member.id,
      memberName: member.name,
      contactId: c.id,
      contactName: c.name,
      email: c.email,
      ...stamp(member),
    }));
  // A member that left or is suspended is no one's match, whatever it chose.
  const matches = matchEntries(
    memberCard(member),
    member.matchmakingVisible && member.status === 'active',
    stamp(member),
  );
  return [...directory, ...search, ...audience, ...conflicts, ...matches];
}

/** Everything a member is stored as, guards and index items included. */
export function allItems(member: Member): Item[] {
  return [
    profileItem(member),
    ...member.contacts.map((c) => contactItem(member.id, c, member)),
    taxIdGuardItem(member),
    ...emailGuardItems(member),
    ...indexItems(member),
  ];
}

/** The item that holds one history entry, in the member's history partition. */
export function historyItem(entry: HistoryEntry): Item {
  return {
    ...memberHistoryKey(entry.memberId, entry.id),
    type: 'auditEntry',
    schemaVersion: itemSchemaVersion,
    ...entry,
  };
}

/** An item as read, before it is known to match any schema. */
export type StoredItem = Record<string, unknown>;

/**
 * Upgrade steps: step `n` takes items of layout version `n` to `n + 1`. A step gets every item of its
 * version in the member's partition at once, because a contact's place is only known among its siblings.
 */
type UpgradeStep = (items: StoredItem[]) => StoredItem[];
/** One step per earlier version: raising `itemSchemaVersion` without adding the step does not compile. */
type Upgrades = readonly UpgradeStep[] & { readonly length: typeof itemSchemaVersion };

// 0 → 1 added the attribute, 1 → 2 changed contacts only, 2 → 3 added the profile's target markets,
// 3 → 4 changed index items only, 4 → 5 added contacts' email status, 5 → 6 added offers and needs.
const unchanged: UpgradeStep = (items) => items;
/** 2 → 3: members had no target markets; none is what they said. */
const addTargetMarkets: UpgradeStep = (items) => items.map((i) => ({ targetMarkets: [], ...i }));
/** 5 → 6: members had listed no offers or needs, and none had chosen to be shown in matches. */
const addOffersAndNeeds: UpgradeStep = (items) =>
  items.map((i) => ({ offers: [], needs: [], matchmakingVisible: false, ...i }));
const profileUpgrades: Upgrades = [
  unchanged,
  unchanged,
  addTargetMarkets,
  unchanged,
  unchanged,
  addOffersAndNeeds,
] as const;
const historyUpgrades: Upgrades = [unchanged, unchanged, unchanged, unchanged, unchanged, unchanged] as const;

/** The place of the oldest contact items (before `contactOrder` existed): after the others, by id. */
const unplaced = Number.MAX_SAFE_INTEGER;
// 0 → 1: the first contact items had no `contactOrder`; the reader listed them after the others, by id.
const placeUnplaced: UpgradeStep = (items) =>
  items.map((i) => (typeof i.contactOrder === 'number' ? i : { ...i, contactOrder: unplaced }));
/**
 * 1 → 2: tombstones were numbered from the front, with the live contacts, so every write that changed
 * the number of live contacts rewrote them all. These are the oldest tombstones, so the last of the
 * list whatever came later: numbered from the back, in the order they had. One without a number is
 * left as it is, to fail the schema.
 */
const numberTombstonesFromBack: UpgradeStep = (items) => {
  const tombstones = items
    .filter((i) => i.erasedAt !== undefined && typeof i.contactOrder === 'number')
    .sort(
      (a, b) => Number(a.contactOrder) - Number(b.contactOrder) || String(a.id).localeCompare(String(b.id)),
    );
  return items.map((item) => {
    const rank = tombstones.indexOf(item);
    if (rank < 0) return item;
    const { contactOrder: _fromFront, ...tombstone } = item;
    return { ...tombstone, erasedOrder: tombstones.length - 1 - rank };
  });
};
/** 4 → 5: every address was entered by staff, an import or the seed, so verified; tombstones have none. */
const verifyAddresses: UpgradeStep = (items) =>
  items.map((i) => (i.erasedAt === undefined ? { emailStatus: 'verified', ...i } : i));
const contactUpgrades: Upgrades = [
  placeUnplaced,
  numberTombstonesFromBack,
  unchanged,
  unchanged,
  verifyAddresses,
  unchanged,
] as const;

/** Takes items of any known layout to the current one; a version this code does not know is unreadable. */
function upgraded(items: StoredItem[], steps: Upgrades): StoredItem[] {
  const versionOf = (item: StoredItem): number => {
    const version = item.schemaVersion ?? 0;
    if (
      typeof version !== 'number' ||
      !Number.isInteger(version) ||
      version < 0 ||
      version > itemSchemaVersion
    ) {
      throw new StoredItemUnreadableError(storedKeyOf(item));
    }
    return version;
  };
  let current = items.map((item) => ({ item, version: versionOf(item) }));
  steps.forEach((step, from) => {
    const due = current.filter((c) => c.version === from);
    const next = step(due.map((c) => c.item)).map((item) => ({ item, version: from + 1 }));
    current = [...current.filter((c) => c.version !== from), ...next];
  });
  return current.map((c) => c.item);
}

const storedProfileSchema = onFirstUse(() => memberSchema.omit({ contacts: true }));
const livePlaceSchema = onFirstUse(() => z.object({ contactOrder: z.number().int() }));
const tombstonePlaceSchema = onFirstUse(() => z.object({ erasedOrder: z.number().int() }));

/** A contact with what orders it: live ones by number from the front, then tombstones from the back. */
function placed(item: StoredItem): { contact: Contact; erased: boolean; place: number } {
  const contact = parsed(contactSchema, item);
  return contact.erasedAt === undefined
    ? { contact, erased: false, place: parsed(livePlaceSchema, item).contactOrder }
    : { contact, erased: true, place: -parsed(tombstonePlaceSchema, item).erasedOrder };
}

const storedHistoryEntrySchema = onFirstUse(
  () =>
    z.object({
      id: z.string(),
      memberId: z.string(),
      at: z.iso.datetime(),
      actor: z.object({ sub: z.string(), role: z.enum(roles) }),
      action: z.enum(historyActions),
      changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
    }) satisfies z.ZodType<HistoryEntry>,
);

/** The history entry an item holds, in the current layout. */
export function historyEntryOf(item: StoredItem): HistoryEntry {
  return parsed(storedHistoryEntrySchema, upgraded([item], historyUpgrades)[0]!);
}

/**
 * Rebuilds a member from the items of its partition (profile and contacts, in any order; other items
 * are ignored), each upgraded to the current layout and checked against the member schema.
 */
export function memberFromItems(items: StoredItem[]): Member | undefined {
  const stored = items.find((i) => i.type === 'member');
  if (!stored) return undefined;
  const member = memberOf(items, stored);
  storedLayouts.set(member, typeof stored.schemaVersion === 'number' ? stored.schemaVersion : 0);
  return member;
}

/**
 * The layout each member read from the table was stored in, for the write that follows: index items
 * that a layout added are missing from the table until a write puts them (storedIndexItems).
 */
const storedLayouts = new WeakMap<Member, number>();

/** The layout that first wrote audience entries. */
const audienceLayout = 3;
/** The layout that stopped writing a `STATUS#` directory entry (the `all` entry's gsi2 lists by status). */
const noStatusEntryLayout = 4;

/**
 * The index items the table holds for `member` as it was read: all of `indexItems`, less those its
 * stored layout did not write yet, plus those it wrote that the current layout does not. A write
 * compares with these, so it adds what is missing (the audience entries of a member stored before
 * layout 3) and deletes what is no longer written (the status entry of one stored before layout 4),
 * even when nothing else changed.
 */
export function storedIndexItems(member: Member): Item[] {
  const layout = storedLayouts.get(member) ?? itemSchemaVersion;
  const items = indexItems(member);
  const written = layout < audienceLayout ? items.filter((item) => item.type !== 'audienceEntry') : items;
  return layout < noStatusEntryLayout
    ? [...written, { ...statusEntryKeyBeforeLayout4(member.id, member.status), type: 'directoryEntry' }]
    : written;
}

function memberOf(items: StoredItem[], stored: StoredItem): Member {
  const profile = parsed(storedProfileSchema, upgraded([stored], profileUpgrades)[0]!);
  return { ...profile, contacts: contactsFromItems(items) };
}

/**
 * A company's contacts from the items of its partition (other items are ignored), in the company's
 * order: live ones first, then tombstones, newest erasure first.
 */
export function contactsFromItems(items: StoredItem[]): Contact[] {
  return upgraded(
    items.filter((i) => i.type === 'contact'),
    contactUpgrades,
  )
    .map(placed)
    .sort(
      (a, b) =>
        Number(a.erased) - Number(b.erased) || a.place - b.place || a.contact.id.localeCompare(b.contact.id),
    )
    .map((c) => c.contact);
}
