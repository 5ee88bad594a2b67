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

/**
 * How a topic's schemas map to registry subjects (Confluent's names).
 *
 * @public
 */
export type SubjectNameStrategy =
  | 'TopicNameStrategy'
  | 'RecordNameStrategy'
  | 'TopicRecordNameStrategy';

const STRATEGIES: ReadonlySet<string> = new Set([
  'TopicNameStrategy',
  'RecordNameStrategy',
  'TopicRecordNameStrategy',
]);

/**
 * Reads a `schemaLookupStrategy` value; Java class names such as
 * `io.confluent.kafka.serializers.subject.RecordNameStrategy` are accepted too.
 * `undefined` means the value names no known strategy.
 */
export function readSubjectNameStrategy(
  value: unknown,
): SubjectNameStrategy | undefined {
  if (typeof value !== 'string') return undefined;
  const simpleName = value.slice(value.lastIndexOf('.') + 1);
  return STRATEGIES.has(simpleName)
    ? (simpleName as SubjectNameStrategy)
    : undefined;
}

/**
 * The subject of a schema (§4): `<topic>-<role>` under TopicNameStrategy,
 * `<record>` under RecordNameStrategy, `<topic>-<record>` under
 * TopicRecordNameStrategy. `undefined` when a record name is needed but missing.
 */
export function subjectName(
  strategy: SubjectNameStrategy,
  topic: string,
  role: 'key' | 'value',
  recordName: string | undefined,
): string | undefined {
  switch (strategy) {
    case 'TopicNameStrategy':
      return `${topic}-${role}`;
    case 'RecordNameStrategy':
      return recordName;
    case 'TopicRecordNameStrategy':
      return recordName === undefined ? undefined : `${topic}-${recordName}`;
    default:
      return undefined;
  }
}
