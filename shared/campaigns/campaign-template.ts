import Mustache from 'mustache';
import {
  type IssueRule,
  type RefusedTag,
  refusedTagInEnglish,
  ruleParams,
  type UnsafePlace,
  unsafePlaceInEnglish,
} from '../domain/issue-rules.ts';

/**
 * Campaign templates: mustache, which is logic-less (its parse tree lists every variable, and nothing
 * in a template can run code). Allowed: text, `{{field}}`, sections `{{#field}}…{{/field}}` and
 * inverted sections on the same fields (text shown only when a field is set, or not), comments.
 * Refused: `{{{field}}}` and `{{&field}}` (unescaped output), partials, and delimiter changes.
 *
 * In the HTML body, HTML escaping keeps a value from becoming markup in text and in quoted attribute
 * values, but nowhere else: so a merge field may stand in text, or, for a URL field, as the whole
 * quoted value of `href` or `src`. Anything else (unquoted values, other attributes such as `style`
 * or `on…`, tag names, `<script>`, `<style>`, comments, sections inside a tag) is refused at save.
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
  /** The rule it breaks, with the values its message names: for the reader's language. */
  params: { rule: IssueRule };
}

type Token = [type: string, value: string, start: number, end: number, children?: Token[]];

/**
 * A writer of our own with no parse cache: mustache's default one keeps every template it ever
 * parsed, refused ones included, for the life of the process.
 */
const writer = new Mustache.Writer();
(writer as { templateCache?: unknown }).templateCache = undefined;

const isRefusedTag = (type: string): type is RefusedTag => Object.hasOwn(refusedTagInEnglish, type);

const isMergeField = (name: string): name is MergeField => Object.hasOwn(mergeFields, name);
const urlFields = Object.entries(mergeFields)
  .filter(([, kind]) => kind === 'url')
  .map(([name]) => name);

/** Where a merge field stands in the HTML, as far as escaping is concerned. */
type HtmlPlace = { kind: 'text' } | { kind: 'url-attribute' } | { kind: 'refused'; where: UnsafePlace };

/**
 * The HTML body with each mustache tag replaced by a marker and its comments dropped,
 * scanned the way a browser tokenizes it: text, tags with their attributes (quoted or not), comments,
 * and the raw-text elements whose contents escaping does not protect.
 */
// Markers for merge fields in the skeleton: control characters, which no stored template holds (text()
// refuses them, and templateProblems checks again).
const markOpen = String.fromCharCode(1);
const markClose = String.fromCharCode(2);
const markerAtStart = new RegExp(`^${markOpen}(\\d+)${markClose}`);
const wholeMarker = new RegExp(`^${markOpen}(\\d+)${markClose}$`);
const markers = () => new RegExp(`${markOpen}(\\d+)${markClose}`, 'g');

function htmlPlaces(tokens: Token[]): Map<number, HtmlPlace> {
  const fields: Token[] = [];
  let skeleton = '';
  const flatten = (list: Token[]) => {
    for (const token of list) {
      const [type, value, , , children] = token;
      if (type === 'text') skeleton += value;
      else if (type !== '!') {
        skeleton += `${markOpen}${fields.length}${markClose}`;
        fields.push(token);
        if (children) {
          flatten(children);
          // The closing tag of a section is a place of its own.
          skeleton += `${markOpen}${fields.length}${markClose}`;
          fields.push(token);
        }
      }
    }
  };
  flatten(tokens);

  const places = new Map<number, HtmlPlace>();
  const rawText = /^(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)$/i;
  let i = 0;
  const placeAt = (place: HtmlPlace) => {
    const match = markerAtStart.exec(skeleton.slice(i));
    if (!match) return false;
    if (!places.has(Number(match[1]))) places.set(Number(match[1]), place);
    i += match[0].length;
    return true;
  };
  const refusedUntil = (end: RegExp, where: UnsafePlace) => {
    const found = end.exec(skeleton.slice(i));
    const to = found ? i + found.index + found[0].length : skeleton.length;
    for (const match of skeleton.slice(i, to).matchAll(markers())) {
      places.set(Number(match[1]), { kind: 'refused', where });
    }
    i = to;
  };

  while (i < skeleton.length) {
    if (placeAt({ kind: 'text' })) continue;
    if (skeleton.startsWith('<!--', i)) {
      refusedUntil(/-->/, { in: 'comment' });
      continue;
    }
    const open = new RegExp(`^<(\\/?)([a-zA-Z][^\\s/>${markOpen}]*)`).exec(skeleton.slice(i));
    if (!open) {
      // `<` not starting a tag (`a < b`, `<!doctype>` aside) is text; so is everything else.
      if (skeleton.startsWith('<!', i) || skeleton.startsWith('<?', i))
        refusedUntil(/>/, { in: 'declaration' });
      else i++;
      continue;
    }
    const name = open[2]!;
    i += open[0].length;
    // Attributes up to `>`: each name, and its value quoted, unquoted or absent.
    while (i < skeleton.length && skeleton[i] !== '>') {
      if (/\s|\//.test(skeleton[i]!)) {
        i++;
        continue;
      }
      if (placeAt({ kind: 'refused', where: { in: 'tag', element: name } })) continue;
      const attribute = new RegExp(`^[^\\s/>=${markOpen}]+`).exec(skeleton.slice(i));
      const attributeName = attribute ? attribute[0].toLowerCase() : '';
      i += attribute ? attribute[0].length : 1;
      // A marker right after the name is part of it.
      if (placeAt({ kind: 'refused', where: { in: 'attributeName', element: name } })) continue;
      while (/\s/.test(skeleton[i] ?? '')) i++;
      if (skeleton[i] !== '=') continue;
      i++;
      while (/\s/.test(skeleton[i] ?? '')) i++;
      const quote = skeleton[i];
      if (quote === '"' || quote === "'") {
        const close = skeleton.indexOf(quote, i + 1);
        const end = close < 0 ? skeleton.length : close;
        const value = skeleton.slice(i + 1, end);
        const whole = wholeMarker.exec(value);
        const urlAttribute = attributeName === 'href' || attributeName === 'src';
        for (const match of value.matchAll(markers())) {
          places.set(
            Number(match[1]),
            whole && urlAttribute
              ? { kind: 'url-attribute' }
              : {
                  kind: 'refused',
                  where: {
                    in: urlAttribute ? 'partOfUrl' : 'attribute',
                    element: name,
                    attribute: attributeName,
                  },
                },
          );
        }
        i = end + 1;
      } else {
        const value = /^[^\s>]*/.exec(skeleton.slice(i))![0];
        for (const match of value.matchAll(markers())) {
          places.set(Number(match[1]), { kind: 'refused', where: { in: 'unquotedValue', element: name } });
        }
        i += value.length;
      }
    }
    i++;
    if (!open[1] && rawText.test(name))
      refusedUntil(new RegExp(`</${name}`, 'i'), { in: 'rawText', element: name });
  }
  // By the token's position; a section's opening and closing tags count as one, at the worse place.
  const rank = { text: 0, 'url-attribute': 1, refused: 2 } as const;
  const byStart = new Map<number, HtmlPlace>();
  for (const [index, place] of places) {
    const start = fields[index]![2];
    const known = byStart.get(start);
    if (!known || rank[place.kind] > rank[known.kind]) byStart.set(start, place);
  }
  return byStart;
}

