import { describe, expect, it } from 'vitest';
import { directoryMessages } from '../../shared/console/pages/directory/directory-messages.ts';
import { directoryView, refusalOf } from '../../shared/console/pages/directory/directory-view.ts';
import { withoutShortSearch } from '../../shared/console/pages/short-search.ts';

describe('why the directory cannot list a view, in the reader’s language', () => {
  it('refuses no combination of filters: a combination refused was its page link', () => {
    expect(refusalOf({ country: 'RU', tier: 'gold', status: 'active' }, directoryMessages.ru)).toBe(
      directoryMessages.ru.staleLink,
    );
    expect(refusalOf({ region: 'VN-HN', interest: 'logistics' }, directoryMessages.vi)).toBe(
      directoryMessages.vi.staleLink,
    );
  });

  it('tells a search with the interest filter from anything else, a stale page link', () => {
    expect(refusalOf({ q: 'влад', interest: 'logistics' }, directoryMessages.ru)).toBe(
      directoryMessages.ru.searchWithInterest,
    );
    expect(refusalOf({ q: 'влад', status: 'active', country: 'RU' }, directoryMessages.ru)).toBe(
      directoryMessages.ru.staleLink,
    );
    expect(refusalOf({ country: 'VN' }, directoryMessages.vi)).toBe(directoryMessages.vi.staleLink);
  });
});

describe('a name search too short to run', () => {
  const view = (query: string) => withoutShortSearch(directoryView(new URLSearchParams(query), 'ru'));

  it('is left out of the view, which keeps its filters, and the reader is told', () => {
    for (const q of ['в', '---', '«»', 'C+', '😀']) {
      const { view: shown, searchTooShort } = view(`q=${encodeURIComponent(q)}&country=VN&tier=small`);
      expect(searchTooShort, q).toBe(true);
      expect(shown.ok && shown.filters).toEqual({ country: 'VN', tier: 'small' });
      expect(shown.ok && shown.query).toBe('tier=small&country=VN');
    }
  });

  it('of 2 letters or digits runs, with its filters', () => {
    const { view: shown, searchTooShort } = view('q=%D0%B2%D0%BB&status=active');
    expect(searchTooShort).toBe(false);
    expect(shown.ok && shown.filters).toEqual({ q: 'вл', status: 'active' });
  });
});
