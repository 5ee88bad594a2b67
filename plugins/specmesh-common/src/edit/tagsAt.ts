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
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Node,
  parseDocument,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { columnOf, WritingStyle } from './textSplices';
import { keyOf, locateNode } from './locateNode';
import { GrantEditError } from './GrantEditError';

/** The `tags` of one map in a YAML document, ready to edit. */
export interface TagsAt {
  /** The map that holds (or will hold) `tags`: an operation, channel or message. */
  owner: YAMLMap;
  /** Its `tags` sequence, if it has one. */
  tags?: YAMLSeq;
}

/** Parses a spec's text keeping every node's source position. */
export function parseForEdit(text: string): Document {
  return parseDocument(text, { uniqueKeys: true, prettyErrors: false });
}

/**
 * Finds the map at `pointer` and its `tags`, refusing what an edit cannot
 * change without changing other places too: a node reached through an alias
 * or a `$ref`, or one that carries an anchor something else refers to.
 */
export function tagsAt(
  document: Document,
  pointer: string,
  what: string,
): TagsAt {
  const located = locateNode(document, pointer);
  if (!located || !isMap(located.node)) {
    throw new GrantEditError(
      `The ${what} at ${pointer} is not a map, so no tag can be changed there.`,
      'Write it as an AsyncAPI object (a map), then try again.',
    );
  }
  const owner = located.node;
  const pair = owner.items.find(item => keyOf(item.key) === 'tags');
  const value = pair?.value as Node | null | undefined;
  const shared =
    located.shared ||
    isAlias(value) ||
    isReferredTo(document, owner) ||
    (isSeq(value) && isReferredTo(document, value));
  if (shared) {
    throw new GrantEditError(
      `The ${what} at ${pointer} (or its tags) is shared through a YAML anchor or a $ref with other parts of the spec; changing it would change them too.`,
      'Write the tags of this channel out where they are used (no alias, no $ref), then try again, or edit the spec by hand.',
    );
  }
  if (pair === undefined) return { owner };
  if (isSeq(value)) return { owner, tags: value };
  if (value === null || (isScalar(value) && value.value === null)) {
    throw new GrantEditError(
      `The tags of the ${what} at ${pointer} are empty ("tags:" with no value).`,
      'Write "tags: []" or remove the empty key, then try again.',
    );
  }
  throw new GrantEditError(
    `The tags of the ${what} at ${pointer} are not a list.`,
    'Write tags as a list of { name: … } objects.',
  );
}

/** Whether a node carries an anchor that an alias somewhere uses. */
function isReferredTo(document: Document, node: Node): boolean {
  const anchor = (node as { anchor?: string }).anchor;
  if (!anchor) return false;
  let used = false;
  visit(document, {
    Alias(_, alias) {
      if (alias.source === anchor) {
        used = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return used;
}

/** How the file writes tag names and block sequences, so additions match. */
export function writingStyleOf(text: string, document: Document): WritingStyle {
  const json = /^\s*\{/.test(text) && isJson(text);
  let quote: WritingStyle['quote'] | undefined;
  let sequenceIndent: number | undefined;
  visit(document, {
    Pair(_, pair) {
      if (keyOf(pair.key) !== 'tags' || !isSeq(pair.value)) return;
      const seq = pair.value;
      if (
        sequenceIndent === undefined &&
        !seq.flow &&
        seq.range &&
        isScalar(pair.key) &&
        pair.key.range
      ) {
        sequenceIndent = Math.max(
          0,
          columnOf(text, seq.range[0]) - columnOf(text, pair.key.range[0]),
        );
      }
      for (const item of seq.items) {
        const name = isMap(item)
          ? item.items.find(p => keyOf(p.key) === 'name')?.value
          : undefined;
        if (quote === undefined && isScalar(name)) quote = quoteOf(name.type);
      }
    },
  });
  return {
    json,
    quote: json ? 'double' : quote ?? 'plain',
    sequenceIndent: sequenceIndent ?? 2,
  };
}

function quoteOf(type: string | undefined): WritingStyle['quote'] {
  if (type === 'QUOTE_DOUBLE') return 'double';
  if (type === 'QUOTE_SINGLE') return 'single';
  return 'plain';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
