import {
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchDelete, batchPut } from '../data/batch-write.ts';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import {
  jobFileChunkKey,
  jobFileRevisionPrefix,
  jobFileSortPrefix,
  jobKey,
  jobPartition,
  jobReportKey,
  jobReportSortPrefix,
  unfinishedJobsPartition,
} from '../data/keys.ts';
import { queryPage } from '../data/query-all.ts';
import type { Actor } from '../members/actor.ts';
import type { RowReport, RowStatus } from '../members/member-csv-service.ts';
import { logger } from '../observability/logger.ts';

function freshJob(id: string, now: Date) {
  const at = now.toISOString();
  return { id, status: 'queued' as const, createdAt: at, updatedAt: at, version: 1 };
}

/**
 * A queued re-tier job, not yet stored: it can be written in the same transaction as the settings
 * change. `memberIds` limits it to those members; without, it goes through every member.
 */
export function newRetierJob(id: string, now: Date, memberIds?: string[]): RetierJob {
  return {
    ...freshJob(id, now),
    kind: 'retier',
    ...(memberIds ? { memberIds } : {}),
    scanned: 0,
    changed: 0,
    stale: [],
    staleCount: 0,
  };
}

/** How many stale members a re-tier job lists by id; `staleCount` counts them all. */
export const maxListedStale = 100;

/** The item a job is stored as. */
export function jobItem(job: Job): Record<string, unknown> & { pk: string; sk: string } {
  // Listed as unfinished until it ends, so a restarted runtime can find and resume it without a Scan.
  return { ...jobKey(job.id), type: 'job', gsi1pk: unfinishedJobsPartition, gsi1sk: job.id, ...job };
}

/** What a job that ends stops carrying: its place in the unfinished list. */
const unfinishedListing = ['gsi1pk', 'gsi1sk'];

