import { type Locale, locales } from '../i18n/locales.ts';

/**
 * The page sign-out ends on, in the reader's language: no session is left to say it, so its address
 * does (the sign-in page takes `lang`, one of the three or none).
 */
export const signedOutPath = (locale: Locale) => `/console/sign-in?reason=signed-out&lang=${locale}`;

/**
 * Every address sign-out may end on: the identity provider's logout returns only to those registered
 * with it, query and all (infra/cdk/stateful-stack.ts).
 */
export const signedOutPaths: readonly string[] = locales.map(signedOutPath);
