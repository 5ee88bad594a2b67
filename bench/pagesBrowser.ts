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
 * Measuring pages in headless Chromium for the page benchmarks: a signed-in
 * guest's session, the catalog's counts, and the first frame in which a page
 * shows what it is for, from the navigation start of its URL.
 */
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';

/**
 * What a page shows once it is rendered: a heading's text, and a table row
 * with a link or an empty state's text or an element; the heading alone when
 * none of those is asked for.
 */
export interface Ready {
  /** A regular expression a heading or title must match; none: any. */
  title?: string;
  /** A table body row holding a link must be there. */
  rows?: boolean;
  /**
   * A table body row of data (two cells or more: not a table's empty state)
   * must be there: for a table whose rows hold no link, as the access matrix.
   */
  dataRows?: boolean;
  /** Or this text (an empty state) instead of the rows. */
  orText?: string;
  /** Or an element matching this selector (a chart's bars). */
  orSelector?: string;
}

// Runs in the page before its own scripts: notes when what the page is for is
// first in the DOM, then the next animation frame, when it can be on screen.
const OBSERVER = (ready: Ready) => {
  const w = window as any;
  const titleRe = ready.title ? new RegExp(ready.title) : undefined;
  const check = () => {
    if (w.__ready) return;
    const progress = document.querySelector('[data-testid="progress"]');
    const texts = () =>
      [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,p,span')].map(
        e => e.textContent ?? '',
      );
    const titled = !titleRe || texts().some(t => titleRe.test(t));
    const rows =
      (ready.rows && document.querySelector('tbody tr a[href]') !== null) ||
      (ready.dataRows && document.querySelector('tbody tr td + td') !== null);
    const element =
      ready.orSelector && document.querySelector(ready.orSelector) !== null;
    const text = ready.orText && texts().some(t => t === ready.orText);
    const other = element || text;
    const body =
      !ready.rows && !ready.dataRows && !ready.orText && !ready.orSelector;
    if (progress || !titled || !(body || rows || other)) return;
    w.__ready = {
      inDom: performance.now(),
      how: rows ? 'rows' : body ? 'title' : element ? 'element' : 'text',
    };
    requestAnimationFrame(() => {
      w.__ready.frame = performance.now();
    });
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
};

/** Navigation start of `url` → first frame with what `ready` says, in a fresh page. */
export async function firstFrame(
  page: Page,
  url: string,
  ready: Ready,
  timeoutMs = 120_000,
): Promise<{ ms: number; how: string }> {
  await page.addInitScript(OBSERVER, ready);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as any).__ready?.frame, null, {
    timeout: timeoutMs,
    polling: 50,
  });
  return page.evaluate(() => ({
    ms: (window as any).__ready.frame as number,
    how: (window as any).__ready.how as string,
  }));
}

/** The guest's Backstage token, from the session the browser context holds. */
export async function guestToken(page: Page, baseUrl: string): Promise<string> {
  const response = await page.request.get(
    `${baseUrl}/api/auth/guest/refresh?optional&env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  const body = await response.json();
  const token = body?.backstageIdentity?.token;
  if (!token) throw new Error(`No guest token: ${JSON.stringify(body)}`);
  return token;
}

/** How many entities the catalog answers for a filter (`kind=resource,spec.type=kafka-topic`). */
export async function catalogCount(
  page: Page,
  baseUrl: string,
  filter: string,
): Promise<number> {
  const token = await guestToken(page, baseUrl);
  const response = await page.request.get(
    `${baseUrl}/api/catalog/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&limit=1&fields=metadata.name`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const body = await response.json();
  return Number(body.totalItems ?? 0);
}

/** Runs `measure` in `runs` fresh contexts holding only the guest session (cold HTTP cache). */
export async function coldRuns<T>(
  browser: Browser,
  session: Awaited<ReturnType<ReturnType<Page['context']>['storageState']>>,
  runs: number,
  measure: (page: Page) => Promise<T>,
): Promise<T[]> {
  const samples: T[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({
      storageState: session,
      viewport: { width: 1400, height: 900 },
    });
    try {
      samples.push(await measure(await context.newPage()));
    } finally {
      await context.close();
    }
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const ms = (value: number) => `${Math.round(value)} ms`;

/** The machine the figures come from: cores and load average now. */
export function machineLoad(): string {
  const [one, five, fifteen] = os.loadavg().map(l => l.toFixed(2));
  return `${os.cpus().length} cores (${
    os.cpus()[0]?.model ?? 'unknown'
  }), load average ${one} / ${five} / ${fifteen}`;
}

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}
