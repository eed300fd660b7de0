import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { eventAgendaClaimKey } from '../data/keys.ts';

/**
 * One delivery at a time sends a participant's agendas. Each delivery works out what its delegates
 * are owed from the record of what they were last sent (`agendaSentTo`), and records what it sent; two
 * at once (the campaign worker runs several) would both start from the same record, and a meeting one
 * of them sent could end up in no record, so never cancelled. The claim is a conditional write of its
 * own item in the event's partition; the participant's item, which staff and members edit at their
 * version, is not touched by it.
 *
 * A claim outlives its delivery only if the worker died with it: it lapses after `agendaClaimMs`, half
 * a minute past the campaign worker's timeout (no delivery runs longer; a stacks test holds them so),
 * and the table's TTL removes it later. A delivery refused meanwhile is told until when
 * (`AgendaBusyError`); the worker keeps its last attempt for then, and queues it again if even that
 * one is refused.
 */
export const agendaClaimMs = 5.5 * 60 * 1000;

/** Another delivery is sending this participant's agendas: the queue delivers this one again later. */
export class AgendaBusyError extends Error {
  override readonly name = 'AgendaBusyError';

  /** `retryAfterSeconds`: when the other delivery's claim lapses, at the latest. */
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class AgendaClaims {
  constructor(private readonly db: Database) {}

  /**
   * Takes the participant's claim for `token`; refused while another delivery holds one that has not
   * lapsed, with when it lapses.
   */
  async claim(
    eventId: string,
    companyId: string,
    token: string,
    now: Date,
  ): Promise<{ taken: true } | { taken: false; heldUntil: Date }> {
    const key = eventAgendaClaimKey(eventId, companyId);
    const until = now.getTime() + agendaClaimMs;
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: {
            ...key,
            type: 'agendaClaim',
            token,
            claimedUntil: new Date(until).toISOString(),
            // A day after it lapses: only ever a worker's leftover.
            expiresAt: Math.floor(until / 1000) + 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR claimedUntil < :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return { taken: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw mapDynamoError(error);
    }
    try {
      const { Item } = await this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: key, ConsistentRead: true }),
      );
      // Given up since: the next attempt may take it at once.
      const heldUntil = typeof Item?.claimedUntil === 'string' ? new Date(Item.claimedUntil) : now;
      return { taken: false, heldUntil };
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  /** Gives the claim up, if it is still `token`'s (one that lapsed may be another delivery's by now). */
  async release(eventId: string, companyId: string, token: string): Promise<void> {
    try {
      await this.db.doc.send(
        new DeleteCommand({
          TableName: this.db.tableName,
          Key: eventAgendaClaimKey(eventId, companyId),
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':token': token },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw mapDynamoError(error);
    }
  }
}
