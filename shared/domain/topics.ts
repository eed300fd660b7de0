/**
 * The association's vocabulary of sectors and partnership topics. One list serves sectors, members'
 * interests, and what companies offer and seek, so one company's offer can be matched against
 * another's need, and either against a sector.
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
  'industrial-parks',
  'investment',
  'trade',
] as const;

export type Topic = (typeof topics)[number];
