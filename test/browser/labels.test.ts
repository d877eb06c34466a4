// Label-aware runbooks in chromium (issue 17), on test/fixtures/labels built under a sub-path: a runbook
// opened with `?fqdn=...&backend=...` shows the values where its placeholders were (prose, code block,
// rule block, title) with a notice that can show the page without them; the copy button copies the
// filled-in text; `/alerts/<Name>/` keeps the query and fragment on its way, and the candidates page
// passes them on; hostile values show as text and run nothing; without JavaScript the page is as built.
// Screenshots of the filled page at 1280x900 and 390x844, light and dark.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { lowContrast } from '../helpers/contrast.js';
import { screenshotFile, startBrowserSite, type BrowserSite } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'labels');
const BASE_PATH = '/oncall/';
const HAPROXY = 'runbooks/haproxy/haproxybackendconnectionerrors/';
const NODE = 'runbooks/node/nodedown/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

/**
 * Problems with the pages themselves: a redirect page links no icon, so chromium asks for /favicon.ico
 * (a console 404 without its URL), and leaving a page at once can abort the icon's request.
 */
const pageProblems = (problems: readonly string[]) => problems.filter((problem) => /alerts\/|runbooks\//.test(problem));
const query = (values: Record<string, string>) => `?${new URLSearchParams(values)}`;
const prose = (page: Page) => page.locator('article > p').first().textContent();
const bashBlock = (page: Page) => page.locator('pre code.language-bash');
const ruleBlock = (page: Page) => page.locator('details pre code');
const notice = (page: Page) => page.locator('.rb-labels-notice');

test('a runbook opened with label values shows them in prose, code block and rule block, with a notice', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}${HAPROXY}${query({ fqdn: 'lb1.example.com', backend: 'api', unused: 'x' })}`);
  await expect.poll(() => prose(page)).toBe('Too many connection errors to lb1.example.com/api backend (more than {{ $value | humanize }} a second).');
  expect(await bashBlock(page).textContent()).toBe('curl -sS "http://lb1.example.com/api/health"\n');
  const rule = await ruleBlock(page).textContent();
  expect(rule).toContain('description: "Too many connection errors to lb1.example.com/api backend (> 100 req/s). Request load is {{ $value }}"');
  expect(rule).toContain('?fqdn={{ $labels.fqdn | urlquery }}&backend={{ $labels.backend | urlquery }}');
  expect(await page.locator('article code', { hasText: 'out of the pool' }).count()).toBe(0);
  expect(await page.locator('article p', { hasText: 'out of the pool' }).textContent()).toBe('Take lb1.example.com out of the pool.');

  // The notice: first in the main column, naming only the values the page used.
  expect(await page.locator('main > :first-child').getAttribute('class')).toBe('rb-labels-notice');
  expect(await notice(page).locator('li').allTextContents()).toEqual(['fqdn = lb1.example.com', 'backend = api']);
  expect(await notice(page).locator('.rb-labels-warning').count()).toBe(0);
  expect(await page.locator('pre code.language-bash .rb-label-filled').first().getAttribute('title')).toBe('From the link; the runbook says {{ $labels.fqdn }}');

  // Shown without them, the placeholders come back with their highlighting; and back again.
  const highlightedVariables = () => bashBlock(page).locator('.hljs-variable').count();
  expect(await highlightedVariables()).toBe(0);
  await notice(page).getByRole('button', { name: 'Show without them' }).click();
  expect(await prose(page)).toContain('to {{ $labels.fqdn }}/{{ $labels.backend }} backend');
  expect(await bashBlock(page).textContent()).toBe('curl -sS "http://{{ $labels.fqdn }}/{{ $labels.backend }}/health"\n');
  expect(await highlightedVariables()).toBe(2);
  expect(await page.locator('.rb-label-filled').count()).toBe(0);
  await notice(page).getByRole('button', { name: 'Fill them in' }).click();
  expect(await bashBlock(page).textContent()).toBe('curl -sS "http://lb1.example.com/api/health"\n');
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the Alertmanager silence link takes the filled-in labels as matchers, quoted and escaped', async () => {
  const { page, problems } = await site.openPage();
  const silenceFilter = async () => {
    const href = await page.locator('a.rule-action-silence').getAttribute('href');
    return decodeURIComponent(href!.slice(href!.indexOf('?filter=') + '?filter='.length));
  };
  await page.goto(`${site.url}${HAPROXY}`);
  expect(await silenceFilter()).toBe('{alertname="HaproxyBackendConnectionErrors"}');
  await page.goto(`${site.url}${HAPROXY}${query({ fqdn: 'lb1"}, x="y', backend: 'api\\' })}`);
  await expect.poll(() => prose(page)).toContain('lb1"}, x="y');
  expect(await silenceFilter()).toBe('{alertname="HaproxyBackendConnectionErrors",fqdn="lb1\\"}, x=\\"y",backend="api\\\\"}');
  expect(await page.locator('a.rule-action-silence').getAttribute('href')).toMatch(/^https:\/\/alertmanager\.example\.org\/#\/silences\/new\?filter=[^"<> ]+$/);
  await notice(page).getByRole('button', { name: 'Show without them' }).click();
  expect(await silenceFilter()).toBe('{alertname="HaproxyBackendConnectionErrors"}');
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the copy button copies the filled-in command', async () => {
  const { page, problems } = await site.openPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await page.goto(`${site.url}${HAPROXY}${query({ fqdn: 'lb1.example.com', backend: 'api' })}`);
  await expect.poll(() => bashBlock(page).textContent()).toContain('lb1.example.com');
  // The theme puts each code block's toolbar right before it.
  await page.locator('xpath=//pre[code[contains(@class, "language-bash")]]/preceding-sibling::*[1]').getByRole('button', { name: 'Copy code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('curl -sS "http://lb1.example.com/api/health"\n');
  expect(problems).toEqual([]);
  await page.context().close();
});

test('/alerts/<Name>/?instance=db1:9100#diagnosis lands on the runbook with query and fragment, db1:9100 filled in', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}alerts/NodeDown/?instance=db1:9100#diagnosis`);
  await page.waitForURL(`${site.url}${NODE}?instance=db1:9100#diagnosis`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Node db1:9100 is down');
  expect(await bashBlock(page).textContent()).toBe('ssh db1:9100 systemctl status node_exporter\n');
  const diagnosisTop = await page.evaluate(() => document.getElementById('diagnosis')!.getBoundingClientRect().top);
  expect(diagnosisTop).toBeGreaterThanOrEqual(0);
  expect(diagnosisTop).toBeLessThan(900);
  // Back leads to where the link was opened from, not to the redirect page.
  expect(await page.evaluate(() => history.length)).toBe(2);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the page of an alert name with two runbooks passes the query and fragment on to each', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}alerts/HaproxyDown/?instance=lb2:8404#top`);
  const choices = page.locator('main li a');
  expect(await choices.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
    `${BASE_PATH}runbooks/haproxy/haproxydown/?instance=lb2:8404#top`,
    `${BASE_PATH}runbooks/node/haproxydown/?instance=lb2:8404#top`,
  ]);
  await choices.filter({ hasText: 'node' }).click();
  await page.waitForURL(`${site.url}runbooks/node/haproxydown/?instance=lb2:8404#top`);
  await expect.poll(() => page.locator('article p').last().textContent()).toBe('HAProxy on the node lb2:8404 is down.');
  expect(pageProblems(problems)).toEqual([]);
  await page.context().close();
});

