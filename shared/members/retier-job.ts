import { setTimeout as sleep } from 'node:timers/promises';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { PreconditionFailedError } from '../domain/errors.ts';
import { utcDay } from '../domain/exchange-rates.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import {
  JobRepository,
  jobItem,
  newRetierJob,
  type RetierJob,
  type ScanKey,
} from '../jobs/job-repository.ts';
import type { JobRuntime } from '../jobs/job-types.ts';
import { type Settings, SettingsRepository, type Versioned } from '../settings/settings-repository.ts';
import type { MemberJobDeps } from './member-job-deps.ts';
import type { TierContext } from './member-state.ts';
import { contextOf, retiered, retierTarget, sameVersions, type Tiered } from './retier-member.ts';

/**
 * Re-tiering: after the tier table or the exchange rates change, every member's tier and tier revenue
 * are recomputed and the ones that moved are rewritten. This file holds the one Scan of the codebase
 * (ARCHITECTURE.md allows it in admin batch jobs only). It reads the profile items, the source of
 * truth, rather than the directory's `all` index, because that index is itself derived from member
 * writes and a recompute should not inherit a fault in what it recomputes. The price is reading every
 * item of the table (contacts, guards, index items, history) once per job.
 */

export interface RetierOptions {
  /** Scan `Limit`: items of any type evaluated per page (members are a fraction of them). */
  pageSize: number;
  /** Pages per batch, one batch per queue message; bounds the work of one delivery. */
  pagesPerBatch: number;
}

const defaultRetierOptions: RetierOptions = { pageSize: 100, pagesPerBatch: 20 };

declare module '../jobs/job-types.ts' {
  interface JobKindOptions {
    retier: RetierOptions;
  }
}

/**
 * How often the job tries to rewrite a member that other writes keep changing, and the cap of the
 * random pause before each retry. Each try reads the member afresh, and the write that won has most
 * likely tiered it already; one that is still stale after these tries is listed on the job.
 */
const memberAttempts = 5;
const maxRetryPauseMs = 200;

interface ScannedMember extends Tiered {
  id: string;
}

interface Pass {
  scanned: number;
  changed: number;
  stale: string[];
  lastKey: ScanKey | undefined;
}

/**
 * One batch of a re-tier job: up to `pagesPerBatch` Scan pages from the job's `lastKey` (or, for a job
 * limited to some members, those members), then the progress is recorded and the next batch queued
 * (or the job marked succeeded).
 *
 * Convergence when settings change while jobs run: every settings change starts its own job, whose
 * consistent Scan begins after the change and so sees every earlier write. The one write it cannot
 * see is one this batch makes with settings that were replaced mid-batch after the newer job had
 * passed that member. So a batch compares the settings versions before and after its writes and, if
 * they moved, redoes its pages with the new settings before recording progress. Two jobs running at
 * once thus both end on the newest settings; the older one's work is redundant, never wrong.
 */
export async function runRetierBatch(job: RetierJob, deps: MemberJobDeps): Promise<void> {
  const { jobs, settings, runtime } = deps;
  const options = { ...defaultRetierOptions, ...runtime.options?.retier };
  let current = job;
  if (current.status === 'queued') {
    const started = await jobs.start(current, runtime.clock());
    if (!started) return;
    current = started;
  }

  let changed = 0;
  let pass: Pass;
  for (;;) {
    const before = await settings.read();
    const context = contextOf(before);
    pass = current.memberIds
      ? await retierListed(deps, current.memberIds, context)
      : await retierPages(deps, current.lastKey, context, options);
    changed += pass.changed;
    if (sameVersions(before, await settings.read())) break;
  }

  const recorded = await jobs.recordBatch(
    current,
    {
      scanned: current.scanned + pass.scanned,
      changed: current.changed + changed,
      stale: pass.stale,
      lastKey: pass.lastKey,
    },
    runtime.clock(),
  );
  // Undefined: another delivery of this message recorded the batch first and queued the next one.
  if (recorded?.status === 'running') await runtime.queue.enqueue({ jobId: job.id });
}

/**
 * Saves a settings table together with the re-tier job it calls for (one transaction: a saved table
 * never lacks its job), then queues the job.
 */
export async function saveSettingsAndRetier<K extends keyof Settings>(
  settings: SettingsRepository,
  jobs: JobRepository,
  runtime: JobRuntime,
  which: K,
  value: Settings[K]['value'],
  expectedVersion: number,
): Promise<{ saved: Versioned<Settings[K]['value']>; job: RetierJob }> {
  const job = newRetierJob(runtime.newId(), runtime.clock());
  const saved = await settings.put(which, value, expectedVersion, runtime.clock(), jobItem(job));
  return { saved, job: await enqueueRetier(jobs, runtime, job) };
}

/**
 * Re-tiers one member whose own write could not settle it after a settings change
 * (MemberService.writeAndSettle): a job limited to that member, so the job worker retries it, after a
 * pause between lost races and on redelivery after a failure, and lists it as stale if it never gets
 * through. A queue that refuses the job fails it and throws DatabaseUnavailableError.
 */
export async function queueMemberRetier(runtime: JobRuntime, memberId: string): Promise<RetierJob> {
  const jobs = new JobRepository(runtime.db);
  const job = await jobs.createRetier(newRetierJob(runtime.newId(), runtime.clock(), [memberId]));
  return enqueueJob(jobs, runtime, job, 'The member was saved, but its re-tier could not be queued.');
}

/** The id of a day's dated-rates job: that day's first millisecond and no randomness, the same every run. */
const datedRatesJobId = (day: string) => ulid(Date.parse(`${day}T00:00:00Z`), () => 0);

