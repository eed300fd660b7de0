import { consoleContext } from './console-context.ts';
import { campaignsSection } from './sections/campaigns-section.ts';
import { erasureSection } from './sections/erasure-section.ts';
import { eventDelegatesSection } from './sections/event-delegates-section.ts';
import { eventMeetingsSection } from './sections/event-meetings-section.ts';
import { eventsSection } from './sections/events-section.ts';
import { leadsSection } from './sections/leads-section.ts';
import { memberEditSection } from './sections/member-edit-section.ts';
import { memberImportSection } from './sections/member-import-section.ts';
import { memberRecordSection } from './sections/member-record-section.ts';
import { membersSection } from './sections/members-section.ts';
import { partnerJoinSection } from './sections/partner-join-section.ts';
import { partnersSection } from './sections/partners-section.ts';
import { reportsSection } from './sections/reports-section.ts';
import { shellSection } from './sections/shell-section.ts';

/** Every section of the console; a Lambda function imports only its own section, never this list. */
export const consoleSections = [
  shellSection,
  // Before the records': their pages take every path under a member's or a partner's id.
  erasureSection,
  membersSection,
  memberImportSection,
  memberRecordSection,
  memberEditSection,
  partnersSection,
  partnerJoinSection,
  leadsSection,
  campaignsSection,
  // Before the events': a participant's delegates and an event's meetings are under its paths.
  eventDelegatesSection,
  eventMeetingsSection,
  eventsSection,
  reportsSection,
] as const;

/** The whole console as one app: what the local server and the tests serve. */
export const consoleApi = consoleContext('console', consoleSections);
