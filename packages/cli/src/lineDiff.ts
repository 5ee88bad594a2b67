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

/** One line of a unified diff. */
type DiffLine = { kind: ' ' | '-' | '+'; text: string };

const CONTEXT = 2;
/** Beyond this many changed lines, the changed region is shown as one block. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * A unified diff of two texts, for people reviewing a spec edit: `--- a`,
 * `+++ b`, and hunks with two lines of context. Empty when the texts are equal.
 */
export function unifiedDiff(
  before: string,
  after: string,
  name: string,
): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines: DiffLine[] = [
    ...a.slice(0, start).map(text => ({ kind: ' ' as const, text })),
    ...middle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map(text => ({ kind: ' ' as const, text })),
  ];
  return `--- ${name}\n+++ ${name}\n${hunks(lines).join('')}`;
}

/** The lines of a text; a final line feed ends the last line, it starts none. */
function splitLines(text: string): string[] {
  const split = text.split('\n');
  if (text.endsWith('\n')) split.pop();
  return split;
}

/** The changed region, line by line (longest common subsequence). */
function middle(a: string[], b: string[]): DiffLine[] {
  if ((a.length + 1) * (b.length + 1) > MAX_LCS_CELLS) {
    return [
      ...a.map(text => ({ kind: '-' as const, text })),
      ...b.map(text => ({ kind: '+' as const, text })),
    ];
  }
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * width + j] =
        a[i] === b[j]
          ? common[(i + 1) * width + j + 1] + 1
          : Math.max(common[(i + 1) * width + j], common[i * width + j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: ' ', text: a[i++] });
      j++;
    } else if (
      i < a.length &&
      (j === b.length ||
        common[(i + 1) * width + j] >= common[i * width + j + 1])
    ) {
      lines.push({ kind: '-', text: a[i++] });
    } else {
      lines.push({ kind: '+', text: b[j++] });
    }
  }
  return lines;
}

function hunks(lines: DiffLine[]): string[] {
  const out: string[] = [];
  let index = 0;
  let lineA = 1;
  let lineB = 1;
  while (index < lines.length) {
    let change = index;
    while (change < lines.length && lines[change].kind === ' ') change++;
    if (change === lines.length) break;
    const from = Math.max(index, change - CONTEXT);
    for (let at = index; at < from; at++) {
      lineA++;
      lineB++;
    }
    // The hunk runs until CONTEXT unchanged lines follow the last change twice over.
    let to = change;
    let lastChange = change;
    while (to < lines.length && to - lastChange <= 2 * CONTEXT) {
      if (lines[to].kind !== ' ') lastChange = to;
      to++;
    }
    const end = Math.min(lines.length, lastChange + CONTEXT + 1);
    const body = lines.slice(from, end);
    const countA = body.filter(line => line.kind !== '+').length;
    const countB = body.filter(line => line.kind !== '-').length;
    out.push(`@@ -${lineA},${countA} +${lineB},${countB} @@\n`);
    for (const line of body) out.push(`${line.kind}${line.text}\n`);
    lineA += countA;
    lineB += countB;
    index = end;
  }
  return out;
}
