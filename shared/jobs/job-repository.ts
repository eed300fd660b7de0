import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { jobKey } from '../data/keys.ts';

export const jobKinds = ['retier'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export type ScanKey = Record<string, unknown>;

export interface Job {
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** Members examined so far. */
  scanned: number;
  /** Members this job rewrote. */
  changed: number;
  /** Where the next batch resumes; absent before the first batch and after the last. */
  lastKey?: ScanKey;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why the job failed: a message fit for an admin, never a stack or personal data. */
  error?: string;
  version: number;
}

export interface JobProgress {
  scanned: number;
  changed: number;
  lastKey: ScanKey | undefined;
}

/** A finished job's item lingers this long for anyone polling it; the changes it made stay in history. */
const retentionSeconds = 30 * 24 * 60 * 60;

const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + retentionSeconds;

/**
 * Background job items (`JOB#<id>`). Every transition is conditional on the version the caller read,
 * so when a queue delivers one message twice and both copies run, exactly one records its batch and
 * the other stops; progress is never counted twice.
 */
export class JobRepository {
  constructor(private readonly db: Database) {}

  async create(id: string, kind: JobKind, now: Date): Promise<Job> {
    const at = now.toISOString();
    const job: Job = {
      id,
      kind,
      status: 'queued',
      scanned: 0,
      changed: 0,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: { ...jobKey(id), type: 'job', ...job },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
    return job;
  }

  async get(id: string): Promise<Job | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      const result = await this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: jobKey(id), ConsistentRead: true }),
      );
      item = result.Item;
    } catch (error) {
      throw mapDynamoError(error);
    }
    return item ? jobOf(item) : undefined;
  }

  /** Marks a queued job running. Undefined when another delivery got there first. */
  start(job: Job, now: Date): Promise<Job | undefined> {
    const at = now.toISOString();
    return this.transition(job, { status: 'running', startedAt: at, updatedAt: at });
  }

  /**
   * Records a finished batch: running on from `lastKey`, or succeeded when the scan is through.
   * Undefined when the job moved on meanwhile (a duplicate delivery recorded this batch already).
   */
  recordBatch(job: Job, progress: JobProgress, now: Date): Promise<Job | undefined> {
    const at = now.toISOString();
    const done = progress.lastKey === undefined;
    return this.transition(
      job,
      {
        scanned: progress.scanned,
        changed: progress.changed,
        updatedAt: at,
        ...(done
          ? { status: 'succeeded', finishedAt: at, expiresAt: expiresAt(now) }
          : { lastKey: progress.lastKey }),
      },
      done ? ['lastKey'] : [],
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
            'SET #status = :failed, #error = :error, finishedAt = :at, updatedAt = :at, expiresAt = :expires ADD version :one',
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
  }

  private async transition(
    job: Job,
    changes: Record<string, unknown>,
    remove: string[] = [],
  ): Promise<Job | undefined> {
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
      return jobOf(result.Attributes ?? {});
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw mapDynamoError(error);
    }
  }
}

function jobOf(item: Record<string, unknown>): Job {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...job } = item;
  return job as unknown as Job;
}
