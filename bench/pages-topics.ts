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
 * The Kafka topics page with ≈10,000 topics, in headless Chromium, against a
 * bare catalog page of the same portal in the same run.
 *
 * The portal: the demo portal (scripts/lib/portal.sh) whose catalog also
 * holds a generated mesh (bench/pagesMesh.ts: --products data products of
 * --channels channels, 8 in 10 of them owned topics, and one product with 200
 * topics), registered through an extra catalog location. The bench starts it
 * (Kafka and the registry too, unless the profile's are running) and waits
 * until the catalog holds every topic; with MESHPORT_E2E_URL set it uses that
 * portal as it is (bench/run pages-portal starts one and keeps it).
 *
 * 1. First render, cold (a new browser context per run, holding only the
 *    guest session): navigation start → first frame with topic rows, and →
 *    every page of the catalog read; over the catalog index filtered to kind
 *    Resource (Backstage's own list of the same entities) and to kind Group
 *    (Backstage's boot with a short list). Goal: topics page ≤ 1.5× the bare
 *    catalog page (medians).
 * 2. A filter keystroke on the loaded page: keydown in the search field →
 *    first frame whose rows all match the search (and the count says so).
 *    Goal ≤ 200 ms median.
 *
 *   bench/run pages-topics [--runs 5] [--products 1000] [--channels 12]
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openPortal, signInAsGuest } from '../packages/e2e-tests/src/portal';
import {
  catalogCount,
  coldRuns,
  firstFrame,
  machineLoad,
  median,
  ms,
  option,
} from './pagesBrowser';
import { PagesMesh, writePagesMesh } from './pagesMesh';
import { ROOT, RunningPortal, startPagesPortal } from './pagesPortal';

const RATIO_GOAL = 1.5;
const KEYSTROKE_GOAL_MS = 200;
const INGEST_TIMEOUT_MS = 40 * 60_000;
const TOPICS_FILTER = 'kind=resource,spec.type=kafka-topic';

const runs = Number(option('runs', '5'));

export function benchMesh(): PagesMesh {
  const runDir =
    process.env.MESHPORT_INFRA_RUN_DIR ??
    path.join(
      ROOT,
      '.cache',
      `run-${process.env.MESHPORT_INFRA_PROFILE ?? 'bench'}`,
    );
  return writePagesMesh(path.join(runDir, 'pages-mesh'), {
    products: Number(option('products', '1000')),
    channels: Number(option('channels', '12')),
    largeTopics: 200,
  });
}

/** Starts the portal with the mesh, or takes MESHPORT_E2E_URL's. */
export async function meshPortal(mesh: PagesMesh): Promise<RunningPortal> {
  const external = process.env.MESHPORT_E2E_URL?.replace(/\/$/, '');
  const portal = external
    ? { url: external, stop: async () => {} }
    : await startPagesPortal([mesh.location]);
  process.env.MESHPORT_E2E_URL = portal.url;
  return portal;
}

/** Polls the catalog until it holds `topics` topic entities; the seconds it took. */
export async function waitForTopics(
  page: Page,
  baseUrl: string,
  topics: number,
  filter = TOPICS_FILTER,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    // A backend busy ingesting may drop a request: ask again next time.
    const count = await catalogCount(page, baseUrl, filter).catch(() => 0);
    if (count >= topics) return (Date.now() - started) / 1000;
    if (Date.now() - started > INGEST_TIMEOUT_MS) {
      throw new Error(`The catalog holds ${count} of ${topics} topics`);
    }
    await page.waitForTimeout(5_000);
  }
}

const ALL_READ = '^\\d+ topics?$';

async function topicsPageLoad(page: Page, baseUrl: string) {
  const first = await firstFrame(page, `${baseUrl}/kafka-topics`, {
    title: '^\\d+ topics?',
    rows: true,
  });
  const re = ALL_READ;
  await page.waitForFunction(
    pattern =>
      [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].some(e =>
        new RegExp(pattern).test(e.textContent ?? ''),
      ),
    re,
    { timeout: 120_000, polling: 50 },
  );
  const allRead = await page.evaluate(() => performance.now());
  return { first: first.ms, allRead };
}

// In the page: from the keydown to the first frame whose rows all hold every
// word of the search, with a count of fewer topics than the page has.
const KEYSTROKE = (q: string) => {
  const w = window as any;
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const settled = () => {
    const rows = [...document.querySelectorAll('tbody tr')].filter(row =>
      row.querySelector('a[href]'),
    );
    const counted = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].some(
      e => / of \d+ topics/.test(e.textContent ?? ''),
    );
    return (
      counted &&
      rows.length > 0 &&
      rows.every(row =>
        words.every(word =>
          (row.textContent ?? '').toLowerCase().includes(word),
        ),
      )
    );
  };
  w.__key = { alreadySettled: settled() };
  const observer = new MutationObserver(() => {
    if (w.__key.start === undefined || w.__key.inDom || !settled()) return;
    w.__key.inDom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      w.__key.frame = performance.now();
    });
  });
  document.addEventListener(
    'keydown',
    () => {
      w.__key.start = performance.now();
    },
    { capture: true, once: true },
  );
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
  });
};

