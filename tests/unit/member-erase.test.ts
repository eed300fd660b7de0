/**
 * Erasure is two writes (history rewritten in batches, then the member's transaction); their order
 * decides what a failure between them leaves behind. A fake repository records the calls and fails
 * where a test asks it to.
 */
import { describe, expect, it } from 'vitest';
import { EmailHasher } from '../../shared/domain/email-hash.ts';
import { DatabaseUnavailableError, PreconditionFailedError } from '../../shared/domain/errors.ts';
import { erasedMarker } from '../../shared/members/contact-erasure.ts';
import type { MemberRepository, MemberWrite } from '../../shared/members/member-repository.ts';
import { MemberService } from '../../shared/members/member-service.ts';
import type { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { sampleMember } from '../support/mocked-app.ts';

const member = (version: number) => sampleMember({ version });

interface Script {
  /** What each successive transaction does: 'ok', or the error it fails with. */
  writes: ('ok' | Error)[];
  tombstone?: Error;
}

function fakeRepository(script: Script) {
  const calls: string[] = [];
  const written: MemberWrite[] = [];
  let version = 3;
  const repository = {
    async get(_id: string, options?: { consistent?: boolean }) {
      calls.push(`get${options?.consistent ? ' (consistent)' : ''}`);
      return member(version);
    },
    async tombstoneHistory(_id: string, contacts: 'all' | Set<string>, marker: string) {
      calls.push(`tombstoneHistory ${String(contacts)} ${marker}`);
      if (script.tombstone) throw script.tombstone;
      return 1;
    },
    async write(write: MemberWrite) {
      calls.push(`write at version ${write.before?.version}`);
      const outcome = script.writes.shift() ?? 'ok';
      if (outcome !== 'ok') {
        version++; // someone else's write won the race
        throw outcome;
      }
      written.push(write);
    },
  };
  return { repository: repository as unknown as MemberRepository, calls, written };
}

function serviceOver(repository: MemberRepository) {
  let id = 0;
  return new MemberService({
    members: repository,
    settings: {} as SettingsRepository,
    clock: () => new Date('2026-06-01T00:00:00Z'),
    newId: () => `01JD5Z7Q8N3V2K4M6P8R0T2X${String(id++).padStart(2, '0')}`,
    settleLater: async () => undefined,
  });
}

const admin = { sub: 'admin-1', role: 'admin' as const };
const reach = {
  suppression: new EmailHasher('v1', Buffer.from('unit')),
  purgeImports: async () => 0,
  purgeRecipients: async () => 0,
};
const stale = () => new PreconditionFailedError('The member changed since it was read.');

describe('MemberService.erase', () => {
  it('changes nothing when the member was erased before and has no contact left to erase', async () => {
    const { repository, written } = fakeRepository({ writes: ['ok'] });
    const service = serviceOver(repository);
    const once = await service.erase(member(3).id, admin, reach);
    const erasedRepository = fakeRepository({ writes: ['ok'] });
    (erasedRepository.repository as unknown as { get: () => Promise<typeof once> }).get = async () => once;
    const again = await serviceOver(erasedRepository.repository).erase(once.id, admin, reach);
    expect(again).toBe(once);
    expect(erasedRepository.written).toHaveLength(0);
    expect(written).toHaveLength(1);
  });

  it('tombstones the history before the member transaction, reading the member consistently', async () => {
    const { repository, calls, written } = fakeRepository({ writes: ['ok'] });
    const erased = await serviceOver(repository).erase(member(3).id, admin, reach);
    expect(calls).toEqual(['get (consistent)', `tombstoneHistory all ${erasedMarker}`, 'write at version 3']);
    expect(erased.contacts[0]).toMatchObject({ name: erasedMarker, email: null });
    expect(written[0]!.after.version).toBe(4);
  });

  it('leaves the member unerased, and the history tombstoned, when the history rewrite fails', async () => {
    const { repository, calls } = fakeRepository({
      writes: ['ok'],
      tombstone: new DatabaseUnavailableError('throttled'),
    });
    await expect(serviceOver(repository).erase(member(3).id, admin, reach)).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    // No transaction ran, so nothing claims an erasure that left personal data in the history.
    expect(calls).toEqual(['get (consistent)', `tombstoneHistory all ${erasedMarker}`]);
  });

  it('re-reads and retries once when a concurrent write wins the race, and never answers 412', async () => {
    const { repository, calls, written } = fakeRepository({ writes: [stale(), 'ok'] });
    const erased = await serviceOver(repository).erase(member(3).id, admin, reach);
    expect(calls).toEqual([
      'get (consistent)',
      `tombstoneHistory all ${erasedMarker}`,
      'write at version 3',
      'get (consistent)',
      `tombstoneHistory all ${erasedMarker}`,
      'write at version 4',
    ]);
    expect(erased.version).toBe(5);
    expect(written).toHaveLength(1);
  });

  it('gives up after a second lost race with a 409 to retry, not a 412 the caller cannot satisfy', async () => {
    const { repository } = fakeRepository({ writes: [stale(), stale()] });
    const error = await serviceOver(repository)
      .erase(member(3).id, admin, reach)
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PreconditionFailedError);
    expect((error as Error).name).toBe('ConflictError');
  });
});
