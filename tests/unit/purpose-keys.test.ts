/**
 * Keys per purpose, derived from the one signing secret. The expected values are computed here from
 * the published labels, so a changed label or derivation (which would strand every suppression entry
 * and cursor) fails these tests.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/domain/errors.ts';
import { cursorCodec, purposeKeys } from '../../shared/security/purpose-keys.ts';

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
    const cursors = cursorCodec({ current: secret });
    const [payload, mac] = cursors.encode('members:all', { pk: 'DIR#ALL#all' })!.split('.');
    expect(mac).toBe(hmac(hkdf(secret, 'bridge-crm/cursor/v1'), payload!).digest('base64url'));
  });

  it('check cursors signed before a rotation while the overlap lasts, and sign with the new version', () => {
    const next = randomBytes(32);
    const signedBefore = cursorCodec({ current: secret }).encode('members:all', { pk: 'x' })!;
    const during = cursorCodec({ current: next, previous: secret });
    expect(during.decode('members:all', signedBefore)).toEqual({ pk: 'x' });
    expect(during.encode('members:all', { pk: 'x' })).toBe(
      cursorCodec({ current: next }).encode('members:all', { pk: 'x' }),
    );
    expect(() => cursorCodec({ current: next }).decode('members:all', signedBefore)).toThrow(BadRequestError);
  });

  it('never let the key of one purpose stand in for another, nor the secret itself', () => {
    const cursors = cursorCodec({ current: secret });
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
    expect(cursorCodec({ current: next, previous: secret }).encode('members:all', lastKey)).not.toBe(
      cursorCodec({ current: secret }).encode('members:all', lastKey),
    );
  });

  it('sign unsubscribe links with HMAC-SHA256 under bridge-crm/unsubscribe/v1, kept through rotations', () => {
    const campaignId = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
    const contactId = '01JD5Z7Q8N3V2K4M6P8R0T2W50';
    const token = purposeKeys({ current: secret }).unsubscribe.sign({ campaignId, contactId });
    const expected = hmac(hkdf(secret, 'bridge-crm/unsubscribe/v1'), `${campaignId}.${contactId}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(token).toBe(`${campaignId}.${contactId}.${expected}`);
    // Emails sent before a rotation keep working links, during its overlap and after it.
    const next = randomBytes(32);
    for (const keys of [
      purposeKeys({ current: next, previous: secret, permanent: secret }),
      purposeKeys({ current: next, permanent: secret }),
    ]) {
      expect(keys.unsubscribe.verify(token)).toEqual({ campaignId, contactId });
    }
    expect(purposeKeys({ current: next }).unsubscribe.verify(token)).toBeUndefined();
  });

  it('refuse unsubscribe tokens that were altered, forged with another key, or are not tokens', () => {
    const { unsubscribe } = purposeKeys({ current: secret });
    const campaignId = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
    const token = unsubscribe.sign({ campaignId, contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W50' });
    const [, , mac] = token.split('.');
    const otherContact = `${campaignId}.01JD5Z7Q8N3V2K4M6P8R0T2W51.${mac}`;
    const cursorKeyed = `${campaignId}.01JD5Z7Q8N3V2K4M6P8R0T2W50.${hmac(hkdf(secret, 'bridge-crm/cursor/v1'), `${campaignId}.01JD5Z7Q8N3V2K4M6P8R0T2W50`).digest().subarray(0, 16).toString('base64url')}`;
    for (const bad of [
      otherContact,
      cursorKeyed,
      `${token}x`,
      `${token}.extra`,
      token.slice(0, -2),
      token.toLowerCase(),
      '',
      'not-a-token',
    ]) {
      expect(unsubscribe.verify(bad), bad).toBeUndefined();
    }
  });

  it('refuse a rotation that did not keep the version the suppression list is keyed with', () => {
    expect(() => purposeKeys({ current: randomBytes(32), previous: secret })).toThrow(/permanent version/);
  });
});
