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
 * A stand-in for a schema that lives in a file. It is valid as an AsyncAPI,
 * JSON Schema, OpenAPI and Avro schema alike, so the AsyncAPI parser validates
 * the document around it whatever the message's `schemaFormat`; the rule engine
 * checks the file itself.
 */
const SCHEMA_PLACEHOLDER: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'string',
});

/** A document ready for the AsyncAPI parser, and the external refs it had. */
export interface ParserReadyDocument {
  /** The document with external `$ref`s replaced; the input itself when it had none. */
  document: unknown;
  /** Every external `$ref` as written, in document order, without duplicates. */
  externalRefs: string[];
}

/**
 * Replaces every `$ref` that leaves the document (SpecMesh's `/schema/x.avsc`,
 * relative files, URLs) with a placeholder, so the AsyncAPI parser neither reads
 * `/schema/…` as an absolute path nor fetches anything. Objects on the way to a
 * replaced ref are copied; everything else is shared with the input.
 */
export function replaceExternalRefs(document: unknown): ParserReadyDocument {
  const refs = new Set<string>();
  const replaced = replace(document, refs);
  return { document: replaced, externalRefs: [...refs] };
}

function replace(value: unknown, refs: Set<string>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = replace(value[i], refs);
      if (item !== value[i]) {
        copy ??= value.slice();
        copy[i] = item;
      }
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  const ref = object.$ref;
  if (typeof ref === 'string' && !ref.startsWith('#')) {
    refs.add(ref);
    return SCHEMA_PLACEHOLDER;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const child = replace(object[key], refs);
    if (child !== object[key]) {
      copy ??= { ...object };
      copy[key] = child;
    }
  }
  return copy ?? object;
}
