import { type Context, Hono } from 'hono';
import { maskEmail } from '../../campaigns/mask-email.ts';
import type { Language } from '../../domain/languages.ts';
import {
  AddressConfirmations,
  confirmationPath,
  parseConfirmationToken,
} from '../../members/address-confirmation.ts';
import { linkState } from '../../security/link-token.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { type LinkPageState, linkPage, linkPageBody, linkPageStatus } from '../public-page.ts';

interface PageText {
  title: string;
  button: string;
  confirm: (address: string) => string;
  done: (address: string) => string;
  invalid: string;
  expired: string;
  unavailable: string;
}

const texts: Record<Language, PageText> = {
  en: {
    title: 'Confirm your email address',
    button: 'Confirm',
    confirm: (address) => `Is ${address} your address? Confirm it to receive the association’s emails.`,
    done: (address) => `Thank you: ${address} is confirmed.`,
    invalid:
      'This confirmation link is not valid, or was used already. Use the latest link we sent, unchanged.',
    expired: 'This confirmation link has expired. Ask for a new one.',
    unavailable: 'We could not record this just now. Please try again in a few minutes.',
  },
  ru: {
    title: 'Подтверждение адреса электронной почты',
    button: 'Подтвердить',
    confirm: (address) => `${address} — это ваш адрес? Подтвердите его, чтобы получать письма ассоциации.`,
    done: (address) => `Спасибо: адрес ${address} подтверждён.`,
    invalid:
      'Ссылка недействительна или уже использована. Откройте последнюю присланную ссылку без изменений.',
    expired: 'Срок действия ссылки истёк. Запросите новую.',
    unavailable: 'Не удалось сохранить подтверждение. Попробуйте ещё раз через несколько минут.',
  },
  vi: {
    title: 'Xác nhận địa chỉ email',
    button: 'Xác nhận',
    confirm: (address) =>
      `${address} có phải là địa chỉ của bạn không? Hãy xác nhận để nhận email của hiệp hội.`,
    done: (address) => `Cảm ơn bạn: địa chỉ ${address} đã được xác nhận.`,
    invalid:
      'Liên kết xác nhận không hợp lệ hoặc đã được sử dụng. Hãy dùng đúng liên kết mới nhất chúng tôi gửi.',
    expired: 'Liên kết xác nhận đã hết hạn. Hãy yêu cầu một liên kết mới.',
    unavailable: 'Chưa thể ghi nhận lúc này. Vui lòng thử lại sau vài phút.',
  },
};

function page(c: Context, language: Language, state: LinkPageState, address = '') {
  const text = texts[language];
  const message = state === 'confirm' || state === 'done' ? text[state](address) : text[state];
  return linkPage(c, language, text.title, linkPageBody(state, message, text.button), linkPageStatus[state]);
}

/**
 * The link of an address confirmation email (an address a member added). `GET` shows a page in the
 * contact's language with the address masked and changes nothing; its button `POST`s, which queues the
 * confirmation for the mail-event consumer (the public function writes no member). A link not ours,
 * altered, used or replaced by a newer one is a 404 page, an expired one a 410 page; neither changes
 * anything.
 */
export function addressConfirmationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const confirmations = new AddressConfirmations(deps.db);

  async function check(token: string) {
    const parsed = parseConfirmationToken(token);
    if (!parsed) return { state: 'invalid' as const, language: 'en' as const };
    const pending = await confirmations.get(parsed);
    const state = linkState(pending, parsed.secretHash, deps.clock());
    if (state === 'invalid' || !pending) return { state: 'invalid' as const, language: 'en' as const };
    return { state, language: pending.language, address: maskEmail(pending.email), parsed };
  }

  app.get(`${confirmationPath}/:token`, async (c) => {
    const found = await check(c.req.param('token'));
    return page(c, found.language, found.state === 'valid' ? 'confirm' : found.state, found.address);
  });

  app.post(`${confirmationPath}/:token`, async (c) => {
    const found = await check(c.req.param('token'));
    if (found.state !== 'valid') return page(c, found.language, found.state);
    if (!deps.mailEvents) return page(c, found.language, 'unavailable');
    const { memberId, contactId, secretHash } = found.parsed;
    await deps.mailEvents.enqueue({ kind: 'confirm-address', memberId, contactId, secretHash });
    return page(c, found.language, 'done', found.address);
  });

  return app;
}
