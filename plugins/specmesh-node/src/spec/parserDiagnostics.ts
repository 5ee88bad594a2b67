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
import type { Diagnostic } from '@asyncapi/parser';
import { jsonPointer, SpecProblem } from '@meshport/plugin-specmesh-common';

// SpecMesh requires operationIds and its authors reuse them; the rule book
// makes them optional (§2), so a duplicate is worth a warning, not a failure.
const DOWNGRADED_RULES: ReadonlySet<string> = new Set([
  'asyncapi2-operation-operationId-uniqueness',
]);

const NOT_EXPECTED = /^Property "([^"]+)" is not expected to be here/;
const REQUIRED_PROPERTY = /must have required property "([^"]+)"/;

/**
 * Turns the AsyncAPI parser's errors into problems. Warnings and hints are
 * style advice the rule book does not ask for, so they are dropped.
 */
export function problemsFromDiagnostics(
  diagnostics: readonly Diagnostic[],
  file: string | undefined,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 0) continue;
    const code = String(diagnostic.code ?? '');
    const problem: SpecProblem = {
      severity: DOWNGRADED_RULES.has(code) ? 'warning' : 'error',
      location:
        jsonPointer(diagnostic.path.map(segment => String(segment))) || '/',
      message: `${diagnostic.message}${
        diagnostic.message.endsWith('.') ? '' : '.'
      }`,
      fix: fixFor(diagnostic.message, code),
    };
    if (file !== undefined) problem.file = file;
    problems.push(problem);
  }
  return problems;
}

function fixFor(message: string, code: string): string {
  if (DOWNGRADED_RULES.has(code))
    return 'Give each operation its own operationId, or remove them: Meshport does not need them.';
  const unexpected = NOT_EXPECTED.exec(message);
  if (unexpected)
    return `Remove "${unexpected[1]}" or check its spelling and indentation.`;
  const required = REQUIRED_PROPERTY.exec(message);
  if (required) return `Add the required property "${required[1]}".`;
  return 'Correct this part of the document as the AsyncAPI specification describes it.';
}
