import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/cdk/bundling-options.ts';

/**
 * V8 builds an object literal's properties at once from a template only up to its first spread or
 * computed key; every property after it is added one at a time, each a new hidden class. The member
 * record's texts (183 properties a language, the member statuses spread in near the top) cost a cold
 * function ~12 ms to build that way and ~2 ms with the spread last (side by side: importing the
 * record's bundle 115 → 105 ms, median of 20 paired rounds). So a spread or computed key goes after
 * a literal's properties, not before a long run of them.
 */
const MOST_PROPERTIES_AFTER = 24;

/** Literals in `source` with more than MOST_PROPERTIES_AFTER properties after a spread or computed key. */
function builtOneByOne(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const properties = node.properties;
      const first = properties.findIndex(
        (p) => ts.isSpreadAssignment(p) || (p.name !== undefined && ts.isComputedPropertyName(p.name)),
      );
      const after = first < 0 ? 0 : properties.length - first - 1;
      if (after > MOST_PROPERTIES_AFTER) {
        found.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('object literals the functions build', () => {
  it('put a spread or computed key after a long run of properties, not before it', () => {
    const found = ['shared', 'functions'].flatMap((dir) =>
      readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.tsx?$/.test(name))
        .flatMap((name) => builtOneByOne(join(dir, name), readFileSync(join(REPO_ROOT, dir, name), 'utf8'))),
    );
    expect(found).toEqual([]);
  });

  it('finds a spread or a computed key before a long run of properties', () => {
    const run = Array.from({ length: MOST_PROPERTIES_AFTER + 1 }, (_, i) => `k${i}: ${i},`).join(' ');
    expect(builtOneByOne('a.ts', `const a = { ...b, ${run} };`)).toEqual(['a.ts:1']);
    expect(builtOneByOne('c.ts', `const c = { [d]: 1, ${run} };`)).toEqual(['c.ts:1']);
    expect(builtOneByOne('e.ts', `const e = { ${run} ...f };`)).toEqual([]);
  });
});
