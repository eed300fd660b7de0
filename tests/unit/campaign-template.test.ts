import { describe, expect, it } from 'vitest';
import { renderTemplate, templateProblems } from '../../shared/campaigns/campaign-template.ts';

const messages = (template: string, part: 'subject' | 'html' | 'text' = 'html') =>
  templateProblems(template, part).map((p) => p.message);

describe('campaign templates', () => {
  it('accepts known merge fields, sections on them and comments', () => {
    expect(
      messages(
        '<p>Dear {{contactName}} of {{companyName}}{{#region}} ({{region}}){{/region}}{{! note }}</p>',
      ),
    ).toEqual([]);
    expect(messages('<a href="{{website}}">site</a> <a href="{{unsubscribeUrl}}">stop</a>')).toEqual([]);
  });

  it('names an unknown merge field, also inside a section', () => {
    expect(messages('Hello {{firstName}}', 'subject')).toEqual([
      expect.stringContaining('Unknown merge field {{firstName}}'),
    ]);
    expect(messages('{{#region}}{{province}}{{/region}}')).toEqual([expect.stringContaining('{{province}}')]);
  });

  it('refuses unescaped output, partials and delimiter changes', () => {
    expect(messages('{{{companyName}}}')[0]).toContain('unescaped output');
    expect(messages('{{&companyName}}')[0]).toContain('unescaped output');
    expect(messages('{{> footer}}')[0]).toContain('partials');
    expect(messages('{{=<% %>=}}')[0]).toContain('delimiters');
  });

  it('reports a syntax error instead of throwing', () => {
    expect(messages('{{#region}} unclosed')[0]).toMatch(/^Template syntax: /);
    expect(messages('{{companyName')[0]).toMatch(/^Template syntax: /);
  });

  it('allows a field in HTML text, and a URL field only as the whole quoted href or src', () => {
    expect(messages('<a href="{{website}}">{{companyName}}</a><img src=\'{{website}}\'>')).toEqual([]);
    expect(messages('<p title="a>b">{{companyName}}</p> 1 < 2 {{tier}}')).toEqual([]);
    expect(messages('<{{companyName}}>', 'text')).toEqual([]);
    const refused = [
      '<a href="{{companyName}}">x</a>',
      '<img alt={{tier}}>',
      '<img alt="{{tier}}">',
      '<a href="{{website}}/x">x</a>',
      '<a href={{website}}>x</a>',
      '<div style="{{website}}">x</div>',
      '<a onclick="{{website}}">x</a>',
      '<a {{#website}}href="{{website}}"{{/website}}>x</a>',
      '<a href={{!>}}{{contactName}}>site</a>',
      `<a x'=1 y="'>" href={{contactName}}>x</a>`,
      '<script>var n = {{companyName}};</script>',
      '<SCRIPT>var n = 1;</script >{{tier}}<style>p{color:{{tier}}}</style>',
      '<!-- {{companyName}} -->',
      '<title>{{companyName}}</title>',
    ];
    for (const template of refused) {
      expect(messages(template).length, template).toBeGreaterThan(0);
    }
    expect(messages('<a href="{{companyName}}">x</a>')[0]).toContain("link's address");
    expect(messages('<script>{{companyName}}</script>')[0]).toContain('inside <script>');
  });

  it('keeps a subject to one line, and control characters out', () => {
    expect(messages('Hello\n{{companyName}}', 'subject')[0]).toBe('A subject is one line.');
    expect(renderTemplate('About {{companyName}}', 'subject', { companyName: 'A\nB' })).toBe('About A B');
    expect(messages(`a${String.fromCharCode(1)}0${String.fromCharCode(2)}`)[0]).toContain(
      'control characters',
    );
  });

  it('escapes for HTML in the HTML body only, and renders URL fields only as http(s) URLs', () => {
    const values = { companyName: 'A&B <Ltd>', website: 'javascript:alert(1)' };
    expect(renderTemplate('<b>{{companyName}}</b>', 'html', values)).toBe('<b>A&amp;B &lt;Ltd&gt;</b>');
    expect(renderTemplate('About {{companyName}}', 'subject', values)).toBe('About A&B <Ltd>');
    expect(renderTemplate('{{companyName}}', 'text', values)).toBe('A&B <Ltd>');
    expect(renderTemplate('<a href="{{website}}">x</a>', 'html', values)).toBe('<a href="">x</a>');
    expect(renderTemplate('{{website}}', 'text', { website: 'https://example.vn/a b' })).toBe(
      'https://example.vn/a%20b',
    );
    expect(renderTemplate('[{{#region}}{{region}}{{/region}}{{^region}}none{{/region}}]', 'text', {})).toBe(
      '[none]',
    );
  });
});
