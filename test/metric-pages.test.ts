// Metric pages, metric links and action links, end to end: a site built under a sub-path has /metrics/
// (every metric of its rule expressions) and /metrics/<name>/ (the alerts using it, with rule file and
// runbook); the rule block links each metric of the `expr` (and nothing outside it) to its page; the
// configured action links carry the URL-encoded expression, alert, file and group; alerts.json lists each
// alert's metrics; search finds a metric page by its name; /alerts/ shows each rule file's coverage.

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { createSiteSearch } from '../theme/assets/search-engine.js';
import { writeSite } from './helpers/site.js';

const sitePrefix = '/team/';
let source: string;
let out: string;
const html = (file: string): Root => fromHtml(readFileSync(path.join(out, file), 'utf8'));
const links = (tree: Root, selector: string) => selectAll(selector, tree).map((a: Element) => [toString(a), a.properties.href]);

beforeAll(async () => {
  source = writeSite(`
-- config.yaml --
baseURL: https://sre.example.org${sitePrefix}
links:
  prometheus: https://prom.example.org/
  alertmanager: https://am.example.org
  templates:
    - title: Explore
      url: https://grafana.example.org/explore?left={{expr}}&alert={{ alert }}&file={{file}}&group={{group}}
-- rules/app/app.yml --
groups:
  - name: App & co
    rules:
      - alert: AppErrors
        expr: |
          sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
        annotations:
          summary: http_requests_total is high
      - alert: AppDown
        expr: up{job="app"} == 0
-- content/runbooks/AppErrors.md --
# AppErrors

{{% rule "app/app.yml" "AppErrors" %}}

Look at http_requests_total in Grafana.

{{% comment %}}
alert: AppErrors
expr: sum(rate(http_requests_total[5m])) > 1
{{% /comment %}}
`);
  out = path.join(source, 'public');
  await build({ source, destination: out });
});

afterAll(() => rmSync(source, { recursive: true, force: true }));

describe('metric pages', () => {
  test('/metrics/ lists every metric of the rule expressions with its number of alerts', () => {
    expect(links(html('metrics/index.html'), 'article .term-list a')).toEqual([
      ['http_requests_total', `${sitePrefix}metrics/http_requests_total/`],
      ['up', `${sitePrefix}metrics/up/`],
    ]);
    expect(toString(selectAll('article .term-list li', html('metrics/index.html'))[0]!)).toBe('http_requests_total (1)');
  });

  test('/metrics/<name>/ lists the alerts using it with rule file and runbook', () => {
    const page = html('metrics/http_requests_total/index.html');
    const rows = selectAll('tbody tr', page).map((row) => selectAll('th, td', row).map((cell) => toString(cell)));
    // The runbook is named by its section, as on /alerts/.
    expect(rows).toEqual([['AppErrors', 'none', 'App & co', 'app/app.yml', '0s', 'runbooks']]);
    expect(links(page, 'tbody a')).toEqual([['runbooks', `${sitePrefix}runbooks/apperrors/`]]);
    const up = html('metrics/up/index.html');
    expect(selectAll('tbody tr th', up).map((cell) => toString(cell))).toEqual(['AppDown']);
  });

  test('the rule block links the expression\'s metric names to their pages, and nothing else', () => {
    const page = html('runbooks/apperrors/index.html');
    expect(links(page, 'code[data-view=source] a.metric-link')).toEqual([
      ['http_requests_total', `${sitePrefix}metrics/http_requests_total/`],
      ['http_requests_total', `${sitePrefix}metrics/http_requests_total/`],
    ]);
    // The code reads as before; the summary annotation and the prose keep their plain text.
    expect(toString(selectAll('pre code', page)[0]!)).toContain('summary: http_requests_total is high');
  });

  test('alerts.json lists each alert\'s metrics', () => {
    const { alerts } = JSON.parse(readFileSync(path.join(out, 'alerts.json'), 'utf8'));
    expect(alerts.map((alert: { alert: string; metrics: string[] }) => [alert.alert, alert.metrics])).toEqual([
      ['AppErrors', ['http_requests_total']],
      ['AppDown', ['up']],
    ]);
  });

  test('search finds a metric page by its name', async () => {
    const readJson = (name: string) => JSON.parse(readFileSync(path.join(out, 'search', name), 'utf8'));
    const search = createSiteSearch(readJson('index.json'), async (name: string) => readJson(name));
    const results = await search.search('http_requests_total');
    expect(results.map((result) => result.document.path)).toEqual(['runbooks/apperrors/', 'metrics/http_requests_total/']);
  });
});

test('/alerts/ shows the runbook coverage of each rule file', () => {
  const page = html('alerts/index.html');
  const rows = selectAll('.coverage-table tr', page).map((row) => selectAll('th, td', row).map((cell) => toString(cell)));
  expect(rows).toEqual([
    ['Rule file', 'Alerts', 'With a runbook', 'With a drifted copy'],
    ['app/app.yml', '2', '1', '1'],
  ]);
});

describe('action links', () => {
  test('follow the rule block, each URL-encoded', () => {
    const page = html('runbooks/apperrors/index.html');
    const expr = 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05';
    expect(links(page, '.rule-actions a')).toEqual([
      ['Graph in Prometheus', `https://prom.example.org/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=0`],
      ['Silence in Alertmanager', 'https://am.example.org/#/silences/new?filter=%7Balertname%3D%22AppErrors%22%7D'],
      ['Explore', `https://grafana.example.org/explore?left=${encodeURIComponent(expr)}&alert=AppErrors&file=app%2Fapp.yml&group=App%20%26%20co`],
    ]);
    expect(links(page, '.rule-actions a')[0]![1]).toContain('%7Bcode%3D~%225..%22%7D%5B5m%5D');
  });

  test('are left out when not configured', async () => {
    const bare = writeSite(`
-- rules/a.yml --
groups:
  - name: A
    rules:
      - alert: A
        expr: up == 0
-- content/A.md --
# A

{{% rule "a.yml" "A" %}}
`);
    try {
      await build({ source: bare, destination: path.join(bare, 'public') });
      const page = fromHtml(readFileSync(path.join(bare, 'public/a/index.html'), 'utf8'));
      expect(selectAll('.rule-actions', page)).toEqual([]);
      expect(links(page, 'code[data-view=source] a.metric-link')).toEqual([['up', '/metrics/up/']]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
