import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { JobRepository, ScheduleJob } from '../jobs/job-repository.ts';
import type { EventRecords, EventRepository } from './event-repository.ts';
import { confirmChanges, runSchedule, scheduleChanges } from './event-scheduling.ts';
import type { Event, Meeting } from './event-schema.ts';
import type { ScheduleResult } from './scheduling/schedule-instance.ts';

export interface ScheduleServiceDeps {
  events: EventRepository;
  clock: () => Date;
  /** The solver's time limit; tests shorten it. */
  timeLimitMs?: number;
  /** Called after a publish, with the event: queues the agendas that changed (agenda-queue.ts). */
  published?: (event: Event) => Promise<void>;
  /**
   * Where runs too large for one request go (a `schedule` job; event-jobs.ts runs it): above `above`
   * accepted requests. Absent: every run within the request.
   */
  background?: {
    jobs: JobRepository;
    queue: JobQueue;
    newId: () => string;
    above: number;
  };
}

/**
 * Accepted requests above which a run goes to the background by default: the exact solver's time on
 * the 2-core bench grows past what a request may take (API Gateway gives up at 29 s) around here.
 */
export const scheduleInRequestUpTo = 1_000;

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
   * A run as the route asks for it: within the request, or for a large event a queued `schedule` job
   * whose progress `GET /v1/jobs/{id}` reports. `expectedVersion`: the event's version the caller
   * decided on (the console's form carries it); another version is a 412 and nothing runs.
   */
  async start(
    eventId: string,
    options: { publish: boolean; expectedVersion?: number | undefined },
  ): Promise<{ run: ScheduleRun } | { job: ScheduleJob }> {
    const { background } = this.deps;
    const records = await this.records(eventId);
    if (options.expectedVersion !== undefined && options.expectedVersion !== records.event.version) {
      throw new PreconditionFailedError(
        `The event is at version ${records.event.version}, not ${options.expectedVersion}.`,
      );
    }
    if (background) {
      checkSchedulable(records.event);
      const accepted = records.requests.filter((r) => r.status === 'accepted').length;
      if (accepted > background.above) {
        const job = await background.jobs.createSchedule(
          background.newId(),
          { eventId, publish: options.publish },
          this.deps.clock(),
        );
        await enqueueJob(
          background.jobs,
          { queue: background.queue, clock: this.deps.clock },
          job,
          'The schedule could not be queued; nothing changed. Try again shortly.',
        );
        return { job };
      }
    }
    return { run: await this.runOn(records, options) };
  }

  /**
   * Places the accepted requests around the confirmed meetings. With `publish`, confirms every placed
   * meeting, moves the event to `scheduled` and bumps its schedule version, after which each participant
   * whose agenda changed is sent it.
   */
  async run(eventId: string, options: { publish: boolean }): Promise<ScheduleRun> {
    return this.runOn(await this.records(eventId), options);
  }

  /** A run on the event's records as just read (the route's decision to run inline read them already). */
  private async runOn(records: EventRecords, options: { publish: boolean }): Promise<ScheduleRun> {
    const { event } = records;
    checkSchedulable(event);
    const now = this.deps.clock().toISOString();
    const result = await runSchedule(records, this.deps.timeLimitMs);
    const placed = scheduleChanges(records, result, now);
    const after: Event = {
      ...event,
      ...(options.publish ? { state: 'scheduled' as const, scheduleVersion: event.scheduleVersion + 1 } : {}),
      version: event.version + 1,
      updatedAt: now,
    };
    // Every transaction holds only while the event is where the previous one left it, and moves it on:
    // a withdrawal, a forced meeting or another run meanwhile fails, never a mix (EventRepository.write).
    await this.deps.events.write(
      [
        ...(options.publish ? confirmChanges(records, placed, now) : placed),
        { kind: 'event', before: event, after },
      ],
      { guard: event },
    );
    if (options.publish) await this.deps.published?.(after);
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

function checkSchedulable(event: Event): void {
  if (event.state !== 'open' && event.state !== 'scheduled') {
    throw new ConflictError(
      `A schedule is made while the event is open or scheduled; it is ${event.state}.`,
      'state',
    );
  }
}
