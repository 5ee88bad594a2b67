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
 * What the fast path does not model, so that a spec using it goes to the
 * AsyncAPI parser. Each entry names the parser's behaviour it stands for;
 * a false alarm costs only time, a missed one a wrong verdict (the parity
 * test's job to find).
 */

// Keys whose rules the fast path does not port: traits (merged before the
// rules run), examples and defaults (validated against their schemas),
// security (checked against security schemes), server variables and channel
// parameters (checked against the address), and prototype keys.
const UNMODELLED_KEYS: ReadonlySet<string> = new Set([
  'traits',
  'examples',
  'default',
  'security',
  'variables',
  'parameters',
  '__proto__',
  'constructor',
  'prototype',
]);

// YAML the parser's reader (@stoplight/yaml) may read unlike the judge's:
// tags, anchors, aliases and merge keys. JSON texts are read by JSON.parse
// here, which keeps the last of duplicate keys where the parser objects.
const TAG_ANCHOR_OR_ALIAS = /(?:^|[\s,[{:-])[!&*][^\s]/m;
const MERGE_KEY = /<<\s*:/;

/** Whether the spec's text is read alike by the judge and the parser. */
export function textIsPlainYaml(text: string): boolean {
  const first = text.trimStart()[0];
  return first !== '{' && first !== '[' && !hasYamlFeatures(text);
}

// Cheap character tests first: most specs have none of these.
function hasYamlFeatures(text: string): boolean {
  return (
    (/[!&*]/.test(text) && TAG_ANCHOR_OR_ALIAS.test(text)) ||
    (text.includes('<<') && MERGE_KEY.test(text))
  );
}

/**
 * Whether the document uses a key the fast path hands to the parser, or a
 * number JSON cannot carry (the parser reads a document as JSON text).
 */
export function hasUnmodelledParts(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number' && !Number.isFinite(value)) return true;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (UNMODELLED_KEYS.has(key)) return true;
      if (key === 'tags' && hasDuplicateTagNames(child)) return true;
      stack.push(child);
    }
  }
  return false;
}

function hasDuplicateTagNames(tags: unknown): boolean {
  if (!Array.isArray(tags)) return false;
  const names = new Set<unknown>();
  for (const tag of tags) {
    const name = (tag as { name?: unknown } | null)?.name;
    if (names.has(name)) return true;
    names.add(name);
  }
  return false;
}
