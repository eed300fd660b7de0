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

/** A value as posted, so that what the user did not touch compares equal to what the form showed. */
const normal = (value: FormValues[string] | undefined): string =>
  Array.isArray(value)
    ? // A multiple choice comes back in the options' order, whatever order the form was filled in.
      JSON.stringify([...value].sort())
    : // A textarea comes back with CRLF line ends.
      (value ?? '').replace(/\r\n/g, '\n').trim();

/**
 * The inputs that change together: a list's rows (`offers.0.topic`, `offers.1.text`: rows shift when
 * one is removed) and an amount with its currency; any other input alone.
 */
const groupOf = (name: string) => /^(\w+)\.(\d+\.|amount$|currency$)/.exec(name)?.[1] ?? name;

/**
 * Whether the user changed an input from `base` (with the others of its group: a list's row, an
 * amount's currency). Without a base, every input counts as changed.
 */
export function changedFromBase(
  inputs: readonly string[],
  sent: FormValues,
  base: FormValues | undefined,
): (name: string) => boolean {
  if (!base) return () => true;
  const changed = new Set(inputs.filter((name) => normal(sent[name]) !== normal(base[name])).map(groupOf));
  return (name) => changed.has(groupOf(name));
}

/**
 * The form again over what is stored now: each group of inputs the user changed from `base` as they
 * sent it, every other as `current` has it. Without a base, everything as sent.
 */
export function ownEditsOver(
  inputs: readonly string[],
  sent: FormValues,
  base: FormValues | undefined,
  current: FormValues,
): FormValues {
  const changed = changedFromBase(inputs, sent, base);
  const merged: FormValues = {};
  for (const name of inputs) {
    const value = changed(name) ? sent[name] : current[name];
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}
