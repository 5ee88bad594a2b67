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
 * The Cost tab's first render in headless Chromium, and what the frontend plugin weighs.
 *
 * 1. Render time (goal ≤ 1.5 s): from the navigation start of the entity's Cost tab URL
 *    (/catalog/default/api/<entity>/cost, typed into the address bar) to the first animation
 *    frame after the chart's bars are in the DOM (the cost tables render in the same React
 *    commit; when an entity has no usage, the empty state counts instead and the output says
 *    so). That covers the HTML, the app's JavaScript, sign-in from the stored session, the
 *    catalog entity, the lazily loaded tab and recharts, and both chargeback queries of the tab.
 *    - cold: a new browser context each run, holding only the guest session (cookies and
 *      local storage): a signed-in user whose HTTP cache is empty;
 *    - warm: a second page in the same context right after: the HTTP cache holds the app's
 *      JavaScript, as for a returning user.
 *    Median and p90 over --runs runs each, with the medians of milestones on the way.
 * 2. Bundle size: `backstage-cli package build` of plugins/specmesh (after `yarn tsc`, which it
 *    needs), total raw and gzip bytes of dist/**\/*.esm.js; then the demo app's build
 *    (packages/app/dist/static): every chunk whose source map names plugins/specmesh or
 *    plugins/specmesh-common, raw and gzip, the bytes of those chunks that are the plugin's own
 *    code (from the source maps), whether a cold Cost tab load fetched it, and recharts' chunk.
 *
 * The portal: with MESHPORT_E2E_URL set, that one (a browser-test portal from scripts/lib/portal.sh,
 * whose app build is packages/app/dist). Otherwise the bench starts its own through scripts/lib, as
 * scripts/test does: Kafka and the registry in .cache/run-bench (start_infra), then start_portal
 * (builds the app, applies the example data products but onboarding, runs the demo load, collects
 * chargeback every 15 s), and stops both at the end. It waits until the entity's cost chart has
 * bars (collection ran) before measuring.
 *
 *   bench/run cost-tab-render [--runs 10] [--entity acme.logistics.shipping] [--skip-build]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { startPagesPortal } from './pagesPortal';
import {
  openPortal,
  Portal,
  signInAsGuest,
} from '../packages/e2e-tests/src/portal';

const GOAL_MS = 1500;
const ROOT = path.resolve(__dirname, '..');
const DATA_WAIT_MS = 120_000;
const RENDER_TIMEOUT_MS = 30_000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

const runs = Number(option('runs', '10'));
const entity = option('entity', 'acme.logistics.shipping');
const skipBuild = process.argv.includes('--skip-build');

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const gzipSize = (data: Buffer | string) => zlib.gzipSync(data).length;

// ---- the portal ------------------------------------------------------------------------------

/** The browser-test portal, as the page benchmarks start it (with no extra catalog locations). */
const startPortal = () => startPagesPortal([]);

// ---- render time -----------------------------------------------------------------------------

interface Sample {
  renderedMs: number;
  state: 'chart' | 'empty';
  responseEndMs: number;
  domContentLoadedMs: number;
  chargebackRequestedMs: number;
  chargebackMs: number;
  scripts: string[];
  scriptBytes: number;
  scriptWireBytes: number;
}

// Runs in the page before its own scripts: notes when the bars (or the empty state) first exist,
// then the next animation frame, when they can first be on screen.
const OBSERVER = () => {
  const w = window as any;
  const check = () => {
    if (w.__costTab) return;
    const state = document.querySelector('.recharts-bar-rectangle path')
      ? 'chart'
      : [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,p,span')].some(
          e => e.textContent === 'No usage recorded in this range',
        ) && 'empty';
    if (!state) return;
    w.__costTab = { state, inDom: performance.now() };
    requestAnimationFrame(() => {
      w.__costTab.frame = performance.now();
    });
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
  });
};

async function measure(page: Page, url: string): Promise<Sample> {
  await page.addInitScript(OBSERVER);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as any).__costTab?.frame, null, {
    timeout: RENDER_TIMEOUT_MS,
  });
  return page.evaluate(() => {
    const tab = (window as any).__costTab;
    const nav = performance.getEntriesByType(
      'navigation',
    )[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType(
      'resource',
    ) as PerformanceResourceTiming[];
    const scripts = resources.filter(r => /\.js(\?|$)/.test(r.name));
    const chargeback = resources.filter(r =>
      r.name.includes('/api/specmesh/chargeback'),
    );
    return {
      renderedMs: tab.frame,
      state: tab.state,
      responseEndMs: nav.responseEnd,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      chargebackRequestedMs: Math.min(...chargeback.map(r => r.startTime)),
      chargebackMs: Math.max(...chargeback.map(r => r.responseEnd)),
      scripts: scripts.map(r => new URL(r.name).pathname.split('/').pop()!),
      scriptBytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
      scriptWireBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0),
    };
  });
}

