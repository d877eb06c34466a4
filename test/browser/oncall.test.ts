// The on-call page (issue 13), in chromium: the fixture of test/fixtures/oncall (real corpus runbooks and
// rule files: long expressions and names, one rule whose expr does not parse) built under a sub-path, at
// 1280x900 and 390x844, light and dark. Nothing overflows (every rule block, the page), PromQL tokens
// carry their classes, the summary line shows the severity, the header links to the alerts index and
// the tags, the alerts index's cells hold their longest word on a phone, the dark toggle keeps the
// header's height and the Copy button stays off the code. Screenshots of each page kind go to
// test-results/screenshots/oncall-<page>-<width>-<scheme>.png.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { screenshotFile, startBrowserSite, type BrowserSite } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'oncall');
const BASE_PATH = '/oncall-site/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
}, 60_000);

afterAll(() => site?.close());

const viewports = [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 390, height: 844 }] as const;
const schemes = ['light', 'dark'] as const;

/** Each page kind of the fixture, by its path under the base path. */
const pages = {
  runbook: 'runbooks/node-exporter/hosthighcpuload/',
  'runbook-long': 'runbooks/thanos-ruler/thanosrulegrpcerrorrate/',
  'runbook-broken': 'runbooks/broken/brokenexpression/',
  section: 'runbooks/node-exporter/',
  home: '',
  alerts: 'alerts/',
  tags: 'tags/',
  tag: 'tags/generated/',
  'not-found': 'runbooks/no-such-alert/',
};

async function open(viewport: (typeof viewports)[number], scheme: (typeof schemes)[number], pagePath: string) {
  const watched = await site.openPage({ width: viewport.width, height: viewport.height });
  await watched.page.emulateMedia({ colorScheme: scheme });
  await watched.page.goto(`${site.url}${pagePath}`);
  return watched;
}

/** Widths that overflow: each rule block wider inside than its box, and the page wider than the window. */
function overflows(page: Page) {
  return page.evaluate(() => ({
    blocks: Array.from(document.querySelectorAll('.rule-block pre')).filter((pre) => pre.scrollWidth > pre.clientWidth).map((pre) => pre.closest('.rule-block')!.getAttribute('data-alert')),
    page: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  }));
}

