import { campaignWorkerHandler } from '../shared/runtime/campaign-worker.ts';

/** The campaigns' sending: dispatches at send time, each recipient's email, test sends, the claim sweep. */
export const handler = campaignWorkerHandler();
