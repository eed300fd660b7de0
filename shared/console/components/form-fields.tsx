import type { FC } from 'hono/jsx';

/**
 * The version of the record a form was filled from, as it posts it; undefined where it names none.
 * Each page decides what a missing one means (a 400, a 412, or a stale 0 the service refuses).
 */
export const formVersionOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

/** A field's error beside its input, which names it by `aria-describedby="<id>-error"`. */
export const FieldError: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error ? (
    <small id={`${id}-error`} class="field-error">
      {error}
    </small>
  ) : null;
