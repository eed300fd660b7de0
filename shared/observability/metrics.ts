import { Metrics } from '@aws-lambda-powertools/metrics';

/** The one metrics instance; the namespace and service come from the function's environment. */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'BridgeCrm' });
