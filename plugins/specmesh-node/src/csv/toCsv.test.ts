/*
 * Copyright 2025 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { toCsv } from './toCsv';

describe('toCsv', () => {
  const one = (cell: unknown) =>
    toCsv(['cell'], [{ cell }]).split('\r\n')[1] ?? '';

  it('writes a header row of the column names and CRLF line ends', () => {
    expect(
      toCsv(
        ['name', 'amount'],
        [
          { name: 'a', amount: 1, ignored: 'x' },
          { name: 'b', amount: 2, ignored: 'y' },
        ],
      ),
    ).toBe('name,amount\r\na,1\r\nb,2\r\n');
  });

  it('writes the header row alone when there are no rows', () => {
    expect(toCsv<{ a: number; b: number }>(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it.each([
    ['=', '=HYPERLINK("http://evil.example","x")'],
    ['+', '+1+cmd|" /C calc"!A0'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ])(
    'puts an apostrophe before a text cell starting with %s',
    (_prefix, text) => {
      const cell = one(text);
      const unquoted =
        cell.startsWith('"') && cell.endsWith('"')
          ? cell.slice(1, -1).replace(/""/g, '"')
          : cell;
      expect(unquoted).toBe(`'${text}`);
    },
  );

  it('leaves other text alone, a formula character inside included', () => {
    expect(one('acme.shop')).toBe('acme.shop');
    expect(one('a=b')).toBe('a=b');
    expect(one(' =1')).toBe(' =1');
  });

  it('keeps numbers numbers, negative ones included', () => {
    expect(
      toCsv(['a', 'b', 'c', 'd'], [{ a: -1.5, b: 0, c: 1e-7, d: 42 }]),
    ).toBe('a,b,c,d\r\n-1.5,0,1e-7,42\r\n');
  });

  it('quotes cells with a comma, a quote, a line feed or a carriage return', () => {
    expect(one('a,b')).toBe('"a,b"');
    expect(one('say "hi"')).toBe('"say ""hi"""');
    expect(one('two\nlines')).toBe('"two\nlines"');
    expect(toCsv(['cell'], [{ cell: 'cr\rinside' }])).toBe(
      'cell\r\n"cr\rinside"\r\n',
    );
    expect(one('=a,b')).toBe('"\'=a,b"');
  });

  it('writes null and undefined as empty cells, booleans and dates as text', () => {
    expect(
      toCsv(
        ['a', 'b', 'c', 'd'],
        [{ a: null, b: undefined, c: true, d: new Date(Date.UTC(2025, 0, 2)) }],
      ),
    ).toBe('a,b,c,d\r\n,,true,2025-01-02T00:00:00.000Z\r\n');
  });
});
