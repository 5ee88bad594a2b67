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
/*
 * Mutations of a parsed AsyncAPI document: small, realistic mistakes (and
 * a few valid variations) that the AsyncAPI parser may or may not object
 * to. Each returns the mutated copy, or undefined when it does not apply to
 * this document. The parity test judges every result with and without the
 * judge's fast path.
 */

export type Json = Record<string, any>;
export type Mutation = (document: Json) => Json | undefined;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function copy(document: Json): Json {
  return JSON.parse(JSON.stringify(document));
}

/** AsyncAPI 2 operations (publish/subscribe objects) of the root channels. */
export function v2Operations(document: Json): Json[] {
  return Object.values(document.channels ?? {})
    .filter(isObject)
    .flatMap(channel => [channel.publish, channel.subscribe])
    .filter(isObject);
}

export function firstChannel(document: Json): [string, Json] | undefined {
  const entry = Object.entries(document.channels ?? {}).find(([, c]) =>
    isObject(c),
  );
  return entry as [string, Json] | undefined;
}

export function messages(document: Json): Json[] {
  if (String(document.asyncapi).startsWith('3.')) {
    return Object.values(document.channels ?? {})
      .filter(isObject)
      .flatMap(channel => Object.values(channel.messages ?? {}))
      .filter(isObject);
  }
  return v2Operations(document)
    .map(operation => operation.message)
    .filter(isObject);
}

/** Applies `change` to a copy; undefined when `change` says it cannot. */
export function mutate(change: (document: Json) => boolean | void): Mutation {
  return document => {
    const mutated = copy(document);
    return change(mutated) === false ? undefined : mutated;
  };
}

export const v2 = (change: (document: Json) => boolean | void): Mutation =>
  mutate(d => String(d.asyncapi).startsWith('2.') && change(d) !== false);
export const v3 = (change: (document: Json) => boolean | void): Mutation =>
  mutate(d => String(d.asyncapi).startsWith('3.') && change(d) !== false);

export function renameFirstChannel(document: Json, name: string): boolean {
  const first = firstChannel(document);
  if (!first) return false;
  const [old, channel] = first;
  delete document.channels[old];
  document.channels[name] = channel;
  return true;
}

export function payloadMessage(document: Json): Json | undefined {
  return messages(document).find(m => m.payload !== undefined && !m.$ref);
}
