import type { Principal } from '../identity/principal.ts';
import type { AssetName } from './assets/asset-catalog.ts';
import type { Locale } from './i18n/locales.ts';
import type { ConsoleSession } from './session/session-repository.ts';

/** What every console handler can read from its context. */
export interface ConsoleEnv {
  Variables: {
    /** Absent only on the allow-listed routes (sign-in, callback, assets). */
    session: ConsoleSession;
    /** The same principal the API's services take, so one rule decides access for both. */
    principal: Principal;
    locale: Locale;
    /** The reader's time zone (a setting; UTC until chosen): where system times are shown. */
    timeZone: string;
    assetUrls: Record<AssetName, string>;
    /** Set by `secureHeaders`' NONCE: the one value the CSP lets scripts carry. */
    secureHeadersNonce?: string;
  };
}

/** The sections of the console, as the header's navigation names them. */
export type Section =
  | 'members'
  | 'partners'
  | 'leads'
  | 'campaigns'
  | 'events'
  | 'reports'
  | 'audit'
  | 'staff'
  | 'settings';

declare module 'hono' {
  // An interface, not a function type: only an interface merges with Hono's own declaration.
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: declaration merging needs the interface form.
    (
      content: string | Promise<string>,
      props: { title: string; section?: Section },
    ): Response | Promise<Response>;
  }
}
