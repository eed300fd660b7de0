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
 * Whether a change to these meetings moves the published schedule on: one of them is confirmed, in an
 * event published at least once, so the agendas sent show it.
 */
export function changesPublished(event: Event, meetings: readonly Meeting[]): boolean {
  return event.scheduleVersion > 0 && meetings.some((m) => m.state === 'confirmed');
}

/**
 * After the change is written: its agendas are queued, as after a publish. The change stands, so a
 * failure now is logged, not thrown, and leaves them to the next publish (nothing was recorded as sent).
 */
export async function queueAfterChange(
  published: PublishedHook | undefined,
  event: Event,
  change: string,
): Promise<void> {
  try {
    await published?.(event);
  } catch (error) {
    logger.error(`agendas not queued after ${change}; the next publish sends them`, {
      eventId: event.id,
      error,
    });
  }
}
