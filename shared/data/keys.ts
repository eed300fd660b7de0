/**
 * Every key the table holds is built here, and nowhere else. Access patterns (ARCHITECTURE.md) and
 * the key that serves each:
 *
 * | # | pattern                              | key                                                              |
 * |---|--------------------------------------|------------------------------------------------------------------|
 * | 1 | member with its contacts             | pk MEMBER#<id>; sk PROFILE (member), CONTACT#<contactId>          |
 * | 2 | member by tax id (unique)            | pk UNIQUE#TAXID#<country>#<normalised>, sk UNIQUE                 |
 * | 3 | contact by email (unique)            | pk UNIQUE#EMAIL#<lowercased email>, sk UNIQUE                     |
 * | 4 | members by facet, sorted by name     | gsi1pk DIR#<FACET>#<value>, gsi1sk <sortName>#<id>                |
 * |   | … and by status within a facet       | gsi2pk DIR#<FACET>#<value>#STATUS#<status>, gsi2sk <sortName>#<id>|
 * |   | (by status alone: the ALL facet's gsi2, DIR#ALL#members#STATUS#<status>)                            |
 * |   | (index items: pk MEMBERIDX#<id>, sk <FACET>#<value>)                                                      |
 * | 5 | name search (prefix)                 | gsi1pk SEARCH#<2 chars>, gsi1sk <key>#<id>                        |
 * |   | (search items: pk MEMBERIDX#<id>, sk SEARCH#<key>)                                                        |
 * | 9 | member history, newest first         | pk HISTORY#MEMBER#<id>, sk <ulid>                                 |
 * |10 | tier report aggregates               | pk AGGREGATE#TIERS, sk TIER#<name>                                |
 * |   | members per revenue currency         | pk AGGREGATE#CURRENCIES, sk CURRENCY#<ISO 4217 code>              |
 * |11 | suppression list by email hash       | pk SUPPRESSION#<key version>#<HMAC of email>, sk SUPPRESSION      |
 * |   | settings (tier table, rate table)    | pk SETTINGS, sk TIERS / RATES                                     |
 * |   | background jobs                      | pk JOB#<id>, sk JOB                                               |
 * |   | … unfinished ones (to resume)        | gsi1pk JOBS#UNFINISHED, gsi1sk <job id>, removed when it ends     |
 * |   | … an import's plan, in chunks        | pk JOB#<id>, sk FILE#<revision, 3 digits>#<chunk, 3 digits>       |
 * |   | … an import's per-row report         | pk JOB#<id>, sk REPORT#<row index, 6 digits> (file order)         |
 * | 6 | a campaign                           | pk CAMPAIGN#<id>, sk CAMPAIGN                                     |
 * |   | campaign audiences: every live contact| gsi1pk AUDIENCE, gsi1sk <member id>#<contact id>                  |
 * |   | (audience items: pk MEMBERIDX#<id>, sk AUDIENCE#<contact id>, written with the member)            |
 * |   | campaigns, newest first              | gsi1pk CAMPAIGNS, gsi1sk <id> (a ULID: creation order)            |
 * |   | a campaign's recipients              | pk CAMPAIGN#<id>, sk RECIPIENT#<contact id>                       |
 * |   | … a member's, across campaigns       | gsi2pk RECIPIENTS#MEMBER#<member id>, gsi2sk <campaign id>#<contact id> |
 * |   | a campaign's counts per status       | pk CAMPAIGN#<id>, sk STATS#<shard> (summed over the shards)       |
 * |   | recipients whose send is unknown     | gsi1pk RECIPIENTS#UNKNOWN, gsi1sk <since>#<campaign id>#<contact id> |
 * |   | addresses in conflict (for staff)    | gsi1pk EMAIL-CONFLICTS, gsi1sk <member id>#<contact id>           |
 * |   | (conflict items: pk MEMBERIDX#<id>, sk CONFLICT#<contact id>, written with the member)            |
 * |   | an address's pending confirmation    | pk ADDRESSCONFIRM#<member id>, sk PENDING#<contact id> (TTL)      |
 * |   | … confirmations a member asked today | pk ADDRESSCONFIRM#<member id>, sk COUNT#<UTC day> (TTL)           |
 * |   | a partner with its contacts          | pk PARTNER#<id>; sk PROFILE (partner), CONTACT#<contactId>        |
 * |   | (its tax id and emails share the members' guards above, holding `partnerId` in place of `memberId`) |
 * |   | partners by facet, sorted by name    | gsi1pk PARTNERS#<FACET>#<value>, gsi1sk <sortName>#<id>           |
 * |   | partner name search (prefix)         | gsi1pk PARTNERSEARCH#<2 chars>, gsi1sk <key>#<id>                 |
 * |   | partners of one name in one country  | gsi2pk PARTNERNAME#<country>#<sortName>, gsi2sk <id>              |
 * |   | (index items: pk PARTNERIDX#<id>, sk <FACET>#<value> / SEARCH#<key> / NAME / AUDIENCE#<contact id>) |
 * |   | partner history, newest first        | pk HISTORY#PARTNER#<id>, sk <ulid>                                |
 * |   | visible companies by what they offer | gsi1pk MATCH#OFFER#<topic>, gsi1sk <member|partner>#<id>          |
 * |   | … and by what they seek              | gsi1pk MATCH#NEED#<topic>, gsi1sk <member|partner>#<id>           |
 * |   | (match items: in MEMBERIDX#/PARTNERIDX#<id>, sk MATCH#OFFER#<topic> / MATCH#NEED#<topic>)          |
 * | 8 | a lead with its timeline             | pk LEAD#<id>; sk LEAD (lead), ACTIVITY#<ulid> (timeline entries)  |
 * |   | leads by stage, owner, stage+owner, member, partner, country, campaign, newest activity first       |
 * |   |                                      | gsi1pk LEADS#<FACET>#<value>, gsi1sk <lastActivityAt>#<id>        |
 * |   | open leads by next action's due date | gsi2pk LEADS#DUE, gsi2sk <due date>#<id>                          |
 * |   | (index items: pk LEADIDX#<id>, sk <FACET>#<value> / DUE)                                             |
 * |   | one open lead per two companies+topic| pk UNIQUE#LEAD#<company id>#<company id>#<topic> (ids sorted), sk UNIQUE |
 * |   | lead change events not yet counted   | pk LEADCHANGES#<shard>, sk <lead id>#<version, 6 digits> (the outbox) |
 * |10 | pipeline report aggregates           | pk AGGREGATE#PIPELINE, sk STAGE#/COUNTRY#/TOPIC#/CAMPAIGN#/SOURCE#<key>, DAYS#<stage>#<bucket> |
 * |   | a console session (staff, browser)   | pk CONSOLESESSION#<SHA-256 of the cookie's id>, sk SESSION (TTL)  |
 * |   | a console user's settings and views  | pk CONSOLEUSER#<sub>, sk PREFS / VIEW#<page>#<ulid> / VIEW#<page>#!version (saves counted) |
 * |   | staff who signed in, ids to names    | pk STAFFROSTER, sk USER#<sub>                                     |
 * |   | the console's audit log, by month    | pk AUDIT#<YYYY-MM>, sk <ulid>                                     |
 * | 7 | an event with its participants,      | pk EVENT#<id>; sk EVENT, PARTICIPANT#<company id>,                 |
 * |   | requests, meetings, report counters  | REQUEST#<pair>, MEETING#<pair>, REPORT#<line> (pair: the two ids sorted) |
 * |   | a participant's agendas being sent   | AGENDACLAIM#<company id> (TTL; events/agenda-claims.ts)            |
 * |   | events, by first day                 | gsi1pk EVENTS, gsi1sk <first day>#<id>                             |
 * |   | a company's events                   | gsi1pk EVENTS#COMPANY#<company id>, gsi1sk <first day>#<event id> (participant items) |
 * |   | a participant's requests and meetings| gsi1pk / gsi2pk EVENT#<id>#REQUESTS#<company id> (either side), and #MEETINGS# |
 */

