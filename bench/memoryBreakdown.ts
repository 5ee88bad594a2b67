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
 * Where a process's resident memory is, after a full garbage collection: the
 * V8 heap (committed, and of that what live objects use), the memory Node
 * keeps outside it (buffers, native allocations), and the kernel's split of
 * the resident pages (anonymous: heap and malloc; file: mapped code).
 */
import { readFileSync } from 'node:fs';
import {
  constants,
  PerformanceEntry,
  PerformanceObserver,
} from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Figures in MB, by name. */
export type MemoryBreakdown = Record<string, number>;

const MB = 1024 * 1024;

/** Two full collections, as a heap that settled would be. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function statusKb(field: string): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN; // not Linux
  }
}

const V8_PAGE_KB = 256;

/**
 * From the kernel's list of mappings: the resident memory of anonymous
 * mappings of exactly one V8 page (how V8 maps its heap pages on Linux), and
 * the memory freed with MADV_FREE, counted resident until the kernel needs
 * it.
 */
function mappings(): { v8Pages: number; lazyFree: number } {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return { v8Pages: NaN, lazyFree: NaN };
  }
  let v8Pages = 0;
  let lazyFree = 0;
  let pageSized = false;
  for (const line of text.split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(\S*)/.exec(line);
    if (range) {
      const kb = (parseInt(range[2], 16) - parseInt(range[1], 16)) / 1024;
      pageSized = kb === V8_PAGE_KB && range[3] === '';
    } else if (pageSized && line.startsWith('Rss:')) {
      v8Pages += parseInt(line.slice(4), 10);
    } else if (line.startsWith('LazyFree:')) {
      lazyFree += parseInt(line.slice(9), 10);
    }
  }
  return { v8Pages: v8Pages / 1024, lazyFree: lazyFree / 1024 };
}

/** The process's memory now (collect garbage first for a settled figure). */
export function memoryBreakdown(): MemoryBreakdown {
  const usage = process.memoryUsage();
  const spaces = getHeapSpaceStatistics();
  const space = (name: string) =>
    spaces.find(s => s.space_name === name) ?? {
      space_size: 0,
      space_used_size: 0,
    };
  const old = space('old_space');
  const large = space('large_object_space');
  const figures: MemoryBreakdown = {
    rss: usage.rss / MB,
    rssAnon: statusKb('RssAnon') / 1024,
    rssFile: statusKb('RssFile') / 1024,
    heapCommitted: usage.heapTotal / MB,
    heapUsed: usage.heapUsed / MB,
    oldCommitted: old.space_size / MB,
    oldUsed: old.space_used_size / MB,
    largeObjects: large.space_size / MB,
    external: usage.external / MB,
    arrayBuffers: usage.arrayBuffers / MB,
    ...mappings(),
  };
  // What is resident and anonymous but neither V8's heap nor its external
  // memory: native allocations (malloc arenas, libraries), thread stacks.
  figures.nativeOther =
    figures.rssAnon - figures.heapCommitted - figures.external;
  return figures;
}

const LABELS: Array<[string, string]> = [
  ['rss', 'RSS'],
  ['rssAnon', 'anon'],
  ['rssFile', 'file'],
  ['heapCommitted', 'V8 heap committed'],
  ['heapUsed', 'used'],
  ['oldCommitted', 'old space committed'],
  ['oldUsed', 'used'],
  ['largeObjects', 'large objects'],
  ['v8Pages', 'resident in V8-page mappings'],
  ['lazyFree', 'lazily freed'],
  ['external', 'external'],
  ['arrayBuffers', 'array buffers'],
  ['nativeOther', 'other anon (native)'],
];

/** One line: each figure, and its difference from `base` when given. */
export function breakdownLine(
  figures: MemoryBreakdown,
  base?: MemoryBreakdown,
): string {
  return LABELS.map(([key, label]) => {
    const value = figures[key];
    const diff = base ? value - base[key] : undefined;
    return `${label} ${value.toFixed(0)}${
      diff === undefined ? '' : ` (${diff >= 0 ? '+' : ''}${diff.toFixed(0)})`
    }`;
  }).join(', ');
}

/** How long to wait at most for V8's memory reducer. */
const REDUCER_WAIT_MS = 180_000;

/**
 * Resolves at the next full collection V8's memory reducer makes (a major
 * collection flagged "all external memory"), or after `timeoutMs`: whether
 * it came.
 */
function memoryReducerRan(timeoutMs: number): Promise<boolean> {
  return new Promise(resolve => {
    const observer = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        const { kind, flags } = (
          entry as PerformanceEntry & {
            detail: { kind: number; flags: number };
          }
        ).detail;
        if (
          kind === constants.NODE_PERFORMANCE_GC_MAJOR &&
          flags & constants.NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY
        ) {
          done(true);
        }
      }
    });
    const timer = setTimeout(() => done(false), timeoutMs);
    function done(ran: boolean) {
      clearTimeout(timer);
      observer.disconnect();
      resolve(ran);
    }
    observer.observe({ entryTypes: ['gc'] });
  });
}

/**
 * The memory of the process left idle, garbage collected. V8 keeps its heap
 * grown, and the pages a collection frees pooled for reuse, until its memory
 * reducer finds the process idle (within about a minute, by itself) and
 * shrinks both: this waits for the reducer's collection, without collecting
 * before (a forced collection does not shrink, and once the reducer is done
 * it does not run again until the heap grows), then collects and measures.
 * `waitedSeconds` says how long it took; `reduced` is false when the
 * reducer did not run within the wait (3 minutes).
 */
export async function idledMemory(): Promise<{
  memory: MemoryBreakdown;
  waitedSeconds: number;
  reduced: boolean;
}> {
  const started = Date.now();
  const reduced = await memoryReducerRan(REDUCER_WAIT_MS);
  const waitedSeconds = (Date.now() - started) / 1000;
  collectGarbage();
  return { memory: memoryBreakdown(), waitedSeconds, reduced };
}
