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
import type { SpecProblem } from './model';

/**
 * Builds a JSON pointer (RFC 6901) from path segments, e.g. `['channels', 'a/b']`
 * becomes `/channels/a~1b`.
 *
 * @public
 */
export function jsonPointer(segments: ReadonlyArray<string | number>): string {
  let pointer = '';
  for (const segment of segments) {
    pointer += `/${String(segment)
      .replaceAll('~', '~0')
      .replaceAll('/', '~1')}`;
  }
  return pointer;
}

/**
 * Renders a problem for people: `<file>: <severity> at <location>: <message>`,
 * followed by the fix on its own indented line.
 *
 * @public
 */
export function formatProblem(problem: SpecProblem): string {
  const where = problem.file ? `${problem.file}: ` : '';
  const at = problem.location ? ` at ${problem.location}` : '';
  const fix = problem.fix ? `\n    fix: ${problem.fix}` : '';
  return `${where}${problem.severity}${at}: ${problem.message}${fix}`;
}

/** Collects problems for one spec file, so rule code does not repeat the file name. */
export class ProblemCollector {
  readonly problems: SpecProblem[] = [];
  private errorCount = 0;

  constructor(private readonly file?: string) {}

  error(location: string, message: string, fix?: string): void {
    this.errorCount += 1;
    this.add('error', location, message, fix);
  }

  warning(location: string, message: string, fix?: string): void {
    this.add('warning', location, message, fix);
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  private add(
    severity: SpecProblem['severity'],
    location: string,
    message: string,
    fix?: string,
  ): void {
    const problem: SpecProblem = { severity, location, message };
    if (this.file !== undefined) problem.file = this.file;
    if (fix !== undefined) problem.fix = fix;
    this.problems.push(problem);
  }
}
