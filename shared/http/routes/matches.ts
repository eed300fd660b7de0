import { OpenAPIHono, z } from '@hono/zod-openapi';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { languageSchema, topicSchema, ulidSchema } from '../../domain/member-schema.ts';
import { type MatchCard, memberCard, partnerCard } from '../../matching/match-card.ts';
import { matchCardSchema } from '../../matching/match-card-schema.ts';
import { findMatches } from '../../matching/match-finder.ts';
import { matchPoints } from '../../matching/match-score.ts';
import type { MemberRepository } from '../../members/member-repository.ts';
import type { PartnerRepository } from '../../partners/partner-repository.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { json } from '../route-parts.ts';

const reasonSchema = z
  .object({
    type: z.enum([
      'they-seek-what-you-offer',
      'they-offer-what-you-seek',
      'both-ways',
      'in-your-target-market',
      'you-are-in-their-target-market',
      'common-language',
      'same-sector',
    ]),
    points: z.int32().min(1).max(10),
    topic: topicSchema.optional(),
    text: z.string().max(500).optional().openapi({ description: 'Their offer or need, in their words.' }),
    country: z.string().max(2).optional(),
    language: languageSchema.optional(),
  })
  .openapi('MatchReason');

const scoreDescription =
  `Score: ${matchPoints.topic} per topic they seek that you offer and per topic they offer that you seek, ` +
  `${matchPoints.bothWays} once if both hold, ${matchPoints.market} if they are in one of your target ` +
  `markets and ${matchPoints.market} if you are in one of theirs, ${matchPoints.language} per language in ` +
  `common, ${matchPoints.sector} per sector in common. A company with no topic either way is no match. ` +
  'Ties by Latin name. Only companies that chose to be shown (`matchmakingVisible`) appear, as their ' +
  'match card (never their contacts).';

const matchesSchema = z
  .object({
    company: matchCardSchema.openapi({ description: 'The company the matches are for, as others see it.' }),
    items: z
      .array(
        z.object({
          company: matchCardSchema,
          score: z.int32().min(1),
          reasons: z.array(reasonSchema).max(60),
        }),
      )
      .max(100),
  })
  .openapi('Matches');

const limitQuery = {
  limit: z.coerce
    .number()
    .pipe(z.int32().min(1).max(100))
    .default(25)
    .openapi({ description: 'How many of the best matches, 1..100, default 25.' }),
};

export const listMatches = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/matches',
    summary: 'Companies that meet a member’s or a partner’s offers and needs, best first',
    description: scoreDescription,
    request: {
      query: z.object({
        ...limitQuery,
        memberId: ulidSchema.optional().openapi({ description: 'The member to match; or give partnerId.' }),
        partnerId: ulidSchema.optional().openapi({ description: 'The partner to match; or give memberId.' }),
      }),
    },
    responses: {
      200: { description: 'The best matches, each with its score and reasons.', ...json(matchesSchema) },
      404: problem('No such member or partner.'),
    },
    tags: ['Partnerships'],
  },
);

export const listMyMatches = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'get',
    path: '/v1/me/matches',
    summary: "Companies that meet the caller's offers and needs, best first",
    description: scoreDescription,
    request: { query: z.object(limitQuery) },
    responses: { 200: { description: 'The best matches.', ...json(matchesSchema) } },
    tags: ['Partnerships'],
  },
);

export function matchRoutes(deps: AppDeps, members: MemberRepository, partners: PartnerRepository) {
  const app = new OpenAPIHono<AppEnv>();
  const memberCardOf = async (id: string): Promise<MatchCard> => {
    const member = await members.get(id);
    if (!member) throw new NotFoundError(`No member ${id}.`);
    return memberCard(member);
  };

  app.openapi(listMatches, async (c) => {
    const { limit, memberId, partnerId } = c.req.valid('query');
    if ((memberId === undefined) === (partnerId === undefined)) {
      throw new BadRequestError('Give exactly one of memberId and partnerId.');
    }
    let self: MatchCard;
    if (memberId) self = await memberCardOf(memberId);
    else {
      const partner = await partners.get(partnerId!);
      if (!partner || partner.joinedAs)
        throw new NotFoundError(`No partner ${partnerId} (a joined one is a member).`);
      self = partnerCard(partner);
    }
    return c.json({ company: self, items: await findMatches(deps.db, self, limit) }, 200);
  });

  app.openapi(listMyMatches, async (c) => {
    const self = await memberCardOf(c.get('principal').memberId!);
    return c.json(
      { company: self, items: await findMatches(deps.db, self, c.req.valid('query').limit) },
      200,
    );
  });

  return app;
}
