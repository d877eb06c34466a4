// The labels `annotate` passes in a new runbook URL, for the runbook to fill in (issue 17): by default the
// labels the runbook and the rule's annotations use as placeholders (in the order they first appear:
// page, then rule), plus instance and job when the expression keeps them, each piped through urlquery;
// `annotate.labels` and `--labels` name them instead.
// The written rule file parses, and Prometheus's template syntax is written as is.

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { annotateSite } from '../src/annotate/annotate.js';
import { parseRuleFile } from '../src/rules/rule-index.js';
import { runCliCaptured as cli } from './helpers/cli.js';
import { writeSite } from './helpers/site.js';

const sites: string[] = [];
afterAll(() => sites.forEach((site) => rmSync(site, { recursive: true, force: true })));

const rules = `groups:
  - name: Edge
    rules:
      - alert: HaproxyBackendErrors
        expr: sum by (fqdn, backend) (rate(haproxy_backend_connection_errors_total[1m])) > 100
        labels:
          severity: critical
          team: edge
        annotations:
          description: "Errors on {{ $labels.fqdn }}/{{ $labels.backend }} (team {{ $labels.team }}): {{ $value }}"
      - alert: NodeDown
        expr: up{job="node"} == 0
      - alert: NoTargets
        expr: count(up) == 0
        annotations:
          summary: "No targets in {{ $labels.alertname }}"
`;

function labelsSite(config = ''): string {
  const root = writeSite(`
-- config.yaml --
baseURL: https://sre.example.org/runbooks/
${config}
-- rules/edge.yml --
${rules}
-- content/HaproxyBackendErrors.md --
# HaproxyBackendErrors

Drain {{ .Labels.backend }} in cluster {{ $externalLabels.cluster }}; the rate is {{ $value | humanize }}.

{{% rule "edge.yml" "HaproxyBackendErrors" %}}
-- content/NodeDown.md --
# NodeDown

{{% rule "edge.yml" "NodeDown" %}}
-- content/NoTargets.md --
# NoTargets

{{% rule "edge.yml" "NoTargets" %}}
`);
  sites.push(root);
  return root;
}

const written = async (source: string, labels?: readonly string[]) => {
  const result = await annotateSite({ source, labels });
  return Object.fromEntries(result.changed.flatMap((file) => file.changes.map((change) => [change.alert, change.to])));
};

test('by default: the placeholders of runbook and rule, plus instance and job where the expression keeps them', async () => {
  const source = labelsSite();
  const urls = await written(source);
  expect(urls).toEqual({
    // Aggregated by fqdn and backend: no instance or job; team is the rule's own label, $value no label.
    HaproxyBackendErrors: 'https://sre.example.org/runbooks/haproxybackenderrors/'
      + '?backend={{ $labels.backend | urlquery }}&cluster={{ $externalLabels.cluster | urlquery }}&fqdn={{ $labels.fqdn | urlquery }}',
    NodeDown: 'https://sre.example.org/runbooks/nodedown/?instance={{ $labels.instance | urlquery }}&job={{ $labels.job | urlquery }}',
    // count(up) keeps no label, and the URL already names the alert.
    NoTargets: 'https://sre.example.org/runbooks/notargets/',
  });
  const file = readFileSync(path.join(source, 'rules/edge.yml'), 'utf8');
  const parsed = parseRuleFile(file, 'edge.yml', 'rules/edge.yml').rules;
  expect(parsed.map((rule) => rule.annotations.runbook_url)).toEqual(Object.values(urls));
});

test('annotate.labels and the labels option name the labels instead; [] passes none', async () => {
  expect((await written(labelsSite('annotate:\n  labels: [pod]\n'))).NodeDown).toBe('https://sre.example.org/runbooks/nodedown/?pod={{ $labels.pod | urlquery }}');
  expect((await written(labelsSite('annotate:\n  labels: [pod]\n'), ['instance'])).NoTargets).toBe('https://sre.example.org/runbooks/notargets/?instance={{ $labels.instance | urlquery }}');
  expect((await written(labelsSite('annotate:\n  labels: []\n'))).HaproxyBackendErrors).toBe('https://sre.example.org/runbooks/haproxybackenderrors/');
});

test('--labels on the command line: a comma-separated list, "" for none, a bad name a usage error', async () => {
  const source = labelsSite();
  const { code, stdout } = await cli('annotate', '--source', source, '--labels', 'instance, job');
  expect(code).toBe(0);
  expect(stdout).toContain('rules/edge.yml: NoTargets: runbook_url: https://sre.example.org/runbooks/notargets/?instance={{ $labels.instance | urlquery }}&job={{ $labels.job | urlquery }}');

  const none = labelsSite();
  expect((await cli('annotate', '--source', none, '--labels', '')).stdout).toContain('rules/edge.yml: NodeDown: runbook_url: https://sre.example.org/runbooks/nodedown/');

  const bad = labelsSite();
  const before = readFileSync(path.join(bad, 'rules/edge.yml'), 'utf8');
  const refused = await cli('annotate', '--source', bad, '--labels', 'instance,pod-name');
  expect(refused.code).toBe(2);
  expect(refused.stderr.join('\n')).toContain('unexpected label name `pod-name` in --labels, expected names such as instance,job');
  expect(readFileSync(path.join(bad, 'rules/edge.yml'), 'utf8')).toBe(before);
});

test('a label name in annotate.labels that Prometheus would not accept is a config error at its line', async () => {
  const source = labelsSite('annotate:\n  labels: [instance, "pod name"]\n');
  const { code, stderr } = await cli('annotate', '--source', source);
  expect(code).toBe(1);
  expect(stderr).toEqual(['error: config.yaml:3: Unexpected value for `annotate.labels.1`: expected label names (fix `annotate.labels.1` in config.yaml)']);
});
