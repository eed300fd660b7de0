import { z } from '@hono/zod-openapi';
import { type CursorCodec, pageFrom } from '../data/cursor.ts';
import {
  countrySchema,
  type MemberSummary,
  memberStatusSchema,
  regionSchema,
  topicSchema,
} from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { tierNameSchema, unassessedTier } from '../domain/tiers.ts';
import {
  type DirectoryFilters,
  type DirectoryPlan,
  planDirectoryQuery,
  planScope,
} from './directory-query.ts';
import type { LastKey, MemberRepository, Page } from './member-repository.ts';

/**
 * The directory's filters as a query string carries them: the API's list and export routes and the
 * console's directory page validate them with the same schemas.
 */
export const directoryFilterShape = onFirstUse(() => ({
  // `unassessed` is itself a well-formed tier name (and reserved in tier tables).
  tier: tierNameSchema.optional().openapi({
    description: `A tier name, or \`${unassessedTier}\` for members without verified revenue.`,
  }),
  sector: topicSchema.optional(),
  region: regionSchema.optional().openapi({
    description:
      'An ISO 3166-2 code; a Vietnamese one takes in the provinces merged into it in 2025 (VN-SG lists ' +
      'the members under VN-57 and VN-43 too).',
  }),
  country: countrySchema.optional(),
  interest: topicSchema.optional(),
  status: memberStatusSchema.optional(),
  q: z.string().max(100).optional().openapi({ description: 'Name prefix; any script, case, diacritics.' }),
}));

/** One page of the index Query a plan chose. */
export function listDirectory(
  repository: MemberRepository,
  plan: DirectoryPlan,
  page: { limit: number; startKey: LastKey | undefined },
): Promise<Page<MemberSummary>> {
  return plan.kind === 'search'
    ? repository.search({ query: plan.query, where: plan.where, ...page })
    : repository.listByFacet({ ...plan, ...page });
}

/**
 * One page of the directory for these filters, with the signed cursor of the next one (bound to the
 * plan, so a cursor of one view is refused by every other). A name search with `interest` is a 400.
 */
export async function directoryPage(
  repository: MemberRepository,
  filters: DirectoryFilters,
  page: { limit: number; cursor: string | undefined; cursors: () => Promise<CursorCodec> },
): Promise<{ items: MemberSummary[]; nextCursor: string | null }> {
  const plan = planDirectoryQuery(filters);
  return pageFrom(page.cursors, planScope(plan), page.cursor, (startKey) =>
    listDirectory(repository, plan, { limit: page.limit, startKey }),
  );
}
