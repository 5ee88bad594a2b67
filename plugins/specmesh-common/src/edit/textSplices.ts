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
import { isMap, isScalar, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';

/** One change to a text: replace `[start, end)` with `insert`. */
export interface Splice {
  start: number;
  end: number;
  insert: string;
}

/** How new text is written so that it looks like the file around it. */
export interface WritingStyle {
  /** The file is JSON: quote everything. */
  json: boolean;
  /** How tag names are quoted elsewhere in the file. */
  quote: 'plain' | 'single' | 'double';
  /** Columns between a key and the dash of its block sequence (0 or 2, usually). */
  sequenceIndent: number;
}

/** The text with the splice made; new lines end as the text's lines do (LF or CRLF). */
export function applySplice(text: string, splice: Splice): string {
  const insert = text.includes('\r\n')
    ? splice.insert.replace(/\r?\n/g, '\r\n')
    : splice.insert;
  return text.slice(0, splice.start) + insert + text.slice(splice.end);
}

/** The text of a new `{ name: <tag> }` tag, written as `shape` says. */
function tagItem(
  name: string,
  style: WritingStyle,
  shape: 'braces' | 'tight' | 'pair',
): string {
  if (style.json) return `{"name": ${JSON.stringify(name)}}`;
  const value = quoted(name, style.quote);
  if (shape === 'pair') return `name: ${value}`;
  return shape === 'tight' ? `{name: ${value}}` : `{ name: ${value} }`;
}

function quoted(name: string, quote: WritingStyle['quote']): string {
  if (quote === 'double') return JSON.stringify(name);
  if (quote === 'single') return `'${name.replaceAll("'", "''")}'`;
  return name;
}

/** Adds a tag at the end of an existing `tags` sequence. */
export function appendTag(
  text: string,
  tags: YAMLSeq,
  name: string,
  style: WritingStyle,
): Splice {
  const items = tags.items as Node[];
  const [start, end] = rangeOf(tags);
  if (tags.flow) {
    if (items.length === 0) {
      const close = text.lastIndexOf(']', end - 1);
      return at(close, tagItem(name, style, 'braces'));
    }
    const last = items[items.length - 1];
    const lastEnd = trimmedEnd(text, rangeOf(last)[1], rangeOf(last)[0]);
    const source = text.slice(rangeOf(last)[0], lastEnd);
    let shape: 'braces' | 'tight' | 'pair' = 'braces';
    if (source.startsWith('{'))
      shape = source.startsWith('{ ') ? 'braces' : 'tight';
    else if (isMap(last)) shape = 'pair';
    const multiLine = text.slice(start, rangeOf(items[0])[0]).includes('\n');
    const item = tagItem(name, style, shape);
    return at(
      lastEnd,
      multiLine
        ? `,\n${spaces(columnOf(text, rangeOf(last)[0]))}${item}`
        : `, ${item}`,
    );
  }
  const dash = columnOf(text, start);
  const last = items[items.length - 1];
  return insertLine(
    text,
    lineEnd(text, rangeOf(last)[1]),
    `${spaces(dash)}- ${tagItem(name, style, 'pair')}\n`,
  );
}

/** Adds `tags: [<tag>]` as the last key of a map that has none. */
export function addTagsKey(
  text: string,
  map: YAMLMap,
  name: string,
  style: WritingStyle,
): Splice {
  const pairs = map.items as Pair<Node, Node | null>[];
  const [start, end] = rangeOf(map);
  const key = style.json ? '"tags"' : 'tags';
  if (map.flow) {
    const close = text.lastIndexOf('}', end - 1);
    const list = `[${tagItem(name, style, style.json ? 'tight' : 'braces')}]`;
    if (pairs.length === 0) return at(close, `${key}: ${list}`);
    const first = rangeOf(pairs[0].key as Node)[0];
    const lastEnd = trimmedEnd(text, endOfPair(pairs[pairs.length - 1]), first);
    const multiLine = text.slice(start, first).includes('\n');
    return at(
      lastEnd,
      multiLine
        ? `,\n${spaces(columnOf(text, first))}${key}: ${list}`
        : `, ${key}: ${list}`,
    );
  }
  const indent = spaces(columnOf(text, start));
  const last = pairs[pairs.length - 1];
  return insertLine(
    text,
    lineEnd(text, endOfPair(last)),
    `${indent}${key}:\n${indent}${spaces(style.sequenceIndent)}- ${tagItem(
      name,
      style,
      'pair',
    )}\n`,
  );
}

/**
 * Removes item `index` of a `tags` sequence; when it is the last one, removes
 * the `tags` key too where that can be done cleanly, else leaves `[]`.
 */
export function removeTag(
  text: string,
  owner: YAMLMap,
  tags: YAMLSeq,
  index: number,
): { splice: Splice; removedKey: boolean } {
  const items = tags.items as Node[];
  if (items.length > 1) {
    return {
      splice: removeItem(text, items, index, !!tags.flow),
      removedKey: false,
    };
  }
  const pairs = owner.items as Pair<Node, Node | null>[];
  const pairIndex = pairs.findIndex(pair => pair.value === tags);
  const keyStart = rangeOf(pairs[pairIndex].key as Node)[0];
  const [seqStart, seqEnd] = rangeOf(tags);
  if (
    !owner.flow &&
    text.slice(lineStart(text, keyStart), keyStart).trim() === ''
  ) {
    const splice = {
      start: lineStart(text, keyStart),
      end: lineEnd(text, seqEnd),
      insert: '',
    };
    return { splice, removedKey: true };
  }
  if (owner.flow && pairs.length > 1) {
    const keys = pairs.map(pair => pair.key as Node);
    const splice = removeItem(
      text,
      keys,
      pairIndex,
      true,
      pairs.map(endOfPair),
    );
    return { splice, removedKey: true };
  }
  const splice = {
    start: seqStart,
    end: trimmedEnd(text, seqEnd, seqStart),
    insert: '[]',
  };
  return { splice, removedKey: false };
}

function removeItem(
  text: string,
  items: Node[],
  index: number,
  flow: boolean,
  ends: number[] = items.map(item => rangeOf(item)[1]),
): Splice {
  const [start] = rangeOf(items[index]);
  if (!flow) {
    return {
      start: lineStart(text, start),
      end: lineEnd(text, ends[index]),
      insert: '',
    };
  }
  if (index < items.length - 1) {
    return { start, end: rangeOf(items[index + 1])[0], insert: '' };
  }
  const previousEnd = trimmedEnd(text, ends[index - 1], 0);
  return {
    start: previousEnd,
    end: trimmedEnd(text, ends[index], start),
    insert: '',
  };
}

function endOfPair(pair: Pair<Node, Node | null>): number {
  const value = pair.value;
  if (value && !(isScalar(value) && value.range === undefined))
    return rangeOf(value)[1];
  return rangeOf(pair.key as Node)[1];
}

function rangeOf(node: Node): [number, number, number] {
  if (!node.range) throw new Error('The YAML node has no source position.');
  return node.range;
}

function at(position: number, insert: string): Splice {
  return { start: position, end: position, insert };
}

/** Inserts whole lines at a line start, adding the newline a last line may lack. */
function insertLine(text: string, position: number, lines: string): Splice {
  const needsNewline = position > 0 && text[position - 1] !== '\n';
  return at(position, needsNewline ? `\n${lines}` : lines);
}

function spaces(count: number): string {
  return ' '.repeat(count);
}

function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

export function columnOf(text: string, position: number): number {
  return position - lineStart(text, position);
}

/** The start of the line after the one `position` is on (or ends). */
function lineEnd(text: string, position: number): number {
  if (position > 0 && text[position - 1] === '\n') return position;
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

function trimmedEnd(text: string, position: number, floor: number): number {
  let end = position;
  while (end > floor && /\s/.test(text[end - 1])) end--;
  return end;
}
