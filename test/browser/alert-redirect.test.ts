// What an on-call engineer sees following an annotation `<baseURL>alerts/{{ $labels.alertname }}/`: in
// chromium, the fixture site of test/fixtures/alerts built under a sub-path and served by the static
// server, the alert's redirect page lands on its runbook; an alert name with several runbooks shows the
// list, and picking one opens that runbook.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build } from '../../src/build.js';
import { startStaticServer, type RunningServer } from '../../src/serve/static-server.js';
import { launchChromium, openWatchedPage } from '../helpers/browser.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'alerts');
const BASE_PATH = '/team-runbooks/';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const destination = path.join(mkdtempSync(path.join(tmpdir(), 'runbook-site-alert-redirect-')), 'public');
  await build({ source: fixtureSite, destination, baseURL: `http://127.0.0.1${BASE_PATH}` });
  server = await startStaticServer({ root: destination, basePath: BASE_PATH });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Problems with the redirect or the runbook themselves (the theme's missing favicon is not one). */
const pageProblems = (problems: readonly string[]) => problems.filter((problem) => /alerts\/|runbooks\//.test(problem));

test.each(['HaproxyBackendConnectionErrors', 'haproxybackendconnectionerrors'])('/alerts/%s/ lands on the runbook page', async (name) => {
  const { page, problems } = await openWatchedPage(browser, new URL(server.url).origin);
  await page.goto(`${server.url}alerts/${name}/`);
  await page.waitForURL(`${server.url}runbooks/haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/`);
  await expect.poll(() => page.locator('h1').first().textContent()).toBe('HaproxyBackendConnectionErrors');
  expect(pageProblems(problems)).toEqual([]);
  await page.context().close();
});

test('an alert name with several runbooks lists them; choosing one opens it', async () => {
  const { page, problems } = await openWatchedPage(browser, new URL(server.url).origin);
  await page.goto(`${server.url}alerts/HaproxyDown/`);
  const choices = page.locator('main li a');
  expect(await choices.allTextContents()).toEqual(['HaproxyDown (embedded exporter)', 'HaproxyDown (exporter v1)']);
  await choices.filter({ hasText: 'exporter v1' }).click();
  await page.waitForURL(`${server.url}runbooks/haproxy-exporter-v1/haproxydown/`);
  expect(pageProblems(problems)).toEqual([]);
  await page.context().close();
});
