// In chromium, on the fixture site of test/fixtures/alerts built under a sub-path: a metric name in a
// runbook's Alert Rule block is a link, and following it opens that metric's page, which lists the alert
// and leads back to its runbook. Screenshots of both pages and of /alerts/'s coverage table, light and
// dark, wide and narrow.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshotFile, startBrowserSite, type BrowserSite } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'alerts');
const BASE_PATH = '/team-runbooks/';
const runbookPath = 'runbooks/haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/';
const metric = 'haproxy_backend_connection_errors_total';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

test('a metric link in the rule block leads to the metric page under the sub-path, and back to the runbook', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}${runbookPath}`);
  const link = page.locator('code[data-view=source] a.metric-link');
  expect(await link.allTextContents()).toEqual([metric]);
  await link.click();
  await page.waitForURL(`${site.url}metrics/${metric}/`);
  expect(await page.locator('h1').first().textContent()).toBe(metric);
  expect(await page.locator('.alerts-table tbody tr th').allTextContents()).toEqual(['HaproxyBackendConnectionErrors']);
  await page.locator('.alerts-table tbody a').click();
  await page.waitForURL(`${site.url}${runbookPath}`);
  expect(problems.filter((problem) => /metrics\/|runbooks\//.test(problem))).toEqual([]);
  await page.context().close();
});

test('the metric link and the coverage table are visible at every size and scheme (with screenshots)', async () => {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['narrow', { width: 390, height: 844 }]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await site.openPage(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto(`${site.url}${runbookPath}`);
      const link = page.locator('code[data-view=source] a.metric-link').first();
      await link.scrollIntoViewIfNeeded();
      expect(await link.isVisible()).toBe(true);
      await link.hover();
      await page.screenshot({ path: screenshotFile(`metric-link-${name}-${colorScheme}.png`) });
      await page.goto(`${site.url}metrics/${metric}/`);
      expect(await page.locator('.alerts-table').isVisible()).toBe(true);
      await page.screenshot({ path: screenshotFile(`metric-page-${name}-${colorScheme}.png`) });
      await page.goto(`${site.url}alerts/`);
      const coverage = page.locator('.coverage-table');
      await coverage.scrollIntoViewIfNeeded();
      expect(await coverage.isVisible()).toBe(true);
      await page.screenshot({ path: screenshotFile(`alerts-coverage-${name}-${colorScheme}.png`) });
      await page.context().close();
    }
  }
});
