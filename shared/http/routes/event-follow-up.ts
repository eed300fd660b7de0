import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { type Language, languages } from '../../domain/languages.ts';
import { FollowUpLinks, type FollowUpTarget, followUpPath } from '../../events/follow-up-links.ts';
import { readFollowUpView } from '../../events/follow-up-reads.ts';
import { type FollowUpFacts, followUpFacts, followUpTexts } from '../../events/follow-up-texts.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { linkPage } from '../public-page.ts';

interface PageText {
  title: string;
  current: (agreement: boolean) => string;
  choose: string;
  done: (agreement: boolean) => string;
  expired: string;
  closed: string;
  invalid: string;
  unavailable: string;
}

const texts: Record<Language, PageText> = {
  en: {
    title: 'After the event',
    current: (agreement) =>
      `Your company answered: ${agreement ? 'an agreement was reached' : 'no agreement'}. You can change the answer.`,
    choose: 'Choose one of the two answers.',
    done: (agreement) =>
      `Thank you: we recorded that ${agreement ? 'you reached a cooperation agreement' : 'no agreement was reached'}.`,
    expired: 'This link has expired.',
    closed: 'This meeting takes no answer.',
    invalid: 'This link is not valid. Use the link in the email itself, unchanged.',
    unavailable: 'We could not record your answer just now. Please try again in a few minutes.',
  },
  ru: {
    title: 'После мероприятия',
    current: (agreement) =>
      `Ваша компания ответила: ${agreement ? 'договорились' : 'не договорились'}. Ответ можно изменить.`,
    choose: 'Выберите один из двух ответов.',
    done: (agreement) =>
      `Спасибо: мы записали, что ${agreement ? 'вы договорились о сотрудничестве' : 'договорённости нет'}.`,
    expired: 'Срок действия ссылки истёк.',
    closed: 'Для этой встречи ответ не принимается.',
    invalid: 'Ссылка недействительна. Откройте её из письма без изменений.',
    unavailable: 'Не удалось сохранить ваш ответ. Попробуйте ещё раз через несколько минут.',
  },
  vi: {
    title: 'Sau sự kiện',
    current: (agreement) =>
      `Doanh nghiệp của bạn đã trả lời: ${agreement ? 'đã đạt thỏa thuận' : 'chưa đạt thỏa thuận'}. Bạn có thể đổi câu trả lời.`,
    choose: 'Hãy chọn một trong hai câu trả lời.',
    done: (agreement) =>
      `Cảm ơn bạn: chúng tôi đã ghi nhận ${agreement ? 'hai bên đã đạt thỏa thuận hợp tác' : 'hai bên chưa đạt thỏa thuận'}.`,
    expired: 'Liên kết này đã hết hạn.',
    closed: 'Cuộc gặp này không nhận câu trả lời.',
    invalid: 'Liên kết không hợp lệ. Hãy dùng đúng liên kết trong email.',
    unavailable: 'Chưa thể ghi nhận câu trả lời lúc này. Vui lòng thử lại sau vài phút.',
  },
};

/** What the page answers, and its status: 410 for a link that can do nothing more, 404 for one not ours. */
type State = 'ask' | 'choose' | 'done' | 'expired' | 'closed' | 'invalid' | 'unavailable';
const statusOf: Record<State, 200 | 400 | 404 | 410 | 503> = {
  ask: 200,
  choose: 400,
  done: 200,
  expired: 410,
  closed: 410,
  invalid: 404,
  unavailable: 503,
};

interface Found {
  state: State;
  language: Language;
  facts?: FollowUpFacts;
  target?: FollowUpTarget;
  agreement?: boolean;
}

function page(c: Context, found: Found, state: State = found.state, agreement?: boolean) {
  const text = texts[found.language];
  const question = followUpTexts[found.language];
  let body: ReturnType<typeof html>;
  if ((state === 'ask' || state === 'choose') && found.facts) {
    body = html`<p>${question.question(found.facts)}</p>
${found.agreement !== undefined ? html`<p>${text.current(found.agreement)}</p>` : ''}
${state === 'choose' ? html`<p>${text.choose}</p>` : ''}
<form method="post">
<button type="submit" name="answer" value="yes">${question.yes}</button>
<button type="submit" name="answer" value="no">${question.no}</button>
</form>`;
  } else if (state === 'done' && agreement !== undefined) {
    body = html`<p>${text.done(agreement)}</p>`;
  } else {
    const message =
      state === 'expired' || state === 'closed' || state === 'unavailable' ? text[state] : text.invalid;
    body = html`<p>${message}</p>`;
  }
  return linkPage(c, found.language, text.title, body, statusOf[state]);
}

/**
 * The links both sides of a held meeting are emailed with the follow-up question months after the event
 * (issue 11): partners have no account, so the signed link (follow-up-links.ts) is what lets a side
 * answer, for 60 days. `GET` shows the question in the side's language (a `lang` the email's link
 * carries, else its first delegate's) with two buttons, no script, and changes nothing (the email's
 * yes and no links both open it); a button `POST`s, which queues the answer for the mail-event consumer
 * (this public function reads the event, never writes it), which records it as the outcome route
 * would. A link we did not sign is a 404 page, an expired one or one for a meeting no longer held a 410.
 */
export function eventFollowUpRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function check(token: string, lang: string | undefined): Promise<Found> {
    const now = deps.clock();
    const asked = (languages as readonly string[]).includes(lang ?? '') ? (lang as Language) : undefined;
    const verified = new FollowUpLinks([await deps.followUpKey()]).verify(token, now);
    if (!verified) return { state: 'invalid', language: asked ?? 'en' };
    const target = verified.target;
    const view = await readFollowUpView(deps.db, target.eventId, target.meetingId, target.companyId);
    if (!view) return { state: 'invalid', language: asked ?? 'en' };
    const language = asked ?? view.languages[0] ?? 'en';
    if (verified.expired) return { state: 'expired', language };
    const found = {
      language,
      target,
      facts: followUpFacts(view.event, view.meeting.slot, view.counterpart, language),
      ...(view.agreement !== undefined ? { agreement: view.agreement } : {}),
    };
    if (view.meeting.state !== 'held' || (view.event.state !== 'held' && view.event.state !== 'closed')) {
      return { ...found, state: 'closed' };
    }
    return { ...found, state: 'ask' };
  }

  app.get(`${followUpPath}/:token`, async (c) =>
    page(c, await check(c.req.param('token'), c.req.query('lang'))),
  );

  app.post(`${followUpPath}/:token`, async (c) => {
    const found = await check(c.req.param('token'), c.req.query('lang'));
    if (found.state !== 'ask' || !found.target) return page(c, found);
    const form = await c.req.parseBody();
    const agreement = form.answer === 'yes' ? true : form.answer === 'no' ? false : undefined;
    if (agreement === undefined) return page(c, found, 'choose');
    if (!deps.mailEvents) return page(c, found, 'unavailable');
    const { eventId, meetingId, companyId } = found.target;
    await deps.mailEvents.enqueue({
      kind: 'answer-follow-up',
      eventId,
      meetingId,
      companyId,
      agreement,
      at: deps.clock().toISOString(),
    });
    return page(c, found, 'done', agreement);
  });

  return app;
}
