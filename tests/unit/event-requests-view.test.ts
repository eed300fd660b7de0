import { describe, expect, it } from 'vitest';
import { requestsHref, requestsView } from '../../shared/console/pages/events/event-requests-view.ts';
import type { MeetingRequest } from '../../shared/events/event-record-schema.ts';

const request = (n: number, status: MeetingRequest['status']) =>
  ({ id: `r${n}`, status }) as unknown as MeetingRequest;

// 7 requests: 3 accepted, 2 pending, 1 declined, 1 withdrawn, pending ones not first as stored.
const stored = [
  request(1, 'accepted'),
  request(2, 'pending'),
  request(3, 'accepted'),
  request(4, 'declined'),
  request(5, 'pending'),
  request(6, 'accepted'),
  request(7, 'withdrawn'),
];
const ids = (rows: readonly MeetingRequest[]) => rows.map((r) => r.id);

describe('requestsView', () => {
  it('puts those waiting for an answer first, then the rest as stored, a page at a time', () => {
    const first = requestsView(stored, {}, 3);
    expect(ids(first.rows)).toEqual(['r2', 'r5', 'r1']);
    expect([first.page, first.pages]).toEqual([1, 3]);
    expect(ids(requestsView(stored, { page: '3' }, 3).rows)).toEqual(['r7']);
  });

  it('counts every status, and lists only the one chosen', () => {
    const view = requestsView(stored, { status: 'accepted' }, 50);
    expect(view.counts).toEqual({ all: 7, pending: 2, accepted: 3, declined: 1, withdrawn: 1, expired: 0 });
    expect(ids(view.rows)).toEqual(['r1', 'r3', 'r6']);
    expect(view.status).toBe('accepted');
  });

  it('reads an unknown status as all, and a page past the last or not a page number as the last or the first', () => {
    expect(requestsView(stored, { status: 'maybe' }, 50).status).toBeUndefined();
    expect(requestsView(stored, { status: 'maybe' }, 50).rows).toHaveLength(7);
    expect(requestsView(stored, { page: '9' }, 3).page).toBe(3);
    for (const page of ['0', '-1', '2.5', 'x', '1e3']) expect(requestsView(stored, { page }, 3).page).toBe(1);
    expect(requestsView([], {}, 3)).toMatchObject({ page: 1, pages: 1, rows: [] });
  });
});

describe('requestsHref', () => {
  it('says the status and a page after the first, nothing for all on the first page', () => {
    expect(requestsHref('E1', undefined)).toBe('/console/events/E1/requests');
    expect(requestsHref('E1', 'pending')).toBe('/console/events/E1/requests?status=pending');
    expect(requestsHref('E1', 'pending', 2)).toBe('/console/events/E1/requests?status=pending&page=2');
    expect(requestsHref('E1', undefined, 3)).toBe('/console/events/E1/requests?page=3');
  });
});
