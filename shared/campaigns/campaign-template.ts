import Mustache from 'mustache';

/**
 * Campaign templates: mustache, which is logic-less (its parse tree lists every variable, and nothing
 * in a template can run code). Allowed: text, `{{field}}`, sections `{{#field}}…{{/field}}` and
 * inverted sections on the same fields (text shown only when a field is set, or not), comments.
 * Refused: `{{{field}}}` and `{{&field}}` (unescaped output), partials, and delimiter changes.
 */

/** What a merge field is filled with, per recipient. `url` fields are the only ones allowed in attributes. */
export const mergeFields = {
  companyName: 'text',
  contactName: 'text',
  tier: 'text',
  country: 'text',
  region: 'text',
  website: 'url',
  unsubscribeUrl: 'url',
} as const;
export type MergeField = keyof typeof mergeFields;
export type MergeValues = Partial<Record<MergeField, string>>;

/** The parts of one language variant; only `html` is escaped for HTML. */
export type TemplatePart = 'subject' | 'html' | 'text';

export interface TemplateProblem {
  part: TemplatePart;
  message: string;
}

type Token = [type: string, value: string, start: number, end: number, children?: Token[]];

const refusedTokens: Record<string, string> = {
  '&': 'unescaped output ({{{…}}} or {{&…}}) is not allowed',
  '>': 'partials ({{>…}}) are not allowed',
  '=': 'changing the delimiters ({{=…=}}) is not allowed',
};

const isMergeField = (name: string): name is MergeField => Object.hasOwn(mergeFields, name);

/**
 * Where in an HTML body each position is: inside a tag (`<a href="…">`) or in text. A merge field in
 * a tag lands in an attribute or in the tag itself, where only a checked URL is safe.
 */
function insideTagAt(html: string): (position: number) => boolean {
  // By UTF-16 index, as mustache reports positions; the characters that matter here are all ASCII.
  const inside: boolean[] = [];
  let inTag = false;
  let quote: string | undefined;
  for (let i = 0; i < html.length; i++) {
    const char = html[i];
    inside.push(inTag);
    if (!inTag) inTag = char === '<';
    else if (quote) quote = char === quote ? undefined : quote;
    else if (char === '"' || char === "'") quote = char;
    else if (char === '>') inTag = false;
  }
  return (position) => inside[position] ?? false;
}

/** Every problem of one template part, or none: unknown fields, refused constructs, syntax errors. */
export function templateProblems(template: string, part: TemplatePart): TemplateProblem[] {
  let tokens: Token[];
  try {
    // A fresh parse each time: mustache caches parse trees by template text, and a refused one must
    // never be rendered from that cache.
    tokens = Mustache.parse(template) as unknown as Token[];
  } catch (error) {
    return [{ part, message: `Template syntax: ${(error as Error).message}.` }];
  }
  const inTag = part === 'html' ? insideTagAt(template) : () => false;
  const problems: TemplateProblem[] = [];
  const visit = (list: Token[]) => {
    for (const [type, value, start, , children] of list) {
      if (type === 'text' || type === '!') continue;
      if (refusedTokens[type]) {
        problems.push({ part, message: `At ${start}: ${refusedTokens[type]}.` });
        continue;
      }
      if (!isMergeField(value)) {
        problems.push({
          part,
          message: `Unknown merge field {{${value}}}; known: ${Object.keys(mergeFields).join(', ')}.`,
        });
      } else if (inTag(start) && (type !== 'name' || mergeFields[value] !== 'url')) {
        problems.push({
          part,
          message: `{{${value}}} is inside an HTML tag, where only a URL field (${urlFields.join(', ')}) may go.`,
        });
      }
      if (children) visit(children);
    }
  };
  visit(tokens);
  return problems;
}

const urlFields = Object.entries(mergeFields)
  .filter(([, kind]) => kind === 'url')
  .map(([name]) => name);

/** A URL field's value as it may be rendered: an http(s) URL, or nothing. */
function checkedUrl(value: string | undefined): string {
  if (!value) return '';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

/**
 * Renders a template that `templateProblems` accepted. The HTML body is escaped for HTML; the subject
 * and the text body are not (they are not HTML). URL fields render only as http(s) URLs.
 */
export function renderTemplate(template: string, part: TemplatePart, values: MergeValues): string {
  const view: Record<string, string> = {};
  for (const field of Object.keys(mergeFields) as MergeField[]) {
    view[field] = mergeFields[field] === 'url' ? checkedUrl(values[field]) : (values[field] ?? '');
  }
  return Mustache.render(
    template,
    view,
    {},
    {
      escape: part === 'html' ? Mustache.escape : (value: string) => value,
    },
  );
}