/**
 * The daily run. A dated rate takes effect at 00:00 UTC on its `validFrom`, but nothing is written
 * then: members converted at the previous rate keep that conversion until something re-tiers them.
 * When a rate took effect after the table was last applied (the day it was saved, whose job applied
 * what was in force then, or the last daily run), this starts a re-tier job, which rewrites exactly
 * the members whose conversion changed, and records today as applied, in one transaction.
 *
 * A run repeated on the same day (a redelivered message, a restart) finds the day's job by its id and
 * queues it again while it has not started, so it neither starts a second job nor strands one whose
 * first message was lost. The built-in table (never saved) has one rate per currency, so no rate of it
 * ever replaces another.
 */
export async function retierForDatedRates(runtime: JobRuntime): Promise<RetierJob | undefined> {
  const settings = new SettingsRepository(runtime.db);
  const jobs = new JobRepository(runtime.db);
  const now = runtime.clock();
  const today = utcDay(now);
  const { rates } = await settings.read();
  const job = newRetierJob(datedRatesJobId(today), now);
  const appliedThrough = rates.appliedThrough ?? rates.updatedAt?.slice(0, 10);
  const takingEffect = rates.value.rates.some(
    (rate) => appliedThrough !== undefined && rate.validFrom > appliedThrough && rate.validFrom <= today,
  );
  if (takingEffect) await settings.markRatesApplied(rates.version, today, jobItem(job));
  const stored = await jobs.get(job.id, 'retier');
  // A running job queues its own next batch; a queued one may be waiting on a message that was lost.
  if (stored?.status === 'queued') await runtime.queue.enqueue({ jobId: stored.id });
  return stored;
}

/** Queues a stored re-tier job; if the queue is down the job is marked failed and the caller gets a 503. */
function enqueueRetier(jobs: JobRepository, runtime: JobRuntime, job: RetierJob): Promise<RetierJob> {
  // The settings are already saved, so the caller's ETag is stale: the detail says how to retry.
  return enqueueJob(
    jobs,
    runtime,
    job,
    'The change was saved, but its re-tier job could not be queued; read the table for its new ETag and save it again to start one.',
  );
}

async function retierPages(
  deps: MemberJobDeps,
  startKey: ScanKey | undefined,
  context: TierContext,
  options: RetierOptions,
): Promise<Pass> {
  const pass: Pass = { scanned: 0, changed: 0, stale: [], lastKey: startKey };
  for (let page = 0; page < options.pagesPerBatch; page++) {
    const result = await scanPage(deps.db, pass.lastKey, options.pageSize);
    for (const member of result.members) {
      pass.scanned++;
      // The scanned attributes tell most members apart as current without reading them whole.
      if (retierTarget(member, context, deps.runtime.clock())) {
        count(pass, member.id, await retierMember(deps, member.id, context));
      }
    }
    pass.lastKey = result.lastKey;
    if (!pass.lastKey) break;
  }
  return pass;
}

/** A job limited to a few members: all of them in one batch, read by id (no Scan). */
async function retierListed(deps: MemberJobDeps, memberIds: string[], context: TierContext): Promise<Pass> {
  const pass: Pass = { scanned: 0, changed: 0, stale: [], lastKey: undefined };
  for (const id of memberIds) {
    pass.scanned++;
    count(pass, id, await retierMember(deps, id, context));
  }
  return pass;
}

function count(pass: Pass, memberId: string, outcome: RetierOutcome): void {
  if (outcome === 'changed') pass.changed++;
  if (outcome === 'stale') pass.stale.push(memberId);
}

async function scanPage(db: Database, startKey: ScanKey | undefined, limit: number) {
  try {
    const result = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: '#type = :member',
        ProjectionExpression: '#id, #verifiedRevenue, #tier, #tierRevenue',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#id': 'id',
          '#verifiedRevenue': 'verifiedRevenue',
          '#tier': 'tier',
          '#tierRevenue': 'tierRevenue',
        },
        ExpressionAttributeValues: { ':member': 'member' },
        Limit: limit,
        ExclusiveStartKey: startKey,
        // A write that committed before this job started must be seen, or the job could skip it.
        ConsistentRead: true,
      }),
    );
    return { members: (result.Items ?? []) as ScannedMember[], lastKey: result.LastEvaluatedKey };
  } catch (error) {
    throw mapDynamoError(error);
  }
}

type RetierOutcome = 'changed' | 'current' | 'stale';

/**
 * Rewrites one member if its tier fields are stale, through the repository so the history entry and
 * the tier aggregates change in the same transaction. A member another write changed meanwhile (412)
 * is read again and retried after a random pause, so that one lost race does not fail the whole job;
 * one that loses `memberAttempts` times is left `stale` for the job to list.
 */
async function retierMember(deps: MemberJobDeps, id: string, context: TierContext): Promise<RetierOutcome> {
  for (let attempt = 1; ; attempt++) {
    // Strong: the write is conditioned on this version, and a stale copy would be a needless 412.
    const before = await deps.members.get(id, { consistent: true });
    if (!before) return 'current';
    const now = deps.runtime.clock();
    const target = retierTarget(before, context, now);
    if (!target) return 'current';
    const { after, history } = retiered(before, target, now, deps.runtime.newId());
    try {
      await deps.members.write({ before, after, history });
      return 'changed';
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      if (attempt === memberAttempts) return 'stale';
      await sleep(Math.random() * Math.min(maxRetryPauseMs, 10 * 2 ** attempt));
    }
  }
}
