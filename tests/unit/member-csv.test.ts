import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadRequestError, PayloadTooLargeError, ValidationError } from '../../shared/domain/errors.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import {
  currencies,
  currencyMinorDigits,
  formatMajorUnits,
  parseMajorUnits,
} from '../../shared/domain/money.ts';
import {
  type CsvRow,
  columnOf,
  csvImportLimits,
  decodeCell,
  detectDelimiter,
  encodeCell,
  layoutColumns,
  membersToCsv,
  parseMemberCsv,
  quotableValue,
  rowToPatch,
} from '../../shared/members/member-csv.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const header = 'name,country,taxId,sectors';

function cellsOf(row: CsvRow | undefined): ReadonlyMap<string, string> {
  if (!row || 'error' in row) throw new Error(`expected cells, got ${JSON.stringify(row)}`);
  return row.cells;
}

function headerError(text: string): ValidationError {
  try {
    parseMemberCsv(encode(text));
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const member: Member = {
  id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
  name: 'ООО «Владкон», "Вода; и стоки"',
  country: 'RU',
  region: 'RU-VLA',
  taxId: '3328101380',
  sectors: ['industrial-water-treatment', 'energy'],
  interests: [],
  targetMarkets: [],
  languages: ['ru', 'en'],
  offers: [],
  needs: [],
  matchmakingVisible: false,
  description: '=HYPERLINK("http://evil")\nвторая строка',
  status: 'active',
  joinedOn: '2024-03-01',
  verifiedRevenue: { amount: 45_000_000_005, currency: 'RUB' },
  tier: 'small',
  contacts: [
    {
      id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Z',
      name: 'Ирина Соколова',
      email: 'i.sokolova@vladkon.ru',
      phone: '+74922123456',
      language: 'ru',
      consent: {
        outreach: { granted: true, at: '2024-03-01T00:00:00.000Z', source: 'staff' },
        news: { granted: false, at: '2024-03-01T00:00:00.000Z', source: 'staff' },
      },
    },
    {
      id: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
      name: '[erased]',
      email: null,
      language: 'ru',
      consent: {
        outreach: { granted: false, at: '2024-03-01T00:00:00.000Z', source: 'staff' },
        news: { granted: false, at: '2024-03-01T00:00:00.000Z', source: 'staff' },
      },
      erasedAt: '2024-04-01T00:00:00.000Z',
    },
  ],
  version: 3,
  createdAt: '2024-03-01T00:00:00.000Z',
  updatedAt: '2024-03-01T00:00:00.000Z',
};

describe('reading a member CSV', () => {
  it('accepts a UTF-8 BOM and detects `;` from the header line', () => {
    const { layout, rows } = parseMemberCsv(
      encode('\ufeffname;country;taxId;sectors\nООО «Альфа»;RU;3328101380;energy\n'),
    );
    expect(layout.columns).toEqual(['name', 'country', 'taxId', 'sectors']);
    expect(cellsOf(rows[0]).get('name')).toBe('ООО «Альфа»');
  });

  it('ignores delimiters inside quotes when detecting', () => {
    expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',');
    expect(detectDelimiter('"a,b,c";d;e\n')).toBe(';');
  });

  it('reads quoted cells with embedded delimiters, quotes and line breaks, CRLF or LF, with start lines', () => {
    const text =
      'name,country,taxId,sectors,description\r\n' +
      '"Alpha, ""Beta"" LLC",US,ABC123,energy,"line one\r\nline two; still"\r\n' +
      '\r\n' +
      'Gamma,US,ABC124,energy,plain\r\n' +
      'ООО "Ромашка",RU,3328101380,energy,\n';
    const { rows } = parseMemberCsv(encode(text));
    expect(rows.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(cellsOf(rows[0]).get('name')).toBe('Alpha, "Beta" LLC');
    expect(cellsOf(rows[0]).get('description')).toBe('line one\nline two; still');
    expect(cellsOf(rows[2]).get('name')).toBe('ООО "Ромашка"');
  });

  it('reports a row with the wrong number of cells on that row only', () => {
    const { rows } = parseMemberCsv(encode(`${header}\nA,US,ABC123\nB,US,ABC124,energy\n`));
    expect(rows[0]).toEqual({ line: 2, error: 'The row has 3 cells; the header has 4.' });
    expect(cellsOf(rows[1]).get('name')).toBe('B');
  });

  it('skips blank rows a spreadsheet leaves below the data', () => {
    expect(parseMemberCsv(encode(`${header}\nA,US,ABC123,energy\n,,,\n , , ,\n`)).rows).toHaveLength(1);
  });

  it('refuses invalid UTF-8 and unreadable CSV as 400s', () => {
    expect(() => parseMemberCsv(new Uint8Array([0x6e, 0xff, 0xfe, 0x0a]))).toThrow(BadRequestError);
    expect(() => parseMemberCsv(encode(`${header}\n"A,US,ABC123,energy\n`))).toThrow(BadRequestError);
  });

  it('refuses more rows than the limit', () => {
    const rows = Array.from({ length: csvImportLimits.maxRows + 1 }, (_, i) => `A${i},US,ABC${i},energy`);
    expect(() => parseMemberCsv(encode([header, ...rows].join('\n')))).toThrow(PayloadTooLargeError);
  });
});

describe('header errors refuse the whole file', () => {
  it('names unknown, duplicate and missing columns', () => {
    const error = headerError('Name,country,country,colour,contact9_email\n');
    expect(error.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'country', message: 'The column appears twice.' }),
        expect.objectContaining({ path: 'colour', message: 'Unknown column.' }),
        expect.objectContaining({
          path: 'contact9_email',
          reason: {
            code: 'rule',
            params: { rule: 'unknownContactColumn', slots: 8, fields: expect.any(String) },
          },
        }),
        expect.objectContaining({ path: 'taxId', message: 'Required column is missing.' }),
        expect.objectContaining({
          path: 'sectors',
          reason: { code: 'rule', params: { rule: 'columnMissing' } },
        }),
      ]),
    );
    expect(error.errors.some((e) => e.path === 'name')).toBe(false);
  });

  it('wants complete contact and revenue column sets', () => {
    const error = headerError(`${header},contact1_name,contact1_email,verifiedRevenue_amount\n`);
    expect(error.errors.map((e) => e.path)).toEqual(['verifiedRevenue_currency', 'contact1_phone']);
  });

  it('wants a header at all', () => {
    expect(headerError('').errors[0]?.path).toBe('(header)');
  });
});

