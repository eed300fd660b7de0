import type { Child, FC } from 'hono/jsx';
import { PreconditionFailedError, PreconditionRequiredError } from '../../domain/errors.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import type { Locale } from '../i18n/locales.ts';

/** The version of the record a form was filled from, as it posts it; undefined where it names none. */
export const formVersionOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

/**
 * The version an edit's form must post, held to the rule the API holds `If-Match` to
 * (shared/http/etag.ts): none is a 428, one we could not have issued a 412. Every form the console
 * renders names its record's version, so either is a post not made from its page, refused before
 * anything is read or written.
 */
export function requiredFormVersion(value: unknown, record: string): number {
  if (value === undefined || value === '') {
    throw new PreconditionRequiredError(
      `The form names no version of the ${record}: reload its page and send it again.`,
    );
  }
  const version = formVersionOf(value);
  if (version === undefined)
    throw new PreconditionFailedError(`The form names no version of the ${record} we issued.`);
  return version;
}

/** A field's error beside its input, which names it by `aria-describedby="<id>-error"`. */
export const FieldError: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error ? (
    <small id={`${id}-error`} class="field-error">
      {error}
    </small>
  ) : null;

/** A form's errors by field path, as localizeIssues and localizeFieldErrors give them. */
export type Errors = Map<string, string>;

/** A form's values as posted: one text, or the several of a multiple choice. */
export type FormValues = Record<string, string | string[]>;

export const idOf = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** The attributes that tie an input to its label, its hint and its error. */
export function bound(name: string, errors: Errors, hint = false) {
  const id = idOf(name);
  const error = errors.get(name);
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return {
    id,
    name,
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}

export const ErrorText: FC<{ name: string; errors: Errors }> = ({ name, errors }) => (
  <FieldError id={idOf(name)} error={errors.get(name)} />
);

/** What `c.req.parseBody()` gives (with `{ all: true }`, a repeated name as a list). */
export type PostedBody = Record<string, string | File | (string | File)[]>;

/** The posted values of `inputs`: one of `lists` as every value sent, any other as its one string. */
export function valuesFrom(
  body: PostedBody,
  inputs: readonly string[],
  lists: ReadonlySet<string> = new Set(),
): FormValues {
  const values: FormValues = {};
  for (const name of inputs) {
    const sent = body[name];
    const all = (Array.isArray(sent) ? sent : sent === undefined ? [] : [sent]).filter(
      (v): v is string => typeof v === 'string',
    );
    values[name] = lists.has(name) ? all : (all[0] ?? '');
  }
  return values;
}

export const one = (values: FormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
/** A field's text without the spaces around it, as a form's input reads it. */
export const trimmed = (values: FormValues, name: string) => one(values, name).trim();
export const many = (values: FormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value : value ? [value] : [];
};

/** An input between its label and its error and hint, which `bound` ties to it. */
export const Labelled: FC<{
  name: string;
  label: string;
  errors: Errors;
  hint?: string | undefined;
  children: Child;
}> = ({ name, label, errors, hint, children }) => (
  <>
    <label for={idOf(name)}>{label}</label>
    {children}
    <ErrorText name={name} errors={errors} />
    {hint ? <small id={`${idOf(name)}-hint`}>{hint}</small> : null}
  </>
);

export const TextInput: FC<{
  name: string;
  label: string;
  values: FormValues;
  errors: Errors;
  type?: string;
  hint?: string;
  required?: boolean;
  /** The id of a `<datalist>` whose values the input suggests. */
  list?: string;
}> = ({ name, label, values, errors, type = 'text', hint, required, list }) => (
  <Labelled name={name} label={label} errors={errors} hint={hint}>
    <input
      type={type}
      {...bound(name, errors, hint !== undefined)}
      value={one(values, name)}
      required={required}
      list={list}
    />
  </Labelled>
);

/** A several-line input, with its hint (how to write it) and its error. */
export const TextArea: FC<{
  name: string;
  label: string;
  values: FormValues;
  errors: Errors;
  hint?: string;
  rows?: number;
}> = ({ name, label, values, errors, hint, rows = 4 }) => (
  <Labelled name={name} label={label} errors={errors} hint={hint}>
    <textarea {...bound(name, errors, hint !== undefined)} rows={rows}>
      {one(values, name)}
    </textarea>
  </Labelled>
);

export const Choice: FC<{
  name: string;
  label: string;
  values: FormValues;
  errors: Errors;
  options: readonly (readonly [string, string])[];
  multiple?: boolean;
}> = ({ name, label, values, errors, options, multiple }) => {
  const chosen = many(values, name);
  // Several: a box each, every choice in sight, none lost to a click without Ctrl as in a select of
  // several. The first box carries the field's id, so a form's first error is focused there.
  if (multiple) {
    const { id, 'aria-invalid': invalid, 'aria-describedby': describedBy } = bound(name, errors);
    return (
      <fieldset class="choices" aria-describedby={describedBy}>
        <legend>{label}</legend>
        {options.map(([value, text], i) => (
          <label>
            <input
              type="checkbox"
              name={name}
              value={value}
              checked={chosen.includes(value)}
              id={i === 0 ? id : undefined}
              aria-invalid={invalid}
            />
            {text}
          </label>
        ))}
        <ErrorText name={name} errors={errors} />
      </fieldset>
    );
  }
  return (
    <>
      <label for={idOf(name)}>{label}</label>
      <select {...bound(name, errors)}>
        {options.map(([value, text]) => (
          <option value={value} selected={chosen.includes(value)}>
            {text}
          </option>
        ))}
      </select>
      <ErrorText name={name} errors={errors} />
    </>
  );
};

export const Check: FC<{ name: string; label: string; values: FormValues; errors: Errors }> = ({
  name,
  label,
  values,
  errors,
}) => (
  <>
    <label>
      <input type="checkbox" {...bound(name, errors)} value="on" checked={one(values, name) === 'on'} />
      {label}
    </label>
    <ErrorText name={name} errors={errors} />
  </>
);

/** The form's errors no input holds, and the line asking to correct the marked fields. */
export const FormAlert: FC<{ errors: Errors; locale: Locale }> = ({ errors, locale }) =>
  errors.size > 0 ? (
    <div role="alert">
      <p>{commonMessages[locale].fixErrors}</p>
      {errors.get('(form)') ? <p class="field-error">{errors.get('(form)')}</p> : null}
    </div>
  ) : null;

/** What an edit form shows: the values, what it was filled from, its errors, the version it writes at. */
export interface FormState {
  values: FormValues;
  /** What an edit form was filled from (components/form-base.tsx). */
  base?: FormValues | undefined;
  errors: Errors;
  version: number;
  submit: string;
  /** The page the form was opened from, which it leads back to once saved (`?back=`), if not the record. */
  returnTo?: string | undefined;
}
