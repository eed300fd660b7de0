import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * The one metrics instance; the namespace and service come from the function's environment. A metric
 * is published where it is counted, with `metrics.singleMetric()`: no handler stores metrics to flush
 * when an invocation ends.
 */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'BridgeCrm' });