import type { EmailHash } from '../domain/email-hash.ts';

export const directoryFacets = ['all', 'tier', 'country', 'region', 'sector', 'interest'] as const;
export type DirectoryFacet = (typeof directoryFacets)[number];

export interface Key {
  pk: string;
  sk: string;
}

export const memberKey = (id: string): Key => ({ pk: `MEMBER#${id}`, sk: 'PROFILE' });
export const memberPartition = (id: string): string => `MEMBER#${id}`;
export const contactKey = (memberId: string, contactId: string): Key => ({
  pk: `MEMBER#${memberId}`,
  sk: `CONTACT#${contactId}`,
});

export const taxIdGuardKey = (country: string, normalisedTaxId: string): Key => ({
  pk: `UNIQUE#TAXID#${country}#${normalisedTaxId}`,
  sk: 'UNIQUE',
});
export const emailGuardKey = (email: string): Key => ({
  pk: `UNIQUE#EMAIL#${email.toLowerCase()}`,
  sk: 'UNIQUE',
});

export const memberIndexPartition = (memberId: string): string => `MEMBERIDX#${memberId}`;
export const directoryIndexKey = (memberId: string, facet: DirectoryFacet, value: string): Key => ({
  pk: memberIndexPartition(memberId),
  sk: `${facet.toUpperCase()}#${value}`,
});
/** The status entry that item layouts before 4 wrote beside the facets; a member's next write deletes it. */
export const statusEntryKeyBeforeLayout4 = (memberId: string, status: string): Key => ({
  pk: memberIndexPartition(memberId),
  sk: `STATUS#${status}`,
});
export const directoryPartition = (facet: DirectoryFacet, value: string): string =>
  `DIR#${facet.toUpperCase()}#${value}`;
