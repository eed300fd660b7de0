import { describe, expect, it } from 'vitest';
import { companyName } from '../../shared/console/i18n/names.ts';

describe('a company by name', () => {
  it('is its name in its own script, with a different Latin name beside it, and only once when they are one', () => {
    expect(companyName({ name: 'ООО «Владкон»', latinName: 'Vladkon' })).toBe('ООО «Владкон» (Vladkon)');
    expect(companyName({ name: 'Borneo Chemicals Sdn. Bhd.', latinName: 'Borneo Chemicals Sdn. Bhd.' })).toBe(
      'Borneo Chemicals Sdn. Bhd.',
    );
    expect(companyName({ name: 'Công ty Mekong', latinName: null })).toBe('Công ty Mekong');
    expect(companyName(undefined)).toBe('');
  });
});