describe.each(viewports)('at $width px', (viewport) => {
  describe.each(schemes)('%s', (scheme) => {
    test('no rule block and no page scrolls sideways, opened or closed, in either layout of the expression', async () => {
      for (const pagePath of [pages.runbook, pages['runbook-long'], pages['runbook-broken'], pages.alerts, pages.tag, pages.section]) {
        const { page, problems } = await open(viewport, scheme, pagePath);
        await page.evaluate(() => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
        expect(await overflows(page), pagePath).toEqual({ blocks: [], page: false });
        for (const toggle of await page.getByRole('button', { name: 'As in the rule file' }).all()) await toggle.click();
        expect(await overflows(page), `${pagePath} as written`).toEqual({ blocks: [], page: false });
        expect(problems.filter((problem) => !problem.includes('HTTP 404'))).toEqual([]);
        await page.context().close();
      }
    });

    test('screenshots of each page kind', async () => {
      for (const [name, pagePath] of Object.entries(pages)) {
        const { page } = await open(viewport, scheme, pagePath);
        if (name.startsWith('runbook')) await page.locator('details summary').first().click();
        await page.screenshot({ path: screenshotFile(`oncall-${name}-${viewport.name}-${scheme}.png`), fullPage: name !== 'alerts' && name !== 'tag' });
        await page.context().close();
      }
    });

    test('the header links to the alerts index and the tags, and the dark toggle keeps its height', async () => {
      const { page } = await open(viewport, scheme, pages.runbook);
      const header = page.getByRole('banner');
      expect(await header.getByRole('link', { name: 'Alerts', exact: true }).getAttribute('href')).toBe(`${BASE_PATH}alerts/`);
      expect(await header.getByRole('link', { name: 'Tags', exact: true }).getAttribute('href')).toBe(`${BASE_PATH}tags/`);
      const toggle = header.getByRole('button', { name: 'Dark mode' });
      const before = { header: (await header.boundingBox())!.height, toggle: (await toggle.boundingBox())!.width };
      await toggle.click();
      await toggle.click();
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe(scheme === 'light' ? 'true' : 'false');
      expect({ header: (await header.boundingBox())!.height, toggle: (await toggle.boundingBox())!.width }).toEqual(before);
      // Sticky: still at the top after scrolling down.
      await page.mouse.wheel(0, 2000);
      await expect.poll(async () => (await header.boundingBox())!.y).toBe(0);
      await page.context().close();
    });
  });
});

test('PromQL tokens carry distinct classes, and a long expression is laid out, with the file text one toggle away', async () => {
  const { page, problems } = await open(viewports[0], 'light', pages.runbook);
  const block = page.locator('.rule-block').first();
  const classes = await block.locator('code[data-view="formatted"] [class^="pql-"]').evaluateAll((spans) => Object.fromEntries(spans.map((span) => [span.className, span.textContent])));
  expect(Object.keys(classes).sort()).toEqual(['pql-aggregation', 'pql-duration', 'pql-function', 'pql-keyword', 'pql-label', 'pql-match', 'pql-metric', 'pql-number', 'pql-operator', 'pql-string']);
  expect(classes['pql-function']).toBe('rate');
  const colours = await block.locator('code[data-view="formatted"] [class^="pql-"]').evaluateAll((spans) => Object.fromEntries(spans.map((span) => [span.className, getComputedStyle(span).color])));
  expect(new Set(Object.values(colours)).size).toBe(10);
  await page.locator('details summary').first().click();
  const formatted = await block.locator('code[data-view="formatted"]').innerText();
  expect(formatted).toContain('expr: |\n    (sum by (instance) (avg by (mode, instance) (rate(node_cpu_seconds_total{mode!="idle"}[2m]))) > 0.8)\n  * on (instance) group_left (nodename)\n    node_uname_info{nodename=~".+"}\nfor: 10m');
  await block.page().getByRole('button', { name: 'As in the rule file' }).click();
  const source = await block.locator('code[data-view="source"]').innerText();
  expect(source).toContain('expr: (sum by (instance) (avg by (mode, instance) (rate(node_cpu_seconds_total{mode!="idle"}[2m]))) > 0.8) * on(instance) group_left (nodename) node_uname_info{nodename=~".+"}');
  expect(await block.locator('code[data-view="formatted"]').isVisible()).toBe(false);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the summary line shows the severity, `for` and the summary while the block is closed', async () => {
  const { page } = await open(viewports[1], 'light', pages.runbook);
  const summary = page.locator('details summary').first();
  expect(await page.locator('details').first().getAttribute('open')).toBeNull();
  expect(await summary.locator('.severity').textContent()).toBe('warning');
  expect(await summary.innerText()).toContain('for 10m');
  expect(await summary.innerText()).toContain('Host high CPU load (instance {{ $labels.instance }})');
  await page.context().close();
});

test('a section page lists each runbook with its severity, and its rule\'s summary where the description only repeats the title', async () => {
  const { page } = await open(viewports[1], 'light', pages.section);
  const item = page.locator('.child-list li', { hasText: 'HostHighCpuLoad' });
  expect(await item.locator('.severity').textContent()).toBe('warning');
  expect(await item.locator('p').textContent()).toBe('Host high CPU load (instance {{ $labels.instance }})');
  expect(await page.getByText('Troubleshooting for alert').count()).toBe(0);
  await page.context().close();
});

test('an expression the grammar cannot parse is shown as written, with a warning at its rule file line', async () => {
  const { page } = await open(viewports[0], 'light', pages['runbook-broken']);
  await page.locator('details summary').first().click();
  expect(await page.getByRole('note').innerText()).toBe('PromQL syntax error at broken/broken.yml:6: Unexpected end of expression. The expression is shown as written.');
  expect(await page.locator('.rule-block code[data-view="source"]').innerText()).toContain('expr: sum(rate(http_requests_total{job="api"}[5m]) > 1');
  expect(await page.locator('.rule-block code[data-view="formatted"]').count()).toBe(0);
  await page.context().close();
});

test('on a phone the Copy button sits above the code, and the menu is a drawer under the header', async () => {
  const { page } = await open(viewports[1], 'light', pages.runbook);
  await page.locator('details summary').first().click();
  const copy = (await page.getByRole('button', { name: 'Copy code' }).first().boundingBox())!;
  const firstLine = await page.locator('.rule-block pre code:not([hidden])').first().evaluate((code) => {
    const range = document.createRange();
    range.setStart(code.firstChild!, 0);
    range.setEnd(code.firstChild!, 1);
    const box = range.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, left: code.getBoundingClientRect().left, right: code.getBoundingClientRect().right };
  });
  expect(copy.y + copy.height <= firstLine.top || copy.y >= firstLine.bottom).toBe(true);

  const header = (await page.getByRole('banner').boundingBox())!;
  await page.mouse.wheel(0, 600);
  await page.getByRole('button', { name: 'Menu' }).click();
  const menu = page.getByRole('navigation', { name: 'Runbooks', exact: true });
  await expect.poll(async () => (await menu.boundingBox())?.x).toBe(0);
  expect((await menu.boundingBox())!.y).toBeGreaterThanOrEqual(header.height - 1);
  expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => menu.isVisible()).toBe(false);
  await page.context().close();
});

test('on a phone the alerts index is cards whose cells are never narrower than their longest word', async () => {
  const { page } = await open(viewports[1], 'light', pages.alerts);
  const narrow = await page.locator('.alerts-table tbody').evaluate((body) => Array.from(body.querySelectorAll('td, th')).filter((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return Array.from(range.getClientRects()).some((rect) => rect.right > cell.getBoundingClientRect().right + 1) || cell.scrollWidth > cell.clientWidth;
  }).map((cell) => cell.textContent));
  expect(narrow).toEqual([]);
  const row = page.locator('.alerts-table tbody tr', { hasText: 'HostHighCpuLoad' }).first();
  expect(await row.getByRole('link').textContent()).toBe('node-exporter');
  await page.context().close();
});

test('the 404 page offers a search of the alerts and the alerts index', async () => {
  const { page } = await open(viewports[0], 'light', pages['not-found']);
  expect(await page.getByRole('searchbox', { name: 'Alert, group or rule file' }).inputValue()).toBe('no-such-alert');
  await page.getByRole('searchbox', { name: 'Alert, group or rule file' }).fill('HostHighCpu');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(/alerts\/\?q=HostHighCpu/);
  await expect.poll(() => page.locator('.alerts-table tbody tr:not([hidden])').count()).toBe(1);
  await page.context().close();
});
