import { describe, expect, it } from 'vitest';
import { requiredFormVersion } from '../../shared/console/components/form-fields.tsx';
import { PreconditionFailedError, PreconditionRequiredError } from '../../shared/domain/errors.ts';

describe('requiredFormVersion', () => {
  it('reads the version a form names', () => {
    expect(requiredFormVersion('7', 'member')).toBe(7);
    expect(requiredFormVersion('0', 'member')).toBe(0);
  });

  it('refuses a form naming none with 428, as a missing If-Match is', () => {
    for (const value of [undefined, '']) {
      expect(() => requiredFormVersion(value, 'lead')).toThrow(PreconditionRequiredError);
    }
  });

  it('refuses a version no page could have issued with 412, as a foreign If-Match is', () => {
    for (const value of ['latest', '-1', '1.5', '1234567890', ['1', '2'], 3]) {
      expect(() => requiredFormVersion(value, 'event')).toThrow(PreconditionFailedError);
    }
  });
});
