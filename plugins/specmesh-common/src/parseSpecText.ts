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
import { LineCounter, parseDocument } from 'yaml';
import type { SpecProblem } from './model';
import { ProblemCollector } from './problems';
import { readPlainYaml } from './readPlainYaml';

const OPEN_BRACE = 123;
/** How many alias expansions a document may cost (yaml's guard against "billion laughs"). */
const MAX_ALIAS_COUNT = 1000;
/**
 * How deep objects and arrays may nest. Real specs stay far below; every
 * walker after the parser (the rules, the AsyncAPI parser) recurses, and a
 * document nested 100,000 deep would overflow their stack.
 */
const MAX_SPEC_NESTING_DEPTH = 256;
/** The deepest indentation a line may have, in spaces: two per level of the limit. */
const MAX_INDENT = 2 * MAX_SPEC_NESTING_DEPTH;

/**
 * The result of {@link parseSpecText}.
 *
 * @public
 */
export interface ParsedSpecText {
  document?: unknown;
  problems: SpecProblem[];
}

/**
 * Parses a spec's text, YAML or JSON, into a plain object. Pure JavaScript, so
 * the browser can run it. Duplicate keys are errors: YAML would otherwise keep
 * one of two channels silently.
 *
 * @public
 */
export function parseSpecText(text: string, file?: string): ParsedSpecText {
  const problems = new ProblemCollector(file);
  if (text.trim().length === 0) {
    problems.error(
      '/',
      'The file is empty.',
      'Write an AsyncAPI spec: asyncapi, id, info and channels.',
    );
    return { problems: problems.problems };
  }
  // The YAML parser recurses too: refuse what would overflow it before it
  // spends seconds finding out.
  if (textNestsTooDeep(text)) {
    tooDeep(problems);
    return { problems: problems.problems };
  }
  const json = tryJson(text);
  if (json.parsed) return checked(json.value, problems);
  // Plain YAML is read fast; `yaml` reads the rest and places every error.
  const plain = readPlainYaml(text);
  if (plain !== undefined) return checked(plain, problems);

  const lineCounter = new LineCounter();
  let parsed;
  try {
    parsed = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
    });
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    tooDeep(problems);
    return { problems: problems.problems };
  }
  if (parsed.errors.some(error => isStackOverflow(error))) {
    tooDeep(problems);
    return { problems: problems.problems };
  }
  if (parsed.errors.length > 0) {
    for (const error of parsed.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      problems.error(
        `line ${line}, column ${col}`,
        `The file is not valid YAML or JSON: ${firstLine(error.message)}`,
        'Correct the syntax at that position (indentation, quotes, colons after keys, no duplicate keys).',
      );
    }
    return { problems: problems.problems };
  }
  let document: unknown;
  try {
    document = parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (isStackOverflow(error)) {
      tooDeep(problems);
    } else if (error instanceof ReferenceError) {
      problems.error(
        '/',
        `The file's YAML aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies of their anchors, as in an "alias bomb"; it was not read further.`,
        'Write the repeated parts out, or refer to them fewer times.',
      );
    } else {
      throw error;
    }
    return { problems: problems.problems };
  }
  return checked(document, problems);
}

/** The document, unless it nests deeper than the walkers after it can go. */
function checked(
  document: unknown,
  problems: ProblemCollector,
): ParsedSpecText {
  if (nestingDepthExceeds(document, MAX_SPEC_NESTING_DEPTH)) {
    tooDeep(problems);
    return { problems: problems.problems };
  }
  return { document, problems: problems.problems };
}

function tooDeep(problems: ProblemCollector): void {
  problems.error(
    '/',
    `The file nests objects or arrays more than ${MAX_SPEC_NESTING_DEPTH} levels deep; it was not read further.`,
    'Flatten the document: an AsyncAPI spec needs a few dozen levels at most.',
  );
}

/** Whether `value` nests deeper than `limit`, found without recursion. */
function nestingDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    // YAML aliases share objects: each is walked once.
    if (seen.has(current)) continue;
    seen.add(current);
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && /call stack/i.test(error.message);
}

/**
 * Whether the text nests flow collections (`[`, `{`) deeper than the limit,
 * or indents a line further than a block document that deep would: a scan
 * of the characters, skipping quoted strings and comments, so that no
 * parser has to recurse that deep to find out.
 */
function textNestsTooDeep(text: string): boolean {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        if (++indent > MAX_INDENT) return true;
        continue;
      }
      lineStart = false;
    }
    if (c === '"' || c === "'") {
      i = endOfQuoted(text, i, c);
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const newline = text.indexOf('\n', i);
      i = (newline === -1 ? text.length : newline) - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_SPEC_NESTING_DEPTH) return true;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote closing the string that opens at `start`. */
function endOfQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
    } else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
      } else {
        return i;
      }
    }
  }
  return text.length;
}

// JSON is valid YAML, but JSON.parse is an order of magnitude faster.
function tryJson(text: string): { parsed: boolean; value?: unknown } {
  const first = text.trimStart().charCodeAt(0);
  if (first !== OPEN_BRACE) return { parsed: false };
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch {
    // Flow-style YAML also starts with "{": let the YAML parser decide and report.
    return { parsed: false };
  }
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline === -1 ? message : message.slice(0, newline);
}
