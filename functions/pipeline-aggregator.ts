import { pipelineAggregatorHandler } from '../shared/runtime/pipeline-aggregator.ts';

/** Keeps the pipeline report's aggregates current from the lead change events on the table's stream. */
export const handler = pipelineAggregatorHandler();
