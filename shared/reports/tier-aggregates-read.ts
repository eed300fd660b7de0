import type { Database } from '../data/dynamo-client.ts';
import { tierAggregatePartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import type { TierAggregate } from './tier-report.ts';

/**
 * The per-tier aggregate lines, exactly: a revenue beyond Number.MAX_SAFE_INTEGER comes back as the
 * bigint the SDK reads, never rounded. Apart from MemberRepository (which answers them too) so that a
 * reader of the report bundles none of the directory's writes.
 */
export async function readTierAggregates(db: Database): Promise<TierAggregate[]> {
  const lines: TierAggregate[] = [];
  for await (const item of queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': tierAggregatePartition },
  })) {
    lines.push({
      tier: item.tier as string,
      memberCount: Number(item.memberCount ?? 0),
      revenue: typeof item.revenue === 'bigint' ? item.revenue : Number(item.revenue ?? 0),
    });
  }
  return lines;
}