describe('a row as a merge patch', () => {
  const layoutOf = (columns: string) => parseMemberCsv(encode(`${columns}\n`)).layout;

  it('sets only the columns the file has; empty optional cells remove, defaulted ones keep', () => {
    const layout = layoutOf(`${header},region,interests,languages,status,website`);
    const cells = new Map([
      ['name', 'A'],
      ['country', 'US'],
      ['taxId', 'ABC123'],
      ['sectors', 'energy | tourism'],
      ['region', ''],
      ['interests', ''],
      ['languages', ''],
      ['status', ''],
      ['website', ''],
    ]);
    const { patch, contacts, errors } = rowToPatch(cells, layout);
    expect(errors).toEqual([]);
    expect(contacts).toBeUndefined();
    expect(patch).toEqual({
      name: 'A',
      country: 'US',
      taxId: 'ABC123',
      sectors: ['energy', 'tourism'],
      region: null,
      interests: [],
      website: null,
    });
  });

  it('reads contacts with consent answers and names the column of a bad one', () => {
    const contactColumns = layoutColumns(2).filter((c) => c.startsWith('contact'));
    const layout = layoutOf(`${header},${contactColumns.join(',')}`);
    const cells = new Map(contactColumns.map((c) => [c, '']));
    for (const [column, value] of Object.entries({
      contact2_name: 'B',
      contact2_email: 'B@X.COM',
      contact2_language: 'en',
      contact2_outreach: 'Yes',
      contact2_news: 'perhaps',
    })) {
      cells.set(column, value);
    }
    const { contacts, contactSlots, errors } = rowToPatch(cells, layout);
    expect(contacts).toEqual([{ name: 'B', email: 'B@X.COM', language: 'en', consent: { outreach: true } }]);
    expect(contactSlots).toEqual([2]);
    expect(errors).toEqual([
      {
        path: 'contacts.0.consent.news',
        column: 'contact2_news',
        message: expect.any(String),
        reason: { code: 'rule', params: { rule: 'yesOrNo' } },
        value: 'perhaps',
      },
    ]);
    expect(columnOf('contacts.0.email', contactSlots)).toBe('contact2_email');
    expect(columnOf('verifiedRevenue.amount', contactSlots)).toBe('verifiedRevenue_amount');
    expect(columnOf('sectors.1', contactSlots)).toBe('sectors');
  });

  it('takes yes and no in Russian and Vietnamese too, with or without diacritics', () => {
    const layout = layoutOf(
      `${header},${layoutColumns(1)
        .filter((c) => c.startsWith('contact'))
        .join(',')}`,
    );
    const consent = (outreach: string, news: string) =>
      rowToPatch(
        new Map([
          ['contact1_name', 'A'],
          ['contact1_email', 'a@x.com'],
          ['contact1_language', 'ru'],
          ['contact1_outreach', outreach],
          ['contact1_news', news],
        ]),
        layout,
      ).contacts?.[0]?.consent;
    expect(consent('Да', 'НЕТ')).toEqual({ outreach: true, news: false });
    expect(consent('Có', 'Không')).toEqual({ outreach: true, news: false });
    // As typed on a keyboard that composes the tone apart (NFD), and without the marks.
    expect(consent('co\u0301', 'kho\u0302ng')).toEqual({ outreach: true, news: false });
    expect(consent('co', 'khong')).toEqual({ outreach: true, news: false });
    expect(consent('', '')).toBeUndefined();
  });

  it('quotes a refused yes/no of a word or two only: a longer cell is a note, which may hold personal data', () => {
    const layout = layoutOf(
      `${header},${layoutColumns(1)
        .filter((c) => c.startsWith('contact'))
        .join(',')}`,
    );
    const errors = (news: string) =>
      rowToPatch(
        new Map([
          ['contact1_name', 'A'],
          ['contact1_email', 'a@x.com'],
          ['contact1_language', 'ru'],
          ['contact1_outreach', 'yes'],
          ['contact1_news', news],
        ]),
        layout,
      ).errors;
    expect(errors('maybe')[0]).toMatchObject({ column: 'contact1_news', value: 'maybe' });
    expect(errors('нет, звонить Ивану +7 914 000-00-00')[0]).toMatchObject({ column: 'contact1_news' });
    expect(errors('нет, звонить Ивану +7 914 000-00-00')[0]).not.toHaveProperty('value');
  });

  it("quotes what a row refused where it is a code, a date or a list's entry, never a contact's data", () => {
    const requested = {
      country: 'Vietnam',
      sectors: ['logistics', 'Сельское хозяйство'],
      joinedOn: '05.03.2024',
      description: 'Our secret plans',
      contacts: [{ name: 'Nguyễn Văn A', email: 'a@x', phone: '123', language: 'Russian' }],
    };
    expect(quotableValue(requested, 'country')).toBe('Vietnam');
    expect(quotableValue(requested, 'sectors.1')).toBe('Сельское хозяйство');
    expect(quotableValue(requested, 'joinedOn')).toBe('05.03.2024');
    expect(quotableValue(requested, 'contacts.0.language')).toBe('Russian');
    for (const path of [
      'description',
      'contacts.0.name',
      'contacts.0.email',
      'contacts.0.phone',
      'website',
    ]) {
      expect(quotableValue(requested, path)).toBeUndefined();
    }
    expect(quotableValue({ region: 'x'.repeat(150) }, 'region')).toBe(`${'x'.repeat(100)}…`);
    // Cut by characters, never through one.
    expect(quotableValue({ region: `${'x'.repeat(99)}😀` }, 'region')).toBe(`${'x'.repeat(99)}😀`);
    expect(quotableValue({ region: `${'x'.repeat(99)}😀😀` }, 'region')).toBe(`${'x'.repeat(99)}😀…`);
  });

  it('converts revenue exactly and reports a bad amount or currency on its column', () => {
    const layout = layoutOf(`${header},verifiedRevenue_amount,verifiedRevenue_currency`);
    const row = (amount: string, currency: string) =>
      rowToPatch(
        new Map([
          ['verifiedRevenue_amount', amount],
          ['verifiedRevenue_currency', currency],
        ]),
        layout,
      );
    expect(row('450 000 000,05', 'RUB').patch.verifiedRevenue).toEqual({
      amount: 45_000_000_005,
      currency: 'RUB',
    });
    expect(row('', '').patch.verifiedRevenue).toBeNull();
    expect(row('10', '').errors[0]).toMatchObject({ column: 'verifiedRevenue_currency' });
    expect(row('10', '').errors[0]).not.toHaveProperty('value');
    expect(row('10', 'Rub').errors[0]).toMatchObject({ column: 'verifiedRevenue_currency', value: 'Rub' });
    expect(row('', 'RUB').errors[0]?.column).toBe('verifiedRevenue_amount');
    expect(row('1.0055', 'RUB').errors[0]).toMatchObject({
      message: expect.stringContaining('2 decimal places'),
      value: '1.0055',
    });
  });
});

