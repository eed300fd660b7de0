import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { memberFromPartnerPages } from '../pages/member/member-from-partner.tsx';
import { memberEditServices } from '../pages/member/member-record-services.ts';

/**
 * A partner joining the association: the one page that holds both the partners' service and the
 * members' (the join is one transaction of both), so a function of its own: with either section's
 * other pages it would pass issue 7's 450 KB bundle bar. Its exact route wins over the partners'
 * `{proxy+}`.
 */
export const partnerJoinSection: ConsoleSection = {
  gatewayPaths: ['/console/partners/{id}/join'],
  pages: (deps) => memberFromPartnerPages(memberEditServices(deps), deps),
  prefetchesCursorKeys: false,
};

/** The console-partner-join function's context. */
export const partnerJoinConsoleApi = consoleContext('console-partner-join', [partnerJoinSection]);
