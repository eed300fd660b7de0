import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Language } from '../../domain/languages.ts';
import { readAnswerView } from '../../events/answer-link-reads.ts';
import type { MeetingRequest } from '../../events/event-schema.ts';
import { isBeforeHeld } from '../../events/event-states.ts';
import { requestAsOf } from '../../events/meeting-rules.ts';
import { type AnswerLinkTarget, requestAnswerPath } from '../../events/partner-answer-links.ts';
import { factLines, type RequestFacts, requestFacts } from '../../events/partner-request-texts.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { linkPage } from '../public-page.ts';

type Answer = 'accepted' | 'declined';

interface PageText {
  title: string;
  ask: (from: string) => string;
  accept: string;
  decline: string;
  choose: string;
  done: (answer: Answer, from: string) => string;
  answered: (answer: Answer, by: 'partner' | 'other') => string;
  withdrawn: string;
  expired: string;
  closed: string;
  invalid: string;
  unavailable: string;
}

const texts: Record<Language, PageText> = {
  en: {
    title: 'Meeting request',
    ask: (from) => `${from} asks to meet your company. Will you meet them?`,
    accept: 'Accept',
    decline: 'Decline',
    choose: 'Choose to accept or decline the request.',
    done: (answer, from) =>
      answer === 'accepted'
        ? `Thank you: you accepted the request of ${from}. The meeting will be placed in the schedule, and you will get your agenda when it is published.`
        : `Thank you: you declined the request of ${from}. We will let them know.`,
    answered: (answer, by) =>
      `This request was ${answer === 'accepted' ? 'accepted' : 'declined'} already${by === 'other' ? ' (the association answered it for your company)' : ''}: the link takes no other answer.`,
    withdrawn: 'This request was withdrawn: there is nothing to answer.',
    expired: 'This request has expired: the deadline for answers has passed.',
    closed: 'This event takes no more answers to meeting requests.',
    invalid: 'This link is not valid. Use the link in the email itself, unchanged.',
    unavailable: 'We could not record your answer just now. Please try again in a few minutes.',
  },
  ru: {
    title: 'Запрос на встречу',
    ask: (from) => `${from} предлагает вашей компании встретиться. Вы согласны?`,
    accept: 'Принять',
    decline: 'Отклонить',
    choose: 'Выберите: принять запрос или отклонить.',
    done: (answer, from) =>
      answer === 'accepted'
        ? `Спасибо: вы приняли запрос ${from}. Встреча будет включена в расписание, а вы получите свою программу, когда оно будет опубликовано.`
        : `Спасибо: вы отклонили запрос ${from}. Мы сообщим об этом.`,
    answered: (answer, by) =>
      `На этот запрос уже ответили: он ${answer === 'accepted' ? 'принят' : 'отклонён'}${by === 'other' ? ' (ассоциация ответила за вашу компанию)' : ''}. Другой ответ по ссылке дать нельзя.`,
    withdrawn: 'Запрос отозван: отвечать не нужно.',
    expired: 'Срок ответа на запрос истёк.',
    closed: 'Мероприятие больше не принимает ответы на запросы о встречах.',
    invalid: 'Ссылка недействительна. Откройте её из письма без изменений.',
    unavailable: 'Не удалось сохранить ваш ответ. Попробуйте ещё раз через несколько минут.',
  },
  vi: {
    title: 'Đề nghị gặp',
    ask: (from) => `${from} đề nghị gặp doanh nghiệp của bạn. Bạn có đồng ý gặp không?`,
    accept: 'Chấp nhận',
    decline: 'Từ chối',
    choose: 'Hãy chọn chấp nhận hoặc từ chối đề nghị.',
    done: (answer, from) =>
      answer === 'accepted'
        ? `Cảm ơn bạn: bạn đã chấp nhận đề nghị của ${from}. Cuộc gặp sẽ được xếp vào lịch, và bạn sẽ nhận lịch gặp khi lịch được công bố.`
        : `Cảm ơn bạn: bạn đã từ chối đề nghị của ${from}. Chúng tôi sẽ báo cho họ.`,
    answered: (answer, by) =>
      `Đề nghị này đã được ${answer === 'accepted' ? 'chấp nhận' : 'từ chối'}${by === 'other' ? ' (hiệp hội đã trả lời thay doanh nghiệp của bạn)' : ''}: liên kết không nhận câu trả lời khác.`,
    withdrawn: 'Đề nghị này đã được rút lại: không cần trả lời.',
    expired: 'Đề nghị này đã hết hạn: đã quá hạn trả lời.',
    closed: 'Sự kiện không còn nhận câu trả lời cho các đề nghị gặp.',
    invalid: 'Liên kết không hợp lệ. Hãy dùng đúng liên kết trong email.',
    unavailable: 'Chưa thể ghi nhận câu trả lời lúc này. Vui lòng thử lại sau vài phút.',
  },
};

