import { mstCheckDigit, withInnCheckDigits } from '../../shared/domain/tax-id.ts';

let innBody = 600_000_000;

/**
 * A valid create body for a Russian member company with one contact, each call with a fresh tax id
 * and email (unique within a test run, which is what one table sees), `overrides` applied on top.
 */
export function company(overrides: Record<string, unknown> = {}) {
  const inn = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Тест ${inn}»`,
    country: 'RU',
    region: 'RU-VLA',
    taxId: inn,
    sectors: ['energy'],
    interests: ['technology-transfer'],
    verifiedRevenue: { amount: 45_000_000_000, currency: 'RUB' },
    contacts: [{ name: 'Павел Орлов', email: `p.orlov.${inn}@test.ru`, language: 'ru' }],
    ...overrides,
  };
}

/**
 * Valid Vietnamese tax codes (MST) counting up from a 9-digit `start`, one per call: bodies no check
 * digit completes are skipped.
 */
export function mstSequence(start: number): () => string {
  let body = start;
  return () => {
    for (;;) {
      const digits = String(body++).padStart(9, '0');
      const check = mstCheckDigit(digits);
      if (check !== undefined) return digits + check;
    }
  };
}
