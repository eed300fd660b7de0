import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { maskEmail } from '../../campaigns/mask-email.ts';
import type { Language } from '../../domain/languages.ts';
import { PasswordRejectedError, passwordProblems } from '../../identity/user-directory.ts';
import { AccountRepository, invitationPath } from '../../members/member-accounts.ts';
import { linkState, parseLinkToken } from '../../security/link-token.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { linkPage } from '../public-page.ts';

type Problem = ReturnType<typeof passwordProblems>[number] | 'mismatch' | 'rejected';

interface PageText {
  title: string;
  intro: (address: string) => string;
  password: string;
  repeat: string;
  button: string;
  done: (address: string) => string;
  invalid: string;
  expired: string;
  unavailable: string;
  problems: Record<Problem, string>;
}

const texts: Record<Language, PageText> = {
  en: {
    title: 'Set your password',
    intro: (address) => `Your account signs in as ${address}. Choose a password of at least 12 characters.`,
    password: 'Password',
    repeat: 'The same password again',
    button: 'Set password',
    done: (address) =>
      `Your password is set. Sign in with ${address} and this password in the association’s member app.`,
    invalid:
      'This invitation link is not valid, or was used already. Use the latest link we sent, unchanged.',
    expired:
      'This invitation has expired. Ask the association (or a colleague with an account) for a new one.',
    unavailable: 'We could not set your password just now. Please try again in a few minutes.',
    problems: {
      length: 'It needs at least 12 characters.',
      lower: 'It needs a lowercase letter.',
      upper: 'It needs an uppercase letter.',
      digit: 'It needs a digit.',
      symbol: 'It needs a symbol, such as ! or %.',
      mismatch: 'The two passwords differ.',
      rejected: 'This password cannot be used; choose another.',
    },
  },
  ru: {
    title: 'Задайте пароль',
    intro: (address) => `Вы входите в учётную запись как ${address}. Выберите пароль не короче 12 символов.`,
    password: 'Пароль',
    repeat: 'Пароль ещё раз',
    button: 'Задать пароль',
    done: (address) =>
      `Пароль задан. Входите с адресом ${address} и этим паролем в приложении для членов ассоциации.`,
    invalid: 'Ссылка-приглашение недействительна или уже использована. Откройте последнюю присланную ссылку.',
    expired: 'Срок приглашения истёк. Попросите ассоциацию (или коллегу с учётной записью) прислать новое.',
    unavailable: 'Не удалось задать пароль. Попробуйте ещё раз через несколько минут.',
    problems: {
      length: 'Нужно не меньше 12 символов.',
      lower: 'Нужна строчная буква.',
      upper: 'Нужна заглавная буква.',
      digit: 'Нужна цифра.',
      symbol: 'Нужен символ, например ! или %.',
      mismatch: 'Пароли не совпадают.',
      rejected: 'Этот пароль использовать нельзя; выберите другой.',
    },
  },
  vi: {
    title: 'Đặt mật khẩu',
    intro: (address) =>
      `Tài khoản của bạn đăng nhập bằng ${address}. Hãy chọn mật khẩu dài ít nhất 12 ký tự.`,
    password: 'Mật khẩu',
    repeat: 'Nhập lại mật khẩu',
    button: 'Đặt mật khẩu',
    done: (address) =>
      `Đã đặt mật khẩu. Hãy đăng nhập bằng ${address} và mật khẩu này trong ứng dụng hội viên.`,
    invalid: 'Liên kết mời không hợp lệ hoặc đã được dùng. Hãy dùng liên kết mới nhất chúng tôi gửi.',
    expired: 'Lời mời đã hết hạn. Hãy đề nghị hiệp hội (hoặc đồng nghiệp có tài khoản) gửi lời mời mới.',
    unavailable: 'Chưa thể đặt mật khẩu lúc này. Vui lòng thử lại sau vài phút.',
    problems: {
      length: 'Cần ít nhất 12 ký tự.',
      lower: 'Cần một chữ thường.',
      upper: 'Cần một chữ hoa.',
      digit: 'Cần một chữ số.',
      symbol: 'Cần một ký hiệu, ví dụ ! hoặc %.',
      mismatch: 'Hai mật khẩu không khớp.',
      rejected: 'Không thể dùng mật khẩu này; hãy chọn mật khẩu khác.',
    },
  },
};

