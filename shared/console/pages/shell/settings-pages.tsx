import { Hono } from 'hono';
import { BadRequestError } from '../../../domain/errors.ts';
import { offeredTimeZones } from '../../../events/zone-names.ts';
import { isTimeZone } from '../../../events/zoned-time.ts';
import { ZoneOptions } from '../../components/zone-options.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { defaultTimeZones, isLocale, type Locale } from '../../i18n/locales.ts';
import { defineMessages } from '../../i18n/messages.ts';
import { LocaleOptions } from '../../layout.tsx';
import { safeReturnPath } from '../../session/session-cookies.ts';
import type { SessionRepository } from '../../session/session-repository.ts';

const text = defineMessages({
  en: {
    title: 'Settings',
    language: 'Language of the console',
    timeZone: 'Show times in',
    timeZoneHint: 'When something was changed, sent or signed in. An event’s times stay in its own zone.',
    byLanguage: 'Follow the language: Moscow time for Russian, Vietnam time for Vietnamese, UTC for English',
    shortcuts:
      'Keyboard shortcuts: / search, g m members, g p partners, g l pipeline, g c campaigns, ? the list',
    kept: 'Your choices are kept for your next sign-in.',
  },
  ru: {
    title: 'Настройки',
    language: 'Язык консоли',
    timeZone: 'Показывать время в поясе',
    timeZoneHint:
      'Для времени изменений, отправки писем и входов. Время мероприятий — в их собственном поясе.',
    byLanguage: 'По языку: московское время для русского, вьетнамское для вьетнамского, UTC для английского',
    shortcuts:
      'Горячие клавиши: / — поиск, g m — участники, g p — партнёры, g l — сделки, g c — рассылки, ? — список',
    kept: 'Ваш выбор сохранится и при следующих входах.',
  },
  vi: {
    title: 'Cài đặt',
    language: 'Ngôn ngữ của bảng điều khiển',
    timeZone: 'Hiển thị giờ theo múi giờ',
    timeZoneHint: 'Thời điểm thay đổi, gửi, đăng nhập. Giờ của sự kiện vẫn theo múi giờ của sự kiện.',
    byLanguage: 'Theo ngôn ngữ: giờ Việt Nam cho tiếng Việt, giờ Moskva cho tiếng Nga, UTC cho tiếng Anh',
    shortcuts:
      'Phím tắt: / tìm kiếm, g m hội viên, g p đối tác, g l cơ hội hợp tác, g c chiến dịch, ? danh sách',
    kept: 'Lựa chọn của bạn được giữ cho lần đăng nhập sau.',
  },
});

/**
 * A zone the form names: any IANA zone (the list offers those of the association's regions), as the
 * list spells it, and UTC's other names as UTC (the formatters mark UTC times by that name); others as
 * ICU names them, so that one zone is kept one way.
 */
function timeZoneOf(value: unknown): string {
  if (typeof value !== 'string' || !isTimeZone(value)) throw new BadRequestError('Unknown time zone.');
  const offered = offeredTimeZones.find((zone) => zone.toLowerCase() === value.toLowerCase());
  return offered ?? new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
}

/** The user's own settings: language, time zone and shortcuts, kept with the user and applied to the session. */
export function settingsPages(deps: ConsolePageDeps, sessions: SessionRepository) {
  const app = new Hono<ConsoleEnv>();

  /**
   * Applies a change to the session and keeps it. A zone is chosen (a string), left to follow the
   * language (null: Moscow for Russian, Vietnam for Vietnamese, UTC for English), or not asked about
   * (undefined: the header's language switch), which keeps the user's kept choice, or moves an unchosen
   * zone with the language.
   */
  async function save(
    c: { get: <K extends 'session'>(key: K) => ConsoleEnv['Variables'][K] },
    { timeZone: asked, ...change }: { locale?: Locale; shortcuts?: boolean; timeZone?: string | null },
  ) {
    const session = c.get('session');
    const prefs = await deps.users.prefs(session.sub);
    const chosen = asked === undefined ? prefs?.timeZoneChosen === true : asked !== null;
    const timeZone =
      asked ??
      (chosen ? (prefs?.timeZone ?? session.timeZone) : defaultTimeZones[change.locale ?? session.locale]);
    const next = await sessions.touch(session, { ...change, timeZone });
    await deps.users.savePrefs(session.sub, {
      locale: next.locale,
      shortcuts: next.shortcuts,
      timeZone: next.timeZone,
      timeZoneChosen: chosen,
    });
  }

  app.get('/console/settings', async (c) => {
    const locale = c.get('locale');
    const session = c.get('session');
    // The zone kept with the user, not this session's: another session may have chosen since.
    const prefs = await deps.users.prefs(session.sub);
    const chosen = prefs?.timeZoneChosen === true ? prefs.timeZone : undefined;
    const m = text[locale];
    const saved = c.req.query('saved') !== undefined;
    return c.render(
      <article>
        <h1>{m.title}</h1>
        {saved ? <p role="status">{commonMessages[locale].saved}</p> : null}
        <form method="post" action="/console/settings">
          <label>
            {m.language}
            <select name="locale">
              <LocaleOptions locale={locale} />
            </select>
          </label>
          <label>
            {m.timeZone}
            <select name="timeZone" aria-describedby="time-zone-hint">
              <option value="" selected={chosen === undefined}>
                {m.byLanguage}
              </option>
              <ZoneOptions locale={locale} selected={chosen} utcValue="UTC" />
            </select>
          </label>
          <p>
            <small id="time-zone-hint">{m.timeZoneHint}</small>
          </p>
          <label>
            <input
              type="checkbox"
              role="switch"
              name="shortcuts"
              value="on"
              checked={session.shortcuts}
              aria-checked={session.shortcuts}
            />
            {m.shortcuts}
          </label>
          <p>
            <small>{m.kept}</small>
          </p>
          <button type="submit">{commonMessages[locale].save}</button>
        </form>
      </article>,
      { title: m.title, section: 'settings' },
    );
  });

  app.post('/console/settings', async (c) => {
    const form = await c.req.parseBody();
    await save(c, {
      ...(isLocale(form.locale) ? { locale: form.locale } : {}),
      ...(form.timeZone === undefined
        ? {}
        : { timeZone: form.timeZone === '' ? null : timeZoneOf(form.timeZone) }),
      shortcuts: form.shortcuts === 'on',
    });
    return c.redirect('/console/settings?saved', 303);
  });

  /** The header's language picker, on every page: back to the page it was posted from. */
  app.post('/console/settings/locale', async (c) => {
    const form = await c.req.parseBody();
    if (isLocale(form.locale)) await save(c, { locale: form.locale });
    return c.redirect(safeReturnPath(form.return), 303);
  });

  return app;
}