/**
 * From a click on the Cost tab of the loaded entity page to the first frame with the bars: what
 * the plugin itself costs a person who opens the tab, the app and the entity being there already.
 */
async function measureTabSwitch(
  page: Page,
  entityUrl: string,
): Promise<number> {
  await page.addInitScript(OBSERVER);
  await page.goto(entityUrl);
  const tab = page.getByText('Cost', { exact: true }).first();
  await tab.waitFor();
  const handle = await tab.elementHandle();
  const clickedAt = await page.evaluate(element => {
    const at = performance.now();
    (element as HTMLElement).click();
    return at;
  }, handle);
  await page.waitForFunction(() => (window as any).__costTab?.frame, null, {
    timeout: RENDER_TIMEOUT_MS,
  });
  return (
    (await page.evaluate(() => (window as any).__costTab.frame)) - clickedAt
  );
}

/** Reloads the Cost tab until its chart has bars: collection runs every 15 s. */
async function waitForData(page: Page, url: string): Promise<boolean> {
  const deadline = Date.now() + DATA_WAIT_MS;
  for (;;) {
    await page.goto(url);
    const bars = page.locator('.recharts-bar-rectangle path');
    await bars
      .first()
      .or(page.getByText('No usage recorded in this range'))
      .waitFor({ timeout: RENDER_TIMEOUT_MS });
    if ((await bars.count()) > 0) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(5_000);
  }
}

function summary(label: string, samples: Sample[]) {
  const sorted = (pick: (s: Sample) => number) =>
    samples.map(pick).sort((a, b) => a - b);
  const rendered = sorted(s => s.renderedMs);
  const median = percentile(rendered, 50);
  const p90 = percentile(rendered, 90);
  const states = [...new Set(samples.map(s => s.state))].join('/');
  console.log(
    `  ${label}: median ${ms(median)}, p90 ${ms(p90)}, min ${ms(
      rendered[0],
    )}, max ${ms(rendered[rendered.length - 1])} (${states}; goal ≤ ${ms(
      GOAL_MS,
    )}: ${
      p90 <= GOAL_MS
        ? 'met at p90'
        : median <= GOAL_MS
        ? 'met at the median only'
        : 'MISSED'
    })`,
  );
  const med = (pick: (s: Sample) => number) => ms(percentile(sorted(pick), 50));
  console.log(
    `    medians on the way: HTML ${med(
      s => s.responseEndMs,
    )}, DOMContentLoaded ${med(
      s => s.domContentLoadedMs,
    )}, chargeback asked ${med(
      s => s.chargebackRequestedMs,
    )} and answered ${med(s => s.chargebackMs)}`,
  );
  const first = samples[0];
  console.log(
    `    JavaScript per load: ${first.scripts.length} files, ${kb(
      first.scriptBytes,
    )} decoded, ${kb(first.scriptWireBytes)} over the wire`,
  );
}

async function renderTimes(baseUrl: string): Promise<Set<string>> {
  const url = `${baseUrl}/catalog/default/api/${entity}/cost`;
  const portal: Portal = await openPortal();
  try {
    await signInAsGuest(portal);
    const context = portal.page.context();
    if (!(await waitForData(portal.page, url))) {
      console.log(
        `  (no bars after ${DATA_WAIT_MS / 1000} s: measuring the empty state)`,
      );
    }
    const session = await context.storageState();
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    const tabSwitches: number[] = [];
    for (let run = 0; run < runs; run++) {
      const fresh = await portal.browser.newContext({
        storageState: session,
        viewport: { width: 1400, height: 900 },
      });
      try {
        // The tab's own chunks first, while they are not cached in this context.
        const switching = await fresh.newPage();
        tabSwitches.push(
          await measureTabSwitch(
            switching,
            `${baseUrl}/catalog/default/api/${entity}`,
          ),
        );
        await switching.close();
        const coldContext = await portal.browser.newContext({
          storageState: session,
          viewport: { width: 1400, height: 900 },
        });
        try {
          const first = await coldContext.newPage();
          cold.push(await measure(first, url));
          await first.close();
          warm.push(await measure(await coldContext.newPage(), url));
        } finally {
          await coldContext.close();
        }
      } finally {
        await fresh.close();
      }
    }
    console.log(
      `Cost tab first render, ${entity}, headless Chromium on ${baseUrl}, ${runs} runs each`,
    );
    const switches = [...tabSwitches].sort((a, b) => a - b);
    console.log(
      `  tab click on the loaded entity page (the tab's chunks and recharts not yet cached): median ${ms(
        percentile(switches, 50),
      )}, p90 ${ms(percentile(switches, 90))}, max ${ms(
        switches[switches.length - 1],
      )} (goal ≤ ${ms(GOAL_MS)}: ${
        percentile(switches, 90) <= GOAL_MS ? 'met at p90' : 'MISSED'
      })`,
    );
    console.log(
      '  page loads: navigation start of the Cost tab URL → first frame with the chart’s bars',
    );
    summary(
      'cold page load (new context, guest session only, empty HTTP cache)',
      cold,
    );
    summary('warm page load (same context again, HTTP cache filled)', warm);
    return new Set(cold.flatMap(s => s.scripts));
  } finally {
    await portal.close();
  }
}