type State = 'form' | 'done' | 'invalid' | 'expired' | 'unavailable';
const statusOf: Record<State, 200 | 404 | 410 | 503> = {
  form: 200,
  done: 200,
  invalid: 404,
  expired: 410,
  unavailable: 503,
};

function page(c: Context, language: Language, state: State, address = '', problems: Problem[] = []) {
  const text = texts[language];
  const body =
    state === 'form'
      ? html`<p>${text.intro(address)}</p>
${problems.length > 0 ? html`<ul>${problems.map((p) => html`<li>${text.problems[p]}</li>`)}</ul>` : ''}
<form method="post">
<p><label>${text.password} <input type="password" name="password" autocomplete="new-password" required minlength="12"></label></p>
<p><label>${text.repeat} <input type="password" name="repeat" autocomplete="new-password" required minlength="12"></label></p>
<p><button type="submit">${text.button}</button></p>
</form>`
      : html`<p>${state === 'done' ? text.done(address) : text[state]}</p>`;
  return linkPage(c, language, text.title, body, problems.length > 0 ? 422 : statusOf[state]);
}

/**
 * The link of an account invitation: `GET` shows, in the contact's language, a form that sets the
 * password (no script); `POST` checks the link again, sets the password in the user directory at once
 * (the person signs in next), and queues the account's activation for the mail-event consumer, which
 * spends the link. An altered, used or replaced link is a 404 page, an expired one 410; a password
 * the policy refuses is a 422 page. None of these changes anything.
 */
export function invitationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const accounts = new AccountRepository(deps.db);

  async function check(token: string) {
    const parsed = parseLinkToken(token, 2);
    if (!parsed) return { state: 'invalid' as const, language: 'en' as const };
    const [memberId, contactId] = parsed.ids as [string, string];
    const invitation = await accounts.invitation(memberId, contactId);
    const state = linkState(invitation, parsed.secretHash, deps.clock());
    if (state === 'invalid' || !invitation) return { state: 'invalid' as const, language: 'en' as const };
    // A link whose account was revoked (or opened) meanwhile sets no password.
    if ((await accounts.get(memberId, invitation.accountId))?.state !== 'invited') {
      return { state: 'invalid' as const, language: invitation.language };
    }
    return { state, language: invitation.language, invitation, secretHash: parsed.secretHash };
  }

  app.get(`${invitationPath}/:token`, async (c) => {
    const found = await check(c.req.param('token'));
    if (found.state !== 'valid') return page(c, found.language, found.state);
    return page(c, found.language, 'form', maskEmail(found.invitation.email));
  });

  app.post(`${invitationPath}/:token`, async (c) => {
    const found = await check(c.req.param('token'));
    if (found.state !== 'valid') return page(c, found.language, found.state);
    const { invitation, language } = found;
    const form = await c.req.parseBody();
    const password = typeof form.password === 'string' ? form.password : '';
    const problems: Problem[] = passwordProblems(password);
    if (password !== form.repeat) problems.push('mismatch');
    const address = maskEmail(invitation.email);
    if (problems.length > 0) return page(c, language, 'form', address, problems);
    if (!deps.users || !deps.mailEvents) return page(c, language, 'unavailable');
    try {
      await deps.users.setPassword(invitation.accountId, password);
    } catch (error) {
      if (error instanceof PasswordRejectedError) return page(c, language, 'form', address, ['rejected']);
      throw error;
    }
    const { memberId, contactId } = invitation;
    await deps.mailEvents.enqueue({
      kind: 'invitation-accepted',
      memberId,
      contactId,
      secretHash: found.secretHash,
    });
    return page(c, language, 'done', address);
  });

  return app;
}
