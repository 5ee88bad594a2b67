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
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/*
 * The spec reader's fast path. `yaml` builds a full Document (positions,
 * comments, node types) before the plain data: about 3 ms for a 10-channel
 * spec, most of a first judgement. js-yaml reads the same plain YAML an
 * order of magnitude faster, but not always alike, so it reads only texts
 * whose meaning both parsers agree on, with `yaml`'s own scalar rules, and
 * any doubt or error goes to `yaml`, which reports problems with their line
 * and column. A false alarm costs time; a wrong read would be a wrong
 * verdict (the parity tests' job to find).
 */

// YAML 1.2 core schema scalars exactly as `yaml` resolves them.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT =
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function scalar(
  tag: string,
  test: { test(text: string): boolean },
  construct: (text: string) => unknown,
): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => test.test(text ?? ''),
    construct: (text: string | null) => construct(text ?? ''),
  });
}

// One type per tag (js-yaml keeps the last of a tag); `yaml`'s patterns
// of a tag are disjoint, so their order within it does not matter.
const YAML_CORE_AS_YAML_READS_IT = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', NULL, () => null),
    scalar('bool', BOOL, text => text[0] === 't' || text[0] === 'T'),
    scalar(
      'int',
      {
        test: text =>
          INT_OCT.test(text) || INT.test(text) || INT_HEX.test(text),
      },
      text => {
        if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
        if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
        return parseInt(text, 10);
      },
    ),
    scalar(
      'float',
      { test: text => FLOAT_NAN.test(text) || FLOAT.test(text) },
      text => {
        if (!FLOAT_NAN.test(text)) return parseFloat(text);
        if (text.slice(-3).toLowerCase() === 'nan') return NaN;
        return text[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY;
      },
    ),
  ],
});

// What the two parsers may read apart, found in the text: tags, anchors,
// aliases and merge keys; directives and document markers; explicit (`?`)
// and flow-collection keys; comments with no space before them; tabs,
// carriage returns, byte order marks and control characters; and (below)
// implicit keys past `yaml`'s 1,024-character limit.
const DOUBTFUL_TEXT = [
  /^(?:%|---|\.\.\.)/m,
  /(?:^|[\s,[{])\?(?:\s|$)/m,
  /(?:^|[\s,[{])[[{][^\n]*[\]}][ ]*:(?:\s|$)/m,
  // A comment right after a quote or bracket: `yaml` refuses it.
  /[^\s]["'\]}]#/,
  // eslint-disable-next-line no-control-regex
  /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/,
];

const TAG_ANCHOR_OR_ALIAS = /(?:^|[\s,[{:-])[!&*]\S/m;
const MERGE_KEY = /<<\s*:/;

/** `yaml` refuses implicit keys longer than this many characters. */
const MAX_IMPLICIT_KEY = 1024;

// Keys whose spelling the two parsers write apart in plain data: `yaml`
// writes a null key as "", js-yaml as "null"; complex keys differ too.
const DOUBTFUL_KEYS: ReadonlySet<string> = new Set(['null', '[object Object]']);

/**
 * The plain data of a YAML mapping as `yaml` would read it, when the fast
 * reader is sure of it; `undefined` means "read it with `yaml`" (which
 * also reports any error with its position), never "invalid".
 */
export function readPlainYaml(text: string): object | undefined {
  if (DOUBTFUL_TEXT.some(pattern => pattern.test(text))) return undefined;
  if (hasLongLine(text) || hasYamlFeatures(text)) return undefined;
  let document: unknown;
  try {
    document = load(text, { schema: YAML_CORE_AS_YAML_READS_IT });
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null) return undefined;
  if (Array.isArray(document) || hasDoubtfulKeys(document)) return undefined;
  return document;
}

// Cheap character tests first: most specs have none of these.
function hasYamlFeatures(text: string): boolean {
  return (
    (/[!&*]/.test(text) && TAG_ANCHOR_OR_ALIAS.test(text)) ||
    (text.includes('<<') && MERGE_KEY.test(text))
  );
}

// A scan rather than a regular expression: /[^\n]{1024}/ backtracks at
// every character.
function hasLongLine(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start >= MAX_IMPLICIT_KEY) return true;
    start = end + 1;
  }
  return false;
}

function hasDoubtfulKeys(document: object): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (DOUBTFUL_KEYS.has(key)) return true;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}