/** What the page answers, and its status: 410 for a link that can do nothing more, 404 for one not ours. */
type State =
  | 'ask'
  | 'choose'
  | 'done'
  | 'answered'
  | 'withdrawn'
  | 'expired'
  | 'closed'
  | 'invalid'
  | 'unavailable';
const statusOf: Record<State, 200 | 400 | 404 | 410 | 503> = {
  ask: 200,
  choose: 400,
  done: 200,
  answered: 200,
  withdrawn: 410,
  expired: 410,
  closed: 410,
  invalid: 404,
  unavailable: 503,
};

interface Found {
  state: State;
  language: Language;
  facts?: RequestFacts;
  target?: AnswerLinkTarget;
  answered?: { answer: Answer; by: 'partner' | 'other' };
}

function page(c: Context, found: Found, state: State = found.state, answer?: Answer) {
  const text = texts[found.language];
  const facts = found.facts;
  const details = facts
    ? html`<ul>
${factLines(facts, found.language).map((line) => html`<li>${line}</li>\n`)}</ul>`
    : '';
  let body: ReturnType<typeof html>;
  if ((state === 'ask' || state === 'choose') && facts) {
    body = html`<p>${text.ask(facts.from)}</p>
${details}
${state === 'choose' ? html`<p>${text.choose}</p>` : ''}
<form method="post">
<button type="submit" name="answer" value="accept">${text.accept}</button>
<button type="submit" name="answer" value="decline">${text.decline}</button>
</form>`;
  } else if (state === 'done' && facts && answer) {
    body = html`<p>${text.done(answer, facts.from)}</p>`;
  } else if (state === 'answered' && found.answered) {
    body = html`<p>${text.answered(found.answered.answer, found.answered.by)}</p>
${details}`;
  } else {
    const message = state === 'withdrawn' || state === 'expired' || state === 'closed' ? text[state] : null;
    body = html`<p>${message ?? (state === 'unavailable' ? text.unavailable : text.invalid)}</p>`;
  }
  return linkPage(c, found.language, text.title, body, statusOf[state]);
}

/**
 * The link a partner's delegate is emailed with a meeting request (issue 11): the partner has no
 * account, so the signed link (partner-answer-links.ts) is what lets it answer, until the event's
 * request deadline. `GET` shows the request in the delegate's language (who asks, the topic, priority
 * and reason, the event and its days) with two buttons, and changes nothing; a button `POST`s, which
 * queues the answer for the mail-event consumer (this public function reads the event, never writes
 * it). The consumer answers as the partner, once: a request answered already takes no other answer.
 * A link we did not sign, or one naming a request not the partner's, is a 404 page; one past the
 * deadline, for a withdrawn request or an event that takes no more answers is a 410 page; a request
 * answered already says so.
 */
export function eventRequestAnswerRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function check(token: string): Promise<Found> {
    const now = deps.clock();
    const verified = (await deps.partnerAnswers()).verify(token, now);
    if (!verified) return { state: 'invalid', language: 'en' };
    const target = verified.target;
    const view = await readAnswerView(deps.db, target.eventId, target.requestId, target.partnerId);
    if (!view || view.request.to !== target.partnerId || view.to.kind !== 'partner') {
      return { state: 'invalid', language: 'en' };
    }
    const { event, request, to, from } = view;
    const delegate = to.delegates.find((d) => d.contactId === target.contactId) ?? to.delegates[0];
    const language = delegate?.language ?? 'en';
    const facts = requestFacts(event, request, from, language);
    const found = { language, facts, target };
    const current = requestAsOf(request as MeetingRequest, event.requestDeadline, now);
    if (current.status === 'accepted' || current.status === 'declined') {
      const by = current.answeredBy === 'partner' ? 'partner' : 'other';
      return { ...found, state: 'answered', answered: { answer: current.status, by } };
    }
    if (current.status === 'withdrawn') return { ...found, state: 'withdrawn' };
    if (verified.expired || current.status === 'expired') return { ...found, state: 'expired' };
    if (!isBeforeHeld(event.state)) return { ...found, state: 'closed' };
    return { ...found, state: 'ask' };
  }

  app.get(`${requestAnswerPath}/:token`, async (c) => page(c, await check(c.req.param('token'))));

  app.post(`${requestAnswerPath}/:token`, async (c) => {
    const found = await check(c.req.param('token'));
    if (found.state !== 'ask' || !found.target) return page(c, found);
    const form = await c.req.parseBody();
    const answer: Answer | undefined =
      form.answer === 'accept' ? 'accepted' : form.answer === 'decline' ? 'declined' : undefined;
    if (!answer) return page(c, found, 'choose');
    if (!deps.mailEvents) return page(c, found, 'unavailable');
    const { eventId, requestId, partnerId } = found.target;
    await deps.mailEvents.enqueue({
      kind: 'answer-request',
      eventId,
      requestId,
      partnerId,
      answer,
      at: deps.clock().toISOString(),
    });
    return page(c, found, 'done', answer);
  });

  return app;
}
