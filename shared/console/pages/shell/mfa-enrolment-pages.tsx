import type { Context } from 'hono';
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { renderSVG } from 'uqr';
import type { AuditLog } from '../../../audit/audit-log.ts';
import { UnauthorizedError } from '../../../domain/errors.ts';
import { logger } from '../../../observability/logger.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { defineMessages, plural } from '../../i18n/messages.ts';
import {
  enrolmentAttempts,
  type MfaEnrolmentRepository,
  type PendingEnrolment,
} from '../../session/mfa-enrolment-repository.ts';
import {
  clearEnrolmentCookie,
  readEnrolmentCookie,
  writeEnrolmentCookie,
} from '../../session/session-cookies.ts';
import type { SignedInUser, SignInProvider } from '../../session/sign-in-provider.ts';
import { groupedSecret, otpauthUri, type TotpEnrolment } from '../../session/totp-enrolment.ts';

export interface MfaEnrolmentDeps {
  enrolments: MfaEnrolmentRepository;
  audit: AuditLog;
  totp: TotpEnrolment;
  signIn: SignInProvider;
  /** The registered callback URL: its origin is where the provider's logout returns to. */
  callbackUrl?: string;
}

const text = defineMessages({
  en: {
    title: 'Set up two-step sign-in',
    lead:
      'Staff and administrators sign in with a code from an authenticator app as well as their password. ' +
      'Scan this code with the app (Google Authenticator, Microsoft Authenticator, 1Password or another), ' +
      'then enter the six digits it shows.',
    qr: 'QR code for your authenticator app',
    manual: 'Or enter this key in the app:',
    code: 'Code from the app',
    hint: 'Six digits; a new code appears every 30 seconds.',
    turnOn: 'Turn on',
    format: 'Enter the six digits the app shows.',
    mismatch: 'The code does not match. Enter the code the app shows now.',
    attemptsLeft: (n: number) => plural('en', n, { one: 'One more try.', other: '# more tries.' }),
  },
  ru: {
    title: 'Настройка двухэтапного входа',
    lead:
      'Сотрудники и администраторы входят по паролю и коду из приложения-аутентификатора. ' +
      'Отсканируйте этот код приложением (Google Authenticator, Microsoft Authenticator, 1Password или другим), ' +
      'затем введите шесть цифр, которые оно покажет.',
    qr: 'QR-код для приложения-аутентификатора',
    manual: 'Или введите в приложении этот ключ:',
    code: 'Код из приложения',
    hint: 'Шесть цифр; новый код появляется каждые 30 секунд.',
    turnOn: 'Включить',
    format: 'Введите шесть цифр, которые показывает приложение.',
    mismatch: 'Код не подходит. Введите код, который приложение показывает сейчас.',
    attemptsLeft: (n: number) =>
      plural('ru', n, {
        one: 'Осталась # попытка.',
        few: 'Осталось # попытки.',
        other: 'Осталось # попыток.',
      }),
  },
  vi: {
    title: 'Thiết lập đăng nhập hai bước',
    lead:
      'Nhân viên và quản trị viên đăng nhập bằng mật khẩu và mã từ ứng dụng xác thực. ' +
      'Hãy quét mã này bằng ứng dụng (Google Authenticator, Microsoft Authenticator, 1Password hoặc ứng dụng khác), ' +
      'rồi nhập sáu chữ số mà ứng dụng hiển thị.',
    qr: 'Mã QR cho ứng dụng xác thực',
    manual: 'Hoặc nhập khóa này vào ứng dụng:',
    code: 'Mã từ ứng dụng',
    hint: 'Sáu chữ số; cứ 30 giây lại có mã mới.',
    turnOn: 'Bật',
    format: 'Hãy nhập sáu chữ số mà ứng dụng hiển thị.',
    mismatch: 'Mã không khớp. Hãy nhập mã mà ứng dụng đang hiển thị.',
    attemptsLeft: (n: number) => plural('vi', n, { other: 'Còn # lần thử.' }),
  },
});

/**
 * The callback's answer to a staff or admin user whom the identity provider let in without their
 * group for want of a second factor: a secret is associated with their account, kept on the server
 * with their access token, and the enrolment page shows it. Nothing of it reaches the browser but
 * the page and a random id.
 */
export async function beginEnrolment(
  c: Context<ConsoleEnv>,
  deps: MfaEnrolmentDeps,
  user: SignedInUser & { enrolment: NonNullable<SignedInUser['enrolment']> },
): Promise<Response> {
  const secret = await deps.totp.associate(user.enrolment.accessToken);
  const id = await deps.enrolments.create({
    sub: user.sub,
    name: user.name,
    role: user.enrolment.role,
    locale: c.get('locale'),
    accessToken: user.enrolment.accessToken,
    secret,
    ...(user.refreshToken ? { refreshToken: user.refreshToken } : {}),
  });
  writeEnrolmentCookie(c, id);
  return c.redirect('/console/mfa', 303);
}

