// The search box as a reader uses it, in chromium: the fixture site of test/fixtures/search/ built under
// the sub-path /runbooks-site/ and served by the static server; typed queries show the expected runbook
// first, with a marked snippet; body-only terms open the runbook at their section; a quoted phrase;
// body shards are fetched only for body queries; `?q=` is kept and the back button restores it; `/`,
// the arrow keys, Enter and Esc work; without JavaScript the box submits to the search page; no request
// fails or leaves the site, no console error. Screenshots of results at both widths and schemes.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshotFile, startBrowserSite, type BrowserSite, type WatchedPage } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'search', 'site');
const BASE_PATH = '/runbooks-site/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

/** A runbook page of the fixture site, its search box ready (the script has shown it). */
async function openRunbook(onRequest?: (path: string) => void, viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const watched = await site.openPage(viewport);
  if (onRequest) watched.page.on('request', (request) => onRequest(new URL(request.url()).pathname));
  await watched.page.goto(`${site.url}runbooks/host/hostoutofmemory/`);
  await watched.page.locator('.site-search input').waitFor({ state: 'visible' });
  return watched;
}

/**
 * The page's problems, but for the icon. Chromium fetches the theme's favicon.svg after the page has
 * loaded, so a test that opens a result at once (Enter, the back button) can cut that request short:
 * `net::ERR_ABORTED` of the icon is the navigation's doing, not a fault (a 404 of it still shows as
 * `HTTP 404`). A console message without its URL for a 404 is left out too; the `HTTP 404` line names it.
 */
function problemsOf(watched: WatchedPage): string[] {
  return watched.problems.filter((problem) => !/^request failed: \S*\/favicon\.svg net::ERR_ABORTED/.test(problem) && !/Failed to load resource.*404/.test(problem));
}

