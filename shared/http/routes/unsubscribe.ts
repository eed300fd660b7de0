import { type Context, Hono } from 'hono';
import { maskEmail } from '../../campaigns/mask-email.ts';
import { RecipientRepository } from '../../campaigns/recipient-repository.ts';
import { unsubscribePath } from '../../campaigns/unsubscribe-token.ts';
import { type Language, languages } from '../../domain/languages.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { type LinkPageState, linkPage, linkPageBody, linkPageStatus } from '../public-page.ts';

interface PageText {
  title: string;
  confirm: (address: string) => string;
  button: string;
  done: (address: string) => string;
  invalid: string;
  unavailable: string;
  thisAddress: string;
}

/** The page in each language a campaign is written in; a link that names no recipient gets English. */
const texts: Record<Language, PageText> = {
  en: {
    title: 'Unsubscribe',
    confirm: (address) => `Stop campaign emails to ${address}?`,
    button: 'Unsubscribe',
    done: (address) => `You are unsubscribed: ${address} gets no more campaign emails from us.`,
    invalid: 'This unsubscribe link is not valid. Use the link in the email itself, unchanged.',
    unavailable: 'We could not record this just now. Please try again in a few minutes.',
    thisAddress: 'this address',
  },
  ru: {
    title: 'Отписаться от рассылки',
    confirm: (address) => `Больше не присылать письма рассылок на ${address}?`,
    button: 'Отписаться',
    done: (address) => `Вы отписались: на ${address} больше не придут письма наших рассылок.`,
    invalid: 'Ссылка для отписки недействительна. Откройте её из письма без изменений.',
    unavailable: 'Не удалось сохранить отписку. Попробуйте ещё раз через несколько минут.',
    thisAddress: 'этот адрес',
  },
  vi: {
    title: 'Hủy đăng ký nhận thư',
    confirm: (address) => `Ngừng gửi email chiến dịch tới ${address}?`,
    button: 'Hủy đăng ký',
    done: (address) => `Bạn đã hủy đăng ký: ${address} sẽ không nhận thêm email chiến dịch nào từ chúng tôi.`,
    invalid: 'Liên kết hủy đăng ký không hợp lệ. Hãy dùng đúng liên kết trong email.',
    unavailable: 'Chưa thể ghi nhận yêu cầu lúc này. Vui lòng thử lại sau vài phút.',
    thisAddress: 'địa chỉ này',
  },
};

function page(c: Context, language: Language, state: LinkPageState, address: string | null) {
  const text = texts[language];
  const shown = address ?? text.thisAddress;
  const message =
    state === 'confirm'
      ? text.confirm(shown)
      : state === 'done'
        ? text.done(shown)
        : state === 'unavailable'
          ? text.unavailable
          : text.invalid;
  return linkPage(c, language, text.title, linkPageBody(state, message, text.button), linkPageStatus[state]);
}

/**
 * The `List-Unsubscribe` link of every campaign email (RFC 2369, RFC 8058). `GET` shows a page in the
 * recipient's language with its address masked, and changes nothing (mail scanners follow links);
 * its button, and a mail client's one-click `POST`, queue the unsubscribe for the mail-event consumer,
 * which withdraws the contact's outreach consent. A link this deployment did not sign is a 404 page
 * and changes nothing. No page sends a referrer: the token is in the URL.
 */
export function unsubscribeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const recipients = new RecipientRepository(deps.db);

  /** The recipient a token names, with what its page shows; undefined for a token we did not sign. */
  async function recipientOf(token: string) {
    const target = (await deps.unsubscribeTokens()).verify(token);
    if (!target) return undefined;
    const recipient = await recipients.get(target.campaignId, target.contactId);
    const language = (languages as readonly string[]).includes(recipient?.language ?? '')
      ? (recipient!.language as Language)
      : 'en';
    return { target, recipient, language, address: recipient?.email ? maskEmail(recipient.email) : null };
  }

  app.get(`${unsubscribePath}/:token`, async (c) => {
    const found = await recipientOf(c.req.param('token'));
    if (!found) return page(c, 'en', 'invalid', null);
    return page(
      c,
      found.language,
      found.recipient?.status === 'unsubscribed' ? 'done' : 'confirm',
      found.address,
    );
  });

  app.post(`${unsubscribePath}/:token`, async (c) => {
    const found = await recipientOf(c.req.param('token'));
    if (!found) return page(c, 'en', 'invalid', null);
    if (found.recipient?.status !== 'unsubscribed') {
      if (!deps.mailEvents) return page(c, found.language, 'unavailable', found.address);
      await deps.mailEvents.enqueue({ kind: 'unsubscribe', at: deps.clock().toISOString(), ...found.target });
    }
    return page(c, found.language, 'done', found.address);
  });

  return app;
}
