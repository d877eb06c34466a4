// `runbook-site annotate` on fixture rule files with comments, odd quoting, multi-line `expr: |` blocks,
// rules without annotations, a PrometheusRule resource, anchors and flow style: the diff touches only
// annotation lines, every other field parses as before, a second run changes nothing, `--dry-run` writes
// nothing, and the files it cannot edit safely are named and left alone.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { annotateSite } from '../src/annotate/annotate.js';
import { runbookUrl } from '../src/annotate/runbook-url.js';
import { checkSite } from '../src/check/check-site.js';
import { parseRuleFile } from '../src/rules/rule-index.js';
import { runCliCaptured as cli } from './helpers/cli.js';
import { snapshotSources, writeSite } from './helpers/site.js';

const sites: string[] = [];
afterAll(() => sites.forEach((site) => rmSync(site, { recursive: true, force: true })));

const plainRules = `# Rules of the app (a comment that stays).
groups:
  - name: App   # trailing comment
    rules:
      - alert: AppDown
        expr: up{job="app"} == 0
        for: 5m
        labels:
          severity: 'critical'
        annotations:
          summary: "App {{ $labels.instance }} is down"
          description: >-
            Folded text
            over two lines.

      # The next rule has no annotations at all.
      - alert: AppSlow
        expr: |
          histogram_quantile(0.99,
            rate(app_latency_seconds_bucket[5m])) > 1
        labels:
            severity: warning

      - alert: AppErrors
        expr: rate(app_errors_total[5m]) > 0
        annotations:
          runbook_url: 'https://runbooks.example.org/runbooks/app/AppErrors'
          summary: errors
      - alert: AppNoRunbook
        expr: vector(1)
`;

const crdRules = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: queue
spec:
  groups:
  - name: queue
    rules:
    - alert: QueueFull
      expr: queue_length > 100
      annotations:
        summary: Queue is full
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: queue-2
spec:
  groups:
  - name: queue-2
    rules:
    - alert: QueueStuck
      expr: rate(queue_processed_total[10m]) == 0`;

// (The rule index itself refuses aliases in rules; an anchor alone is valid, and refused here as well.)
const anchorRules = `groups:
  - name: Anchored
    rules:
      - alert: DiskFull
        expr: disk_free == 0
        labels: &critical
          severity: critical
`;

const flowRules = `groups:
  - name: Flow
    rules:
      - {alert: CpuHot, expr: cpu > 90, annotations: {summary: hot}}
`;

const runbook = (file: string, alert: string) => `# ${alert}\n\n{{% rule "${file}" "${alert}" %}}\n`;

const annotateFixture = () => {
  const root = writeSite(`
-- config.yaml --
# These tests are about the edits; the labels a URL passes are annotate-labels.test.ts's.
baseURL: https://runbooks.example.org/
annotate:
  labels: []
-- rules/app/app.yml --
${plainRules}
-- rules/queue.yaml --
${crdRules}
-- rules/anchored.yml --
${anchorRules}
-- rules/flow.yml --
${flowRules}
-- content/runbooks/app/AppDown.md --
${runbook('app/app.yml', 'AppDown')}
-- content/runbooks/app/AppSlow.md --
${runbook('app/app.yml', 'AppSlow')}
-- content/runbooks/app/AppErrors.md --
${runbook('app/app.yml', 'AppErrors')}
-- content/runbooks/QueueFull.md --
${runbook('queue.yaml', 'QueueFull')}
-- content/runbooks/QueueStuck.md --
${runbook('queue.yaml', 'QueueStuck')}
-- content/runbooks/queue-stuck-2.md --
${runbook('queue.yaml', 'QueueStuck')}
-- content/runbooks/DiskFull.md --
${runbook('anchored.yml', 'DiskFull')}
-- content/runbooks/CpuHot.md --
${runbook('flow.yml', 'CpuHot')}
`);
  // writeSite ends every file with a line break; this one must end without.
  writeFileSync(path.join(root, 'rules/queue.yaml'), crdRules);
  sites.push(root);
  return root;
};

