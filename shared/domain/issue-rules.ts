/**
 * The schemas' own checks, by name: what zod's issue codes cannot say (a tax id's check digit, two
 * contacts sharing an address). A custom issue carries its rule's name and values in `params`, so
 * the console says it in the reader's language (console/i18n/zod-messages.ts, and the campaigns' pages
 * for a template's rules: between them, their types require every rule here); the API answers the
 * English `message` beside it.
 */
export interface IssueRules extends TemplateRules {
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
