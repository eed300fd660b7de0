/**
 * The schemas' own checks and the services' refusals, by name: what zod's issue codes cannot say (a
 * tax id's check digit, two contacts sharing an address, no exchange rate in force). A custom issue
 * carries its rule's name and values in `params`, a service's field error in its `reason`, so the
 * console says it in the reader's language (console/i18n/zod-messages.ts; a template's rules the
 * campaigns' pages, a CSV's the import page: between them, their types require every rule here); the
 * API answers the English `message` beside it.
 */
export interface IssueRules extends TemplateRules, ImportRules {
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
  /** The services' refusals a valid form can still meet: what the data says, not the schema. */
  noRateToday: { currency: string };
  noRateOnDay: { currency: string; day: string };
  tooLargeToConvert: { currency: string };
  noSharedTopic: Record<string, never>;
  lostWithoutReason: Record<string, never>;
  heldTaxId: Record<string, never>;
  heldEmail: Record<string, never>;
  resignedAdminOnly: Record<string, never>;
}

/** A member CSV's header and rows (members/member-csv.ts): only the import page says them. */
export interface ImportRules {
  unknownColumn: Record<string, never>;
  unknownContactColumn: { slots: number; fields: string };
  unnamedColumn: Record<string, never>;
  columnTwice: Record<string, never>;
  columnMissing: Record<string, never>;
  bothMoneyColumns: { field: string };
  allContactColumns: { slot: number; missing: string };
  emptyFile: Record<string, never>;
  yesOrNo: Record<string, never>;
  currencyWithAmount: Record<string, never>;
  amountWithCurrency: Record<string, never>;
  currencyChoice: { currencies: string };
  amountFormat: { currency: string; example: string };
  noMinorUnit: { currency: string };
  minorDigits: { currency: string; digits: number };
  amountTooLarge: Record<string, never>;
  taxIdOnOtherLines: { lines: string };
  erasedSinceUpload: Record<string, never>;
  changedDuringImport: Record<string, never>;
  notWrittenTryAgain: Record<string, never>;
}

/** A campaign template's rules (campaigns/campaign-template.ts): only the campaigns' pages say them. */
export interface TemplateRules {
  subjectOneLine: Record<string, never>;
  controlCharacters: Record<string, never>;
  /** `detail`: the template parser's own words. */
  templateSyntax: { detail: string };
  refusedTag: { at: number; tag: RefusedTag };
  unknownField: { field: string; known: string };
  unsafePlace: { field: string } & UnsafePlace;
  notUrlField: { field: string; urlFields: string };
}

/** Mustache tags a campaign template may not use: unescaped output, partials, delimiter changes. */
export type RefusedTag = '&' | '>' | '=';

/** Where in a campaign's HTML a merge field may not stand: escaping cannot protect it there. */
export type UnsafePlace =
  | { in: 'comment' | 'declaration' }
  | { in: 'tag' | 'attributeName' | 'unquotedValue' | 'rawText'; element: string }
  | { in: 'partOfUrl' | 'attribute'; element: string; attribute: string };

export type IssueRule = keyof IssueRules;

/** A rule's name with the values its message names. */
export type RuleParams<R extends IssueRule = IssueRule> = { [K in R]: { rule: K } & IssueRules[K] }[R];

/**
 * Why a field was refused, as any language can say it: a zod issue's kind and bound, or a named rule.
 * A field error carries it beside its English message so the console can translate; it holds no input
 * (that may be personal data), and the API leaves it out (its contract is the message).
 */
export type FieldReason =
  | { code: 'required' | 'type' | 'integer' | 'email' | 'url' | 'date' | 'phone' | 'format' | 'invalid' }
  /** The values allowed, for where no list is on screen (a CSV file's cell). */
  | { code: 'choice'; values?: string }
  | { code: 'tooShort' | 'tooLong' | 'tooSmall' | 'tooBig' | 'tooFew' | 'tooMany'; limit: number }
  | { code: 'unknownKeys'; keys: string }
  | { code: 'rule'; params: RuleParams };

/** A field error's reason for a named rule. */
export function ruleReason<R extends IssueRule>(
  rule: R,
  ...values: IssueRules[R] extends Record<string, never> ? [] : [IssueRules[R]]
): FieldReason {
  return { code: 'rule', params: ruleParams(rule, ...values) as RuleParams };
}

/** A custom issue's `params`: the rule, and the values its message names. */
export function ruleParams<R extends IssueRule>(
  rule: R,
  ...values: IssueRules[R] extends Record<string, never> ? [] : [IssueRules[R]]
): { rule: R } & IssueRules[R] {
  return { rule, ...values[0] } as { rule: R } & IssueRules[R];
}

/** What each refused tag is, in English (the API's message). */
export const refusedTagInEnglish: Record<RefusedTag, string> = {
  '&': 'unescaped output ({{{…}}} or {{&…}}) is not allowed',
  '>': 'partials ({{>…}}) are not allowed',
  '=': 'changing the delimiters ({{=…=}}) is not allowed',
};

/** An unsafe place in English (the API's message). */
export function unsafePlaceInEnglish(where: UnsafePlace): string {
  switch (where.in) {
    case 'comment':
      return 'in an HTML comment';
    case 'declaration':
      return 'in a declaration';
    case 'tag':
      return `inside the <${where.element}> tag`;
    case 'attributeName':
      return `in an attribute name of <${where.element}>`;
    case 'unquotedValue':
      return `in an unquoted value of <${where.element}>`;
    case 'rawText':
      return `inside <${where.element}>`;
    case 'partOfUrl':
      return `inside ${where.attribute}="…" of <${where.element}> (only as its whole value)`;
    case 'attribute':
      return `inside the ${where.attribute} attribute of <${where.element}>`;
  }
}

/**
 * A 409's rule by the field it names: the uniqueness guards name the tax id, or the contact's email,
 * that another company holds.
 */
export function heldReason(conflict: { field?: string | undefined }): FieldReason | undefined {
  if (conflict.field === 'taxId') return ruleReason('heldTaxId');
  if (conflict.field?.endsWith('.email')) return ruleReason('heldEmail');
  return undefined;
}
