import { describe, expect, it } from 'vitest';
import { defaultRateTable } from '../../shared/domain/exchange-rates.ts';
import type { LeadStage } from '../../shared/leads/lead-stages.ts';
import { linesOf, type PipelineFacts } from '../../shared/reports/pipeline-lines.ts';
import { buildPipelineReport } from '../../shared/reports/pipeline-report.ts';

/** A lead that went through `path` and is at its last stage: the stages it left, a day in each. */
function lead(...path: LeadStage[]) {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
  const facts: PipelineFacts = {
    stage: path.at(-1)!,
    country: 'VN',
    topic: 'energy',
    campaignId: null,
    sourceType: 'inbound',
    value: null,
    stageEnteredAt: day(path.length - 1),
    wonAt: path.at(-1) === 'won' ? day(path.length - 1) : null,
  };
  const exits = path.slice(0, -1).map((stage, i) => ({ stage, enteredAt: day(i), at: day(i + 1) }));
  return { facts, exits };
}

describe('the pipeline funnel', () => {
  it('counts entries into each open stage and those that went on, a reopened lead entering contacted again', () => {
    const lines = linesOf(
      [
        lead('new'),
        lead('new', 'contacted'),
        lead('new', 'contacted', 'meeting', 'negotiating', 'won'),
        lead('new', 'contacted', 'lost', 'contacted', 'meeting'),
        lead('new', 'lost'),
      ],
      () => 0n,
    ).map((l) => ({ ...l, value: {} }));
    const { funnel, byStage } = buildPipelineReport(lines, defaultRateTable, new Date('2026-06-01'));
    expect(funnel).toEqual([
      // All five leads entered `new`; three went on into `contacted` (the fourth entry there is a reopening).
      { stage: 'new', entered: 5, movedOn: 3, conversion: 0.6 },
      { stage: 'contacted', entered: 4, movedOn: 2, conversion: 0.5 },
      { stage: 'meeting', entered: 2, movedOn: 1, conversion: 0.5 },
      { stage: 'negotiating', entered: 1, movedOn: 1, conversion: 1 },
    ]);
    // By stage, conversion is the stage's own won share: what the funnel is there for instead.
    expect(byStage.map((s) => [s.key, s.conversion])).toEqual([
      ['new', 0],
      ['contacted', 0],
      ['meeting', 0],
      ['negotiating', 0],
      ['won', 1],
      ['lost', 0],
    ]);
  });

  it('is all zeros without leads', () => {
    const { funnel } = buildPipelineReport([], defaultRateTable, new Date('2026-06-01'));
    expect(funnel.map((s) => [s.entered, s.movedOn, s.conversion])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});
