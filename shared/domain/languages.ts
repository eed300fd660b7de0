/**
 * The languages the CRM writes to people in (ISO 639-1): contacts', members', campaign variants'.
 * Apart from the member schema so that what needs only the list (a public page, a stored recipient)
 * does not bundle the schemas.
 */
export const languages = ['ru', 'vi', 'en'] as const;
export type Language = (typeof languages)[number];
