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
import { stringify } from 'csv-stringify/sync';

/**
 * What a spreadsheet may run as a formula when a cell starts with it (OWASP's
 * CSV injection list): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV with a header row (the column names) and CRLF line ends, for
 * reports a person opens in a spreadsheet. Text cells that a spreadsheet would
 * run as a formula get a leading apostrophe, as OWASP advises: topic names,
 * consumer group ids and app-ids come from anyone who can create a topic or
 * connect a consumer. Numbers stay numbers, `-1` included; null and undefined
 * are empty cells.
 *
 * @public
 */
export function toCsv<T extends object>(
  columns: ReadonlyArray<keyof T & string>,
  rows: ReadonlyArray<T>,
): string {
  return stringify([...rows], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    // csv-stringify quotes the record delimiter only; a lone CR or LF in a
    // cell would otherwise end the row for most readers.
    quoted_match: /[\r\n]/,
    cast: {
      string: neutralizeFormula,
      boolean: value => String(value),
      date: value => value.toISOString(),
      object: value => neutralizeFormula(JSON.stringify(value)),
    },
  });
}

function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
