import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { EventRecords, EventRepository } from './event-repository.ts';
import { confirmChanges, runSchedule, scheduleChanges } from './event-scheduling.ts';
import type { Event, Meeting } from './event-schema.ts';
import type { ScheduleResult } from './scheduling/schedule-instance.ts';

export interface ScheduleServiceDeps {
  events: EventRepository;
  clock: () => Date;
  /** The solver's time limit; tests shorten it. */
  timeLimitMs?: number;
  /** Called after a publish, with the event: sends the agendas that changed (agenda-mailer.ts). */
  published?: (event: Event) => Promise<void>;
}

export interface ScheduleRun {
  placed: number;
  kept: number;
  unplaced: ScheduleResult['unplaced'];
  method: ScheduleResult['method'];
  optimal: boolean;
  bounds: ScheduleResult['bounds'];
  published: boolean;
  scheduleVersion: number;
}

/** Runs the 1:1 scheduler on an event and publishes its schedule. */
export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  private async records(eventId: string): Promise<EventRecords> {
    const records = await this.deps.events.records(eventId);
    if (!records) throw new NotFoundError(`No event ${eventId}.`);
    return records;
  }

  /**
   * Places the accepted requests around the confirmed meetings. With `publish`, confirms every placed
   * meeting, moves the event to `scheduled` and bumps its schedule version, after which each participant
   * whose agenda changed is sent it.
   */
  async run(eventId: string, options: { publish: boolean }): Promise<ScheduleRun> {
    const records = await this.records(eventId);
    const { event } = records;
    if (event.state !== 'open' && event.state !== 'scheduled') {
      throw new ConflictError(
        `A schedule is made while the event is open or scheduled; it is ${event.state}.`,
        'state',
      );
    }
    const now = this.deps.clock().toISOString();
    const result = await runSchedule(records, this.deps.timeLimitMs);
    const changes = scheduleChanges(records, result, now);
    await this.deps.events.write(changes);
    let after = event;
    if (options.publish) {
      const fresh = await this.records(eventId);
      await this.deps.events.write(confirmChanges(fresh, now));
      after = {
        ...event,
        state: 'scheduled',
        scheduleVersion: event.scheduleVersion + 1,
        version: event.version + 1,
        updatedAt: now,
      };
      await this.deps.events.write([{ kind: 'event', before: event, after }]);
      await this.deps.published?.(after);
    }
    const kept = records.meetings.filter((m) => m.state === 'confirmed').length;
    return {
      placed: result.placed.length,
      kept,
      unplaced: result.unplaced,
      method: result.method,
      optimal: result.optimal,
      bounds: result.bounds,
      published: options.publish,
      scheduleVersion: after.scheduleVersion,
    };
  }

  /** The event's meetings that are not cancelled, by slot and table. */
  async schedule(eventId: string): Promise<{ event: Event; meetings: Meeting[] }> {
    const records = await this.records(eventId);
    const meetings = records.meetings
      .filter((m) => m.state !== 'cancelled')
      .sort((x, y) => x.slot.localeCompare(y.slot) || x.table.localeCompare(y.table));
    return { event: records.event, meetings };
  }
}
