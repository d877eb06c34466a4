// The alerts index data and the alert → runbook mapping it shares with redirects and `check`
// (src/site/alerts-index.ts, src/site/alert-runbooks.ts), on a real site written to disk.

import { expect, test } from 'vitest';
import { alertRunbooksOf } from '../src/site/alert-runbooks.js';
import { alertIndexRows } from '../src/site/alerts-index.js';
import { allRules } from '../src/rules/rule-index.js';
import { loadSite } from '../src/site/site.js';
import { writeSite } from './helpers/site.js';

const site = `
-- content/_index.md --
# Home
-- content/runbooks/HostDown.md --
# HostDown

<details><summary>Alert Rule</summary>

{{% rule "node/node.yml" "HostDown" %}}

</details>
-- content/runbooks/HostDownAgain.md --
---
title: HostDown, the other runbook
---
{{< rule file="./node/node.yml" alert="HostDown" >}}
-- content/runbooks/Escaped.md --
How to write it: {{</* rule "node/node.yml" "HostHighLoad" */>}}

{{% comment %}}{{% rule "node/node.yml" "HostClockSkew" %}}{{% /comment %}}
-- content/runbooks/Missing.md --
# Missing

{{% rule "node/node.yml" "NoSuchAlert" %}}
-- rules/node/node.yml --
groups:
  - name: Host
    rules:
      - alert: HostDown
        expr: up == 0
        for: 5m
        labels:
          severity: critical
      - alert: HostHighLoad
        expr: node_load1 > 4
        labels:
          severity: warning
      - alert: HostClockSkew
        expr: abs(node_timex_offset_seconds) > 0.05
-- rules/a.yml --
groups:
  - name: First
    rules:
      - alert: AlphaAlert
        expr: vector(1)
        for: 1m
        labels:
          severity: info
`;

test('one row per alert rule, by alert name, with the first runbook that shows it or null', async () => {
  const model = await loadSite({ source: writeSite(site) });
  const rows = alertIndexRows(allRules(model.rules), alertRunbooksOf(model), (page) => ({ title: page.title, url: page.path }));
  expect(rows).toEqual([
    { alert: 'AlphaAlert', severity: 'info', group: 'First', file: 'a.yml', for: '1m', runbook: null },
    { alert: 'HostClockSkew', severity: undefined, group: 'Host', file: 'node/node.yml', for: undefined, runbook: null },
    { alert: 'HostDown', severity: 'critical', group: 'Host', file: 'node/node.yml', for: '5m', runbook: { title: 'HostDown', url: '/runbooks/hostdown/' } },
    { alert: 'HostHighLoad', severity: 'warning', group: 'Host', file: 'node/node.yml', for: undefined, runbook: null },
  ]);
});

test('runbooksOf maps a rule file and alert to every page calling the rule shortcode for it; escaped and commented calls do not count', async () => {
  const model = await loadSite({ source: writeSite(site) });
  const runbooks = alertRunbooksOf(model);
  expect(runbooks).toBe(alertRunbooksOf(model));
  expect(runbooks.runbooksOf('node/node.yml', 'HostDown').map((page) => page.file)).toEqual([
    'content/runbooks/HostDown.md',
    'content/runbooks/HostDownAgain.md',
  ]);
  expect(runbooks.runbooksOf('./node/../node/node.yml', 'HostDown')).toHaveLength(2);
  expect(runbooks.runbooksOf('node/node.yml', 'HostHighLoad')).toEqual([]);
  expect(runbooks.runbooksOf('node/node.yml', 'HostClockSkew')).toEqual([]);

  const missing = model.site.pages.find((page) => page.file === 'content/runbooks/Missing.md')!;
  expect(runbooks.referencesOf(missing)).toEqual([{ file: 'node/node.yml', alert: 'NoSuchAlert', rules: [] }]);
  const again = model.site.pages.find((page) => page.file === 'content/runbooks/HostDownAgain.md')!;
  expect(runbooks.referencesOf(again).map((reference) => [reference.file, reference.alert, reference.rules.map((rule) => rule.line)])).toEqual([
    ['node/node.yml', 'HostDown', [4]],
  ]);
});
