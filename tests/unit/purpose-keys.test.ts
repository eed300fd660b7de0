/**
 * Keys per purpose, derived from the one signing secret. The expected values are computed here from
 * the published labels, so a changed label or derivation (which would strand every suppression entry
 * and cursor) fails these tests.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/domain/errors.ts';
import { purposeKeys } from '../../shared/security/purpose-keys.ts';

const secret = randomBytes(32);
const hkdf = (root: Uint8Array, label: string) =>
  Buffer.from(hkdfSync('sha256', root, new Uint8Array(0), label, 32));
const hmac = (key: Uint8Array, data: string) => createHmac('sha256', key).update(data);

describe('purpose keys', () => {
  it('hash suppression addresses with HMAC-SHA256 under bridge-crm/suppression/v1, normalised', () => {
    const { suppression } = purposeKeys({ current: secret });
    expect(suppression.hash('  Anna.Petrova@Example.RU ')).toEqual({
      keyVersion: 'v1',
      hmac: hmac(hkdf(secret, 'bridge-crm/suppression/v1'), 'anna.petrova@example.ru').digest('hex'),
    });
  });

  it('sign cursors with HMAC-SHA256 under bridge-crm/cursor/v1', () => {
    const { cursors } = purposeKeys({ current: secret });
    const [payload, mac] = cursors.encode('members:all', { pk: 'DIR#ALL#all' })!.split('.');
    expect(mac).toBe(hmac(hkdf(secret, 'bridge-crm/cursor/v1'), payload!).digest('base64url'));
  });

  it('never let the key of one purpose stand in for another, nor the secret itself', () => {
    const { cursors } = purposeKeys({ current: secret });
    const payload = Buffer.from(JSON.stringify({ s: 'members:all', k: { pk: 'x' } })).toString('base64url');
    for (const key of [hkdf(secret, 'bridge-crm/suppression/v1'), secret]) {
      const forged = `${payload}.${hmac(key, payload).digest('base64url')}`;
      expect(() => cursors.decode('members:all', forged)).toThrow(BadRequestError);
    }
  });

  it('keep the suppression key through a rotation and after its overlap, while the cursor key moves on', () => {
    const before = purposeKeys({ current: secret });
    const next = randomBytes(32);
    const during = purposeKeys({ current: next, previous: secret, permanent: secret });
    const after = purposeKeys({ current: next, permanent: secret });
    const email = 'kept@example.ru';
    expect(during.suppression.hash(email)).toEqual(before.suppression.hash(email));
    expect(after.suppression.hash(email)).toEqual(before.suppression.hash(email));
    const lastKey = { pk: 'DIR#ALL#all' };
    expect(after.cursors.encode('members:all', lastKey)).not.toBe(
      before.cursors.encode('members:all', lastKey),
    );
  });

  it('refuse a rotation that did not keep the version the suppression list is keyed with', () => {
    expect(() => purposeKeys({ current: randomBytes(32), previous: secret })).toThrow(/permanent version/);
  });
});