/** The titles of the results of the last query typed (the list is busy while a search runs). */
async function resultTitles(watched: WatchedPage): Promise<string[]> {
  await watched.page.locator('#site-search-results:not([aria-busy]) li').first().waitFor();
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
  // The two runbooks first, then the metric pages whose names hold both words.
  const found = await resultTitles(watched);
  expect(found.slice(0, 2).sort()).toEqual(['HaproxyBackendConnectionErrors', 'HaproxyServerConnectionErrors']);
  expect(found.slice(2).sort()).toEqual(['haproxy_backend_connection_errors_total', 'haproxy_server_connection_errors_total']);
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

test('body shards are fetched for body queries only, each once', async () => {
  const requested: string[] = [];
  const watched = await openRunbook((requestPath) => requested.push(requestPath));
  const { page } = watched;
  const shardRequests = () => requested.filter((url) => url.startsWith(`${BASE_PATH}search/body/`));
  const textRequests = () => requested.filter((url) => url.startsWith(`${BASE_PATH}search/text/`));
  await page.locator('.site-search input').fill('HaproxyServerConnectionErrors');
  expect((await resultTitles(watched))[0]).toBe('HaproxyServerConnectionErrors');
  await page.locator('.site-search input').fill('node_memory_MemAvailable_bytes');
  await expect(page.locator('#site-search-results .site-search-title').first().textContent()).resolves.toBe('HostOutOfMemory');
  expect(shardRequests()).toEqual([]);
  expect(textRequests()).toEqual([]);
  await page.locator('.site-search input').fill('socat');
  await expect(page.locator('#site-search-results .site-search-heading').first().textContent()).resolves.toBe('Mitigation');
  expect(shardRequests().length).toBeGreaterThan(0);
  expect(textRequests()).toHaveLength(1);
  const searchRequests = () => requested.filter((url) => url.startsWith(`${BASE_PATH}search/`));
  const before = searchRequests().length;
  await page.locator('.site-search input').fill('');
  await page.locator('.site-search input').fill('socat');
  await expect(page.locator('#site-search-results .site-search-heading').first().textContent()).resolves.toBe('Mitigation');
  expect(searchRequests().slice(before)).toEqual([]);
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});

test.each([
  ['haproxy -s', 'HaproxyBackendConnectionErrors', 'haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/#diagnosis'],
  ['oom-killer', 'HostOutOfMemory', 'host/hostoutofmemory/#mitigation'],
])('the body-only %s finds %s and Enter lands on its section', async (query, title, target) => {
  const watched = await openRunbook();
  const { page } = watched;
  await page.locator('.site-search input').fill(query);
  expect((await resultTitles(watched))[0]).toBe(title);
  await Promise.all([page.waitForURL(`${site.url}runbooks/${target}`), page.keyboard.press('Enter')]);
  const anchor = target.split('#')[1]!;
  // The section's heading is in view (the fixture's pages are too short to bring it to the top).
  await expect(page.locator(`[id="${anchor}"]`).evaluate((heading) => heading.getBoundingClientRect().top >= 0 && heading.getBoundingClientRect().bottom <= window.innerHeight)).resolves.toBe(true);
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});

test('a quoted phrase finds the page holding it, not the decoy with the same words apart', async () => {
  const watched = await openRunbook();
  const { page } = watched;
  await page.locator('.site-search input').fill('kubectl describe');
  expect((await resultTitles(watched)).sort()).toEqual(['HaproxyServerConnectionErrors', 'HostOutOfMemory']);
  await page.locator('.site-search input').fill('"kubectl describe"');
  await expect.poll(() => page.locator('#site-search-results .site-search-title').allTextContents()).toEqual(['HostOutOfMemory']);
  await expect(page.locator('#site-search-results mark').allTextContents()).resolves.toContain('kubectl describe');
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});

test('the query is kept in the URL and the back button restores it', async () => {
  const watched = await openRunbook();
  const { page } = watched;
  await page.locator('.site-search input').fill('socat');
  await expect(page.locator('#site-search-results .site-search-title').first().textContent()).resolves.toBe('HaproxyBackendConnectionErrors');
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('socat');
  await Promise.all([page.waitForURL(/#mitigation$/), page.keyboard.press('Enter')]);
  await page.goBack();
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('socat');
  await expect.poll(() => page.locator('.site-search input').inputValue()).toBe('socat');
  expect((await resultTitles(watched))[0]).toBe('HaproxyBackendConnectionErrors');
  // A shared link opens with the results shown.
  const shared = await site.openPage();
  await shared.page.goto(`${site.url}runbooks/host/hostoutofmemory/?q=${encodeURIComponent('"kubectl describe"')}`);
  await expect(shared.page.locator('#site-search-results .site-search-title').first().textContent()).resolves.toBe('HostOutOfMemory');
  expect([...problemsOf(watched), ...problemsOf(shared)]).toEqual([]);
  await shared.page.context().close();
  await watched.page.context().close();
});

test('without JavaScript the box submits to the search page, which links the alerts index', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}runbooks/host/hostoutofmemory/`);
  await page.locator('.site-search input').fill('socat');
  await Promise.all([page.waitForURL(`${site.url}search/?q=socat`), page.keyboard.press('Enter')]);
  await expect(page.locator('.search-page-no-script').isVisible()).resolves.toBe(true);
  await expect(page.locator('.search-page-no-script a').first().getAttribute('href')).resolves.toBe(`${BASE_PATH}alerts/`);
  await context.close();
});

test('two results with the same title name their sections beside the title', async () => {
  const watched = await openRunbook();
  await watched.page.locator('.site-search input').fill('Haproxy backend');
  await watched.page.locator('#site-search-results li').first().waitFor();
  const titles = await watched.page.locator('#site-search-results .site-search-title').allTextContents();
  expect(titles.length).toBeGreaterThan(1);
  // The fixture has no two same-titled runbooks: none gets the section beside its title.
  await expect(watched.page.locator('#site-search-results .site-search-where').count()).resolves.toBe(0);
  await watched.page.context().close();
});

test.each([
  [1280, 900, 'light'],
  [1280, 900, 'dark'],
  [390, 844, 'light'],
  [390, 844, 'dark'],
] as const)('screenshot of body results at %ix%i, %s', async (width, height, scheme) => {
  const watched = await openRunbook(undefined, { width, height });
  const { page } = watched;
  await page.emulateMedia({ colorScheme: scheme });
  await page.locator('.site-search input').fill('kubectl describe');
  await page.locator('#site-search-results .site-search-heading').first().waitFor();
  await page.screenshot({ path: screenshotFile(`search-results-${width}-${scheme}.png`) });
  expect(problemsOf(watched)).toEqual([]);
  await watched.page.context().close();
});