const hostile = ['<img src=x onerror=alert(1)>', '"><script>window.__xss=1;alert(2)</script>', 'javascript:alert(3)'];

/** Opens `url`, recording dialogs, and returns the page once its scripts ran. */
async function openHostile(url: string, viewport?: { width: number; height: number }) {
  const watched = await site.openPage(viewport);
  const dialogs: string[] = [];
  watched.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await watched.page.goto(url, { waitUntil: 'load' });
  return { ...watched, dialogs };
}

const elementCounts = (page: Page) => page.evaluate(() => ({
  img: document.querySelectorAll('img').length,
  script: document.querySelectorAll('script').length,
  links: Array.from(document.querySelectorAll('a[href]')).filter((link) => link.getAttribute('href')!.startsWith('javascript:')).length,
  xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
}));

test.each(hostile)('a value %j shows as text: no dialog, no new element', async (value) => {
  const { page, problems, dialogs } = await openHostile(`${site.url}${HAPROXY}${query({ fqdn: value, backend: value })}`, { width: 390, height: 844 });
  await expect.poll(() => bashBlock(page).textContent()).toBe(`curl -sS "http://${value}/${value}/health"\n`);
  expect(await prose(page)).toContain(`to ${value}/${value} backend`);
  expect(await notice(page).locator('.rb-labels-value').allTextContents()).toEqual([value, value]);
  expect(await notice(page).locator('.rb-labels-warning').textContent()).toContain('Check commands before you run them: fqdn, backend hold');
  if (value === hostile[1]) await notice(page).screenshot({ path: screenshotFile('labels-notice-warning.png') });
  await page.goto(`${site.url}${HAPROXY}`);
  const clean = await elementCounts(page);
  await page.goBack();
  await expect.poll(() => bashBlock(page).textContent()).toContain(value);
  expect(await elementCounts(page)).toEqual(clean);
  expect(dialogs).toEqual([]);
  expect(pageProblems(problems)).toEqual([]);
  await page.context().close();
});

