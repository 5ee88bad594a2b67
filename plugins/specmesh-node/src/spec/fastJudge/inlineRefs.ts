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

/** The `$ref`s the fast path resolves itself: `#/` pointers of plain names. */
const PLAIN_LOCAL_REF = /^#(\/[A-Za-z0-9_.-]+)+$/;

// Refs to refs can describe a document exponentially larger than its text;
// past this many objects inlined, the parser (and its limits) judge it.
const MAX_INLINED_OBJECTS = 100_000;

/**
 * The document with every `$ref` replaced by what it points at, as the
 * parser's resolved rules see it; `undefined` when a ref is not one the fast
 * path models (not a plain local pointer, escaped, beside other keys,
 * unresolvable or circular), so the parser judges the spec instead.
 */
export function inlineLocalRefs(document: unknown): unknown {
  const resolved = new Map<string, unknown>();
  const sizes = new Map<string, number>();
  const unsupported = Symbol('unsupported');
  let inlined = 0;

  const target = (ref: string, active: Set<string>): unknown => {
    if (resolved.has(ref)) {
      inlined += sizes.get(ref)!;
      return inlined > MAX_INLINED_OBJECTS ? unsupported : resolved.get(ref);
    }
    if (!PLAIN_LOCAL_REF.test(ref) || active.has(ref)) return unsupported;
    let value: unknown = document;
    for (const segment of ref.slice(2).split('/')) {
      if (
        typeof value !== 'object' ||
        value === null ||
        !Object.prototype.hasOwnProperty.call(value, segment)
      ) {
        return unsupported;
      }
      value = (value as Record<string, unknown>)[segment];
    }
    active.add(ref);
    const before = inlined;
    const result = inline(value, active);
    active.delete(ref);
    if (result !== unsupported) {
      resolved.set(ref, result);
      sizes.set(ref, inlined - before);
    }
    return result;
  };

  const inline = (value: unknown, active: Set<string>): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (++inlined > MAX_INLINED_OBJECTS) return unsupported;
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const item of value) {
        const result = inline(item, active);
        if (result === unsupported) return unsupported;
        items.push(result);
      }
      return items;
    }
    const object = value as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(object, '$ref')) {
      const ref = object.$ref;
      if (typeof ref !== 'string' || Object.keys(object).length !== 1) {
        return unsupported;
      }
      return target(ref, active);
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const result = inline(object[key], active);
      if (result === unsupported) return unsupported;
      copy[key] = result;
    }
    return copy;
  };

  const result = inline(document, new Set());
  return result === unsupported ? undefined : result;
}
