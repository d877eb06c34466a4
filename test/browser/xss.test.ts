// Nothing from a rule file or front matter runs in the reader's browser: a rule whose group, labels,
// annotations, `for` and even alert name hold `<script>`, `"><img onerror=...>`, `javascript:` and
// `{{ ... }}`, and a page whose title, description and tags do, are built and opened in chromium on
// every page that shows them (runbook, alerts index, tag pages, the alert's redirect, search results).
// No dialog opens, no payload sets `window.__xss`, no request leaves for an injected `<img src=x>`,
// and the payloads are shown as text.

import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBrowserSite, type BrowserSite, type WatchedPage } from '../helpers/browser.js';
import { writeSite } from '../helpers/site.js';

const payload = {
  summary: `<script>window.__xss='summary';alert('summary')</script>`,
  description: `"><img src=x onerror="window.__xss='description';alert('description')"> on {{ $labels.instance }}`,
  severity: `"><img src=x onerror="window.__xss='severity'">`,
  title: `<script>window.__xss='title'</script>`,
  tag: `"><img src=x onerror="window.__xss='tag'">`,
  group: `<script>window.__xss='group'</script>`,
};
const yamlString = (text: string) => JSON.stringify(text);

const site = `
-- rules/evil.yml --
groups:
  - name: ${yamlString(payload.group)}
    rules:
      - alert: EvilAnnotations
        expr: up{job="<script>window.__xss='expr'</script>"} == 0
        for: ${yamlString(`<img src=x onerror="window.__xss='for'">`)}
        labels:
          severity: ${yamlString(payload.severity)}
          team: "{{ .Values.team }}"
        annotations:
          summary: ${yamlString(payload.summary)}
          description: ${yamlString(payload.description)}
          runbook_url: "javascript:window.__xss='runbook_url'"
      - alert: ${yamlString(`Evil"><img src=x onerror="window.__xss='alertname'">`)}
        expr: vector(1)
-- content/runbooks/EvilAnnotations.md --
---
title: ${yamlString(payload.title)}
description: ${yamlString(`"><img src=x onerror="window.__xss='meta'">`)}
tags: [${yamlString(payload.tag)}]
---

{{% rule "evil.yml" "EvilAnnotations" %}}

{{< rule "evil.yml" "EvilAnnotations" >}}
`;

let browserSite: BrowserSite;

beforeAll(async () => {
  browserSite = await startBrowserSite(writeSite(site), '/');
});

afterAll(() => browserSite?.close());

interface Visit extends WatchedPage {
  readonly dialogs: string[];
}

async function visit(sitePath: string): Promise<Visit> {
  const watched = await browserSite.openPage();
  const dialogs: string[] = [];
  watched.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await watched.page.goto(new URL(sitePath, browserSite.url).href, { waitUntil: 'load' });
  return { ...watched, dialogs };
}

/**
 * Nothing ran: no dialog, no payload's marker, no request for an injected image (an `<img src=x>` shows
 * as `HTTP 404: .../x`). Chromium's own /favicon.ico request from a redirect page, which links no icon,
 * shows only as a console message without its URL; that one is left out.
 */
async function expectNothingRan(page: Visit): Promise<void> {
  expect(page.dialogs).toEqual([]);
  expect(await page.page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(page.problems.filter((problem) => !problem.includes('/favicon.ico') && !/Failed to load resource.*404/.test(problem))).toEqual([]);
}

test('the runbook page shows the payloads as text', async () => {
  const page = await visit('/runbooks/evilannotations/');
  await expectNothingRan(page);
  expect(await page.page.title()).toBe(`${payload.title} | Runbooks`);
  const code = await page.page.locator('pre code').allInnerTexts();
  expect(code).toHaveLength(2);
  for (const text of code) {
    expect(text).toContain(`summary: ${yamlString(payload.summary)}`);
    expect(text).toContain(`description: ${yamlString(payload.description)}`);
    expect(text).toContain('team: "{{ .Values.team }}"');
  }
  await expect(page.page.getByText(payload.severity).first().isVisible()).resolves.toBe(true);
  await expect(page.page.getByText(payload.tag).first().isVisible()).resolves.toBe(true);
});

// The runbook's glance line shows severity, `for` and summary; the group is shown on the alerts index.
test('the alerts index shows the hostile group and alert name as text', async () => {
  const page = await visit('/alerts/');
  await expectNothingRan(page);
  await expect(page.page.getByText(payload.group).first().isVisible()).resolves.toBe(true);
  await expect(page.page.getByText(`Evil"><img src=x onerror="window.__xss='alertname'">`).first().isVisible()).resolves.toBe(true);
});

test.each([['/'], ['/alerts/'], ['/tags/'], ['/404.html']])('nothing runs on %s', async (sitePath) => {
  const page = await visit(sitePath);
  await expectNothingRan(page);
});

test.each([['/alerts/evilannotations/'], ['/alerts/EvilAnnotations/']])('nothing runs on the redirect %s or after it', async (sitePath) => {
  const page = await visit(sitePath);
  await page.page.waitForURL('**/runbooks/evilannotations/');
  await page.page.waitForLoadState('load');
  await expectNothingRan(page);
});

test('the tag page of a hostile tag shows it as text', async () => {
  const tags = await visit('/tags/');
  const href = await tags.page.getByRole('link', { name: payload.tag }).getAttribute('href');
  expect(href).toMatch(/^\/tags\/[a-z0-9._~@#+%-]+\/$/);
  const page = await visit(href!);
  await expectNothingRan(page);
  await expect(page.page.getByText(payload.tag).first().isVisible()).resolves.toBe(true);
});

test('search results show hostile titles as text', async () => {
  const page = await visit('/runbooks/evilannotations/');
  const input = page.page.locator('.site-search input');
  await input.waitFor({ state: 'visible' });
  await input.fill('EvilAnnotations');
  await page.page.locator('#site-search-results .site-search-title').first().waitFor();
  await expectNothingRan(page);
  expect(await page.page.locator('#site-search-results .site-search-title').allTextContents()).toContain(payload.title);
});