/**
 * The enrolment page: the secret as a QR code and as text, and the first code from it, which the
 * identity provider checks before TOTP is turned on. Then the user signs in again through the
 * provider's own page, which now asks for the code, and the token carries their group.
 */
export function mfaEnrolmentPages(deps: MfaEnrolmentDeps) {
  const app = new Hono<ConsoleEnv>();

  const show = (c: Context<ConsoleEnv>, pending: PendingEnrolment, error?: string) => {
    const m = text[pending.locale];
    c.set('locale', pending.locale);
    return c.render(
      <article class="sign-in">
        <h1>{m.title}</h1>
        <p>{m.lead}</p>
        <figure>
          <div role="img" aria-label={m.qr} class="qr">
            {raw(renderSVG(otpauthUri(pending.secret, pending.name), { border: 2 }))}
          </div>
          <figcaption>
            {m.manual} <code>{groupedSecret(pending.secret)}</code>
          </figcaption>
        </figure>
        <form method="post" action="/console/mfa" novalidate>
          <label for="mfa-code">{m.code}</label>
          <input
            type="text"
            id="mfa-code"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            maxlength={6}
            required
            aria-describedby={error ? 'mfa-code-error mfa-code-hint' : 'mfa-code-hint'}
            aria-invalid={error ? 'true' : undefined}
          />
          {error ? (
            <small id="mfa-code-error" class="field-error" role="alert">
              {error}
            </small>
          ) : null}
          <small id="mfa-code-hint">{m.hint}</small>
          <button type="submit">{m.turnOn}</button>
        </form>
      </article>,
      { title: m.title },
    );
  };

  /** The enrolment of this browser, if it is still live; otherwise the sign-in page, to start again. */
  const pendingOf = async (c: Context<ConsoleEnv>) => {
    const id = readEnrolmentCookie(c);
    const pending = id ? await deps.enrolments.get(id) : undefined;
    if (!pending) clearEnrolmentCookie(c);
    return pending;
  };

  /** Ends the enrolment, and the sign-in that had no staff group: its refresh token renews nothing useful. */
  async function end(c: Context<ConsoleEnv>, pending: PendingEnrolment) {
    clearEnrolmentCookie(c);
    await deps.enrolments.delete(pending.idHash);
    if (pending.refreshToken) {
      await deps.signIn.revoke(pending.refreshToken).catch((error: unknown) => {
        logger.warn('refresh token not revoked after enrolment', { error: error as Error });
      });
    }
  }

  app.get('/console/mfa', async (c) => {
    const pending = await pendingOf(c);
    if (!pending) return c.redirect('/console/sign-in?reason=failed', 303);
    return show(c, pending);
  });

  app.post('/console/mfa', async (c) => {
    const pending = await pendingOf(c);
    if (!pending) return c.redirect('/console/sign-in?reason=failed', 303);
    const form = await c.req.parseBody();
    const code = typeof form.code === 'string' ? form.code.replace(/\s/g, '') : '';
    const m = text[pending.locale];
    if (!/^\d{6}$/.test(code)) {
      c.status(422);
      return show(c, pending, m.format);
    }
    const giveUp = async () => {
      await end(c, pending);
      return c.redirect('/console/sign-in?reason=mfa-attempts', 303);
    };
    const attempt = await deps.enrolments.spendAttempt(pending.idHash);
    if (attempt === undefined) return giveUp();
    let outcome: Awaited<ReturnType<TotpEnrolment['verify']>>;
    try {
      outcome = await deps.totp.verify(pending.accessToken, code);
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      await end(c, pending);
      return c.redirect('/console/sign-in?reason=failed', 303);
    }
    if (outcome === 'mismatch') {
      if (attempt >= enrolmentAttempts) return giveUp();
      c.status(422);
      return show(c, pending, `${m.mismatch} ${m.attemptsLeft(enrolmentAttempts - attempt)}`);
    }
    await end(c, pending);
    await deps.audit.record({ action: 'mfa-enrolment', actor: { sub: pending.sub, role: pending.role } });
    // Through the provider's logout: its own session did not ask for a code, the next sign-in will.
    const origin = new URL(deps.callbackUrl ?? c.req.url).origin;
    const enrolled = `${origin}/console/sign-in?reason=mfa-enrolled`;
    return c.redirect(deps.signIn.signOutUrl?.(enrolled) ?? '/console/sign-in?reason=mfa-enrolled', 303);
  });

  return app;
}
