// Browser test support: builds a fixture site under a sub-path and serves it with the static server,
// launches Debian's chromium through playwright-core and records every console error, failed request
// (4xx/5xx) and request to another host, so a test can assert there were none. Screenshots go to
// test-results/screenshots/, for people to look at (no test compares them).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from '../../src/build/build.js';
import { startStaticServer } from '../../src/serve/static-server.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

/** Where to save the screenshot `name` (e.g. `runbook-dark.png`); the folder is made if missing. */
export function screenshotFile(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/**
 * Chromium with its temporary files (shared memory, `.org.chromium.Chromium.*`, which it leaves in /tmp
 * now and then) in a folder of its own, removed when the browser goes.
 */
export async function launchChromium(): Promise<Browser> {
  const temporary = mkdtempSync(path.join(tmpdir(), 'runbook-site-chromium-'));
  const remove = () => rmSync(temporary, { recursive: true, force: true });
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, TMPDIR: temporary },
    });
    browser.on('disconnected', remove);
    return browser;
  } catch (error) {
    remove();
    throw error;
  }
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, page errors, failed requests and requests leaving `allowedOrigin`. */
  readonly problems: string[];
}

/** Opens a page that records every problem; `allowedOrigin` is the test server's origin. */
export async function openWatchedPage(browser: Browser, allowedOrigin: string, viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(allowedOrigin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`request to another host: ${url}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // Chromium cancels what is in flight when the page navigates (a redirect, a reload, a link), and on a
    // busy machine a favicon or the redirect page itself can still be in flight: not a page's problem. A
    // missing file shows as its HTTP status, a broken server as another error.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

export interface BrowserSite {
  /** The site's home URL: the server's origin and the base path, with a trailing slash. */
  readonly url: string;
  readonly origin: string;
  readonly browser: Browser;
  /** A new page (in its own context) that records its problems; see openWatchedPage. */
  openPage(viewport?: { width: number; height: number }): Promise<WatchedPage>;
  close(): Promise<void>;
}

/**
 * Builds the site at `source` into a temporary folder (without the build cache, so nothing is written
 * next to the fixture), serves it under `basePath` and launches chromium. The server reads files per
 * request, so it starts first and the build gets its real URL (port included) as the base URL.
 */
export async function startBrowserSite(source: string, basePath: string): Promise<BrowserSite> {
  const folder = mkdtempSync(path.join(tmpdir(), 'runbook-site-browser-'));
  const destination = path.join(folder, 'public');
  const server = await startStaticServer({ root: destination, basePath });
  await build({ source, destination, baseURL: server.url, cache: false });
  const origin = new URL(server.url).origin;
  const browser = await launchChromium();
  return {
    url: server.url,
    origin,
    browser,
    openPage: (viewport) => openWatchedPage(browser, origin, viewport),
    async close() {
      await browser.close();
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
