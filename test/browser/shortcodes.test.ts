// hugo-book's shortcodes in the default theme, in chromium: the fixture site of test/fixtures/shortcodes
// built under a sub-path and served by the static server. Tabs switch by click and keyboard with one
// panel shown; hints, columns, button, figure, details and highlighted lines are laid out and keep a
// 4.5:1 contrast in both schemes; mermaid diagrams are drawn from the site's own copy of the library,
// on runbook and home pages alike, and pages without one do not load it. Every test fails on a console
// error, a failed request or a request to another host. Screenshots go to test-results/screenshots/.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshotFile, startBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { lowContrast } from '../helpers/contrast.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'shortcodes');
const BASE_PATH = '/runbooks-site/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

const shortcodesUrl = () => `${site.url}docs/shortcodes/`;

/** The shortcodes' text, checked for contrast. */
const shortcodeText = ['.book-hint', '.book-hint strong', '.book-hint a', '.book-hint code', '.book-tabs label', '.book-tabs-content p',
  '.book-btn', 'figcaption h4', 'figcaption p', 'summary', '.highlight .ln', '.highlight .line span', 'pre.mermaid'];

/** The text of the tab panels on screen. */
const visiblePanels = (page: Page) => page.locator('.book-tabs-content:visible').allInnerTexts();