async function keystrokes(page: Page, baseUrl: string): Promise<number[]> {
  await topicsPageLoad(page, baseUrl);
  const search = page.locator('#specmesh-topic-search');
  const samples: number[] = [];
  for (const [prefix, key] of [
    ['app1', '2'],
    ['app2', '3'],
    ['app3', '4'],
    ['app4', '5'],
    ['app5', '6'],
    ['app6', '7'],
    ['app7', '8'],
    ['app8', '9'],
    ['app9', '1'],
  ]) {
    await search.fill(prefix);
    await page.waitForFunction(
      p =>
        [...document.querySelectorAll('tbody tr a[href]')].every(a =>
          (a.closest('tr')!.textContent ?? '').toLowerCase().includes(p),
        ),
      prefix,
      { polling: 50 },
    );
    await page.evaluate(KEYSTROKE, prefix + key);
    if (await page.evaluate(() => (window as any).__key.alreadySettled)) {
      console.log(`  (skipped ${prefix}${key}: the rows matched already)`);
      continue;
    }
    await search.press(key);
    await page.waitForFunction(() => (window as any).__key.frame, null, {
      timeout: 30_000,
      polling: 20,
    });
    samples.push(
      await page.evaluate(
        () => (window as any).__key.frame - (window as any).__key.start,
      ),
    );
  }
  return samples;
}

async function main() {
  const mesh = benchMesh();
  console.log(
    `Generated mesh: ${mesh.topics} topics (a large data product ${mesh.largeProduct} of ${mesh.largeTopics}) at ${mesh.location}`,
  );
  const portal = await meshPortal(mesh);
  const browser = await openPortal();
  try {
    await signInAsGuest(browser);
    const ingest = await waitForTopics(browser.page, portal.url, mesh.topics);
    console.log(
      `The catalog holds every topic (waited ${ingest.toFixed(
        0,
      )} s after the portal was ready)`,
    );
    const session = await browser.page.context().storageState();
    const catalog = (kind: string) =>
      // The demo app mounts the catalog index at the root.
      `${portal.url}/?filters%5Bkind%5D=${kind}&filters%5Buser%5D=all`;
    const resources: number[] = [];
    const groups: number[] = [];
    const topics: Array<{ first: number; allRead: number }> = [];
    // Interleaved, so that a change of the machine's load hits all three alike.
    await coldRuns(browser.browser, session, runs, async page => {
      const ctx = page.context();
      resources.push(
        (await firstFrame(page, catalog('resource'), { rows: true })).ms,
      );
      const groupPage = await ctx.newPage();
      groups.push(
        (await firstFrame(groupPage, catalog('group'), { rows: true })).ms,
      );
      const topicsPage = await ctx.newPage();
      topics.push(await topicsPageLoad(topicsPage, portal.url));
    });
    const keys = await keystrokes(browser.page, portal.url);
    const first = median(topics.map(t => t.first));
    const bare = median(resources);
    const ratio = first / bare;
    console.log(
      `Kafka topics page, ${mesh.topics} topics, headless Chromium on ${portal.url}, ${runs} cold runs each (interleaved)`,
    );
    console.log(`  machine: ${machineLoad()}`);
    console.log(
      `  bare catalog page (catalog index, kind Resource, ${
        mesh.topics
      }+ entities): median ${ms(bare)}`,
    );
    console.log(
      `  catalog index, kind Group (Backstage's boot, a short list): median ${ms(
        median(groups),
      )}`,
    );
    console.log(
      `  topics page, first frame with rows: median ${ms(
        first,
      )} = ${ratio.toFixed(2)}× the bare catalog page (goal ≤ ${RATIO_GOAL}×: ${
        ratio <= RATIO_GOAL ? 'met' : 'MISSED'
      }); ${(first / median(groups)).toFixed(2)}× the Group list`,
    );
    console.log(
      `  topics page, every topic read from the catalog: median ${ms(
        median(topics.map(t => t.allRead)),
      )}`,
    );
    const key = median(keys);
    console.log(
      `  search keystroke → rows updated: median ${ms(key)} over ${
        keys.length
      } keystrokes (min ${ms(Math.min(...keys))}, max ${ms(
        Math.max(...keys),
      )}; goal ≤ ${KEYSTROKE_GOAL_MS} ms: ${
        key <= KEYSTROKE_GOAL_MS ? 'met' : 'MISSED'
      })`,
    );
    console.log(`  machine after: ${machineLoad()}`);
  } finally {
    await browser.close();
    await portal.stop();
  }
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
