import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { memberPages } from '../pages/member/member-pages.tsx';

/**
 * A member's record: profile, contacts, accounts, offers and needs, activity, history, invitations
 * and revocations; its edits are a section of their own (member-edit-section.ts).
 */
export const memberRecordSection: ConsoleSection = {
  gatewayPaths: ['/console/members/{proxy+}'],
  pages: memberPages,
  prefetchesCursorKeys: false,
};

/** The console-member-record function's context. */
export const memberRecordConsoleApi = consoleContext('console-member-record', [memberRecordSection]);
