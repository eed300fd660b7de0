import type { Context } from 'hono';
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { ConsoleEnv, Section } from './console-env.ts';
import { commonMessages } from './i18n/common-messages.ts';
import { type Locale, languageNames, locales } from './i18n/locales.ts';
import { readablePath } from './readable-path.ts';

/** htmx 2 without what a strict CSP forbids: no eval, no injected <style>, no inline scripts. */
const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
});

const sections: readonly Exclude<Section, 'audit' | 'staff' | 'settings'>[] = [
  'members',
  'partners',
  'leads',
  'campaigns',
  'events',
  'reports',
];

/** The console's languages, each named in itself, the reader's selected. */
export const LocaleOptions: FC<{ locale: Locale }> = ({ locale }) => (
  <>
    {locales.map((l) => (
      <option value={l} selected={l === locale} lang={l}>
        {languageNames[l]}
      </option>
    ))}
  </>
);

/** The language picker: a form, so it works without script; the choice is kept with the user. */
const LanguageForm: FC<{ locale: Locale; returnTo: string }> = ({ locale, returnTo }) => {
  const m = commonMessages[locale];
  return (
    <form method="post" action="/console/settings/locale" class="language">
      <input type="hidden" name="return" value={returnTo} />
      <label>
        <span class="visually-hidden">{m.language}</span>
        <select name="locale" aria-label={m.language}>
          <LocaleOptions locale={locale} />
        </select>
      </label>
      <button type="submit" class="secondary outline">
        {m.change}
      </button>
    </form>
  );
};

export const ShortcutsDialog: FC<{ locale: Locale }> = ({ locale }) => {
  const m = commonMessages[locale];
  const keys: [string, string][] = [
    ['/', m.shortcutSearch],
    ['g m', m.shortcutMembers],
    ['g p', m.shortcutPartners],
    ['g l', m.shortcutLeads],
    ['g c', m.shortcutCampaigns],
    ['?', m.shortcutHelp],
  ];
  return (
    <dialog id="shortcuts" aria-labelledby="shortcuts-title">
      <article>
        <h2 id="shortcuts-title">{m.shortcuts}</h2>
        <table>
          <tbody>
            {keys.map(([key, what]) => (
              <tr>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{m.shortcutsAnyLayout}</p>
        <form method="dialog">
          <button type="submit">{m.close}</button>
        </form>
      </article>
    </dialog>
  );
};

/**
 * The page around every console view: header with the sections, the language picker and sign-out, and
 * the two scripts every page loads (htmx and the console's own), each with the response's CSP nonce.
 * Pages that need more (the board's drag and drop) add their script in their own content.
 */
export const Layout = ({
  c,
  title,
  section,
  children,
}: PropsWithChildren<{ c: Context<ConsoleEnv>; title: string; section?: Section }>) => {
  const locale = c.get('locale');
  const session = c.get('session');
  const urls = c.get('assetUrls');
  const nonce = c.get('secureHeadersNonce');
  const m = commonMessages[locale];
  const returnTo = readablePath(c);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={htmxConfig} />
        <title>{`${title} · ${m.product}`}</title>
        <link rel="stylesheet" href={urls['pico.css']} />
        <link rel="stylesheet" href={urls['console.css']} />
        <script nonce={nonce} src={urls['htmx.js']} defer />
        <script nonce={nonce} src={urls['console.js']} defer />
      </head>
      <body data-shortcuts={session && session.shortcuts === false ? 'off' : 'on'}>
        <a class="skip" href="#main">
          {m.skip}
        </a>
        {session ? (
          <header class="container-fluid">
            <nav aria-label={m.nav}>
              <ul>
                <li>
                  <strong>{m.product}</strong>
                </li>
              </ul>
              <ul>
                {sections.map((s) => (
                  <li>
                    <a href={`/console/${s}`} aria-current={s === section ? 'page' : undefined}>
                      {m[s]}
                    </a>
                  </li>
                ))}
                {session.role === 'admin'
                  ? (['staff', 'audit'] as const).map((s) => (
                      <li>
                        <a href={`/console/${s}`} aria-current={s === section ? 'page' : undefined}>
                          {m[s]}
                        </a>
                      </li>
                    ))
                  : null}
                <li>
                  <a href="/console/settings" aria-current={section === 'settings' ? 'page' : undefined}>
                    {m.settings}
                  </a>
                </li>
              </ul>
              <ul>
                <li>
                  <LanguageForm locale={locale} returnTo={returnTo} />
                </li>
                <li>
                  <form method="post" action="/console/sign-out">
                    <input type="hidden" name="locale" value={locale} />
                    <button type="submit" class="secondary" title={m.signedInAs(session.name)}>
                      {m.signOut}
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          </header>
        ) : null}
        <main id="main" class="container-fluid" tabindex={-1}>
          {children as Child}
        </main>
        {session ? <ShortcutsDialog locale={locale} /> : null}
      </body>
    </html>
  );
};
