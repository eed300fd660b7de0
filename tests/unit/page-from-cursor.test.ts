import { describe, expect, it } from 'vitest';
import { CursorCodec, InvalidCursorError, pageFrom } from '../../shared/data/cursor.ts';

const codec = new CursorCodec(new Uint8Array(32).fill(7));

/** The signing key's read, held until `release` (in AWS the Secrets extension's first round trip). */
function heldCursors() {
  let release!: (codec: CursorCodec) => void;
  let fail!: (error: Error) => void;
  const keys = new Promise<CursorCodec>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { cursors: () => keys, release, fail };
}

describe('a page read from a cursor', () => {
  it("sends a first page's Query before the signing key has come, and signs its next cursor with it", async () => {
    const held = heldCursors();
    const startKeys: unknown[] = [];
    const page = pageFrom(held.cursors, 'scope-a', undefined, async (startKey) => {
      startKeys.push(startKey);
      return { items: ['x'], lastKey: { pk: 'P', sk: 'S' } };
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(startKeys).toEqual([undefined]);
    held.release(codec);
    const { items, nextCursor } = await page;
    expect(items).toEqual(['x']);
    expect(codec.decode('scope-a', nextCursor!)).toEqual({ pk: 'P', sk: 'S' });
  });

  it('reads a given cursor with the key before the Query, and refuses one of another scope without a Query', async () => {
    const next = codec.encode('scope-a', { pk: 'P', sk: 'T' })!;
    const startKeys: unknown[] = [];
    const read = async (startKey: unknown) => {
      startKeys.push(startKey);
      return { items: [], lastKey: undefined };
    };
    const cursors = async () => codec;
    expect(await pageFrom(cursors, 'scope-a', next, read)).toEqual({ items: [], nextCursor: null });
    expect(startKeys).toEqual([{ pk: 'P', sk: 'T' }]);
    await expect(pageFrom(cursors, 'scope-b', next, read)).rejects.toBeInstanceOf(InvalidCursorError);
    expect(startKeys).toHaveLength(1);
  });

  it("fails with the key's failure once the Query has answered, not as an unhandled rejection", async () => {
    const held = heldCursors();
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const page = pageFrom(held.cursors, 'scope-a', undefined, async () => {
        held.fail(new Error('Secrets Manager is unreachable'));
        await new Promise((resolve) => setImmediate(resolve));
        return { items: ['x'], lastKey: { pk: 'P' } };
      });
      await expect(page).rejects.toThrow('Secrets Manager is unreachable');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
