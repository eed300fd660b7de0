/**
 * The association's vocabulary of sectors and partnership interests. One list serves both, so a
 * member's interest can be matched against another's sector when leads are proposed.
 */
export const topics = [
  'technology-transfer',
  'workforce-training',
  'digital-economy',
  'tourism',
  'agriculture',
  'education',
  'industrial-water-treatment',
  'food-canning',
  'garments-textiles',
  'logistics',
  'energy',
  'construction',
  'healthcare',
  'manufacturing',
  'finance',
  'mining',
  'fisheries',
  'chemicals',
] as const;

export type Topic = (typeof topics)[number];
