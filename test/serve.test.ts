// `serve`: builds, serves under the base path with the live-reload client, rebuilds after an edit, and
// keeps the last good site (reporting the error to the page) after a broken edit. In chromium: an open
// page reloads by itself after an edit, shows the error overlay with file:line after a broken edit, and
// recovers after the fix.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/serve/dev-server.js';
import { EVENTS_PATH, OVERLAY_ID } from '../src/serve/live-reload.js';
import { launchChromium, openWatchedPage } from './helpers/browser.js';
import { writeSite } from './helpers/site.js';

const site = `
-- config.yaml --
baseURL: https://example.org/team-runbooks/
title: Serve test
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/runbooks/DiskFull.md --
---
title: DiskFull
---
First version of the runbook.
`;

const page = (body: string) => `---\ntitle: DiskFull\n---\n${body}\n`;
const broken = page('Broken: {{% nosuchshortcode %}}');

let server: DevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts `serve` on a free port and waits for each rebuild through `settled()`. */
async function serve(siteDir: string) {
  const builds: ({ ok: true } | { ok: false; error: unknown })[] = [];
  server = await startDevServer({ source: siteDir, port: 0, workers: 0, onBuild: (outcome) => builds.push('error' in outcome ? { ok: false, error: outcome.error } : { ok: true }) });
  return { server, builds };
}

/** Waits until the watcher has seen the edit and its rebuild finished (the watcher reports edits asynchronously). */
async function afterRebuild(running: DevServer, builds: unknown[], count: number) {
  while (builds.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
  await running.settled();
}

describe('serve over HTTP', () => {
  test('serves under the base path with the live-reload client, rebuilds on edits, keeps the last good site on errors', async () => {
    const siteDir = writeSite(site);
    const { server: running, builds } = await serve(siteDir);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/team-runbooks\/$/);
    const pageUrl = `${running.url}runbooks/diskfull/`;
    const first = await (await fetch(pageUrl)).text();
    expect(first).toContain('First version');
    expect(first).toContain(EVENTS_PATH);

    writeFileSync(path.join(siteDir, 'content/runbooks/DiskFull.md'), page('Second version.'));
    await afterRebuild(running, builds, 2);
    expect(await (await fetch(pageUrl)).text()).toContain('Second version.');

    writeFileSync(path.join(siteDir, 'content/runbooks/DiskFull.md'), broken);
    await afterRebuild(running, builds, 3);
    expect(builds.at(-1)).toMatchObject({ ok: false });
    expect(await (await fetch(pageUrl)).text()).toContain('Second version.');

    const events = await fetch(`${running.url}${EVENTS_PATH}`);
    const reader = events.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    expect(new TextDecoder().decode(value)).toMatch(/"kind":"failed".*content\/runbooks\/DiskFull\.md:4/);
  });
});

describe('serve in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('reloads after an edit, shows the error overlay after a broken edit, recovers after the fix', async () => {
    const siteDir = writeSite(site);
    const { server: running, builds } = await serve(siteDir);
    const { page: tab, problems } = await openWatchedPage(browser, new URL(running.url).origin);
    const connected = tab.waitForResponse((response) => response.url().includes(EVENTS_PATH));
    await tab.goto(`${running.url}runbooks/diskfull/`);
    await connected;
    expect(await tab.locator('article').textContent()).toContain('First version');

    writeFileSync(path.join(siteDir, 'content/runbooks/DiskFull.md'), page('Edited while open.'));
    await afterRebuild(running, builds, 2);
    await tab.waitForFunction(() => document.body.textContent?.includes('Edited while open.'));

    writeFileSync(path.join(siteDir, 'content/runbooks/DiskFull.md'), broken);
    await afterRebuild(running, builds, 3);
    const overlay = tab.locator(`#${OVERLAY_ID}`);
    await overlay.waitFor({ state: 'visible' });
    expect(await overlay.textContent()).toMatch(/content\/runbooks\/DiskFull\.md:4:\d+/);
    expect(await tab.locator('article').textContent()).toContain('Edited while open.'); // the last good page, under the overlay

    writeFileSync(path.join(siteDir, 'content/runbooks/DiskFull.md'), page('Fixed again.'));
    await afterRebuild(running, builds, 4);
    await tab.waitForFunction(() => document.body.textContent?.includes('Fixed again.'));
    expect(await overlay.count()).toBe(0);
    // A reload aborts the page's event stream; chromium's favicon miss is logged without a response (real
    // misses are also recorded as `HTTP 404: <url>`, which would remain).
    const expected = (problem: string) => problem.includes(EVENTS_PATH) || problem.startsWith('console error: Failed to load resource');
    expect(problems.filter((problem) => !expected(problem))).toEqual([]);
  });
});
