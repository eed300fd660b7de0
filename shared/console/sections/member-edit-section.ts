import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { memberEditPages } from '../pages/member/member-edit-pages.tsx';
import { memberEditServices } from '../pages/member/member-record-services.ts';

/**
 * A member's edits: a new member, the profile, offers and needs, a contact added, edited or removed.
 * Its own function, so the record's bundle carries none of the forms, their merge or their messages
 * (these exact routes win over the record's `{proxy+}`).
 */
export const memberEditSection: ConsoleSection = {
  gatewayPaths: [
    '/console/members/new',
    '/console/members/{id}/profile',
    '/console/members/{id}/offers',
    '/console/members/{id}/contacts/new',
    '/console/members/{id}/contacts/{contactId}',
    '/console/members/{id}/contacts/{contactId}/remove',
  ],
  pages: (deps) => memberEditPages(memberEditServices(deps), deps.roster),
  prefetchesCursorKeys: false,
};

/** The console-member-edit function's context. */
export const memberEditConsoleApi = consoleContext('console-member-edit', [memberEditSection]);
