/**
 * The one table, described once. The CDK stateful stack and the local runtime (DynamoDB Local) both
 * build the table from this object, so the deployed and the local schema cannot drift.
 *
 * Every key attribute is a string; the indexes are generic and overloaded (see keys.ts for what each
 * entity writes into them).
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /** New and old images: the aggregator and audit consumers need both sides of a change. */
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

/** All key attribute names, for the `AttributeDefinitions` of a CreateTable call. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const index of tableDefinition.globalSecondaryIndexes) names.push(index.partitionKey, index.sortKey);
  return names;
}