describe('money in major units', () => {
  it('parses decimals exactly, where a float would not', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parseMajorUnits('0.29', 'RUB')).toBe(29);
    expect(parseMajorUnits('90071992547409.91', 'USD')).toBe(9_007_199_254_740_991);
    expect(parseMajorUnits('90071992547409.92', 'USD')).toEqual({
      message: 'The amount is too large.',
      reason: { code: 'rule', params: { rule: 'amountTooLarge' } },
    });
    expect(parseMajorUnits('1500000', 'VND')).toBe(1_500_000);
    expect(parseMajorUnits('1500000.00', 'VND')).toBe(1_500_000);
    const problem = (text: string, currency: 'RUB' | 'VND') => {
      const parsed = parseMajorUnits(text, currency);
      return typeof parsed === 'number' ? parsed : parsed.message;
    };
    expect(problem('1500000.5', 'VND')).toContain('no minor unit');
    expect(problem('-1.00', 'RUB')).toContain('non-negative');
    expect(problem('1e6', 'RUB')).toContain('non-negative');
    expect(problem('1.2.3', 'RUB')).toContain('non-negative');
    expect(parseMajorUnits('1.2345', 'RUB')).toMatchObject({
      reason: { params: { rule: 'minorDigits', currency: 'RUB', digits: 2 } },
    });
    // One mark before three digits could group thousands or mark decimals: refused, never 1.00.
    for (const text of ['1.234', '1,000', '2.500'])
      expect(problem(text, 'RUB'), text).toContain('non-negative');
    // As the console shows amounts, and as people write them, in each language's way.
    expect(parseMajorUnits('25.000.000.000', 'VND')).toBe(25_000_000_000);
    expect(parseMajorUnits('25,000,000,000', 'VND')).toBe(25_000_000_000);
    expect(parseMajorUnits('25.000', 'VND')).toBe(25_000);
    expect(parseMajorUnits('450.000.000,50', 'RUB')).toBe(45_000_000_050);
    expect(parseMajorUnits('450\u202f000\u202f000,50', 'RUB')).toBe(45_000_000_050);
    expect(parseMajorUnits('1,500,000.50', 'USD')).toBe(150_000_050);
    expect(parseMajorUnits("1'500'000", 'USD')).toBe(150_000_000);
    expect(parseMajorUnits('1,5', 'RUB')).toBe(150);
    for (const text of ['1.000,000.5', '12.34.567', '1,0000,000', '1.500.', '.5', '1.000.000,5.0']) {
      expect(problem(text, 'RUB'), text).toContain('non-negative');
    }
  });

  it('formats with the currency digits', () => {
    expect(formatMajorUnits(45_000_000_000, 'RUB')).toBe('450000000.00');
    expect(formatMajorUnits(5, 'USD')).toBe('0.05');
    expect(formatMajorUnits(1_500_000, 'VND')).toBe('1500000');
  });

  it('round-trips every safe amount in every currency', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.maxSafeNat(), (currency, amount) => {
        const text = formatMajorUnits(amount, currency);
        expect(text.split('.')[1]?.length ?? 0).toBe(currencyMinorDigits[currency]);
        expect(parseMajorUnits(text, currency)).toBe(amount);
      }),
    );
  });
});

