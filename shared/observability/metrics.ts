import { Metrics } from '@aws-lambda-powertools/metrics';

let instance: Metrics | undefined;

/**
 * The one metrics instance; the namespace and service come from the function's environment. A metric
 * is published where it is counted, with `metrics().singleMetric()`: no handler stores metrics to flush
 * when an invocation ends. Built on first use, since a request that counts nothing never needs it
 * (building it reads the environment and makes a console: ~0.5 ms of every cold start otherwise).
 */
export const metrics = (): Metrics => {
  instance ??= new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'BridgeCrm' });
  return instance;
};
