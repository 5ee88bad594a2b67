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

/** Partitions, replicas and configs a channel's Kafka binding asks for. */
export interface TopicSettings {
  partitions: number | null;
  replicas: number | null;
  configs: Record<string, string>;
}

/** A problem in a binding, relative to the binding's own location. */
export interface BindingDefect {
  /** Path below the binding, e.g. `['partitions']`. */
  path: string[];
  message: string;
  fix: string;
}

// Kafka's wire types: partition counts are int32, replication factors int16.
const MAX_PARTITIONS = 2147483647;
const MAX_REPLICAS = 32767;

/**
 * Reads topic settings from `bindings.kafka` (§2): missing counts mean the
 * cluster defaults; configs come from SpecMesh's `configs` and the standard
 * binding's `topicConfiguration`, `configs` winning a clash; values become
 * strings and lists join with `,`.
 */
export function readTopicSettings(
  binding: Record<string, unknown> | undefined,
  defects: BindingDefect[],
): TopicSettings {
  if (!binding) return { partitions: null, replicas: null, configs: {} };
  const partitions = readCount(binding, 'partitions', MAX_PARTITIONS, defects);
  const replicas = readCount(binding, 'replicas', MAX_REPLICAS, defects);
  const configs: Record<string, string> = {};
  copyConfigs(binding, 'topicConfiguration', configs, defects);
  copyConfigs(binding, 'configs', configs, defects);
  return { partitions, replicas, configs };
}

function readCount(
  binding: Record<string, unknown>,
  field: 'partitions' | 'replicas',
  max: number,
  defects: BindingDefect[],
): number | null {
  const value = binding[field];
  if (value === undefined || value === null) return null;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= max
  ) {
    return value;
  }
  defects.push({
    path: [field],
    message: `${field} is ${JSON.stringify(
      value,
    )}; it must be a positive whole number (at most ${max}).`,
    fix: `Write ${field} as a number such as ${
      field === 'partitions' ? 6 : 3
    }, without quotes, or remove it to use the cluster's default.`,
  });
  return null;
}

function copyConfigs(
  binding: Record<string, unknown>,
  field: 'configs' | 'topicConfiguration',
  into: Record<string, string>,
  defects: BindingDefect[],
): void {
  const source = binding[field];
  if (source === undefined || source === null) return;
  if (typeof source !== 'object' || Array.isArray(source)) {
    defects.push({
      path: [field],
      message: `${field} must be a map of Kafka topic configs, not ${describeValue(
        source,
      )}.`,
      fix: `Write ${field} as key/value pairs, e.g. "cleanup.policy: delete".`,
    });
    return;
  }
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    if (isUnsafeInteger(value)) {
      defects.push({
        path: [field, key],
        message: `The topic config "${key}" is a whole number too large to keep exactly (it reads as ${value}).`,
        fix: `Quote the value, e.g. ${key}: "${value}", so its digits are kept as written.`,
      });
      continue;
    }
    const text = configValueText(value);
    if (text === undefined) {
      defects.push({
        path: [field, key],
        message: `The topic config "${key}" has the value ${describeValue(
          value,
        )}, which is not a string, number, boolean or list of those.`,
        fix: `Give "${key}" a plain value such as "delete" or 604800000 (a list becomes comma-separated).`,
      });
      continue;
    }
    into[key] = text;
  }
}

function configValueText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const part = scalarText(item);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return parts.join(',');
  }
  return scalarText(value);
}

function scalarText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) && !isUnsafeInteger(value)
        ? String(value)
        : undefined;
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      return undefined;
  }
}

// Beyond 2^53 the YAML parser has already lost the spec's digits.
function isUnsafeInteger(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    !Number.isSafeInteger(value)
  );
}

/** A short description of a value's kind, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}