test('tabs show only the checked tab\'s panel; a click or the arrow keys switch it, with a visible focus ring', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(shortcodesUrl());
  expect(await visiblePanels(page)).toEqual([expect.stringContaining('systemctl restart exporter')]);
  // The radios are out of sight but not out of reach.
  const radio = await page.locator('.book-tabs input.toggle').first().evaluate((input) => ({ opacity: getComputedStyle(input).opacity, width: input.getBoundingClientRect().width }));
  expect(radio).toEqual({ opacity: '0', width: 1 });

  await page.getByText('macOS', { exact: true }).click();
  expect(await visiblePanels(page)).toEqual(['Run brew services restart exporter.']);

  // From the link before the tabs, Tab reaches the checked tab; arrow keys move between tabs.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Docs' }).focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-restart-1');
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-restart-2');
  expect(await visiblePanels(page)).toEqual(['Restart the exporter service from the Services console.']);
  const windows = page.locator('label[for="tabs-restart-2"]');
  expect(await windows.evaluate((label) => getComputedStyle(label).outlineStyle)).toBe('solid');
  expect(await page.locator('label[for="tabs-restart-0"]').evaluate((label) => getComputedStyle(label).outlineStyle)).toBe('none');
  await page.locator('.book-tabs').screenshot({ path: screenshotFile('shortcodes-tabs-focus.png') });
  await page.keyboard.press('ArrowLeft');
  expect(await visiblePanels(page)).toEqual(['Run brew services restart exporter.']);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('hints, columns, button, figure, details and highlighted lines are laid out and readable in both schemes', async () => {
  const { page, problems } = await site.openPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await page.goto(shortcodesUrl());
  await page.locator('pre.mermaid svg').waitFor();

  const hintStyles = await page.locator('.book-hint').evaluateAll((hints) => hints.map((hint) => {
    const style = getComputedStyle(hint);
    return { kind: hint.classList[1], border: `${style.borderLeftWidth} ${style.borderLeftStyle}`, borderColor: style.borderLeftColor, background: style.backgroundColor };
  }));
  expect(hintStyles.map((hint) => hint.kind)).toEqual(['info', 'warning', 'danger']);
  for (const hint of hintStyles) expect(hint.border).toBe('4px solid');
  expect(new Set(hintStyles.map((hint) => hint.borderColor)).size).toBe(3);
  expect(new Set(hintStyles.map((hint) => hint.background)).size).toBe(3);

  const [before, after] = await page.locator('.book-columns > .flex-even').all();
  const [left, right] = [await before!.boundingBox(), await after!.boundingBox()];
  expect(left!.y).toBe(right!.y);
  expect(right!.x).toBeGreaterThan(left!.x + left!.width);

  const button = page.locator('.book-btn');
  expect(await button.evaluate((link) => getComputedStyle(link).borderStyle)).toBe('solid');
  expect(await button.getAttribute('href')).toBe(`${BASE_PATH}docs/plain/`);

  const image = page.locator('figure img');
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await page.locator('figcaption').innerText()).toMatch(/^Scrape pipeline\s+Targets are scraped every 15s\.$/);

  const details = page.locator('details', { hasText: 'Why restart?' });
  expect(await details.getByText('The exporter leaks file descriptors.').isVisible()).toBe(false);
  await details.locator('summary').click();
  expect(await details.getByText('The exporter leaks file descriptors.').isVisible()).toBe(true);

  const highlight = page.locator('pre.highlight');
  expect(await highlight.locator('.ln').allTextContents()).toEqual(['1', '2', '3', '4', '5']);
  expect(await highlight.locator('.line.hl').allTextContents()).toEqual(['2  - name: exporter\n', '4      - alert: ExporterDown\n']);
  const lineBackgrounds = await highlight.locator('.line').evaluateAll((lines) => lines.map((line) => getComputedStyle(line).backgroundColor));
  expect(lineBackgrounds[0]).toBe('rgba(0, 0, 0, 0)');
  expect(lineBackgrounds[1]).not.toBe('rgba(0, 0, 0, 0)');
  // Copying takes the code, not the line numbers.
  await page.locator('.code-toolbar:has(+ pre.highlight)').getByRole('button', { name: 'Copy code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'groups:\n  - name: exporter\n    rules:\n      - alert: ExporterDown\n        expr: up == 0\n',
  );

  expect(await lowContrast(page, shortcodeText)).toEqual([]);
  await page.screenshot({ path: screenshotFile('shortcodes.png'), fullPage: true });
  await page.getByRole('button', { name: 'Dark mode', exact: true }).click();
  expect(await lowContrast(page, shortcodeText)).toEqual([]);
  await page.screenshot({ path: screenshotFile('shortcodes-dark.png'), fullPage: true });
  expect(problems).toEqual([]);
  await page.context().close();
});

test('mermaid diagrams are drawn from the site\'s copy of the library, on runbook and home pages; other pages do not load it', async () => {
  const { page, problems } = await site.openPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const mermaidScript = /^\/runbooks-site\/assets\/mermaid-[\d.]+\.min\.js$/;

  for (const url of [shortcodesUrl(), site.url]) {
    requested.length = 0;
    await page.goto(url);
    const diagram = page.locator('pre.mermaid');
    await diagram.locator('svg').waitFor();
    expect(await diagram.getAttribute('data-processed')).toBe('true');
    expect(requested.filter((pathname) => mermaidScript.test(pathname))).toHaveLength(1);
  }
  expect(await page.locator('pre.mermaid svg').getByText('Alertmanager').count()).toBeGreaterThan(0);

  for (const url of [`${site.url}docs/plain/`, `${site.url}docs/`]) {
    requested.length = 0;
    await page.goto(url);
    await page.locator('main h1').waitFor();
    expect(requested.filter((pathname) => pathname.includes('mermaid'))).toEqual([]);
    expect(await page.locator('script[src*="mermaid"]').count()).toBe(0);
  }
  // The problems include any request that left the site's origin.
  expect(problems).toEqual([]);
  await page.context().close();
});

test('without JavaScript a diagram shows its source as a code block, and the first tab\'s panel shows', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shortcodesUrl());
  const diagram = page.locator('pre.mermaid');
  expect(await diagram.innerText()).toContain('Alertmanager->>Engineer: page');
  expect(await diagram.evaluate((pre) => getComputedStyle(pre).fontFamily)).toContain('monospace');
  expect(await visiblePanels(page)).toEqual([expect.stringContaining('systemctl restart exporter')]);
  await context.close();
});