export const directoryStatusPartition = (facet: DirectoryFacet, value: string, status: string): string =>
  `${directoryPartition(facet, value)}#STATUS#${status}`;
/** The id suffix keeps two companies with the same sort name distinct and the order stable. */
export const directorySortKey = (sortName: string, memberId: string): string => `${sortName}#${memberId}`;

export const searchIndexKey = (memberId: string, searchKey: string): Key => ({
  pk: memberIndexPartition(memberId),
  sk: `SEARCH#${searchKey}`,
});
export const searchPartitionKey = (shard: string): string => `SEARCH#${shard}`;

export const memberHistoryPartition = (memberId: string): string => `HISTORY#MEMBER#${memberId}`;
export const memberHistoryKey = (memberId: string, entryId: string): Key => ({
  pk: memberHistoryPartition(memberId),
  sk: entryId,
});

export const tierAggregatePartition = 'AGGREGATE#TIERS';
export const tierAggregateKey = (tierName: string): Key => ({
  pk: tierAggregatePartition,
  sk: `TIER#${tierName}`,
});

export const currencyUsagePartition = 'AGGREGATE#CURRENCIES';
export const currencyUsageKey = (currency: string): Key => ({
  pk: currencyUsagePartition,
  sk: `CURRENCY#${currency}`,
});

export const suppressionKey = (hash: EmailHash): Key => ({
  pk: `SUPPRESSION#${hash.keyVersion}#${hash.hmac}`,
  sk: 'SUPPRESSION',
});

export const tierTableKey: Key = { pk: 'SETTINGS', sk: 'TIERS' };
export const rateTableKey: Key = { pk: 'SETTINGS', sk: 'RATES' };

export const jobPartition = (jobId: string): string => `JOB#${jobId}`;
export const jobKey = (jobId: string): Key => ({ pk: jobPartition(jobId), sk: 'JOB' });
export const unfinishedJobsPartition = 'JOBS#UNFINISHED';
export const jobFileSortPrefix = 'FILE#';
/**
 * Zero-padded, so a Query of the partition returns the chunks in order. A revision's chunks share a
 * prefix, so an erasure can write the file's next revision beside the current one and drop the old.
 */
export const jobFileRevisionPrefix = (revision: number): string =>
  `${jobFileSortPrefix}${String(revision).padStart(3, '0')}#`;
export const jobFileChunkKey = (jobId: string, revision: number, chunk: number): Key => ({
  pk: jobPartition(jobId),
  sk: `${jobFileRevisionPrefix(revision)}${String(chunk).padStart(3, '0')}`,
});
export const jobReportSortPrefix = 'REPORT#';
/** Zero-padded row index (not the line, which quoted line breaks make sparse), so entries sort in file order. */
export const jobReportKey = (jobId: string, rowIndex: number): Key => ({
  pk: jobPartition(jobId),
  sk: `${jobReportSortPrefix}${String(rowIndex).padStart(6, '0')}`,
});

export const campaignKey = (campaignId: string): Key => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'CAMPAIGN' });
export const campaignsPartition = 'CAMPAIGNS';
/** Whose contact a campaign audience entry or recipient is: a member's or a partner's. */
export type CompanyKind = 'member' | 'partner';
/** A contact's audience entry, in its company's index partition. */
export const audienceIndexKey = (
  companyId: string,
  contactId: string,
  kind: CompanyKind = 'member',
): Key => ({
  pk: kind === 'partner' ? partnerIndexPartition(companyId) : memberIndexPartition(companyId),
  sk: `AUDIENCE#${contactId}`,
});
export const audiencePartition = 'AUDIENCE';
export const campaignPartition = (campaignId: string): string => `CAMPAIGN#${campaignId}`;
export const recipientSortPrefix = 'RECIPIENT#';
export const recipientKey = (campaignId: string, contactId: string): Key => ({
  pk: campaignPartition(campaignId),
  sk: `${recipientSortPrefix}${contactId}`,
});
export const memberRecipientsPartition = (memberId: string): string => `RECIPIENTS#MEMBER#${memberId}`;
/** gsi1: the recipients claimed and not yet recorded, by claim expiry, in a few shards (the sweep's). */
export const claimsPartition = (shard: number): string => `CLAIMS#${shard}`;
/** gsi1: the recipients whose send is unknown, by when it became so (rare: one partition serves). */
export const unknownRecipientsPartition = 'RECIPIENTS#UNKNOWN';
export const campaignStatsSortPrefix = 'STATS#';
export const campaignStatsKey = (campaignId: string, shard: number): Key => ({
  pk: campaignPartition(campaignId),
  sk: `${campaignStatsSortPrefix}${shard}`,
});

