import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { onFirstUse, standIn } from '../../shared/domain/schema-on-first-use.ts';

/** A stand-in and a count of how often its schema was built. */
function counted<T extends object>(build: () => T) {
  const built = { times: 0 };
  const schema = standIn(() => {
    built.times++;
    return build();
  });
  return { schema, built };
}

describe('a schema stand-in (what Lambda bundles get for onFirstUse)', () => {
  it('builds nothing until it is read, then builds once', () => {
    const { schema, built } = counted(() => z.string().max(3));
    const parent = z.object({ code: schema });
    expect(built.times).toBe(0);
    expect(parent.safeParse({ code: 'abcd' }).success).toBe(false);
    expect(schema.parse('abc')).toBe('abc');
    expect(built.times).toBe(1);
  });

  it('answers as the schema does: results, issues, types, methods, shape', () => {
    const make = () =>
      z.strictObject({ name: z.string().trim().min(1, 'Must not be empty.'), tags: z.array(z.string()) });
    const real = make();
    const { schema } = counted(make);
    for (const input of [{ name: ' Vladkon ', tags: [] }, { name: ' ', tags: [1] }, { extra: true }]) {
      expect(schema.safeParse(input)).toEqual(real.safeParse(input));
    }
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(schema.shape)).toEqual(['name', 'tags']);
    expect(schema.extend({ n: z.number() }).safeParse({ name: 'a', tags: [], n: 1 }).success).toBe(true);
    expect(schema.pick({ name: true }).parse({ name: 'a' })).toEqual({ name: 'a' });
    expect(schema.optional().parse(undefined)).toBeUndefined();
  });

  it('stands in for a shape too: its keys, and spread into an object', () => {
    const { schema: shape, built } = counted(() => ({ a: z.string(), b: z.number().optional() }));
    expect(built.times).toBe(0);
    expect(Object.keys(shape)).toEqual(['a', 'b']);
    const object = z.strictObject({ ...shape, c: z.boolean() });
    expect(object.parse({ a: 'x', c: true })).toEqual({ a: 'x', c: true });
    expect(object.safeParse({ a: 'x', b: 'y', c: true }).success).toBe(false);
    expect(built.times).toBe(1);
  });
});

describe('onFirstUse as the source runs (tests, the local server, the OpenAPI document)', () => {
  it('builds at once and returns the schema itself, which the document generator knows by identity', () => {
    const schema = z.string();
    let built = 0;
    expect(
      onFirstUse(() => {
        built++;
        return schema;
      }),
    ).toBe(schema);
    expect(built).toBe(1);
  });
});
