import { z } from '@hono/zod-openapi';
import type { FC } from 'hono/jsx';
import type { FormValues, PostedBody } from './form-fields.tsx';

/**
 * What an edit form was filled from, carried with it, so that when someone else saved the record
 * meanwhile the form can come back with only this user's own edits on top of what is stored now,
 * rather than everything it posted: a field the user left as it was would otherwise write back the
 * value the other person just changed.
 */
export const FormBase: FC<{ base: FormValues | undefined }> = ({ base }) =>
  base ? <input type="hidden" name="base" value={JSON.stringify(base)} /> : null;

const formValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The values a posted form says it was filled from; undefined where it carries none or a broken one. */
export function postedBase(body: PostedBody): FormValues | undefined {
  const posted = body.base;
  if (typeof posted !== 'string') return undefined;
  try {
    const parsed = formValuesSchema.safeParse(JSON.parse(posted));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const same = (a: FormValues[string] | undefined, b: FormValues[string] | undefined) =>
  JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/**
 * The form again over what is stored now: each input the user changed from `base` as they sent it,
 * every other as `current` has it. Without a base, everything as sent.
 */
export function ownEditsOver(
  inputs: readonly string[],
  sent: FormValues,
  base: FormValues | undefined,
  current: FormValues,
): FormValues {
  if (!base) return sent;
  const merged: FormValues = {};
  for (const name of inputs) {
    const value = same(sent[name], base[name]) ? current[name] : sent[name];
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}
