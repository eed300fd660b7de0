import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import {
  consoleUserPartition,
  consoleUserPrefsKey,
  consoleViewKey,
  consoleViewSortPrefix,
} from '../data/keys.ts';
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

/** Whether one of a user's views of a page already has this name: two alike could not be told apart. */
export const viewNameTaken = (views: readonly { name: string }[], name: string): boolean =>
  views.some((view) => viewNameKey(view.name) === viewNameKey(name));

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
    try {
      const { Items = [] } = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :views)',
          ExpressionAttributeValues: {
            ':pk': consoleUserPartition(sub),
            ':views': consoleViewSortPrefix(page),
          },
          Limit: maxViewsPerUser,
        }),
      );
      return Items.flatMap((item) => {
        const parsed = viewSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  async saveView(sub: string, view: SavedView): Promise<void> {
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: { ...consoleViewKey(sub, view.page, view.viewId), ...view },
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
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
