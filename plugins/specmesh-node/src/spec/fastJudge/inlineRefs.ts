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

const UNSUPPORTED = Symbol('unsupported');

class RefInliner {
  // Each ref's target is inlined once and shared; `sizes` keeps how many
  // objects it stands for, so shared targets still count towards the cap.
  private readonly resolved = new Map<string, unknown>();
  private readonly sizes = new Map<string, number>();
  private readonly active = new Set<string>();
  private inlined = 0;

  constructor(private readonly document: unknown) {}

  inline(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (++this.inlined > MAX_INLINED_OBJECTS) return UNSUPPORTED;
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const item of value) {
        const result = this.inline(item);
        if (result === UNSUPPORTED) return UNSUPPORTED;
        items.push(result);
      }
      return items;
    }
    const object = value as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(object, '$ref')) {
      const ref = object.$ref;
      if (typeof ref !== 'string' || Object.keys(object).length !== 1) {
        return UNSUPPORTED;
      }
      return this.target(ref);
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const result = this.inline(object[key]);
      if (result === UNSUPPORTED) return UNSUPPORTED;
      copy[key] = result;
    }
    return copy;
  }

  private target(ref: string): unknown {
    if (this.resolved.has(ref)) {
      this.inlined += this.sizes.get(ref)!;
      return this.inlined > MAX_INLINED_OBJECTS
        ? UNSUPPORTED
        : this.resolved.get(ref);
    }
    if (!PLAIN_LOCAL_REF.test(ref) || this.active.has(ref)) return UNSUPPORTED;
    let value: unknown = this.document;
    for (const segment of ref.slice(2).split('/')) {
      if (
        typeof value !== 'object' ||
        value === null ||
        !Object.prototype.hasOwnProperty.call(value, segment)
      ) {
        return UNSUPPORTED;
      }
      value = (value as Record<string, unknown>)[segment];
    }
    this.active.add(ref);
    const before = this.inlined;
    const result = this.inline(value);
    this.active.delete(ref);
    if (result !== UNSUPPORTED) {
      this.resolved.set(ref, result);
      this.sizes.set(ref, this.inlined - before);
    }
    return result;
  }
}

/**
 * The document with every `$ref` replaced by what it points at, as the
 * parser's resolved rules see it; `undefined` when a ref is not one the fast
 * path models (not a plain local pointer, escaped, beside other keys,
 * unresolvable or circular), so the parser judges the spec instead.
 */
export function inlineLocalRefs(document: unknown): unknown {
  const result = new RefInliner(document).inline(document);
  return result === UNSUPPORTED ? undefined : result;
}
