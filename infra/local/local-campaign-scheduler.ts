import type { CampaignRepository } from '../../shared/campaigns/campaign-repository.ts';
import type { CampaignScheduler } from '../../shared/campaigns/sending-deps.ts';

/** setTimeout's longest delay (~24.8 days); a later send time waits in steps. */
const maxDelayMs = 2 ** 31 - 1;

/**
 * The local stand-in for EventBridge Scheduler's one-time schedules: a timer per scheduled campaign
 * that runs the dispatcher at its send time. Timers live in the process, so `rearm` sets them again
 * from the stored campaigns when the server starts (and resumes campaigns a stop cut off).
 */
export class LocalCampaignScheduler implements CampaignScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly dispatch: (campaignId: string) => Promise<void>,
    private readonly clock: () => Date,
  ) {}

  async at(campaignId: string, when: Date): Promise<void> {
    await this.cancel(campaignId);
    const wait = () => {
      const delay = when.getTime() - this.clock().getTime();
      const timer = setTimeout(
        () => {
          if (delay > maxDelayMs) return wait();
          this.timers.delete(campaignId);
          this.dispatch(campaignId).catch((error: Error) =>
            console.error(`campaign ${campaignId}: dispatch failed: ${error.message}`),
          );
        },
        Math.max(0, Math.min(delay, maxDelayMs)),
      );
      timer.unref();
      this.timers.set(campaignId, timer);
    };
    wait();
  }

  async cancel(campaignId: string): Promise<void> {
    clearTimeout(this.timers.get(campaignId));
    this.timers.delete(campaignId);
  }

  /** Schedules every scheduled campaign, and dispatches again every one that was sending. */
  async rearm(campaigns: Pick<CampaignRepository, 'list'>): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await campaigns.list(100, startKey);
      for (const campaign of page.items) {
        if (campaign.state === 'scheduled' && campaign.sendAt)
          await this.at(campaign.id, new Date(campaign.sendAt));
        if (campaign.state === 'sending') await this.at(campaign.id, this.clock());
      }
      startKey = page.lastKey;
    } while (startKey);
  }

  /** Stops every timer (the server is closing). */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
