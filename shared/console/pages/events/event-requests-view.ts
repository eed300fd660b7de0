import { type MeetingRequest, requestStatuses } from '../../../events/event-record-schema.ts';

export type RequestStatus = MeetingRequest['status'];

/** What the requests page shows of an event's requests: one status or all, a page of them. */
export interface RequestsView {
  /** The status chosen, or undefined for all. */
  status: RequestStatus | undefined;
  /** How many requests each status has, and all of them: the filter's links say so. */
  counts: Record<RequestStatus | 'all', number>;
  rows: MeetingRequest[];
  page: number;
  pages: number;
}

/**
 * The requests page's view, pure: those waiting for an answer first (they are the page's work), the
 * rest in stored order, `pageSize` at a time. An unknown status means all; a page past the last is the
 * last, so a page emptied by answers still shows what is left.
 */
export function requestsView(
  requests: readonly MeetingRequest[],
  query: { status?: string | undefined; page?: string | undefined },
  pageSize: number,
): RequestsView {
  const status = requestStatuses.find((s) => s === query.status);
  const counts = { all: requests.length } as RequestsView['counts'];
  for (const s of requestStatuses) counts[s] = 0;
  for (const r of requests) counts[r.status]++;
  const chosen = requests
    .filter((r) => !status || r.status === status)
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
  const pages = Math.max(1, Math.ceil(chosen.length / pageSize));
  const page = Math.min(requestsPageOf(query.page), pages);
  return { status, counts, rows: chosen.slice((page - 1) * pageSize, page * pageSize), page, pages };
}

/** A page number as a query or form gives it; anything else is the first page. */
export function requestsPageOf(value: unknown): number {
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

/** The requests page's address for a status and a page; the first page and all statuses say nothing. */
export function requestsHref(eventId: string, status: RequestStatus | undefined, page = 1): string {
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  }).toString();
  return `/console/events/${eventId}/requests${query ? `?${query}` : ''}`;
}
