import { describe, expect, it } from 'vitest';
import { directoryMessages } from '../../shared/console/pages/directory/directory-messages.ts';
import { refusalOf } from '../../shared/console/pages/directory/directory-view.ts';

describe('why the directory cannot list a view, in the reader’s language', () => {
  it('refuses no combination of filters: a combination refused was its page link', () => {
    expect(refusalOf({ country: 'RU', tier: 'gold', status: 'active' }, directoryMessages.ru)).toBe(
      directoryMessages.ru.staleLink,
    );
    expect(refusalOf({ region: 'VN-HN', interest: 'logistics' }, directoryMessages.vi)).toBe(
      directoryMessages.vi.staleLink,
    );
  });

  it('tells a search with filters from one too short, and anything else from a stale page link', () => {
    expect(refusalOf({ q: 'влад', status: 'active' }, directoryMessages.ru)).toBe(
      directoryMessages.ru.searchAlone,
    );
    expect(refusalOf({ q: 'в' }, directoryMessages.ru)).toBe(directoryMessages.ru.searchTooShort);
    expect(refusalOf({ country: 'VN' }, directoryMessages.vi)).toBe(directoryMessages.vi.staleLink);
    expect(refusalOf({ q: 'влад' }, directoryMessages.ru)).toBe(directoryMessages.ru.staleLink);
  });
});
