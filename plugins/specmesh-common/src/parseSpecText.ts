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

const OPEN_BRACE = 123;

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
  const json = tryJson(text);
  if (json.parsed) return { document: json.value, problems: [] };

  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
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
  return {
    document: parsed.toJS({ maxAliasCount: 1000 }),
    problems: problems.problems,
  };
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
