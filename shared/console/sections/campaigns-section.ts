import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { campaignPages } from '../pages/campaigns/campaign-pages.tsx';

/** Campaigns: composing, previews, test sends, audiences, schedules, stats and recipients. */
export const campaignsSection: ConsoleSection = {
  gatewayPaths: ['/console/campaigns', '/console/campaigns/{proxy+}'],
  pages: campaignPages,
};

/** The console-campaigns function's context. */
export const campaignsConsoleApi = consoleContext('console-campaigns', [campaignsSection]);
