import type { FC } from 'hono/jsx';
import type { PostedBody } from './form-fields.tsx';

/**
 * Whether a form whose button asks first (`data-confirm`) was confirmed: console.js adds the field
 * when the person says yes in the browser's dialog; without script, ConfirmFirst's page posts it.
 */
export const wasConfirmed = (body: PostedBody): boolean => body.confirmed === 'yes';

/**
 * The question a button asks before it acts, as a page of its own where script does not run: the same
 * fields posted again, confirmed, or a way back without doing anything.
 */
export const ConfirmFirst: FC<{
  question: string;
  action: string;
  fields: Record<string, string>;
  yes: string;
  back: { href: string; label: string };
}> = ({ question, action, fields, yes, back }) => (
  <form method="post" action={action}>
    <p role="alert">{question}</p>
    {Object.entries(fields).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <input type="hidden" name="confirmed" value="yes" />
    <button type="submit">{yes}</button> <a href={back.href}>{back.label}</a>
  </form>
);
