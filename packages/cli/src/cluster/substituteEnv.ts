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

/** A `${NAME}` that the environment does not define, and where it was. */
export interface MissingVariable {
  /** Dotted path of the value, e.g. `sasl.password` or `brokers[0]`. */
  field: string;
  name: string;
}

const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` in every string of a parsed document with the variable's
 * value, so that secrets stay out of the file; `$${NAME}` stands for a literal
 * `${NAME}`. Only string values change: keys and the document's shape do not,
 * so a value can never inject structure.
 */
export function substituteEnv(
  document: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { value: unknown; missing: MissingVariable[] } {
  const missing: MissingVariable[] = [];
  const visit = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      return value.replace(
        REFERENCE,
        (whole, escaped: string, name: string) => {
          if (escaped) return whole.slice(1);
          const replacement = env[name];
          if (replacement === undefined) {
            missing.push({ field, name });
            return whole;
          }
          return replacement;
        },
      );
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => visit(item, `${field}[${index}]`));
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          visit(item, field ? `${field}.${key}` : key),
        ]),
      );
    }
    return value;
  };
  return { value: visit(document, ''), missing };
}