describe('writing a member CSV', () => {
  it('writes BOM, CRLF and the layout, leaves erased contacts out, and reads back to the same cells', () => {
    const csv = membersToCsv([member]);
    expect(csv.startsWith('\ufeff"name","country","region","taxId",')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).not.toContain('[erased]');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")\nвторая строка"`);
    expect(csv.split('\r\n')[0]).toContain('contact1_news');
    expect(csv.split('\r\n')[0]).not.toContain('contact2_');

    const { layout, rows } = parseMemberCsv(encode(csv));
    const { patch, contacts, errors } = rowToPatch(cellsOf(rows[0]), layout);
    expect(errors).toEqual([]);
    expect(patch).toEqual({
      name: member.name,
      country: 'RU',
      region: 'RU-VLA',
      taxId: '3328101380',
      sectors: member.sectors,
      interests: [],
      targetMarkets: [],
      languages: ['ru', 'en'],
      description: member.description,
      website: null,
      status: 'active',
      joinedOn: '2024-03-01',
      declaredRevenue: null,
      verifiedRevenue: { amount: 45_000_000_005, currency: 'RUB' },
    });
    expect(contacts).toEqual([
      {
        name: 'Ирина Соколова',
        email: 'i.sokolova@vladkon.ru',
        phone: '+74922123456',
        language: 'ru',
        consent: { outreach: true, news: false },
      },
    ]);
  });

  it('defuses cells a spreadsheet would run as formulas, reversibly', () => {
    const csv = membersToCsv([{ ...member, name: "'=already quoted", description: '@SUM(A1)' }]);
    expect(csv).toContain("''=already quoted");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'+74922123456");
    const { layout, rows } = parseMemberCsv(encode(csv));
    const { patch, contacts } = rowToPatch(cellsOf(rows[0]), layout);
    expect(patch.name).toBe("'=already quoted");
    expect(patch.description).toBe('@SUM(A1)');
    expect(contacts?.[0]?.phone).toBe('+74922123456');
  });

  it('quotes every cell, empty ones and the header too, so a bare line break stays in its cell', () => {
    const description = 'first line\nsecond line';
    const csv = membersToCsv([{ ...member, description }]);
    const [head, data] = csv.split('\r\n');
    const everyCellQuoted = /^"([^"]|"")*"(,"([^"]|"")*")*$/s;
    expect(head).toBe(
      `\ufeff${layoutColumns(1)
        .map((c) => `"${c}"`)
        .join(',')}`,
    );
    expect(data).toMatch(everyCellQuoted);
    expect(data).toContain(',"","ru|en","first line\nsecond line","","active",');
    const { layout, rows } = parseMemberCsv(encode(csv));
    expect(rowToPatch(cellsOf(rows[0]), layout).patch.description).toBe(description);
  });

  it('defuses a formula after a separator or line break, which Excel may split a cell at', () => {
    const description = "Water;=1+1, and,+7\t-3\n@SUM(A1);'=x";
    const csv = membersToCsv([{ ...member, description }]);
    expect(csv).toContain(`"Water;'=1+1, and,'+7\t'-3\n'@SUM(A1);''=x"`);
    // ru and vi Excel split at `;`; a file read with the wrong separator may also end rows at a quoted
    // line break. Wherever a cell could begin, nothing may start a formula.
    const cellStarts = csv.split(/[,;\t\r\n]/).map((piece) => piece.replace(/^"/, ''));
    expect(cellStarts.filter((piece) => /^[=+\-@]/.test(piece))).toEqual([]);
    const { layout, rows } = parseMemberCsv(encode(csv));
    expect(rowToPatch(cellsOf(rows[0]), layout).patch.description).toBe(description);
  });
});

describe('the cell codec', () => {
  const formulaSeeds = fc.constantFrom("'", '=', '+', '-', '@', ',', ';', '\t', '\n', '\r', '"', ' ', 'a');
  const anyString = fc.oneof(
    // Every plane, astral characters included.
    fc.string({ unit: 'binary' }),
    // Any UTF-16 code unit, lone surrogates included.
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) }),
    // Dense in markers, formula characters, separators and quotes, where the rule has its edge cases.
    fc.string({ unit: formulaSeeds }),
  );

  it('decoding what encoding wrote gives back any string', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        expect(decodeCell(encodeCell(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no formula character where a cell could begin', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        for (const piece of encodeCell(value).split(/[,;\t\r\n]/)) expect(piece).not.toMatch(/^[=+\-@]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing where no formula character follows', () => {
    for (const value of ["O'Neil & Co", 'a, b; c', "x'=y", '1+1=2', "''", 'e-mail@x.ru']) {
      expect(encodeCell(value)).toBe(value);
      expect(decodeCell(value)).toBe(value);
    }
  });

  it('a value survives the whole file, written and read back', () => {
    // The file's own rules apply on top of the codec: text is well-formed, has no \r (read as \n) and
    // no surrounding whitespace (import trims), as the member schema guarantees for stored values.
    const storable = fc
      .oneof(fc.string({ unit: 'binary' }), fc.string({ unit: formulaSeeds }))
      .filter((value) => value !== '' && !value.includes('\r') && value.trim() === value);
    fc.assert(
      fc.property(storable, (description) => {
        const { rows } = parseMemberCsv(encode(membersToCsv([{ ...member, description }])));
        expect(cellsOf(rows[0]).get('description')).toBe(description);
      }),
      { numRuns: 500 },
    );
  });
});
