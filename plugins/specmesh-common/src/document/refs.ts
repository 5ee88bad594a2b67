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

/** A JSON object as YAML and JSON parsers produce it. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object (not a list, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const REMOTE_REF = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const MAX_REF_HOPS = 32;

/** Where a value leads once its `$ref`s are followed. */
export type Dereferenced =
  | { kind: 'value'; value: unknown }
  /** A reference to a file (a schema file, resolved by the loader). */
  | { kind: 'file'; ref: string }
  | { kind: 'broken'; ref: string; reason: string };

/** The `$ref` of a reference object, if the value is one. */
export function refOf(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const ref = value.$ref;
  return typeof ref === 'string' ? ref : undefined;
}

/** Whether a `$ref` points into the same document. */
export function isLocalRef(ref: string): boolean {
  return ref.startsWith('#');
}

/** Whether a `$ref` names a file (neither local nor a remote URL other than `file:`). */
export function isFileRef(ref: string): boolean {
  return (
    !isLocalRef(ref) && (!REMOTE_REF.test(ref) || ref.startsWith('file://'))
  );
}

/**
 * Follows local `$ref`s (`#/components/messages/x`) inside the document, through
 * chains, without copying anything. File refs are returned as such: the rules
 * decide what a file may hold.
 */
export function dereference(root: unknown, value: unknown): Dereferenced {
  let current = value;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    const ref = refOf(current);
    if (ref === undefined) return { kind: 'value', value: current };
    if (!isLocalRef(ref)) {
      return isFileRef(ref)
        ? { kind: 'file', ref }
        : {
            kind: 'broken',
            ref,
            reason:
              'remote references are not supported; copy the definition into the spec or a file beside it',
          };
    }
    const target = resolvePointer(root, ref.slice(1));
    if (target === undefined) {
      return {
        kind: 'broken',
        ref,
        reason: 'it points to nothing in this document',
      };
    }
    current = target;
  }
  return {
    kind: 'broken',
    ref: refOf(value) ?? '',
    reason: 'the references form a loop',
  };
}

/** The value at a JSON pointer (`/a/b~1c`, possibly URI-encoded), if any. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/')
    return pointer === '' ? root : undefined;
  if (!pointer.startsWith('/')) return undefined;
  let current = root;
  let start = 1;
  while (start <= pointer.length) {
    let end = pointer.indexOf('/', start);
    if (end === -1) end = pointer.length;
    const token = decodePointerToken(pointer.slice(start, end));
    if (Array.isArray(current)) {
      current = current[Number(token)];
    } else if (
      isJsonObject(current) &&
      Object.prototype.hasOwnProperty.call(current, token)
    ) {
      current = current[token];
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
    start = end + 1;
  }
  return current;
}

function decodePointerToken(token: string): string {
  let decoded = token;
  if (decoded.includes('%')) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // Not URI-encoded after all: keep the token as written.
    }
  }
  if (decoded.includes('~'))
    decoded = decoded.replaceAll('~1', '/').replaceAll('~0', '~');
  return decoded;
}