export const jobKinds = ['retier', 'import', 'schedule'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export type ScanKey = Record<string, unknown>;

interface JobBase {
  id: string;
  kind: JobKind;
  status: JobStatus;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why the job failed: a message fit for an admin, never a stack or personal data. */
  error?: string;
  version: number;
}

/** Recomputes every member's tier after the tier table or the exchange rates change. */
export interface RetierJob extends JobBase {
  kind: 'retier';
  /** Only these members (whose own write could not settle them); absent: every member, by Scan. */
  memberIds?: string[];
  /** Members examined so far. */
  scanned: number;
  /** Members this job rewrote. */
  changed: number;
  /**
   * Members still on an old tier because other writes won every one of the job's tries, the first
   * `maxListedStale` of them; `staleCount` counts them all. The job succeeds all the same.
   */
  stale: string[];
  staleCount: number;
  /** Where the next batch resumes; absent before the first batch and after the last. */
  lastKey?: ScanKey;
}

/** Applies a member CSV too large to import within one request, in batches of rows. */
export interface ImportJob extends JobBase {
  kind: 'import';
  /** Data rows in the file. */
  rows: number;
  /** Rows applied and reported so far, in file order: the next batch starts at this row index. */
  processed: number;
  /** The processed rows by outcome. */
  summary: Record<RowStatus, number>;
  /** The stored file: its chunk items and total size, to tell a complete copy from a partial one. */
  file: ImportFileRef;
  /** Who sent the file: every change the job makes is recorded in history as theirs. */
  actor: Actor;
  /** Set while one delivery applies a batch; another delivery leaves the job alone until then. */
  leaseUntil?: string;
}

/**
 * Where an import's file is stored. An erasure that purges rows from the file writes the next
 * revision and points the job at it; a batch that read the previous one finds it gone and retries.
 */
export interface ImportFileRef {
  chunks: number;
  bytes: number;
  revision: number;
}

/** What a schedule run placed, as the job reports it when it succeeds. */
export interface ScheduleJobResult {
  placed: number;
  kept: number;
  unplaced: number;
  method: 'exact' | 'greedy';
  optimal: boolean;
  lpBound?: number;
  simpleBound: number;
  scheduleVersion: number;
}

/** Runs an event's 1:1 scheduler when the event is too large to schedule within a request. */
export interface ScheduleJob extends JobBase {
  kind: 'schedule';
  eventId: string;
  publish: boolean;
  result?: ScheduleJobResult;
}

export type Job = RetierJob | ImportJob | ScheduleJob;
type JobOfKind<K extends JobKind> = Extract<Job, { kind: K }>;

export interface JobProgress {
  scanned: number;
  changed: number;
  /** The stale members of this batch alone; recordBatch adds them to the job's. */
  stale: string[];
  lastKey: ScanKey | undefined;
}

export interface ImportProgress {
  processed: number;
  summary: Record<RowStatus, number>;
}

export interface ReportPage {
  items: RowReport[];
  lastKey: Record<string, unknown> | undefined;
}

/** A finished job's item lingers this long for anyone polling it; the changes it made stay in history. */
const retentionSeconds = 30 * 24 * 60 * 60;
const daySeconds = 24 * 60 * 60;
/**
 * An import's file holds contact data: it is deleted when the job ends, and expires a day after upload
 * in case that delete fails. No import runs that long: it retries for at most an hour before it fails.
 */
const fileRetentionSeconds = daySeconds;

const expiresAt = (now: Date, seconds = retentionSeconds) => Math.floor(now.getTime() / 1000) + seconds;

/**
 * Bytes of the uploaded file per chunk item. DynamoDB refuses items over 400 KB (names and values
 * together); 320 KiB of data plus the key and stamps stays under 350 KB.
 */
export const fileChunkBytes = 320 * 1024;

/** Report entries per BatchWriteItem call in flight at once. */
const reportWriteConcurrency = 4;

/**
 * Background job items (`JOB#<id>`): the job itself, and for an import its file and per-row report.
 * Every transition of the job item is conditional on the version the caller read, so when a queue
 * delivers one message twice and both copies run, exactly one records its batch (or claims it, for an
 * import) and the other stops; progress is never counted twice.
 */
export class JobRepository {
  constructor(private readonly db: Database) {}

  /** Stores a re-tier job that no settings change comes with (one started by the daily run or a write). */
  createRetier(job: RetierJob): Promise<RetierJob> {
    return this.put(job);
  }

  /** The file's chunks must be stored first (`putFile`): a queued import job has its whole file. */
  createImport(id: string, init: Pick<ImportJob, 'rows' | 'file' | 'actor'>, now: Date): Promise<ImportJob> {
    const summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
    return this.put({ ...freshJob(id, now), kind: 'import', ...init, processed: 0, summary });
  }

  createSchedule(
    id: string,
    init: Pick<ScheduleJob, 'eventId' | 'publish'>,
    now: Date,
  ): Promise<ScheduleJob> {
    return this.put({ ...freshJob(id, now), kind: 'schedule', ...init });
  }

  /** A schedule job's end, with what it placed. Undefined when another delivery finished it first. */
  finishSchedule(job: ScheduleJob, result: ScheduleJobResult, now: Date): Promise<ScheduleJob | undefined> {
    const at = now.toISOString();
    return this.transition(
      job,
      { result, status: 'succeeded', updatedAt: at, finishedAt: at, expiresAt: expiresAt(now) },
      unfinishedListing,
    );
  }

  /** The job, or undefined when there is none (or it is of another kind than the one asked for). */
  async get<K extends JobKind = JobKind>(id: string, kind?: K): Promise<JobOfKind<K> | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      const result = await this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: jobKey(id), ConsistentRead: true }),
      );
      item = result.Item;
    } catch (error) {
      throw mapDynamoError(error);
    }
    if (!item || (kind !== undefined && item.kind !== kind)) return undefined;
    return jobOf(item) as JobOfKind<K>;
  }

  /** The ids of jobs not yet succeeded or failed: what a restarted runtime re-queues. */
  async unfinishedJobIds(): Promise<string[]> {
    const items = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': unfinishedJobsPartition },
    });
    return items.map((item) => String(item.id));
  }

  /** Marks a queued job running. Undefined when another delivery got there first. */
  start<J extends Job>(job: J, now: Date): Promise<J | undefined> {
    const at = now.toISOString();
    return this.transition(job, { status: 'running', startedAt: at, updatedAt: at });
  }

  /**
   * Records a finished re-tier batch: running on from `lastKey`, or succeeded when the scan is through.
   * Undefined when the job moved on meanwhile (a duplicate delivery recorded this batch already).
   */
  recordBatch(job: RetierJob, progress: JobProgress, now: Date): Promise<RetierJob | undefined> {
    const at = now.toISOString();
    const done = progress.lastKey === undefined;
    return this.transition(
      job,
      {
        scanned: progress.scanned,
        changed: progress.changed,
        stale: [...job.stale, ...progress.stale].slice(0, maxListedStale),
        staleCount: job.staleCount + progress.stale.length,
        updatedAt: at,
        ...(done
          ? { status: 'succeeded', finishedAt: at, expiresAt: expiresAt(now) }
          : { lastKey: progress.lastKey }),
      },
      done ? ['lastKey', ...unfinishedListing] : [],
    );
  }

  /**
   * Takes the import's next batch for one delivery until `leaseMs` from now (and starts a queued job).
   * Undefined when another delivery took it first. The caller checks that no live lease is held.
   */
  claim(job: ImportJob, now: Date, leaseMs: number): Promise<ImportJob | undefined> {
    const at = now.toISOString();
    return this.transition(job, {
      status: 'running',
      ...(job.startedAt ? {} : { startedAt: at }),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      updatedAt: at,
    });
  }

  /** Gives a claimed batch back after a failure, so the next delivery can take it without waiting. */
  async release(job: ImportJob, now: Date): Promise<void> {
    await this.transition(job, { updatedAt: now.toISOString() }, ['leaseUntil']);
  }

  /**
   * Records a claimed import batch and frees the claim: running on from `processed`, or succeeded
   * when every row is reported. Undefined when the claim was lost (the job moved on without it).
   */
  recordImportBatch(job: ImportJob, progress: ImportProgress, now: Date): Promise<ImportJob | undefined> {
    const at = now.toISOString();
    const done = progress.processed >= job.rows;
    return this.transition(
      job,
      {
        processed: progress.processed,
        summary: progress.summary,
        updatedAt: at,
        ...(done ? { status: 'succeeded', finishedAt: at, expiresAt: expiresAt(now) } : {}),
      },
      done ? ['leaseUntil', ...unfinishedListing] : ['leaseUntil'],
    );
  }

  /** Fails a job whatever its version, unless it already finished: failure ends it for every delivery. */
  async fail(id: string, message: string, now: Date): Promise<void> {
    const at = now.toISOString();
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: jobKey(id),
          UpdateExpression:
            'SET #status = :failed, #error = :error, finishedAt = :at, updatedAt = :at, expiresAt = :expires ADD version :one REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk) AND #status IN (:queued, :running)',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':error': message,
            ':at': at,
            ':expires': expiresAt(now),
            ':one': 1,
            ':queued': 'queued',
            ':running': 'running',
          },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw mapDynamoError(error);
    }
    // A failed import is not resumed, and its file holds contact data: no reason to keep it.
    await this.deleteFile(id).catch((error: unknown) => {
      logger.warn('failed import file not deleted; it expires within a day', {
        jobId: id,
        error: error as Error,
      });
    });
  }

  /** Stores revision `revision` of an import's file as chunk items of its partition; returns its ref. */
  async putFile(jobId: string, revision: number, bytes: Uint8Array, now: Date): Promise<ImportFileRef> {
    const at = now.toISOString();
    const count = Math.max(1, Math.ceil(bytes.byteLength / fileChunkBytes));
    const items = Array.from({ length: count }, (_, chunk) => ({
      ...jobFileChunkKey(jobId, revision, chunk),
      type: 'importFileChunk',
      data: bytes.subarray(chunk * fileChunkBytes, (chunk + 1) * fileChunkBytes),
      createdAt: at,
      updatedAt: at,
      version: 1,
      expiresAt: expiresAt(now, fileRetentionSeconds),
    }));
    await batchPut(this.db, items, { concurrency: 4 });
    return { chunks: count, bytes: bytes.byteLength, revision };
  }

  /** The import's file, or undefined when that revision is no longer stored whole. */
  async readFile(jobId: string, file: ImportFileRef): Promise<Uint8Array | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': jobPartition(jobId),
        ':prefix': jobFileRevisionPrefix(file.revision),
      },
      ConsistentRead: true,
    });
    const chunks = items.map((item) => item.data as Uint8Array);
    const bytes = Buffer.concat(chunks);
    return chunks.length === file.chunks && bytes.byteLength === file.bytes ? bytes : undefined;
  }

  /**
   * Points a waiting or running import at another revision of its file, if it still reads `from`.
   * Not conditional on the job's version, unlike every other transition: a batch in flight must still
   * record its progress, and the rows it applies meet the erasure check of their own (MemberCsvService).
   * Undefined when the job ended or another purge replaced the file first.
   */
  async replaceFile(job: ImportJob, file: ImportFileRef, now: Date): Promise<ImportFileRef | undefined> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: jobKey(job.id),
          UpdateExpression: 'SET #file = :file, updatedAt = :at',
          ConditionExpression: '#file.#revision = :from AND #status IN (:queued, :running)',
          ExpressionAttributeNames: { '#file': 'file', '#revision': 'revision', '#status': 'status' },
          ExpressionAttributeValues: {
            ':file': file,
            ':at': now.toISOString(),
            ':from': job.file.revision,
            ':queued': 'queued',
            ':running': 'running',
          },
        }),
      );
      return file;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw mapDynamoError(error);
    }
  }

  /** Deletes one revision of an import's file, or every revision when none is named. */
  async deleteFile(jobId: string, revision?: number): Promise<void> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': jobPartition(jobId),
        ':prefix': revision === undefined ? jobFileSortPrefix : jobFileRevisionPrefix(revision),
      },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    await batchDelete(
      this.db,
      items.map((item) => ({ pk: item.pk as string, sk: item.sk as string })),
    );
  }

  /**
   * Stores the report entries of rows `from`, `from + 1`, …, keyed by row index, so a batch applied
   * again overwrites its own entries rather than adding to them. They expire a day after the job item
   * would, so a finished job is never shown without its report.
   */
  async putReport(jobId: string, from: number, reports: readonly RowReport[], now: Date): Promise<void> {
    const at = now.toISOString();
    const items = reports.map((report, i) => ({
      ...jobReportKey(jobId, from + i),
      type: 'importReportEntry',
      ...report,
      createdAt: at,
      updatedAt: at,
      version: 1,
      expiresAt: expiresAt(now, retentionSeconds + daySeconds),
    }));
    await batchPut(this.db, items, { concurrency: reportWriteConcurrency });
  }

  /** A page of an import's report entries, in file order. */
  async reportPage(
    jobId: string,
    limit: number,
    startKey: Record<string, unknown> | undefined,
  ): Promise<ReportPage> {
    const page = await queryPage(this.db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': jobPartition(jobId), ':prefix': jobReportSortPrefix },
      ConsistentRead: true,
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return {
      items: page.items.map(({ line, status, id, errors }) => ({
        line: line as number,
        status: status as RowStatus,
        ...(id ? { id: id as string } : {}),
        ...(errors ? { errors: errors as RowReport['errors'] } : {}),
      })),
      lastKey: page.lastKey,
    };
  }

  private async put<J extends Job>(job: J): Promise<J> {
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: jobItem(job),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
    return job;
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await queryPage(this.db, { ...input, ExclusiveStartKey: startKey });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  private async transition<J extends Job>(
    job: J,
    changes: Record<string, unknown>,
    remove: string[] = [],
  ): Promise<J | undefined> {
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': job.version, ':next': job.version + 1 };
    const sets = ['#version = :next'];
    for (const [field, value] of Object.entries(changes)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    for (const field of remove) names[`#${field}`] = field;
    const input: UpdateCommandInput = {
      TableName: this.db.tableName,
      Key: jobKey(job.id),
      UpdateExpression: `SET ${sets.join(', ')}${remove.length ? ` REMOVE ${remove.map((f) => `#${f}`).join(', ')}` : ''}`,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    };
    try {
      const result = await this.db.doc.send(new UpdateCommand(input));
      return jobOf(result.Attributes ?? {}) as J;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw mapDynamoError(error);
    }
  }
}

function jobOf(item: Record<string, unknown>): Job {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    expiresAt: _expiresAt,
    gsi1pk: _gsi1pk,
    gsi1sk: _gsi1sk,
    ...job
  } = item;
  return job as unknown as Job;
}
