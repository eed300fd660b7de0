import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConsoleEnv } from '../../console-env.ts';
import { directoryMessages } from './directory-messages.ts';

/**
 * A short page that says why a form was refused, in the reader's language, with the way back: for
 * the refusals a form can meet that are not an error of the system (too many views, a bad file).
 */
export function refusal(
  c: Context<ConsoleEnv>,
  status: ContentfulStatusCode,
  content: { title: string; message: string; detail?: string; back: string },
) {
  const m = directoryMessages[c.get('locale')];
  c.status(status);
  return c.render(
    <article>
      <h1>{content.title}</h1>
      <p role="alert">
        {content.message}
        {content.detail ? ` ${content.detail}` : ''}
      </p>
      <p>
        <a href={content.back}>{m.backToList}</a>
      </p>
    </article>,
    { title: content.title, section: 'members' },
  );
}
