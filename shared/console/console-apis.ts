import { consoleContext } from './console-context.ts';
import { campaignsConsoleApi, campaignsSection } from './sections/campaigns-section.ts';
import { eventsConsoleApi, eventsSection } from './sections/events-section.ts';
import { leadsConsoleApi, leadsSection } from './sections/leads-section.ts';
import { memberImportConsoleApi, memberImportSection } from './sections/member-import-section.ts';
import { memberRecordConsoleApi, memberRecordSection } from './sections/member-record-section.ts';
import { membersConsoleApi, membersSection } from './sections/members-section.ts';
import { reportsConsoleApi, reportsSection } from './sections/reports-section.ts';
import { shellConsoleApi, shellSection } from './sections/shell-section.ts';

/** Every section of the console; a Lambda function imports only its own section, never this list. */
export const consoleSections = [
  shellSection,
  membersSection,
  memberImportSection,
  memberRecordSection,
  leadsSection,
  campaignsSection,
  eventsSection,
  reportsSection,
] as const;

/** The console's functions in AWS, one per section (`functions/console*.ts`). */
export const consoleFunctionApis = [
  shellConsoleApi,
  membersConsoleApi,
  memberImportConsoleApi,
  memberRecordConsoleApi,
  leadsConsoleApi,
  campaignsConsoleApi,
  eventsConsoleApi,
  reportsConsoleApi,
] as const;

/** The whole console as one app: what the local server and the tests serve. */
export const consoleApi = consoleContext('console', consoleSections);
