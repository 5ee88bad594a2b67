import fs from 'fs';
import path from 'path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

/** A browser session against the demo portal. */
export interface Portal {
  browser: Browser;
  page: Page;
  baseUrl: string;
  /** Saves a screenshot under MESHPORT_E2E_SCREENSHOTS (when set) and returns its path. */
  screenshot(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

// Without the background-networking flags Chromium keeps calling home, and this machine's closed
// network refuses every one of those connections.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function portalUrl(): string {
  const url = process.env.MESHPORT_E2E_URL;
  if (!url) {
    throw new Error(
      'MESHPORT_E2E_URL is not set: run the browser tests through ./scripts/test, which starts the demo portal, or start one yourself and set MESHPORT_E2E_URL to its URL.',
    );
  }
  return url.replace(/\/$/, '');
}

export async function openPortal(): Promise<Portal> {
  const baseUrl = portalUrl();
  const executablePath = process.env.MESHPORT_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install Debian's (apt-get install -y chromium) or set MESHPORT_CHROMIUM.`,
    );
  }
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  // Guest sign-in may ask to confirm in a dialog.
  page.on('dialog', dialog => dialog.accept());
  const screenshotDir = process.env.MESHPORT_E2E_SCREENSHOTS;
  return {
    browser,
    page,
    baseUrl,
    async screenshot(name) {
      if (!screenshotDir) {
        return undefined;
      }
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: () => browser.close(),
  };
}

export async function signInAsGuest(portal: Portal): Promise<void> {
  const { page, baseUrl } = portal;
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'APIs' }).waitFor();
}

/**
 * The shipping team's developer (the sign-in page's "Data product owner") in
 * the portal's browser: a second context, its own sign-in.
 */
export async function signInAsOwner(portal: Portal): Promise<Page> {
  const context = await portal.browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  page.on('dialog', dialog => dialog.accept());
  await page.goto(`${portal.baseUrl}/`);
  await page.getByText('Data product owner').waitFor();
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('link', { name: 'APIs' }).waitFor();
  return page;
}

/**
 * The guest's portal for the tests of one file: opened and signed in before
 * them, closed after. Its properties are read inside the tests.
 */
export function guestPortal(): Portal {
  let opened: Portal | undefined;
  beforeAll(async () => {
    opened = await openPortal();
    await signInAsGuest(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): Portal => {
    if (!opened)
      throw new Error('The portal opens in beforeAll: use it in tests');
    return opened;
  };
  return {
    get browser() {
      return current().browser;
    },
    get page() {
      return current().page;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    screenshot: name => current().screenshot(name),
    close: () => current().close(),
  };
}

/** Whether the element shows, once it is there. */
export async function visible(locator: Locator): Promise<boolean> {
  await locator.waitFor();
  return locator.isVisible();
}
