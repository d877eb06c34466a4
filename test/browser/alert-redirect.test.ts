// What an on-call engineer sees following an annotation `<baseURL>alerts/{{ $labels.alertname }}/`: in
// chromium, the fixture site of test/fixtures/alerts built under a sub-path and served by the static
// server, the alert's redirect page lands on its runbook; an alert name with several runbooks shows the
// list, and picking one opens that runbook.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBrowserSite, type BrowserSite } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'alerts');
const BASE_PATH = '/team-runbooks/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

/** Problems with the redirect or the runbook themselves (the theme's missing favicon is not one). */
const pageProblems = (problems: readonly string[]) => problems.filter((problem) => /alerts\/|runbooks\//.test(problem));

test.each(['HaproxyBackendConnectionErrors', 'haproxybackendconnectionerrors'])('/alerts/%s/ lands on the runbook page', async (name) => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}alerts/${name}/`);
  await page.waitForURL(`${site.url}runbooks/haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/`);
  await expect.poll(() => page.locator('h1').first().textContent()).toBe('HaproxyBackendConnectionErrors');
  expect(pageProblems(problems)).toEqual([]);
  await page.context().close();
});

test('an alert name with several runbooks lists them; choosing one opens it', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}alerts/HaproxyDown/`);
  const choices = page.locator('main li a');
  expect(await choices.allTextContents()).toEqual(['HaproxyDown (embedded exporter)', 'HaproxyDown (exporter v1)']);
  await choices.filter({ hasText: 'exporter v1' }).click();
  await page.waitForURL(`${site.url}runbooks/haproxy-exporter-v1/haproxydown/`);
  expect(pageProblems(problems)).toEqual([]);
  await page.context().close();
});
