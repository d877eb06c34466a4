// Redirect pages and alerts.json, from a build of test/fixtures/alerts (published under a sub-path):
// `/alerts/<AlertName>/` and its lowercased form lead to the alert's runbook, an alert name with several
// runbooks gets a page listing them with rule file and group, front matter aliases redirect, and a
// redirect never replaces a page.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { temporaryFolder, writeSite } from './helpers/site.js';

const site = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'alerts');

function destinationFor(name: string): string {
  return path.join(temporaryFolder(name), 'public');
}

describe('alert redirects and aliases of a site under a sub-path', () => {
  const destination = destinationFor('redirects');
  const built = build({ source: site, destination });
  const read = async (file: string) => {
    await built;
    return readFileSync(path.join(destination, file), 'utf8');
  };
  const runbook = 'runbooks/haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/';

  test.each(['alerts/HaproxyBackendConnectionErrors/index.html', 'alerts/haproxybackendconnectionerrors/index.html'])(
    '%s redirects to the runbook: script (keeping query and fragment), meta refresh without scripts, canonical link, visible link',
    async (file) => {
      const html = await read(file);
      expect(html).toContain(`<script data-target="/team-runbooks/${runbook}">location.replace(`);
      expect(html).toContain(`<noscript><meta http-equiv="refresh" content="0; url=/team-runbooks/${runbook}"></noscript>`);
      expect(html).toContain(`<link rel="canonical" href="http://127.0.0.1:1313/team-runbooks/${runbook}">`);
      expect(html).toContain(`<a href="/team-runbooks/${runbook}">HaproxyBackendConnectionErrors</a>`);
    },
  );

  test('an alert name held by several rule files lists its runbooks with rule file and group', async () => {
    const html = await read('alerts/HaproxyDown/index.html');
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain('<a href="/team-runbooks/runbooks/haproxy-embedded-exporter-v2/haproxydown/" data-candidate>HaproxyDown (embedded exporter)</a> — <code>haproxy/haproxy-embedded-exporter-v2.yml</code>, group EmbeddedExporterV2');
    expect(html).toContain('<a href="/team-runbooks/runbooks/haproxy-exporter-v1/haproxydown/" data-candidate>HaproxyDown (exporter v1)</a> — <code>haproxy/haproxy-exporter-v1.yml</code>, group HaproxyExporterV1');
    expect(await read('alerts/haproxydown/index.html')).toBe(html);
  });

  test('a lowercase alert name gets one redirect; an alert shown on another alert\'s page leads there', async () => {
    expect(await read('alerts/nodedown/index.html')).toContain('content="0; url=/team-runbooks/runbooks/node-exporter/nodedown/"');
    expect(await read('alerts/NodeClockSkew/index.html')).toContain('content="0; url=/team-runbooks/runbooks/node-exporter/nodedown/"');
  });

  test.each(['old/haproxy-errors/index.html', 'runbooks/haproxy-embedded-exporter-v2/connection-errors/index.html'])(
    'the alias %s redirects to its page',
    async (file) => {
      expect(await read(file)).toContain(`content="0; url=/team-runbooks/${runbook}"`);
    },
  );

  test('alerts.json lists every alert rule with rule file, group, severity, runbook URL and metrics', async () => {
    const alerts = JSON.parse(await read('alerts.json'));
    expect(alerts).toEqual({
      baseURL: 'http://127.0.0.1:1313/team-runbooks/',
      alerts: [
        { alert: 'HaproxyBackendConnectionErrors', file: 'haproxy/haproxy-embedded-exporter-v2.yml', group: 'EmbeddedExporterV2', severity: 'critical', runbook: `http://127.0.0.1:1313/team-runbooks/${runbook}`, metrics: ['haproxy_backend_connection_errors_total'] },
        { alert: 'HaproxyDown', file: 'haproxy/haproxy-embedded-exporter-v2.yml', group: 'EmbeddedExporterV2', severity: 'critical', runbook: 'http://127.0.0.1:1313/team-runbooks/runbooks/haproxy-embedded-exporter-v2/haproxydown/', metrics: ['haproxy_up'] },
        { alert: 'HaproxyDown', file: 'haproxy/haproxy-exporter-v1.yml', group: 'HaproxyExporterV1', severity: 'critical', runbook: 'http://127.0.0.1:1313/team-runbooks/runbooks/haproxy-exporter-v1/haproxydown/', metrics: ['haproxy_up'] },
        { alert: 'nodedown', file: 'node/node-exporter.yml', group: 'NodeExporter', severity: null, runbook: 'http://127.0.0.1:1313/team-runbooks/runbooks/node-exporter/nodedown/', metrics: ['up'] },
        { alert: 'NodeClockSkew', file: 'node/node-exporter.yml', group: 'NodeExporter', severity: null, runbook: 'http://127.0.0.1:1313/team-runbooks/runbooks/node-exporter/nodedown/', metrics: ['node_timex_offset_seconds'] },
      ],
    });
  });
});

test('a redirect never replaces a page; an alert without a runbook has no redirect and a null runbook', async () => {
  const source = writeSite(`
-- config.yaml --
baseURL: https://runbooks.example.org/
-- rules/app.yml --
groups:
  - name: App
    rules:
      - alert: AppDown
        expr: up == 0
      - alert: AppSlow
        expr: latency > 1
-- content/runbooks/AppDown.md --
---
aliases: [/moved/]
---
{{% rule "app.yml" "AppDown" %}}
-- content/moved.md --
---
title: A page at /moved/
---
Kept.
-- content/alerts/appdown.md --
---
title: A page at /alerts/appdown/
---
Kept too.
`);
  const destination = destinationFor('no-replace');
  await build({ source, destination });
  expect(readFileSync(path.join(destination, 'moved/index.html'), 'utf8')).toContain('Kept.');
  expect(readFileSync(path.join(destination, 'alerts/appdown/index.html'), 'utf8')).toContain('Kept too.');
  // Not even the differently cased /alerts/AppDown/: on a case-insensitive file system it is the page's file.
  expect(existsSync(path.join(destination, 'alerts/AppDown'))).toBe(false);
  expect(existsSync(path.join(destination, 'alerts/AppSlow'))).toBe(false);
  const { alerts } = JSON.parse(readFileSync(path.join(destination, 'alerts.json'), 'utf8'));
  expect(alerts[1]).toEqual({ alert: 'AppSlow', file: 'app.yml', group: 'App', severity: null, runbook: null, metrics: ['latency'] });
});