test('hostile values through the redirect and the candidates page, in query and fragment, run nothing', async () => {
  const payload = encodeURIComponent(hostile.join(' '));
  const fragment = '#"><img src=x onerror=alert(4)>';
  const redirected = await openHostile(`${site.url}alerts/NodeDown/?instance=${payload}${fragment}`);
  await redirected.page.waitForURL((url) => url.pathname === `${BASE_PATH}${NODE}`);
  await expect.poll(() => redirected.page.locator('h1').textContent()).toBe(`Node ${hostile.join(' ')} is down`);
  expect((await elementCounts(redirected.page)).img).toBe(0);
  expect((await elementCounts(redirected.page)).xss).toBe(null);
  expect(redirected.dialogs).toEqual([]);
  await redirected.page.context().close();

  const listed = await openHostile(`${site.url}alerts/HaproxyDown/?instance=${payload}${fragment}`);
  const hrefs = await listed.page.locator('main li a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  expect(hrefs.every((href) => href.startsWith(`${site.url}runbooks/`))).toBe(true);
  expect(await listed.page.locator('main li a').allTextContents()).toEqual(['HaproxyDown (exporter)', "HaproxyDown (node's HAProxy)"]);
  expect((await elementCounts(listed.page)).img).toBe(0);
  expect(listed.dialogs).toEqual([]);
  await listed.page.context().close();
});

test('a value with control or invisible characters is not filled in, and the notice says so', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}${HAPROXY}${query({ fqdn: 'lb1\n; rm -rf /', backend: 'api\u202Egnp.exe' })}`);
  await expect.poll(() => notice(page).locator('.rb-labels-warning').textContent()).toBe('Not filled in: fqdn, backend hold control or invisible characters.');
  expect(await bashBlock(page).textContent()).toBe('curl -sS "http://{{ $labels.fqdn }}/{{ $labels.backend }}/health"\n');
  expect(await notice(page).getByRole('button').isHidden()).toBe(true);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('without parameters there is no notice; without JavaScript the page shows the placeholders', async () => {
  const plain = await site.openPage();
  await plain.page.goto(`${site.url}${HAPROXY}`, { waitUntil: 'load' });
  expect(await plain.page.locator('.rb-label').count()).toBe(11);
  expect(await notice(plain.page).count()).toBe(0);
  await plain.page.context().close();

  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.url}${HAPROXY}${query({ fqdn: 'lb1.example.com', backend: 'api' })}`);
  expect(await prose(page)).toContain('to {{ $labels.fqdn }}/{{ $labels.backend }} backend');
  expect(await bashBlock(page).textContent()).toBe('curl -sS "http://{{ $labels.fqdn }}/{{ $labels.backend }}/health"\n');
  expect(await notice(page).count()).toBe(0);
  // The redirect's meta refresh still lands on the runbook (the query is lost without scripts).
  await page.goto(`${site.url}alerts/NodeDown/?instance=db1:9100`);
  await page.waitForURL(`${site.url}${NODE}`);
  await context.close();
});

test.each([
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const)('screenshots of the filled page and its notice (%s, light and dark), text at 4.5:1', async (name, viewport) => {
  const { page, problems } = await site.openPage(viewport);
  await page.goto(`${site.url}${HAPROXY}${query({ fqdn: 'lb1.example.com', backend: 'api' })}`);
  await notice(page).waitFor();
  await page.locator('details summary').click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await lowContrast(page, ['.rb-labels-notice p', '.rb-labels-notice code', '.rb-labels-toggle', '.rb-label-filled'])).toEqual([]);
    await page.screenshot({ path: screenshotFile(`labels-${name}-${scheme}.png`), fullPage: true });
    await notice(page).screenshot({ path: screenshotFile(`labels-notice-${name}-${scheme}.png`) });
  }
  expect(problems).toEqual([]);
  await page.context().close();
});
