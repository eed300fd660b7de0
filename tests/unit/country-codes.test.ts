import { describe, expect, it } from 'vitest';
import { countryCodes } from '../../shared/domain/country-codes.ts';
import { countrySchema } from '../../shared/domain/member-schema.ts';

describe('the ISO 3166-1 codes pickers offer', () => {
  it('are 249, unique, in order, and each one a member may hold', () => {
    const codes = countryCodes();
    expect(codes).toHaveLength(249);
    expect(new Set(codes).size).toBe(249);
    expect([...codes].sort()).toEqual(codes);
    expect(codes.filter((code) => !countrySchema.safeParse(code).success)).toEqual([]);
    // Withdrawn or exceptionally reserved codes ICU still names are not offered.
    for (const code of ['SU', 'UK', 'EU', 'YU']) expect(codes).not.toContain(code);
  });
});
