import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError } from '../domain/errors.ts';

type LastKey = Record<string, unknown>;

/**
 * Pagination cursors are opaque and tamper-evident: the DynamoDB `LastEvaluatedKey` plus the scope of
 * the query it belongs to, signed with HMAC-SHA256. A modified cursor, or one taken from another
 * query (another partition, another filter), fails verification and is a 400, so a cursor can never
 * steer a Query outside the partition the caller asked for.
 */
export class CursorCodec {
  constructor(private readonly secret: Uint8Array) {}

  encode(scope: string, lastKey: LastKey | undefined): string | null {
    if (!lastKey) return null;
    const payload = Buffer.from(JSON.stringify({ s: scope, k: lastKey }), 'utf8').toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(scope: string, cursor: string | undefined): LastKey | undefined {
    if (cursor === undefined) return undefined;
    const [payload, mac, extra] = cursor.split('.');
    if (!payload || !mac || extra !== undefined) throw invalid();
    const expected = Buffer.from(this.sign(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    const body = parsed as { s?: unknown; k?: unknown };
    if (body.s !== scope || typeof body.k !== 'object' || body.k === null) throw invalid();
    return body.k as LastKey;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

const invalid = () =>
  new BadRequestError('The cursor is malformed, was modified, or belongs to another query.');
