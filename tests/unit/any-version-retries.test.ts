/**
 * `If-Match: *` names no version, so a write that keeps losing races is retried on the member as it is
 * now, and past the last attempt answers 503 with Retry-After, never 412. Fakes stand in for the
 * repositories so that every write can be made to lose.
 */
import { describe, expect, it } from 'vitest';
import { PreconditionFailedError, ServiceUnavailableError } from '../../shared/domain/errors.ts';
import { defaultRateTable } from '../../shared/domain/exchange-rates.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import type { MemberRepository, MemberWrite } from '../../shared/members/member-repository.ts';
import { MemberService } from '../../shared/members/member-service.ts';
import type { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { sampleMember } from '../support/mocked-app.ts';

describe('a patch under If-Match: * that always loses the race', () => {
  it('re-applies itself to each newer member, then gives up with a retryable 503', async () => {
    let version = 1;
    const attempted: MemberWrite[] = [];
    const members = {
      // Another writer commits between every read and write.
      get: async () => sampleMember({ version: version++ }),
      async write(write: MemberWrite) {
        attempted.push(write);
        throw new PreconditionFailedError('The member changed since it was read.');
      },
    } as unknown as MemberRepository;
    const settings = {
      read: async () => ({
        tiers: { value: seedTierTable, version: 1 },
        rates: { value: defaultRateTable, version: 1 },
      }),
    } as unknown as SettingsRepository;
    const service = new MemberService({
      members,
      settings,
      clock: () => new Date('2026-06-01T00:00:00Z'),
      newId: () => '01JD5Z7Q8N3V2K4M6P8R0T2X00',
      settleLater: async () => undefined,
    });

    const patch = service.patch(sampleMember().id, { description: 'mine' }, { sub: 's', role: 'staff' }, '*');
    await expect(patch).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(patch).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(attempted.length).toBeGreaterThan(2);
    // Every attempt started from the member as it was then, not from the first read.
    expect(attempted.map((w) => w.before!.version)).toEqual(attempted.map((_, i) => i + 1));
    expect(attempted.every((w) => w.after.description === 'mine')).toBe(true);
  });
});