/** Every field of every rule but the given annotation, to compare a file before and after. */
function fieldsBut(text: string, key: string) {
  return parseRuleFile(text, 'x.yml', 'x.yml').rules.map((rule) => {
    const { [key]: _dropped, ...annotations } = rule.annotations;
    return { alert: rule.alert, group: rule.group, expr: rule.expr, for: rule.for, labels: rule.labels, annotations };
  });
}

describe('annotate', () => {
  test('adds the runbook URL to each alert with a runbook and corrects the dead one; only annotation lines change', async () => {
    const source = annotateFixture();
    const before = snapshotSources(source);
    const { code, stdout, stderr } = await cli('annotate', '--source', source);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      'rules/app/app.yml: AppDown: runbook_url: https://runbooks.example.org/runbooks/app/appdown/',
      'rules/app/app.yml: AppSlow: runbook_url: https://runbooks.example.org/runbooks/app/appslow/',
      'rules/app/app.yml: AppErrors: runbook_url: https://runbooks.example.org/runbooks/app/AppErrors -> https://runbooks.example.org/runbooks/app/apperrors/',
      'rules/queue.yaml: QueueFull: runbook_url: https://runbooks.example.org/runbooks/queuefull/',
      // Two pages show QueueStuck: the alert's redirect page lists them.
      'rules/queue.yaml: QueueStuck: runbook_url: https://runbooks.example.org/alerts/QueueStuck/',
    ]);
    expect(stderr).toEqual([
      'rules/anchored.yml: left alone: it uses YAML anchors or aliases, so one edit could change several rules',
      'rules/flow.yml: left alone: an alert rule to edit is written in flow style',
      'Wrote 5 annotations in 2 rule files (2 lines removed, 8 added); 2 left alone',
    ]);

    const app = readFileSync(path.join(source, 'rules/app/app.yml'), 'utf8');
    expect(app).toBe(before['rules/app/app.yml']!.toString('utf8')
      .replace('            over two lines.\n', '            over two lines.\n          runbook_url: https://runbooks.example.org/runbooks/app/appdown/\n')
      .replace('            severity: warning\n', '            severity: warning\n        annotations:\n            runbook_url: https://runbooks.example.org/runbooks/app/appslow/\n')
      .replace("'https://runbooks.example.org/runbooks/app/AppErrors'", "'https://runbooks.example.org/runbooks/app/apperrors/'"));
    const queue = readFileSync(path.join(source, 'rules/queue.yaml'), 'utf8');
    expect(queue).toBe(crdRules
      .replace('        summary: Queue is full\n', '        summary: Queue is full\n        runbook_url: https://runbooks.example.org/runbooks/queuefull/\n')
      .replace('      expr: rate(queue_processed_total[10m]) == 0', '      expr: rate(queue_processed_total[10m]) == 0\n      annotations:\n        runbook_url: https://runbooks.example.org/alerts/QueueStuck/\n'));

    // Prometheus's view of every other field is unchanged.
    for (const file of ['rules/app/app.yml', 'rules/queue.yaml']) {
      const after = readFileSync(path.join(source, file), 'utf8');
      expect(fieldsBut(after, 'runbook_url')).toEqual(fieldsBut(before[file]!.toString('utf8'), 'runbook_url'));
    }
    expect(readFileSync(path.join(source, 'rules/anchored.yml'))).toEqual(before['rules/anchored.yml']);
    expect(readFileSync(path.join(source, 'rules/flow.yml'))).toEqual(before['rules/flow.yml']);

    // check now finds no dead annotation; a second run changes nothing.
    const after = snapshotSources(source);
    expect((await checkSite({ source })).findings.filter((finding) => finding.kind === 'dead-annotation-url')).toEqual([]);
    const again = await annotateSite({ source });
    expect(again.changed).toEqual([]);
    expect(snapshotSources(source)).toEqual(after);
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const source = annotateFixture();
    const before = snapshotSources(source);
    const { stdout, stderr } = await cli('annotate', '--source', source, '--dry-run');
    expect(snapshotSources(source)).toEqual(before);
    expect(stderr.at(-1)).toBe('Would write 5 annotations in 2 rule files (2 lines removed, 8 added); 2 left alone');
    const diff = stdout.join('\n');
    expect(diff).toContain([
      '--- a/rules/app/app.yml',
      '+++ b/rules/app/app.yml',
      '@@ -12,6 +12,7 @@',
      '           description: >-',
      '             Folded text',
      '             over two lines.',
      '+          runbook_url: https://runbooks.example.org/runbooks/app/appdown/',
      ' ',
      '       # The next rule has no annotations at all.',
      '       - alert: AppSlow',
    ].join('\n'));
    const appDiff = diff.slice(0, diff.indexOf('--- a/rules/queue.yaml'));
    const changedLines = appDiff.split('\n').filter((line) => /^[+-](?![+-]{2} )/.test(line));
    expect(changedLines).toEqual([
      '+          runbook_url: https://runbooks.example.org/runbooks/app/appdown/',
      '+        annotations:',
      '+            runbook_url: https://runbooks.example.org/runbooks/app/appslow/',
      "-          runbook_url: 'https://runbooks.example.org/runbooks/app/AppErrors'",
      "+          runbook_url: 'https://runbooks.example.org/runbooks/app/apperrors/'",
    ]);
    // The last line of queue.yaml had no line break: it is written again with one.
    expect(diff.slice(diff.indexOf('--- a/rules/queue.yaml'))).toContain('-      expr: rate(queue_processed_total[10m]) == 0\n\\ No newline at end of file\n+      expr: rate(queue_processed_total[10m]) == 0\n');
  });

  test('--form alert writes the /alerts/<Name>/ redirect; annotate.key names the annotation', async () => {
    const source = annotateFixture();
    writeFileSync(path.join(source, 'config.yaml'), 'baseURL: https://runbooks.example.org/\nannotate:\n  key: runbook\n  labels: []\n');
    const result = await annotateSite({ source, form: 'alert', dryRun: true });
    expect(result.changed.flatMap((file) => file.changes.map((change) => [change.key, change.to]))).toEqual([
      ['runbook', 'https://runbooks.example.org/alerts/AppDown/'],
      ['runbook', 'https://runbooks.example.org/alerts/AppSlow/'],
      ['runbook_url', 'https://runbooks.example.org/runbooks/app/apperrors/'],
      ['runbook', 'https://runbooks.example.org/alerts/AppErrors/'],
      ['runbook', 'https://runbooks.example.org/alerts/QueueFull/'],
      ['runbook', 'https://runbooks.example.org/alerts/QueueStuck/'],
    ]);
  });

  test('keeps CRLF line ends', async () => {
    const source = annotateFixture();
    const file = path.join(source, 'rules/app/app.yml');
    writeFileSync(file, plainRules.replace(/\n/g, '\r\n'));
    await annotateSite({ source });
    const text = readFileSync(file, 'utf8');
    expect(text.split('\r\n').length).toBe(plainRules.split('\n').length + 3);
    expect(/[^\r]\n/.test(text)).toBe(false);
  });

  test('a relative baseURL is a config error', async () => {
    const source = annotateFixture();
    writeFileSync(path.join(source, 'config.yaml'), 'baseURL: /\n');
    const { code, stderr } = await cli('annotate', '--source', source);
    expect(code).toBe(1);
    expect(stderr).toEqual(['error: config.yaml: Unexpected baseURL `/` for annotate, expected the site\'s absolute address (https://...) (annotations need absolute URLs: set baseURL in the config, or pass --base-url)']);
  });

  test('runbook URLs take query parameters: literal values encoded, templates as written', () => {
    expect(runbookUrl({
      base: 'https://sre.example/',
      sitePath: '/runbooks/x/ä/',
      query: [{ name: 'env', value: 'a b&c' }, { name: 'instance', value: '{{ $labels.instance | urlquery }}', template: true }],
    })).toBe('https://sre.example/runbooks/x/%C3%A4/?env=a%20b%26c&instance={{ $labels.instance | urlquery }}');
  });
});
