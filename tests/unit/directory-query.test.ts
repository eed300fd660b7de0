import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/domain/errors.ts';
import { planDirectoryQuery, planScope } from '../../shared/members/directory-query.ts';

describe('which index Query serves a directory list', () => {
  it('takes one facet, with or without a status, on its own index as before', () => {
    expect(planDirectoryQuery({})).toEqual({ kind: 'facet', facet: 'all', value: 'members' });
    expect(planDirectoryQuery({ status: 'active' })).toEqual({
      kind: 'facet',
      facet: 'all',
      value: 'members',
      status: 'active',
    });
    // Its cursor scope is the one pages of it were given before filters combined.
    expect(planScope(planDirectoryQuery({ country: 'VN', status: 'active' }))).toBe(
      'members:{"kind":"facet","facet":"country","value":"VN","status":"active"}',
    );
  });

  it('queries the narrowest facet of a combination and checks the others', () => {
    expect(planDirectoryQuery({ country: 'RU', tier: 'gold', sector: 'energy', status: 'active' })).toEqual({
      kind: 'facet',
      facet: 'sector',
      value: 'energy',
      status: 'active',
      where: { tier: 'gold', country: 'RU' },
    });
    // Interest is in no summary, so a combination with it always queries its index.
    expect(planDirectoryQuery({ region: 'VN-HN', interest: 'logistics', tier: 'unassessed' })).toEqual({
      kind: 'facet',
      facet: 'interest',
      value: 'logistics',
      where: { region: ['VN-HN'], tier: 'unassessed' },
    });
  });

  it("merges a Vietnamese province's list with those of the provinces merged into it in 2025", () => {
    // Ho Chi Minh City took in Bình Dương (VN-57) and Bà Rịa – Vũng Tàu (VN-43), which keep their codes.
    expect(planDirectoryQuery({ region: 'VN-SG', status: 'active' })).toEqual({
      kind: 'facet',
      facet: 'region',
      value: 'VN-SG',
      within: ['VN-SG', 'VN-57', 'VN-43'],
      status: 'active',
    });
    expect(planDirectoryQuery({ region: 'VN-SG', interest: 'logistics' })).toEqual({
      kind: 'facet',
      facet: 'interest',
      value: 'logistics',
      where: { region: ['VN-SG', 'VN-57', 'VN-43'] },
    });
    // A merged province lists its own members only; a region nothing merged into is one list as before.
    expect(planDirectoryQuery({ region: 'VN-57' })).toEqual({
      kind: 'facet',
      facet: 'region',
      value: 'VN-57',
    });
    expect(planDirectoryQuery({ region: 'RU-MOW' })).toEqual({
      kind: 'facet',
      facet: 'region',
      value: 'RU-MOW',
    });
  });

  it('checks a name search against every filter but interest, which no summary holds', () => {
    expect(planDirectoryQuery({ q: 'Владкон' })).toEqual({ kind: 'search', query: 'vladkon' });
    expect(planDirectoryQuery({ q: 'Владкон', country: 'RU', status: 'active' })).toEqual({
      kind: 'search',
      query: 'vladkon',
      where: { status: 'active', country: 'RU' },
    });
    expect(planDirectoryQuery({ q: 'viet', region: 'VN-SG', tier: 'unassessed', sector: 'energy' })).toEqual({
      kind: 'search',
      query: 'viet',
      where: { region: ['VN-SG', 'VN-57', 'VN-43'], sector: 'energy', tier: 'unassessed' },
    });
    expect(planScope(planDirectoryQuery({ q: 'viet', country: 'VN' }))).not.toBe(
      planScope(planDirectoryQuery({ q: 'viet' })),
    );
    expect(() => planDirectoryQuery({ q: 'Владкон', interest: 'logistics' })).toThrow(BadRequestError);
    expect(() => planDirectoryQuery({ q: 'в', country: 'RU' })).toThrow(BadRequestError);
  });
});
