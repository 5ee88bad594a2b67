/*
 * Copyright 2026 The Meshport Authors
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
import { Document, isAlias, isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';

/** A node found by a JSON pointer in a YAML document. */
export interface LocatedNode {
  node: Node | null;
  /**
   * Whether the way there passed a YAML alias or a `$ref`: the node is then
   * shared, and changing it would change every place that uses it.
   */
  shared: boolean;
}

const MAX_HOPS = 64;

/**
 * Follows a JSON pointer (as the rule book reports locations) through a YAML
 * document's nodes, through aliases and local `$ref`s as the rule book does,
 * so an edit lands on the node the rules read. `undefined` when the path
 * leads nowhere.
 */
export function locateNode(
  document: Document,
  pointer: string,
): LocatedNode | undefined {
  let current: LocatedNode = {
    node: document.contents as Node | null,
    shared: false,
  };
  for (const segment of pointerSegments(pointer)) {
    const resolved = follow(document, current);
    if (!resolved) return undefined;
    const { node, shared } = resolved;
    if (isMap(node)) {
      const pair = node.items.find(item => keyOf(item.key) === segment);
      if (!pair) return undefined;
      current = { node: pair.value as Node | null, shared };
    } else if (isSeq(node)) {
      const index = Number(segment);
      if (!/^\d+$/.test(segment) || index >= node.items.length)
        return undefined;
      current = { node: node.items[index] as Node | null, shared };
    } else {
      return undefined;
    }
  }
  return follow(document, current);
}

/** Resolves aliases and local `$ref`s at a node, marking the result shared. */
function follow(
  document: Document,
  start: LocatedNode,
): LocatedNode | undefined {
  let { node, shared } = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (isAlias(node)) {
      node = (node.resolve(document) as Node | undefined) ?? null;
      shared = true;
      continue;
    }
    const ref = isMap(node) ? localRefOf(node) : undefined;
    if (ref === undefined) return { node, shared };
    const target = locateNode(document, ref);
    if (!target) return undefined;
    node = target.node;
    shared = true;
  }
  return undefined;
}

function localRefOf(map: YAMLMap): string | undefined {
  const pair = map.items.find(item => keyOf(item.key) === '$ref');
  const value = pair && isScalar(pair.value) ? pair.value.value : undefined;
  if (typeof value !== 'string' || !value.startsWith('#')) return undefined;
  let pointer = value.slice(1);
  try {
    pointer = decodeURIComponent(pointer);
  } catch {
    // Keep it as written.
  }
  return pointer;
}

/** A map key as a string, the way JSON pointers name it. */
export function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string') return key;
  return undefined;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map(segment => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
