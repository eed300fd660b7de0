/**
 * The failures the domain and the data layer can report. They carry no HTTP knowledge: the one
 * mapping to status codes lives in http/problem.ts.
 */
import type { FieldReason } from './issue-rules.ts';

export interface FieldError {
  path: string;
  message: string;
  /** What the message says, for a reader of another language; the API answers the message alone. */
  reason?: FieldReason;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly errors: FieldError[],
    detail = 'The request does not match the schema.',
  ) {
    super(detail);
  }
}

export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A record a conflict names: the company that holds a tax id or an address, the open lead, ... */
export interface ExistingRecord {
  kind: 'member' | 'partner' | 'lead';
  id: string;
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  /**
   * `field`: the field whose uniqueness or state blocks the change, when there is one; `existing`: the
   * record that holds what the change wanted, when the caller may see which.
   */
  constructor(
    detail: string,
    readonly field?: string,
    readonly existing?: ExistingRecord,
  ) {
    super(detail);
  }
}

export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
}

export class PreconditionRequiredError extends Error {
  override readonly name = 'PreconditionRequiredError';
}

export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** The caller asked for more of something than it may have for now (a daily limit). */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  constructor(
    detail: string,
    /** When the limit allows it again (`Retry-After`). */
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** Something the request needs is unavailable for now; the same request may succeed shortly. */
export class ServiceUnavailableError extends Error {
  override readonly name: string = 'ServiceUnavailableError';
  constructor(
    detail: string,
    /** How long a client should wait before trying again (`Retry-After`). */
    readonly retryAfterSeconds = 1,
    options?: ErrorOptions,
  ) {
    super(detail, options);
  }
}

export class DatabaseUnavailableError extends ServiceUnavailableError {
  override readonly name = 'DatabaseUnavailableError';
}