// ---- bundle size -----------------------------------------------------------------------------

function filesUnder(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? filesUnder(path.join(dir, entry.name), suffix)
        : entry.name.endsWith(suffix)
        ? [path.join(dir, entry.name)]
        : [],
    );
}

function pluginPackageSize() {
  const pluginDir = path.join(ROOT, 'plugins/specmesh');
  const dist = path.join(pluginDir, 'dist');
  if (!skipBuild || !fs.existsSync(dist)) {
    // The package build bundles the declarations tsc writes to dist-types.
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc')],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
        'package',
        'build',
      ],
      { cwd: pluginDir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const files = filesUnder(dist, '.esm.js');
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = fs.readFileSync(file);
    raw += data.length;
    gzip += gzipSize(data);
  }
  console.log(
    `Frontend plugin package (backstage-cli package build, plugins/specmesh/dist): ${
      files.length
    } .esm.js files, ${kb(raw)} raw, ${kb(gzip)} gzip (each file gzipped)`,
  );
}

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Characters of generated code per source index, from a source map's mappings. */
function bytesBySource(mappings: string, code: string): Map<number, number> {
  const lines = code.split('\n');
  const bySource = new Map<number, number>();
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    const segments: Array<{ column: number; source?: number }> = [];
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        segments.push({ column, source });
        // Lines and columns in the source do not matter here; their deltas still run on.
      } else {
        segments.push({ column });
      }
    }
    const length = lines[lineIndex]?.length ?? 0;
    segments.forEach((segment, i) => {
      if (segment.source === undefined) return;
      const end = i + 1 < segments.length ? segments[i + 1].column : length;
      bySource.set(
        segment.source,
        (bySource.get(segment.source) ?? 0) + Math.max(0, end - segment.column),
      );
    });
  });
  return bySource;
}

function appChunks(loadedByCostTab: Set<string>) {
  const dir = path.join(ROOT, 'packages/app/dist/static');
  if (!fs.existsSync(dir)) {
    console.log(
      'App build: packages/app/dist/static is missing (yarn workspace app build)',
    );
    return;
  }
  const ours = /(^|\/)plugins\/specmesh(-common)?\//;
  const rows: string[] = [];
  let raw = 0;
  let gzip = 0;
  let pluginBytes = 0;
  for (const name of fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.js'))
    .sort()) {
    const mapFile = path.join(dir, `${name}.map`);
    if (!fs.existsSync(mapFile)) continue;
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    const sources: string[] = map.sources;
    const isRecharts = sources.some(s => s.includes('node_modules/recharts/'));
    if (!isRecharts && !sources.some(s => ours.test(s))) continue;
    const code = fs.readFileSync(path.join(dir, name), 'utf8');
    let own = 0;
    for (const [index, bytes] of bytesBySource(map.mappings, code)) {
      if (ours.test(sources[index])) own += bytes;
    }
    const size = Buffer.byteLength(code);
    const zipped = gzipSize(code);
    rows.push(
      `  ${name.padEnd(28)} ${kb(size).padStart(9)} ${kb(zipped).padStart(
        9,
      )} ${kb(own).padStart(9)}  ${
        loadedByCostTab.has(name) ? 'yes' : 'no '
      }  ${
        isRecharts
          ? 'recharts'
          : name.startsWith('main.')
          ? 'app entry (eager)'
          : ''
      }`,
    );
    if (!isRecharts) {
      raw += size;
      gzip += zipped;
      pluginBytes += own;
    }
  }
  console.log(
    'App build (packages/app/dist/static), chunks with plugins/specmesh or specmesh-common code, and recharts:',
  );
  console.log(
    `  ${'chunk'.padEnd(28)} ${'raw'.padStart(9)} ${'gzip'.padStart(
      9,
    )} ${'plugin'.padStart(9)}  cost tab loads`,
  );
  rows.forEach(row => console.log(row));
  console.log(
    `  the plugin's chunks (recharts aside): ${kb(raw)} raw, ${kb(
      gzip,
    )} gzip, of which ${kb(
      pluginBytes,
    )} is the plugin's own code (raw, by source map)`,
  );
}

async function main() {
  const external = process.env.MESHPORT_E2E_URL?.replace(/\/$/, '');
  const portal = external
    ? { url: external, stop: async () => {} }
    : await startPortal();
  // openPortal() reads it.
  process.env.MESHPORT_E2E_URL = portal.url;
  try {
    const loaded = await renderTimes(portal.url);
    pluginPackageSize();
    appChunks(loaded);
  } finally {
    await portal.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