export const emailConflictKey = (memberId: string, contactId: string): Key => ({
  pk: memberIndexPartition(memberId),
  sk: `CONFLICT#${contactId}`,
});
export const emailConflictsPartition = 'EMAIL-CONFLICTS';
export const addressConfirmationPartition = (memberId: string): string => `ADDRESSCONFIRM#${memberId}`;
export const addressConfirmationKey = (memberId: string, contactId: string): Key => ({
  pk: addressConfirmationPartition(memberId),
  sk: `PENDING#${contactId}`,
});
export const addressConfirmationCountKey = (memberId: string, day: string): Key => ({
  pk: addressConfirmationPartition(memberId),
  sk: `COUNT#${day}`,
});

export const partnerFacets = ['all', 'country', 'sector', 'topic'] as const;
export type PartnerFacet = (typeof partnerFacets)[number];

export const partnerPartition = (id: string): string => `PARTNER#${id}`;
export const partnerKey = (id: string): Key => ({ pk: partnerPartition(id), sk: 'PROFILE' });
export const partnerContactKey = (partnerId: string, contactId: string): Key => ({
  pk: partnerPartition(partnerId),
  sk: `CONTACT#${contactId}`,
});
export const partnerIndexPartition = (partnerId: string): string => `PARTNERIDX#${partnerId}`;
export const partnerIndexKey = (partnerId: string, sk: string): Key => ({
  pk: partnerIndexPartition(partnerId),
  sk,
});
export const partnerListPartition = (facet: PartnerFacet, value: string): string =>
  `PARTNERS#${facet.toUpperCase()}#${value}`;
export const partnerSearchPartition = (shard: string): string => `PARTNERSEARCH#${shard}`;
export const partnerNamePartition = (country: string, sortName: string): string =>
  `PARTNERNAME#${country}#${sortName}`;
export const partnerHistoryPartition = (partnerId: string): string => `HISTORY#PARTNER#${partnerId}`;
export const partnerHistoryKey = (partnerId: string, entryId: string): Key => ({
  pk: partnerHistoryPartition(partnerId),
  sk: entryId,
});

/** gsi1: the companies open to matchmaking that offer (`offer`) or seek (`need`) a topic. */
export const matchPartition = (side: 'offer' | 'need', topic: string): string =>
  `MATCH#${side.toUpperCase()}#${topic}`;
/** A company's match item for one side and topic, in its own index partition. */
export const matchEntryKey = (
  companyId: string,
  kind: CompanyKind,
  side: 'offer' | 'need',
  topic: string,
): Key => ({
  pk: kind === 'partner' ? partnerIndexPartition(companyId) : memberIndexPartition(companyId),
  sk: matchPartition(side, topic),
});

export const leadPartition = (id: string): string => `LEAD#${id}`;
export const leadKey = (id: string): Key => ({ pk: leadPartition(id), sk: 'LEAD' });
export const leadActivitySortPrefix = 'ACTIVITY#';
export const leadActivityKey = (leadId: string, entryId: string): Key => ({
  pk: leadPartition(leadId),
  sk: `${leadActivitySortPrefix}${entryId}`,
});
export const leadIndexKey = (leadId: string, sk: string): Key => ({ pk: `LEADIDX#${leadId}`, sk });
export const leadListPartition = (facet: string, value: string): string =>
  `LEADS#${facet.toUpperCase()}#${value}`;
export const leadDuePartition = 'LEADS#DUE';
/** The two companies in id order, so a lead from either side claims the same guard. */
export const leadGuardKey = (companyId: string, otherId: string, topic: string): Key => {
  const [first, second] = [companyId, otherId].sort();
  return { pk: `UNIQUE#LEAD#${first}#${second}#${topic}`, sk: 'UNIQUE' };
};

