import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError } from '../domain/errors.ts';

type LastKey = Record<string, unknown>;

/**
 * Pagination cursors are opaque and tamper-evident: the DynamoDB `LastEvaluatedKey` plus the scope of
 * the query it belongs to, signed with HMAC-SHA256. A modified cursor, or one taken from another
 * query (another partition, another filter), fails verification and is a 400, so a cursor can never
 * steer a Query outside the partition the caller asked for.
 *
 * Cursors are signed with the current key and verified with it or, while a rotation's overlap lasts,
 * with the previous one: a client paging across a rotation keeps its place.
 */
export class CursorCodec {
  private readonly verifyingKeys: Uint8Array[];

  constructor(
    private readonly signingKey: Uint8Array,
    previousKey?: Uint8Array,
  ) {
    this.verifyingKeys = previousKey ? [signingKey, previousKey] : [signingKey];
  }

  encode(scope: string, lastKey: LastKey | undefined): string | null {
    if (!lastKey) return null;
    const payload = Buffer.from(JSON.stringify({ s: scope, k: lastKey }), 'utf8').toString('base64url');
    return `${payload}.${mac(this.signingKey, payload).toString('base64url')}`;
  }

  decode(scope: string, cursor: string | undefined): LastKey | undefined {
    if (cursor === undefined) return undefined;
    const [payload, given, extra] = cursor.split('.');
    if (!payload || !given || extra !== undefined) throw invalid(cursor);
    const givenMac = Buffer.from(given, 'base64url');
    const signedByUs = this.verifyingKeys.some((key) => {
      const expected = mac(key, payload);
      return givenMac.length === expected.length && timingSafeEqual(givenMac, expected);
    });
    if (!signedByUs) throw invalid(cursor);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid(cursor);
    }
    const body = parsed as { s?: unknown; k?: unknown };
    if (body.s !== scope || typeof body.k !== 'object' || body.k === null) throw invalid(cursor);
    return body.k as LastKey;
  }
}

/**
 * One page of a Query in `scope`, from `cursor` on, and the next page's cursor. The codec is awaited
 * only to read a given cursor and then to sign the next: a first page's Query goes out without waiting
 * on the signing key, whose first read in AWS is a round trip to Secrets Manager (the extension's).
 */
export async function pageFrom<T>(
  cursors: () => Promise<CursorCodec>,
  scope: string,
  cursor: string | undefined,
  read: (startKey: LastKey | undefined) => Promise<{ items: T[]; lastKey?: LastKey | undefined }>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const codec = cursors();
  // Its failure is thrown where it is awaited below; not an unhandled rejection while the Query runs.
  codec.catch(() => undefined);
  const startKey = cursor === undefined ? undefined : (await codec).decode(scope, cursor);
  const { items, lastKey } = await read(startKey);
  return { items, nextCursor: (await codec).encode(scope, lastKey) };
}

const mac = (key: Uint8Array, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/**
 * A page's cursor that is not one signed for its query (malformed, modified, another query's): the
 * API's 400 as any other, which the console says in the reader's words with a link to the first page.
 * Its cause is the cursor as given, which that link leaves out. Here, and this small, since every
 * function that reads a page carries it (the campaign worker's bundle grew 35 bytes by it).
 */
export class InvalidCursorError extends BadRequestError {
  declare readonly cause: string;
}

const invalid = (cursor: string) =>
  new InvalidCursorError('The cursor is malformed, was modified, or belongs to another query.', {
    cause: cursor,
  });
