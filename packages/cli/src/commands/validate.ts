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
import { formatProblem } from '@meshport/plugin-specmesh-common';
import { ExitCode } from '../exitCodes';
import { CommandIo, UnreadableInputError } from '../io';
import { loadSpec } from '../loadSpec';

/** Options of `meshport validate`. */
export interface ValidateOptions {
  schemaRoot?: string;
  /** Judge with the AsyncAPI parser itself, not the judge's fast path (same verdicts). */
  strict?: boolean;
}

/**
 * Validates specs against the rule book and AsyncAPI, printing every error and
 * warning with its file, location and fix.
 */
export async function validateCommand(
  specs: string[],
  options: ValidateOptions,
  io: CommandIo,
): Promise<ExitCode> {
  let invalid = 0;
  let unreadable = 0;
  for (const spec of specs) {
    try {
      const { state, problems } = await loadSpec(spec, {
        schemaRoot: options.schemaRoot,
        strict: options.strict,
      });
      for (const problem of problems) io.stdout(`${formatProblem(problem)}\n`);
      const errors = problems.filter(
        problem => problem.severity === 'error',
      ).length;
      const warnings = problems.length - errors;
      if (errors > 0 || !state) {
        invalid++;
        io.stdout(
          `✖ ${spec}: ${count(errors, 'error')}, ${count(
            warnings,
            'warning',
          )}\n`,
        );
      } else {
        io.stdout(
          `✔ ${spec}: valid, app-id ${state.appId}, ${count(
            state.topics.length,
            'topic',
          )}${warnings ? `, ${count(warnings, 'warning')}` : ''}\n`,
        );
      }
    } catch (error) {
      if (!(error instanceof UnreadableInputError)) throw error;
      unreadable++;
      io.stderr(`✖ ${error.message}\n`);
    }
  }
  if (specs.length > 1) {
    io.stdout(
      `${count(specs.length, 'spec')}: ${
        specs.length - invalid - unreadable
      } valid, ${invalid} invalid, ${unreadable} unreadable\n`,
    );
  }
  if (unreadable > 0) return ExitCode.UnreadableInput;
  return invalid > 0 ? ExitCode.InvalidSpec : ExitCode.Ok;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
