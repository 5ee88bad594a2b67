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

const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const NEWLINE = 10;

/**
 * Parses JSON that may contain `//` and `/* *\/` comments, as Avro's own parser
 * accepts in `.avsc` files (SpecMesh's examples use them). Throws like
 * `JSON.parse` on anything else.
 */
export function parseJsonWithComments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const stripped = stripComments(text);
    if (stripped === text) throw error;
    return JSON.parse(stripped);
  }
}

/** Blanks out comments outside strings, keeping offsets and line numbers. */
function stripComments(text: string): string {
  let result = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (c === SLASH && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH || next === STAR) {
        const end =
          next === SLASH
            ? endOfLineComment(text, i)
            : endOfBlockComment(text, i);
        result += text.slice(copiedUpTo, i) + blank(text.slice(i, end));
        copiedUpTo = end;
        i = end;
        continue;
      }
    }
    i++;
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  return i;
}

function endOfLineComment(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline === -1 ? text.length : newline;
}

function endOfBlockComment(text: string, start: number): number {
  const end = text.indexOf('*/', start + 2);
  return end === -1 ? text.length : end + 2;
}

function blank(comment: string): string {
  let spaces = '';
  for (let i = 0; i < comment.length; i++) {
    spaces += comment.charCodeAt(i) === NEWLINE ? '\n' : ' ';
  }
  return spaces;
}