/** Shards of the lead change outbox: a handful, so concurrent lead writes do not all hit one partition. */
export const leadChangeShards = 4;
export const leadChangesPartition = (shard: number): string => `LEADCHANGES#${shard}`;
/** One write's change event: its lead and version, so a redelivered event has the one key. */
export const leadChangeKey = (leadId: string, version: number): Key => ({
  pk: leadChangesPartition(shardOf(leadId, leadChangeShards)),
  sk: `${leadId}#${String(version).padStart(6, '0')}`,
});

/** A stable shard of an id among `shards` (a string hash), for items spread over a few partitions. */
export function shardOf(id: string, shards: number): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % shards;
}
export const pipelineAggregatePartition = 'AGGREGATE#PIPELINE';
export const pipelineAggregateKey = (line: string): Key => ({ pk: pipelineAggregatePartition, sk: line });

/** gsi1: the partners that joined as this member (their history still holds its contacts' past). */
export const formerPartnersPartition = (memberId: string): string => `PARTNERS#JOINED#${memberId}`;

export const eventPartition = (id: string): string => `EVENT#${id}`;
export const eventKey = (id: string): Key => ({ pk: eventPartition(id), sk: 'EVENT' });
export const eventsPartition = 'EVENTS';
export const eventParticipantSortPrefix = 'PARTICIPANT#';
export const eventParticipantKey = (eventId: string, companyId: string): Key => ({
  pk: eventPartition(eventId),
  sk: `${eventParticipantSortPrefix}${companyId}`,
});
export const companyEventsPartition = (companyId: string): string => `EVENTS#COMPANY#${companyId}`;
/** One request and one meeting per two participants: the pair's id is the two company ids, sorted. */
export const pairId = (a: string, b: string): string => [a, b].sort().join('-');
export const eventRequestSortPrefix = 'REQUEST#';
export const eventRequestKey = (eventId: string, pair: string): Key => ({
  pk: eventPartition(eventId),
  sk: `${eventRequestSortPrefix}${pair}`,
});
export const eventMeetingSortPrefix = 'MEETING#';
export const eventMeetingKey = (eventId: string, pair: string): Key => ({
  pk: eventPartition(eventId),
  sk: `${eventMeetingSortPrefix}${pair}`,
});
/** A participant's requests or meetings, one side on gsi1 and the other on gsi2. */
export const participantListPartition = (
  eventId: string,
  list: 'requests' | 'meetings',
  companyId: string,
): string => `${eventPartition(eventId)}#${list.toUpperCase()}#${companyId}`;
/** The claim of the one delivery sending a participant's agendas (events/agenda-claims.ts). */
export const eventAgendaClaimKey = (eventId: string, companyId: string): Key => ({
  pk: eventPartition(eventId),
  sk: `AGENDACLAIM#${companyId}`,
});
export const eventReportSortPrefix = 'REPORT#';
export const eventReportKey = (eventId: string, line: string): Key => ({
  pk: eventPartition(eventId),
  sk: `${eventReportSortPrefix}${line}`,
});

export const consoleSessionKey = (idHash: string): Key => ({ pk: `CONSOLESESSION#${idHash}`, sk: 'SESSION' });
/** A second factor being enrolled (console/session/mfa-enrolment-repository.ts), by its cookie's hash. */
export const consoleEnrolmentKey = (idHash: string): Key => ({ pk: `CONSOLEMFA#${idHash}`, sk: 'ENROLMENT' });
export const consoleUserPartition = (sub: string): string => `CONSOLEUSER#${sub}`;
export const consoleUserPrefsKey = (sub: string): Key => ({ pk: consoleUserPartition(sub), sk: 'PREFS' });
/** A page's saved views sort together, so each page's list is one Query of its own. */
export const consoleViewSortPrefix = (page: string): string => `VIEW#${page}#`;
export const consoleViewKey = (sub: string, page: string, viewId: string): Key => ({
  pk: consoleUserPartition(sub),
  sk: `${consoleViewSortPrefix(page)}${viewId}`,
});
/**
 * How many times a page's views were added to: saves are written on condition it is what they read.
 * `!` sorts before every view id (ULIDs), so the page's one Query reads it first.
 */
export const consoleViewsVersionKey = (sub: string, page: string): Key => ({
  pk: consoleUserPartition(sub),
  sk: `${consoleViewSortPrefix(page)}!version`,
});
/** The console's staff users, one item each (console/staff-roster.ts): a few dozen, one Query. */
export const staffRosterPartition = 'STAFFROSTER';
export const staffRosterKey = (sub: string): Key => ({ pk: staffRosterPartition, sk: `USER#${sub}` });
export const auditPartition = (month: string): string => `AUDIT#${month}`;
