/** A route parameter that is a ULID (an id of a member, lead, event, view...): anything else is no page. */
export const ulidPattern = '[0-9A-HJKMNP-TV-Z]{26}';

/** A company's contact in a route (a member's or a partner's). */
export const contactParam = `:contactId{${ulidPattern}}`;

const ulidWhole = new RegExp(`^${ulidPattern}$`);
/** Whether a query's value is such an id, before it reaches a key. */
export const isUlid = (value: string): boolean => ulidWhole.test(value);

/** A request's or meeting's id: two ULIDs joined by `-`. */
export const pairPattern = `${ulidPattern}-${ulidPattern}`;

/**
 * Opening a lead from a member's matches: posted from the member record (console-member-record),
 * answered by the pipeline's pages (console-leads), which hold the leads' service.
 */
export const openLeadPath = '/console/leads/from-match';

/**
 * A partner's record: linked from a member's matches (console-member-record), answered by the
 * partners' pages (console-partners).
 */
export const partnerRecordPath = (id: string) => `/console/partners/${id}`;

/**
 * A partner joining the association: linked from the partner's record (console-partners), answered by
 * a function of its own (console-partner-join), which holds both the partners' and the members' services.
 */
export const partnerJoinPath = (id: string) => `/console/partners/${id}/join`;

/**
 * A member's or a partner's erasure, for admins: linked from its record, answered by a function of its
 * own (console-erasure), which holds what an erasure reaches.
 */
export const erasurePath = (kind: 'members' | 'partners', id: string) => `/console/${kind}/${id}/erase`;
