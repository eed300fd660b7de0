import { logger } from '../observability/logger.ts';
import type { Event, Meeting } from './event-schema.ts';

/**
 * A change to a published schedule outside a run (a delegate handover, a withdrawal), apart from
 * agenda-queue.ts so that what registers and withdraws bundles no agenda: the change moves the event
 * to the next schedule version in its own transaction, and the agendas it changed are then queued
 * through the hook a publish uses.
 */

/** The hook a publish calls with the event at its new schedule version (agenda-queue.ts `queueChangedAgendas`). */
export type PublishedHook = (event: Event) => Promise<void>;

/**
 * The event as a change to these meetings leaves it, at its next version: at its next schedule version
 * too when one of them is confirmed in an event published at least once, as the agendas sent show it.
 */
export function eventAfterChange(event: Event, meetings: readonly Meeting[], now: string): Event {
  const republished = event.scheduleVersion > 0 && meetings.some((m) => m.state === 'confirmed');
  return {
    ...event,
    ...(republished ? { scheduleVersion: event.scheduleVersion + 1 } : {}),
    version: event.version + 1,
    updatedAt: now,
  };
}

/**
 * After the change is written, if it moved the schedule on: its agendas are queued, as after a publish.
 * The change stands, so a failure now is logged, not thrown, and leaves them to the next publish (nothing
 * was recorded as sent).
 */
export async function queueAfterChange(
  published: PublishedHook | undefined,
  before: Event,
  after: Event,
  change: string,
): Promise<void> {
  if (after.scheduleVersion === before.scheduleVersion) return;
  try {
    await published?.(after);
  } catch (error) {
    logger.error(`agendas not queued after ${change}; the next publish sends them`, {
      eventId: after.id,
      error,
    });
  }
}
