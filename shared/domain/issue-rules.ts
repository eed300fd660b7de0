/**
 * The schemas' own checks, by name: what zod's issue codes cannot say (a tax id's check digit, two
 * contacts sharing an address). A custom issue carries its rule's name and values in `params`, so
 * the console says it in the reader's language (console/i18n/zod-messages.ts, which must cover every
 * rule here); the API answers the English `message` beside it.
 */
export interface IssueRules {
  unknownCountry: Record<string, never>;
  unknownSubdivision: Record<string, never>;
  regionOutsideCountry: { country: string };
  innLength: Record<string, never>;
  innCheckDigits: Record<string, never>;
  mstLength: Record<string, never>;
  mstCheckDigit: Record<string, never>;
  taxIdFormat: Record<string, never>;
  contactTwice: Record<string, never>;
  emailTwice: Record<string, never>;
  noLanguage: Record<string, never>;
  timeZone: Record<string, never>;
  oneCompany: Record<string, never>;
  meetsItself: Record<string, never>;
  slotWithTable: Record<string, never>;
  outcomeWithoutMeeting: Record<string, never>;
}

export type IssueRule = keyof IssueRules;

/** A custom issue's `params`: the rule, and the values its message names. */
export function ruleParams<R extends IssueRule>(
  rule: R,
  ...values: IssueRules[R] extends Record<string, never> ? [] : [IssueRules[R]]
): { rule: R } & IssueRules[R] {
  return { rule, ...values[0] } as { rule: R } & IssueRules[R];
}
