import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import {
  consoleUserPartition,
  consoleUserPrefsKey,
  consoleViewKey,
  consoleViewSortPrefix,
  consoleViewsVersionKey,
} from '../data/keys.ts';
import { transactWrite } from '../data/transact.ts';
import { ConflictError } from '../domain/errors.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { isTimeZone } from '../events/zoned-time.ts';
import { defaultTimeZones, locales } from './i18n/locales.ts';

const prefsSchema = onFirstUse(() =>
  z
    .object({
      locale: z.enum(locales),
      shortcuts: z.boolean(),
      // Prefs kept before the setting existed, or with a zone ICU no longer knows, read UTC.
      timeZone: z.string().refine(isTimeZone).catch('UTC'),
      // Whether the user chose the zone; until then it follows their language (defaultTimeZones).
      timeZoneChosen: z.boolean().optional(),
    })
    .transform(({ timeZoneChosen, ...prefs }) => ({
      ...prefs,
      // Prefs kept before the mark: a zone that is no language's was chosen; a language's zone is
      // most likely the one a sign-in gave, which the language should move again.
      timeZoneChosen: timeZoneChosen ?? !Object.values(defaultTimeZones).includes(prefs.timeZone),
    })),
);
export type ConsolePrefs = z.output<typeof prefsSchema>;

/** The pages a saved view can belong to, and at most how many views one user keeps on each. */
export const viewPages = ['members', 'leads'] as const;
export type ViewPage = (typeof viewPages)[number];
export const maxViewsPerUser = 50;

/** A view's name as a reader tells names apart: case, spacing and Unicode form aside. */
const viewNameKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase();

/**
 * Why a view is not saved: a view of the page has its name (two alike could not be told apart), or
 * the page has the most it keeps.
 */
export type ViewRefusal = 'name-taken' | 'full';

/** Whether a view named `name` may join a user's views of a page. */
export function viewRefusal(views: readonly { name: string }[], name: string): ViewRefusal | undefined {
  if (views.some((view) => viewNameKey(view.name) === viewNameKey(name))) return 'name-taken';
  return views.length >= maxViewsPerUser ? 'full' : undefined;
}

/** Saves that lost the race to another save of the same page's views read them again, this often at most. */
const viewSaveAttempts = 3;

/** What a save answers besides a refusal: still losing to other saves after its last attempt. */
export type ViewSaveOutcome = ViewRefusal | 'busy' | undefined;

const viewSchema = onFirstUse(() =>
  z.object({
    viewId: z.string(),
    page: z.enum(viewPages),
    name: z.string(),
    /** The page's query string, as the filters wrote it: opening the view is opening this URL. */
    query: z.string(),
    createdAt: z.string(),
  }),
);
export type SavedView = z.infer<typeof viewSchema>;

/**
 * What a console user keeps between sessions: the language, time zone and shortcut settings, and
 * saved list views. One partition per user (its token subject), so nothing of one user is another's to read.
 */
export class ConsoleUserRepository {
  constructor(private readonly db: Database) {}

  async prefs(sub: string): Promise<ConsolePrefs | undefined> {
    try {
      const { Item } = await this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: consoleUserPrefsKey(sub) }),
      );
      const parsed = prefsSchema.safeParse(Item);
      return parsed.success ? parsed.data : undefined;
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  async savePrefs(sub: string, prefs: ConsolePrefs): Promise<void> {
    try {
      await this.db.doc.send(
        new PutCommand({ TableName: this.db.tableName, Item: { ...consoleUserPrefsKey(sub), ...prefs } }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  /** The user's views of one page, oldest first (their ids are ULIDs). */
  async views(sub: string, page: ViewPage): Promise<SavedView[]> {
    return (await pageViews(this.db, sub, page)).views;
  }

  async deleteView(sub: string, page: ViewPage, viewId: string): Promise<void> {
    try {
      await this.db.doc.send(
        new DeleteCommand({ TableName: this.db.tableName, Key: consoleViewKey(sub, page, viewId) }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}

/**
 * Saves a view unless `viewRefusal` refuses it, and says which refusal. The check and the write are
 * one under the page's version: of two saves that read the same views (the same name twice, or a
 * 51st view), the second's write fails its condition, and it is checked again against what the first
 * saved. A function, not a method of ConsoleUserRepository, so that only the functions whose pages
 * save views bundle it and its transaction.
 */
export async function addSavedView(db: Database, sub: string, view: SavedView): Promise<ViewSaveOutcome> {
  for (let attempt = 1; ; attempt++) {
    // Strongly consistent: a save right after another reads the version that one wrote.
    const { views, version } = await pageViews(db, sub, view.page, true);
    const refusal = viewRefusal(views, view.name);
    if (refusal) return refusal;
    try {
      await transactWrite(db, [
        {
          Put: {
            TableName: db.tableName,
            Item: { ...consoleViewsVersionKey(sub, view.page), version: version + 1 },
            ...(version === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#version = :seen',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':seen': version },
                }),
          },
        },
        {
          Put: {
            TableName: db.tableName,
            Item: { ...consoleViewKey(sub, view.page, view.viewId), ...view },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      return undefined;
    } catch (error) {
      // The version moved since the read, or DynamoDB kept cancelling for a transaction in flight.
      const lostTheRace =
        cancellationReasons(error)?.[0]?.Code === 'ConditionalCheckFailed' || error instanceof ConflictError;
      if (!lostTheRace) throw error;
      if (attempt >= viewSaveAttempts) return 'busy';
      await sleep(Math.random() * 40 * attempt);
    }
  }
}

/** A page's views and the count of saves they were written under, in one Query. */
async function pageViews(
  db: Database,
  sub: string,
  page: ViewPage,
  consistent = false,
): Promise<{ views: SavedView[]; version: number }> {
  try {
    const { Items = [] } = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :views)',
        ExpressionAttributeValues: {
          ':pk': consoleUserPartition(sub),
          ':views': consoleViewSortPrefix(page),
        },
        // The version, then the views.
        Limit: maxViewsPerUser + 1,
        ConsistentRead: consistent,
      }),
    );
    const versionSk = consoleViewsVersionKey(sub, page).sk;
    const stored = Items.find((item) => item.sk === versionSk)?.version;
    return {
      version: typeof stored === 'number' ? stored : 0,
      views: Items.flatMap((item) => {
        const parsed = viewSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    };
  } catch (error) {
    throw mapDynamoError(error);
  }
}
