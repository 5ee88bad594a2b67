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
import { WarningPanel } from '@backstage/core-components';
import { formatProblem, SpecProblem } from '@meshport/plugin-specmesh-common';

function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The rule book's findings on the spec, errors first. */
export const SpecProblemsPanel = (props: { problems: SpecProblem[] }) => {
  const errors = props.problems.filter(p => p.severity === 'error');
  const warnings = props.problems.filter(p => p.severity !== 'error');
  const counts = [
    errors.length > 0 ? pluralize(errors.length, 'error') : undefined,
    warnings.length > 0 ? pluralize(warnings.length, 'warning') : undefined,
  ].filter(Boolean);

  return (
    <WarningPanel
      severity={errors.length > 0 ? 'error' : 'warning'}
      title={`The AsyncAPI spec has ${counts.join(' and ')}`}
      defaultExpanded
    >
      <ul>
        {[...errors, ...warnings].map((problem, index) => (
          // The CLI's wording, so a problem reads the same everywhere; its fix is on a line of its own.
          <li key={index} style={{ whiteSpace: 'pre-line' }}>
            {formatProblem(problem)}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
};
