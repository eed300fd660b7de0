import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import { bundlingOptions, REPO_ROOT } from '../../infra/cdk/bundling-options.ts';
import * as lean from '../../infra/cdk/zod-without-locales/index.ts';

/**
 * The bundles' `zod` (infra/cdk/zod-without-locales/) is zod's own API minus these members. A zod
 * upgrade that adds, removes or renames an export fails here: look at what changed, then mirror it
 * in that module (or drop it there too, and list it here).
 */
const DROPPED_FROM_Z = ['compile', 'fromJSONSchema', 'locales', 'toJSONSchema'];
const DROPPED_FROM_CORE = ['JSONSchemaGenerator', 'compile', 'compileFn', 'locales', 'toJSONSchema'];

const names = (namespace: object) => Object.keys(namespace).sort();
const without = (all: string[], dropped: string[]) => all.filter((name) => !dropped.includes(name));

/**
 * Every `z.<member>` the functions' code reads as a value: property reads of `z` in shared/ and
 * functions/ (what the bundles hold of ours). Types (`z.infer<…>`, `T extends z.ZodType`) are
 * qualified names, not property reads, and need nothing at run time.
 */
function zMembersReadAtRunTime(): string[] {
  const read = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'z'
    ) {
      read.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const dir of ['shared', 'functions']) {
    const files = readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((name) => /\.tsx?$/.test(name))) {
      const path = join(REPO_ROOT, dir, file);
      visit(ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true));
    }
  }
  return [...read].sort();
}

describe('zod without locales (the bundles’ `zod` alias)', () => {
  it('drops only members zod still has', () => {
    expect(names(zod)).toEqual(expect.arrayContaining(DROPPED_FROM_Z));
    expect(names(zod.core)).toEqual(expect.arrayContaining(DROPPED_FROM_CORE));
  });

  it("exports exactly zod's exports minus the dropped ones", () => {
    expect(names(lean)).toEqual(without(names(zod), DROPPED_FROM_Z));
    expect(names(lean.core)).toEqual(without(names(zod.core), DROPPED_FROM_CORE));
  });

  it('has in its `z` exactly the members the functions read, as zod’s own values', () => {
    const read = zMembersReadAtRunTime();
    // The scan finds what the code reads: a few of these at least, or it is broken.
    expect(read).toEqual(expect.arrayContaining(['object', 'string', 'iso', 'coerce']));
    // And `extendZodWithOpenApi(z)` (infra/cdk/openapi-metadata-at-build-time.ts) reads `z.ZodType`.
    const members = [...read, 'ZodType'].sort();
    expect(names(lean.z)).toEqual(members);
    for (const name of members) {
      expect(lean.z[name as keyof typeof lean.z], name).toBe(zod.z[name as keyof typeof zod.z]);
    }
  });

  it("re-exports zod's own values, not copies", () => {
    const namespaces = new Set(['core', 'default', 'z']);
    const zodValues = new Map(Object.entries(zod));
    for (const [name, value] of Object.entries(lean)) {
      if (!namespaces.has(name)) expect(value, name).toBe(zodValues.get(name));
    }
    const coreValues = new Map(Object.entries(zod.core));
    for (const [name, value] of Object.entries(lean.core)) {
      expect(value, `core.${name}`).toBe(coreValues.get(name));
    }
    expect(lean.default).toBe(lean.z);
  });

  it('builds a bundle through @hono/zod-openapi without locales, which answers in English and parses interpreted', async () => {
    // What a function's bundle does: `@hono/zod-openapi` imports `z` from 'zod' and extends it.
    const program = `
      import { z } from '@hono/zod-openapi';
      import { config } from 'zod';
      const schema = z.object({ name: z.string().min(2).openapi({ example: 'Ann' }) });
      const wrongType = schema.safeParse({ name: 7 });
      const tooShort = schema.safeParse({ name: 'A' });
      console.log(JSON.stringify({
        accepted: schema.safeParse({ name: 'Ann' }).success,
        messages: [...wrongType.error.issues, ...tooShort.error.issues].map((issue) => issue.message),
        locales: 'locales' in z,
        core: 'core' in z,
        toJSONSchema: 'toJSONSchema' in z,
        openapi: typeof z.string().openapi,
        jitless: config().jitless,
      }));
    `;
    const result = await build({
      stdin: { contents: program, resolveDir: REPO_ROOT, loader: 'ts' },
      absWorkingDir: REPO_ROOT,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: bundlingOptions.target,
      mainFields: [...bundlingOptions.mainFields],
      banner: { js: bundlingOptions.banner },
      external: [...bundlingOptions.externalModules],
      alias: { ...bundlingOptions.alias },
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    // Files esbuild only parsed (zod's core/index.js still names the locales) are not in the output.
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs).flatMap(([path, { bytesInOutput }]) => (bytesInOutput > 0 ? [path] : [])),
    );
    expect(Object.keys(result.metafile.inputs)).toContain('infra/cdk/zod-without-locales/index.ts');
    expect(inputs).toContain('infra/cdk/zod-without-locales/index.ts');
    expect(inputs.filter((path) => path.includes('/zod/v4/locales/'))).toEqual([
      'node_modules/zod/v4/locales/en.js',
    ]);
    for (const left of ['from-json-schema.js', 'json-schema-generator.js', 'zod/v4/classic/external.js']) {
      expect(inputs.filter((path) => path.endsWith(left))).toEqual([]);
    }

    const output = execFileSync(process.execPath, ['--input-type=module'], {
      input: result.outputFiles[0]!.text,
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      accepted: true,
      messages: [
        'Invalid input: expected string, received number',
        'Too small: expected string to have >=2 characters',
      ],
      locales: false,
      core: false,
      toJSONSchema: false,
      openapi: 'function',
      jitless: true,
    });
  });
});
