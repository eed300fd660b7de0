import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { ServiceUnavailableError } from '../domain/errors.ts';
import type { DispatchMessage } from './campaign-work.ts';
import type { CampaignScheduler } from './sending-deps.ts';
import type { SqsSendQueue } from './sqs-send-queue.ts';

export interface EventBridgeSchedulerTarget {
  /** The schedule group the campaigns' schedules live in (the function may touch no other). */
  group: string;
  /** The send queue the schedule writes the dispatch message to, and the role Scheduler uses to. */
  queueArn: string;
  roleArn: string;
}

/** SQS holds a message back for at most 15 minutes; a send time closer than that needs no schedule. */
const maxQueueDelaySeconds = 900;

const scheduleName = (campaignId: string) => `campaign-${campaignId}`;

/** `at()` takes the time without zone or fractions; the schedule says UTC. */
const atExpression = (when: Date) => `at(${when.toISOString().slice(0, 19)})`;

/**
 * EventBridge Scheduler's one-time schedules, one per scheduled campaign: at its send time the
 * schedule puts a dispatch message on the send queue, and the campaign worker runs the dispatcher.
 * A send time within 15 minutes (or past) goes straight onto the queue with a delay instead, since a
 * schedule cannot be set for a time already past. Rescheduling replaces the schedule; a schedule that
 * fired deletes itself. A dispatch that arrives for a campaign no longer scheduled, or early, is
 * ignored by the dispatcher, so cancelling after the message was queued is safe too.
 */
export class EventBridgeCampaignScheduler implements CampaignScheduler {
  private client: SchedulerClient | undefined;

  constructor(
    private readonly target: EventBridgeSchedulerTarget,
    private readonly queue: Pick<SqsSendQueue, 'enqueue'>,
    private readonly clock: () => Date,
    client?: SchedulerClient,
  ) {
    this.client = client;
  }

  async at(campaignId: string, when: Date): Promise<void> {
    const message: DispatchMessage = { dispatch: campaignId };
    const delaySeconds = Math.ceil((when.getTime() - this.clock().getTime()) / 1000);
    if (delaySeconds <= maxQueueDelaySeconds) {
      await this.cancel(campaignId);
      await this.queue.enqueue([message], Math.max(0, delaySeconds));
      return;
    }
    const { ConflictException, CreateScheduleCommand, SchedulerClient, UpdateScheduleCommand } = await import(
      '@aws-sdk/client-scheduler'
    );
    const client = this.clientOf(SchedulerClient);
    const input = {
      Name: scheduleName(campaignId),
      GroupName: this.target.group,
      ScheduleExpression: atExpression(when),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      ActionAfterCompletion: 'DELETE' as const,
      Target: { Arn: this.target.queueArn, RoleArn: this.target.roleArn, Input: JSON.stringify(message) },
    };
    try {
      try {
        await client.send(new CreateScheduleCommand(input));
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        await client.send(new UpdateScheduleCommand(input));
      }
    } catch (cause) {
      throw new ServiceUnavailableError('The campaign could not be scheduled right now.', 5, { cause });
    }
  }

  async cancel(campaignId: string): Promise<void> {
    const { DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient } = await import(
      '@aws-sdk/client-scheduler'
    );
    const client = this.clientOf(SchedulerClient);
    try {
      await client.send(
        new DeleteScheduleCommand({ Name: scheduleName(campaignId), GroupName: this.target.group }),
      );
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      throw new ServiceUnavailableError('The campaign schedule could not be removed right now.', 5, {
        cause: error,
      });
    }
  }

  private clientOf(Client: new (config: object) => SchedulerClient): SchedulerClient {
    this.client ??= new Client({});
    return this.client;
  }
}
