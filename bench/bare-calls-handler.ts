import * as commands from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/data/dynamo-client.ts';

/**
 * A second cold-start baseline: a handler that makes the DynamoDB calls a console page made on its
 * own cold start (recorded by bench/cold-start.ts `recordCalls`), round by round as the page made them
 * (a round's calls at once, the next round once they have answered), and nothing else: no Hono, zod,
 * middy, Powertools, rendering or `Intl`. A signed-in page reads its session before its data, so it
 * pays two or three round trips and the first call of each command on a cold SDK where the bare
 * GetItem handler pays one; set beside this handler, what is left is what the console's own code costs.
 */
const doc = createDocumentClient({
  tableName: process.env.TABLE_NAME ?? '',
  ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
});

export interface RecordedCall {
  /** lib-dynamodb's command class: `GetCommand`, `QueryCommand`, `BatchGetCommand`, … */
  command: string;
  input: Record<string, unknown>;
}

type Command = new (input: Record<string, unknown>) => Parameters<typeof doc.send>[0];

export async function handler(): Promise<{ statusCode: number; body: string }> {
  const rounds = JSON.parse(process.env.BENCH_CALLS ?? '[]') as RecordedCall[][];
  let items = 0;
  for (const round of rounds) {
    const answers = await Promise.all(
      round.map((call) => {
        const make = (commands as unknown as Record<string, Command>)[call.command];
        if (!make) throw new Error(`No lib-dynamodb command ${call.command}`);
        return doc.send(new make(call.input)) as Promise<{ Items?: unknown[]; Item?: unknown }>;
      }),
    );
    for (const answer of answers) items += answer.Items?.length ?? (answer.Item ? 1 : 0);
  }
  return { statusCode: 200, body: JSON.stringify({ rounds: rounds.length, items }) };
}