/** Every problem of one template part, or none: unknown fields, refused constructs, syntax errors. */
export function templateProblems(template: string, part: TemplatePart): TemplateProblem[] {
  if (part === 'subject' && /[\r\n]/.test(template)) {
    return [{ part, message: 'A subject is one line.', params: ruleParams('subjectOneLine') }];
  }
  if (template.includes(markOpen) || template.includes(markClose)) {
    return [
      { part, message: 'Must not contain control characters.', params: ruleParams('controlCharacters') },
    ];
  }
  let tokens: Token[];
  try {
    tokens = writer.parse(template) as Token[];
  } catch (error) {
    const detail = (error as Error).message;
    return [
      { part, message: `Template syntax: ${detail}.`, params: ruleParams('templateSyntax', { detail }) },
    ];
  }
  const places = part === 'html' ? htmlPlaces(tokens) : new Map<number, HtmlPlace>();
  const problems: TemplateProblem[] = [];
  const visit = (list: Token[]) => {
    for (const [type, value, start, , children] of list) {
      if (type === 'text' || type === '!') continue;
      if (isRefusedTag(type)) {
        problems.push({
          part,
          message: `At ${start}: ${refusedTagInEnglish[type]}.`,
          params: ruleParams('refusedTag', { at: start, tag: type }),
        });
        continue;
      }
      if (!isMergeField(value)) {
        const known = Object.keys(mergeFields).join(', ');
        problems.push({
          part,
          message: `Unknown merge field {{${value}}}; known: ${known}.`,
          params: ruleParams('unknownField', { field: value, known }),
        });
      }
      const place = places.get(start) ?? { kind: 'text' };
      if (place.kind === 'refused') {
        problems.push({
          part,
          message: `{{${value}}} is ${unsafePlaceInEnglish(place.where)}, where escaping cannot protect it.`,
          params: ruleParams('unsafePlace', { field: value, ...place.where }),
        });
      } else if (
        place.kind === 'url-attribute' &&
        (type !== 'name' || mergeFields[value as MergeField] !== 'url')
      ) {
        const known = urlFields.join(', ');
        problems.push({
          part,
          message: `{{${value}}} is a link's address, where only a URL field (${known}) may go.`,
          params: ruleParams('notUrlField', { field: value, urlFields: known }),
        });
      }
      if (children) visit(children);
    }
  };
  visit(tokens);
  return problems;
}

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
 * and the text body are not (they are not HTML), and line breaks in values never reach a subject.
 * URL fields render only as http(s) URLs.
 */
export function renderTemplate(template: string, part: TemplatePart, values: MergeValues): string {
  const view: Record<string, string> = {};
  for (const field of Object.keys(mergeFields) as MergeField[]) {
    const value = mergeFields[field] === 'url' ? checkedUrl(values[field]) : (values[field] ?? '');
    view[field] = part === 'subject' ? value.replace(/[\r\n]+/g, ' ') : value;
  }
  return writer.render(
    template,
    view,
    {},
    {
      escape: part === 'html' ? Mustache.escape : (value: string) => value,
    },
  );
}
