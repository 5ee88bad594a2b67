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
 * Entity pages in headless Chromium, cold (a new browser context per run,
 * holding only the guest session), each against the same entity's Overview
 * tab in the same run, interleaved:
 *
 * 1. The Cost tab of a demo data product with usage (--entity, default
 *    acme.logistics.shipping): navigation start → first frame with the chart's
 *    bars / the Overview tab → first frame with its About card. Goal ≤ 1.3×
 *    (medians). It waits until collection has put bars on the chart.
 * 2. The generated data product with 200 topics (bench/pagesMesh.ts): its
 *    Topics, Access and Cost tabs (first frame with the owned topics' rows,
 *    with the access matrix's rows, with the bars or the empty state: it has
 *    no traffic) and its Overview.
 *
 * The portal: as bench/pages-topics.ts (MESHPORT_E2E_URL, or one it starts).
 *
 *   bench/run pages-cost-tab [--runs 7] [--entity acme.logistics.shipping]
 */
import type { Page } from 'playwright-core';
import { openPortal, signInAsGuest } from '../packages/e2e-tests/src/portal';
import { benchMesh, meshPortal, waitForTopics } from './pages-topics';
import {
  catalogCount,
  coldRuns,
  firstFrame,
  machineLoad,
  median,
  ms,
  option,
  Ready,
} from './pagesBrowser';

const COST_RATIO_GOAL = 1.3;
const DATA_WAIT_MS = 180_000;

const runs = Number(option('runs', '7'));
const entity = option('entity', 'acme.logistics.shipping');

const BARS = '.recharts-bar-rectangle path';
const NO_USAGE = 'No usage recorded in this range';
const OVERVIEW: Ready = { title: '^About$' };
const COST: Ready = { orSelector: BARS, orText: NO_USAGE };
const TABS: Record<string, Ready> = {
  topics: { title: '^Owned topics$', rows: true },
  // The matrix's rows hold no link (a product no one consumes has none on the tab).
  access: { title: '^Who can write and read$', dataRows: true },
  cost: COST,
};

/** Reloads the Cost tab until its chart has bars: collection runs every 15 s. */
async function waitForBars(page: Page, url: string): Promise<boolean> {
  const deadline = Date.now() + DATA_WAIT_MS;
  for (;;) {
    await page.goto(url);
    const bars = page.locator(BARS);
    await bars
      .first()
      .or(page.getByText(NO_USAGE))
      .waitFor({ timeout: 60_000 });
    if ((await bars.count()) > 0) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(5_000);
  }
}

function line(label: string, all: number[], over?: number, goal?: number) {
  const values = all.filter(v => !Number.isNaN(v));
  const failed = all.length - values.length;
  if (failed > 0) {
    console.log(
      `  ${label}: ${failed} of ${all.length} loads did not render within 60 s`,
    );
  }
  if (values.length === 0) return;
  const m = median(values);
  const ratio =
    over === undefined ? '' : ` = ${(m / over).toFixed(2)}× Overview`;
  const verdict =
    goal === undefined || over === undefined
      ? ''
      : ` (goal ≤ ${goal}×: ${m / over <= goal ? 'met' : 'MISSED'})`;
  console.log(
    `  ${label}: median ${ms(m)}${ratio}${verdict}; min ${ms(
      Math.min(...values),
    )}, max ${ms(Math.max(...values))}`,
  );
}

async function main() {
  const mesh = benchMesh();
  const portal = await meshPortal(mesh);
  const browser = await openPortal();
  try {
    await signInAsGuest(browser);
    // The large data product's topics only: these pages need no more.
    await waitForTopics(
      browser.page,
      portal.url,
      mesh.largeTopics,
      `kind=resource,spec.type=kafka-topic,metadata.annotations.meshport.dev/app-id=${mesh.largeProduct}`,
    );
    const inCatalog = await catalogCount(
      browser.page,
      portal.url,
      'kind=resource,spec.type=kafka-topic',
    );
    const entityUrl = (name: string) =>
      `${portal.url}/catalog/default/api/${name}`;
    const withBars = await waitForBars(
      browser.page,
      `${entityUrl(entity)}/cost`,
    );
    const session = await browser.page.context().storageState();
    const samples: Record<string, number[]> = {};
    const states = new Set<string>();
    await coldRuns(browser.browser, session, runs, async page => {
      // Every load in a context of its own, so that every one is cold.
      const cold = async (key: string, url: string, ready: Ready) => {
        const context = await browser.browser.newContext({
          storageState: session,
          viewport: { width: 1400, height: 900 },
        });
        try {
          // A page that never shows what it is for is a finding, not the end of the run.
          const frame = await firstFrame(
            await context.newPage(),
            url,
            ready,
            60_000,
          ).catch(() => undefined);
          (samples[key] ??= []).push(frame?.ms ?? NaN);
          if (frame && key.endsWith('cost')) {
            states.add(`${key}: ${frame.how}`);
          }
        } finally {
          await context.close();
        }
      };
      await page.close();
      await cold('overview', entityUrl(entity), OVERVIEW);
      await cold('cost', `${entityUrl(entity)}/cost`, COST);
      await cold('large-overview', entityUrl(mesh.largeProduct), OVERVIEW);
      for (const [tab, ready] of Object.entries(TABS)) {
        await cold(
          `large-${tab}`,
          `${entityUrl(mesh.largeProduct)}/${tab}`,
          ready,
        );
      }
    });
    const overview = median(samples.overview);
    console.log(
      `Entity pages, cold loads in headless Chromium on ${portal.url}, ${runs} runs each (interleaved); ${inCatalog} topics in the catalog when they began`,
    );
    console.log(`  machine: ${machineLoad()}`);
    console.log(
      `  ${entity}${withBars ? '' : ' (NO BARS: the chart stayed empty)'}:`,
    );
    line('Overview tab, first frame with the About card', samples.overview);
    line(
      'Cost tab, first frame with bars',
      samples.cost,
      overview,
      COST_RATIO_GOAL,
    );
    const large = median(samples['large-overview']);
    console.log(`  ${mesh.largeProduct}, ${mesh.largeTopics} topics:`);
    line('Overview tab', samples['large-overview']);
    line(
      'Topics tab, first frame with owned topics rows',
      samples['large-topics'],
      large,
    );
    line(
      'Access tab, first frame with the access matrix rows',
      samples['large-access'],
      large,
    );
    line(
      'Cost tab, first frame with bars or the empty state (no traffic)',
      samples['large-cost'],
      large,
    );
    console.log(
      `  what the Cost tabs showed: ${[...states].join(
        ', ',
      )} (element = the bars, text = the empty state)`,
    );
    console.log(`  machine after: ${machineLoad()}`);
  } finally {
    await browser.close();
    await portal.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
