import { z } from '@hono/zod-openapi';
import { onFirstUse } from './schema-on-first-use.ts';
import { text } from './text.ts';
import { topics } from './topics.ts';

/**
 * One thing a company offers or seeks: a topic of the association's vocabulary (what matching keys
 * on) and a short text in the company's own words (what people read).
 */
export const offerOrNeedSchema = onFirstUse(() =>
  z
    // The topic enum of member-schema.ts, built here: that module imports this one.
    .strictObject({ topic: z.enum(topics), text: text(500) })
    .openapi('OfferOrNeed', {
      example: { topic: 'industrial-water-treatment', text: 'Turnkey treatment plants for industrial parks' },
    }),
);
export type OfferOrNeed = z.infer<typeof offerOrNeedSchema>;

/** At most ten of each; a topic appears once per list, its text saying everything about it. */
export const offersOrNeedsSchema = onFirstUse(() =>
  z
    .array(offerOrNeedSchema)
    .max(10)
    .refine((list) => new Set(list.map((entry) => entry.topic)).size === list.length, {
      message: 'Each topic appears at most once.',
    }),
);

/** The topics of a company's offers and needs together, each once: the `topic` facet it is listed under. */
export const topicsOf = (company: { offers: OfferOrNeed[]; needs: OfferOrNeed[] }) => [
  ...new Set([...company.offers, ...company.needs].map((entry) => entry.topic)),
];
