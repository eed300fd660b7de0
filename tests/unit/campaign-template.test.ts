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

  it('allows only URL fields inside an HTML tag, and only in the HTML body', () => {
    expect(messages('<a href="{{companyName}}">x</a>')[0]).toContain('inside an HTML tag');
    expect(messages('<img alt={{tier}}>')[0]).toContain('inside an HTML tag');
    expect(messages('<p title="a>b">{{companyName}}</p>')).toEqual([]);
    expect(messages('<{{companyName}}>', 'text')).toEqual([]);
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
