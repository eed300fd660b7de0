import type { FC } from 'hono/jsx';
import { formatMoney } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { memberMessages } from './member-messages.ts';

/** What every section of a member's record is made of. */

export const recordPath = (id: string) => `/console/members/${id}`;

type Money = { amount: number; currency: string };
export const money = (locale: Locale, value: Money) =>
  formatMoney(locale, value as Parameters<typeof formatMoney>[1]);

export const Section: FC<{ id: string; title: string; children?: unknown }> = ({ id, title, children }) => (
  <section id={id} aria-labelledby={`${id}-title`}>
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);

export const NextPage: FC<{ href: string | undefined; locale: Locale }> = ({ href, locale }) =>
  href ? (
    <p>
      <a href={href}>{memberMessages[locale].morePages}</a>
    </p>
  ) : null;
