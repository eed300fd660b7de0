import {
  contactKey,
  type DirectoryFacet,
  directoryIndexKey,
  directoryPartition,
  directorySortKey,
  directoryStatusPartition,
  emailGuardKey,
  type Key,
  memberHistoryKey,
  memberKey,
  searchIndexKey,
  searchPartitionKey,
  taxIdGuardKey,
} from '../data/keys.ts';
import type { Contact, Member, MemberSummary } from '../domain/member-schema.ts';
import { searchKeys, searchPartition, sortName } from '../domain/name-search.ts';
import { unassessedTier } from '../domain/tiers.ts';
import type { HistoryEntry } from './history-entry.ts';

/**
 * Pure mapping between a member and the items that hold it: the profile, one item per contact, the
 * uniqueness guards, and the directory and search index items the list routes query. Every item is
 * derived from the member alone, so the items an update must remove are the old member's items that
 * the new member no longer has.
 */
export type Item = Key & Record<string, unknown>;

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
  return { ...memberKey(member.id), type: 'member', ...profile };
}

/** `contactOrder` keeps the member's order of its contacts, which their ids (made in one millisecond) do not. */
export function contactItem(memberId: string, contact: Contact, member: Member): Item {
  return {
    ...contactKey(memberId, contact.id),
    type: 'contact',
    memberId,
    ...contact,
    contactOrder: member.contacts.findIndex((c) => c.id === contact.id),
    ...stamp(member),
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

export function emailGuardItems(member: Member): Item[] {
  return member.contacts
    .filter((c): c is Contact & { email: string } => !!c.email)
    .map((c) => ({
      ...emailGuardKey(c.email),
      type: 'emailGuard',
      memberId: member.id,
      contactId: c.id,
      ...stamp(member),
    }));
}

/** The (facet, value) pairs a member is listed under. */
export function directoryFacetsOf(member: Member): [DirectoryFacet, string][] {
  const facets: [DirectoryFacet, string][] = [
    ['all', 'members'],
    ['tier', member.tier ?? unassessedTier],
    ['status', member.status],
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
    // Within the status facet itself a status partition would repeat gsi1.
    ...(facet === 'status'
      ? {}
      : { gsi2pk: directoryStatusPartition(facet, value, member.status), gsi2sk: order }),
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
  return [...directory, ...search];
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
  return { ...memberHistoryKey(entry.memberId, entry.id), type: 'auditEntry', ...entry };
}

/** The history entry an item holds: the item without its key and type. */
export function historyEntryOf(item: Record<string, unknown>): HistoryEntry {
  const { pk: _pk, sk: _sk, type: _type, ...entry } = item;
  return entry as unknown as HistoryEntry;
}

const internalAttributes = ['pk', 'sk', 'type', 'memberId', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...item };
  for (const attribute of internalAttributes) delete copy[attribute];
  return copy;
}

/** Rebuilds a member from the items of its partition (profile first, then contacts, in any order). */
export function memberFromItems(items: Record<string, unknown>[]): Member | undefined {
  const profile = items.find((i) => i.type === 'member');
  if (!profile) return undefined;
  const order = (item: Record<string, unknown>) =>
    typeof item.contactOrder === 'number' ? item.contactOrder : Number.MAX_SAFE_INTEGER;
  const contacts = items
    .filter((i) => i.type === 'contact')
    .sort((a, b) => order(a) - order(b) || String(a.id).localeCompare(String(b.id)))
    .map((i) => {
      const { createdAt: _c, updatedAt: _u, version: _v, contactOrder: _o, ...contact } = strip(i);
      return contact as Contact;
    });
  return { ...(strip(profile) as Omit<Member, 'contacts'>), contacts };
}
