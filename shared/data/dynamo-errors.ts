import { ConflictError, DatabaseUnavailableError } from '../domain/errors.ts';

/** Error names the SDK uses when DynamoDB (or the network to it) cannot serve the request now. */
const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'LimitExceededException',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

export interface CancellationReason {
  Code?: string;
  Message?: string;
}

interface AwsLikeError {
  name?: string;
  code?: string;
  CancellationReasons?: CancellationReason[];
  $metadata?: unknown;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as AwsLikeError)?.name === 'ConditionalCheckFailedException';
}

/** The per-leg reasons of a cancelled transaction, or undefined for any other error. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  const e = error as AwsLikeError;
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : undefined;
}

/** A transaction that lost a race with another one on the same item: safe to retry as a whole. */
export function isTransactionConflict(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  if (!reasons) return (error as AwsLikeError)?.name === 'TransactionConflictException';
  return (
    reasons.some((r) => r.Code === 'TransactionConflict') &&
    !reasons.some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

function isUnavailable(error: unknown): boolean {
  const e = error as AwsLikeError & { cause?: AwsLikeError };
  if (!e || typeof e !== 'object') return false;
  if (unavailableNames.has(e.name ?? '') || unavailableNames.has(e.code ?? '')) return true;
  if (e.cause && unavailableNames.has(e.cause.code ?? e.cause.name ?? '')) return true;
  const reasons = cancellationReasons(error);
  return !!reasons?.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
}

/**
 * Turns what the SDK throws into the domain's errors. Errors the caller already understands (its own
 * domain errors) pass through; anything from AWS that is not a known, mapped case is rethrown as is and
 * becomes a 500 without details at the HTTP edge.
 */
export function mapDynamoError(error: unknown): unknown {
  if (isUnavailable(error))
    return new DatabaseUnavailableError('The database is unavailable; try again shortly.');
  if (isTransactionConflict(error)) {
    return new ConflictError(
      'Another change to the same record happened at the same time; retry the request.',
    );
  }
  return error;
}
