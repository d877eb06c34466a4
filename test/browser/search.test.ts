// The search box as a reader uses it, in chromium: the fixture site of test/fixtures/search/ built under
// the sub-path /runbooks-site/ and served by the static server; typed queries show the expected runbook
// first, with a marked snippet; `/`, the arrow keys, Enter and Esc work; no request fails or leaves the
// site, no console error.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBrowserSite, type BrowserSite, type WatchedPage } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'search', 'site');
const BASE_PATH = '/runbooks-site/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

/** A runbook page of the fixture site, its search box ready (the script has shown it). */
async function openRunbook(onRequest?: (path: string) => void): Promise<WatchedPage> {
  const watched = await site.openPage();
  if (onRequest) watched.page.on('request', (request) => onRequest(new URL(request.url()).pathname));
  await watched.page.goto(`${site.url}runbooks/host/hostoutofmemory/`);
  await watched.page.locator('.site-search input').waitFor({ state: 'visible' });
  return watched;
}

/**
 * The page's problems, but for the icon: the theme links none yet, so chromium asks for the origin's
 * /favicon.ico, outside the base path (the theme's to fix, not search's). That request only shows as a
 * console message without its URL; a 404 of anything the page fetches is still reported as `HTTP 404`.
 */
function problemsOf(watched: WatchedPage): string[] {
  return watched.problems.filter((problem) => !problem.includes('/favicon.ico') && !/Failed to load resource.*404/.test(problem));
}

async function resultTitles(watched: WatchedPage): Promise<string[]> {
  await watched.page.locator('#site-search-results li').first().waitFor();
  return watched.page.locator('#site-search-results .site-search-title').allTextContents();
}

test.each([
  ['backend conn', 'HaproxyBackendConnectionErrors'],
  ['HaproxyHighHttp5xxErrorRateServer', 'HaproxyHighHttp5xxErrorRateServer'],
  ['haproxy_server_connection_errors_total', 'HaproxyServerConnectionErrors'],
  ['warning', 'HostOutOfMemory'],
  ['linux', 'HostOutOfMemory'],
])('typing %s shows %s first', async (query, title) => {
  const watched = await openRunbook();
  await watched.page.locator('.site-search input').fill(query);
  expect((await resultTitles(watched))[0]).toBe(title);
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});

test('haproxy 5xx lists the 5xx alerts with their section and a marked snippet', async () => {
  const watched = await openRunbook();
  await watched.page.locator('.site-search input').fill('haproxy 5xx');
  expect((await resultTitles(watched)).sort()).toEqual(['HaproxyHighHttp5xxErrorRateBackend', 'HaproxyHighHttp5xxErrorRateServer']);
  const first = watched.page.locator('#site-search-results li').first();
  await expect(first.locator('.site-search-section').textContent()).resolves.toBe('HAProxy (embedded exporter v2)');
  await expect(first.locator('mark').allTextContents()).resolves.toContain('5xx');
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});

test('/ focuses the box, arrow keys and Enter open a result under the sub-path, Esc closes', async () => {
  const watched = await openRunbook();
  const { page } = watched;
  await page.keyboard.press('/');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Search runbooks');
  await page.keyboard.type('connection errors');
  expect(await resultTitles(watched)).toHaveLength(2);
  await page.keyboard.press('Escape');
  await expect(page.locator('#site-search-results').isHidden()).resolves.toBe(true);

  await page.keyboard.type(' server');
  const titles = await resultTitles(watched);
  expect(titles[0]).toBe('HaproxyServerConnectionErrors');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[role="option"][aria-selected="true"] .site-search-title').textContent()).resolves.toBe(titles[0]);
  await Promise.all([page.waitForURL(`${site.url}runbooks/haproxy-embedded-exporter-v2/haproxyserverconnectionerrors/`), page.keyboard.press('Enter')]);
  await expect(page.locator('h1').first().textContent()).resolves.toBe('HaproxyServerConnectionErrors');
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});

test('the search files are fetched only once the box is used', async () => {
  const requested: string[] = [];
  const watched = await openRunbook((requestPath) => requested.push(requestPath));
  await watched.page.waitForLoadState('networkidle');
  expect(requested).toContain(`${BASE_PATH}runbooks/host/hostoutofmemory/`);
  expect(requested.filter((url) => url.startsWith(`${BASE_PATH}search/`))).toEqual([]);
  await watched.page.locator('.site-search input').focus();
  await watched.page.waitForResponse(`${site.url}search/index.json`);
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});
