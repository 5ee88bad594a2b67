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
import { DiagnosticSeverity } from '@asyncapi/parser';
import { problemsFromDiagnostics } from './parserDiagnostics';

const range = {
  start: { line: 0, character: 0 },
  end: { line: 0, character: 0 },
};

describe('problemsFromDiagnostics', () => {
  it('keeps errors with a JSON pointer and a fix, and drops style advice', () => {
    const problems = problemsFromDiagnostics(
      [
        {
          code: 'asyncapi-document-resolved',
          message: 'Property "publsh" is not expected to be here',
          path: ['channels', 'a/b', 'publsh'],
          severity: DiagnosticSeverity.Error,
          range,
        },
        {
          code: 'asyncapi-document-resolved',
          message: 'Object must have required property "info"',
          path: [],
          severity: DiagnosticSeverity.Error,
          range,
        },
        {
          code: 'asyncapi-info-contact',
          message: 'Info object must have "contact" object.',
          path: ['info'],
          severity: DiagnosticSeverity.Warning,
          range,
        },
      ],
      'spec.yaml',
    );
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'spec.yaml',
        location: '/channels/a~1b/publsh',
        message: 'Property "publsh" is not expected to be here.',
        fix: 'Remove "publsh" or check its spelling and indentation.',
      },
      {
        severity: 'error',
        file: 'spec.yaml',
        location: '/',
        message: 'Object must have required property "info".',
        fix: 'Add the required property "info".',
      },
    ]);
  });

  it('makes duplicate operationIds a warning', () => {
    const [problem] = problemsFromDiagnostics(
      [
        {
          code: 'asyncapi2-operation-operationId-uniqueness',
          message: '"operationId" must be unique across all the operations.',
          path: ['channels', 'a', 'publish', 'operationId'],
          severity: DiagnosticSeverity.Error,
          range,
        },
      ],
      undefined,
    );
    expect(problem).toMatchObject({
      severity: 'warning',
      location: '/channels/a/publish/operationId',
    });
    expect(problem.file).toBeUndefined();
  });
});
