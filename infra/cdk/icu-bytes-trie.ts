/**
 * ICU's BytesTrie (`unicode/bytestrie.h`), read to find every value it holds and where, and a value
 * rewritten where it lies. Used to cut ICU's likely-subtags data (icu-likely-subtags.ts): its trie maps
 * subtags to indexes into a list, and a cut list needs the indexes renumbered, not the trie rebuilt.
 *
 * The format, from ICU's bytestrie.cpp: a node's lead byte is a branch (0x00–0x0f: a binary search down
 * to at most five bytes, each with a final value or a jump to its node, the last one followed by its
 * node), a linear match (0x10–0x1f: 1–16 bytes to match) or a value (0x20–0xff: odd when final, else an
 * intermediate value before the node that follows). A value's lead byte, shifted right by one, also
 * says how many bytes follow it (0–4).
 */

const MAX_BRANCH_LINEAR_SUB_NODE_LENGTH = 5;
const MIN_LINEAR_MATCH = 0x10;
const MIN_VALUE_LEAD = 0x20;
const MIN_ONE_BYTE_VALUE_LEAD = 0x10;
const MAX_ONE_BYTE_VALUE = 0x40;
const MIN_TWO_BYTE_VALUE_LEAD = 0x51;
const MAX_TWO_BYTE_VALUE = 0x1aff;
const MIN_THREE_BYTE_VALUE_LEAD = 0x6c;
const MAX_THREE_BYTE_VALUE = 0x11ffff;
const FOUR_BYTE_VALUE_LEAD = 0x7e;
const MIN_TWO_BYTE_DELTA_LEAD = 0xc0;
const MIN_THREE_BYTE_DELTA_LEAD = 0xf0;
const FOUR_BYTE_DELTA_LEAD = 0xfe;

/** A value in the trie: the bytes that lead to it, what it is, and where its lead byte lies. */
export interface TrieValue {
  key: number[];
  value: number;
  final: boolean;
  at: number;
}

function readValue(bytes: Uint8Array, at: number): { value: number; final: boolean; next: number } {
  const lead = bytes[at]!;
  const shifted = lead >> 1;
  const p = at + 1;
  const b = (i: number) => bytes[p + i]!;
  const final = (lead & 1) === 1;
  if (shifted < MIN_TWO_BYTE_VALUE_LEAD) return { value: shifted - MIN_ONE_BYTE_VALUE_LEAD, final, next: p };
  if (shifted < MIN_THREE_BYTE_VALUE_LEAD) {
    return { value: ((shifted - MIN_TWO_BYTE_VALUE_LEAD) << 8) | b(0), final, next: p + 1 };
  }
  if (shifted < FOUR_BYTE_VALUE_LEAD) {
    return { value: ((shifted - MIN_THREE_BYTE_VALUE_LEAD) << 16) | (b(0) << 8) | b(1), final, next: p + 2 };
  }
  if (shifted === FOUR_BYTE_VALUE_LEAD)
    return { value: (b(0) << 16) | (b(1) << 8) | b(2), final, next: p + 3 };
  return { value: ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0, final, next: p + 4 };
}

/** A branch's "less than" jump: where it lands, and where the "greater or equal" half goes on. */
function readDelta(bytes: Uint8Array, at: number): { target: number; next: number } {
  const lead = bytes[at]!;
  const p = at + 1;
  const b = (i: number) => bytes[p + i]!;
  if (lead < MIN_TWO_BYTE_DELTA_LEAD) return { target: p + lead, next: p };
  if (lead < MIN_THREE_BYTE_DELTA_LEAD) {
    const delta = ((lead - MIN_TWO_BYTE_DELTA_LEAD) << 8) | b(0);
    return { target: p + 1 + delta, next: p + 1 };
  }
  if (lead < FOUR_BYTE_DELTA_LEAD) {
    const delta = ((lead - MIN_THREE_BYTE_DELTA_LEAD) << 16) | (b(0) << 8) | b(1);
    return { target: p + 2 + delta, next: p + 2 };
  }
  if (lead === FOUR_BYTE_DELTA_LEAD) {
    const delta = (b(0) << 16) | (b(1) << 8) | b(2);
    return { target: p + 3 + delta, next: p + 3 };
  }
  const delta = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
  return { target: p + 4 + delta, next: p + 4 };
}

/** Every value of the trie, each with its key, in the order of the trie's bytes. */
export function trieValues(bytes: Uint8Array): TrieValue[] {
  const found: TrieValue[] = [];
  const node = (start: number, key: number[]): void => {
    let at = start;
    let path = key;
    for (;;) {
      const lead = bytes[at]!;
      if (lead >= MIN_VALUE_LEAD) {
        const { value, final, next } = readValue(bytes, at);
        found.push({ key: path, value, final, at });
        if (final) return;
        at = next;
      } else if (lead < MIN_LINEAR_MATCH) {
        const counted = lead === 0;
        branch(at + (counted ? 2 : 1), (counted ? bytes[at + 1]! : lead) + 1, path);
        return;
      } else {
        const length = lead - MIN_LINEAR_MATCH + 1;
        path = [...path, ...bytes.subarray(at + 1, at + 1 + length)];
        at += 1 + length;
      }
    }
  };
  const branch = (start: number, entries: number, key: number[]): void => {
    let at = start;
    let length = entries;
    while (length > MAX_BRANCH_LINEAR_SUB_NODE_LENGTH) {
      const { target, next } = readDelta(bytes, at + 1);
      branch(target, length >> 1, key);
      length -= length >> 1;
      at = next;
    }
    for (; length > 1; length--) {
      const path = [...key, bytes[at]!];
      const { value, final, next } = readValue(bytes, at + 1);
      if (final) found.push({ key: path, value, final, at: at + 1 });
      else node(next + value, path);
      at = next;
    }
    node(at + 1, [...key, bytes[at]!]);
  };
  node(0, []);
  return found;
}

/**
 * Rewrites the value whose lead byte lies `at` in place, in as many bytes as it took: so the trie's
 * jumps stay right, a value may only become one its encoding's length can hold (a one-byte value is
 * 0–64, a two-byte one up to 6,911, a three-byte one up to 1,179,647).
 */
export function rewriteTrieValue(bytes: Uint8Array, at: number, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${value} is not a trie value`);
  const lead = bytes[at]!;
  const final = lead & 1;
  const shifted = lead >> 1;
  if (shifted < MIN_TWO_BYTE_VALUE_LEAD) {
    if (value > MAX_ONE_BYTE_VALUE) throw new RangeError(`${value} does not fit a one-byte value`);
    bytes[at] = ((MIN_ONE_BYTE_VALUE_LEAD + value) << 1) | final;
  } else if (shifted < MIN_THREE_BYTE_VALUE_LEAD) {
    if (value > MAX_TWO_BYTE_VALUE) throw new RangeError(`${value} does not fit a two-byte value`);
    bytes[at] = ((MIN_TWO_BYTE_VALUE_LEAD + (value >> 8)) << 1) | final;
    bytes[at + 1] = value & 0xff;
  } else if (shifted < FOUR_BYTE_VALUE_LEAD) {
    if (value > MAX_THREE_BYTE_VALUE) throw new RangeError(`${value} does not fit a three-byte value`);
    bytes[at] = ((MIN_THREE_BYTE_VALUE_LEAD + (value >> 16)) << 1) | final;
    bytes[at + 1] = (value >> 8) & 0xff;
    bytes[at + 2] = value & 0xff;
  } else {
    throw new RangeError('four- and five-byte values are not rewritten');
  }
}
