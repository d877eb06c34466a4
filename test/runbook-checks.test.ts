// The checks that keep a runbook true to its alert, on fixture sites: `rule-copy-drift` (a drifted copy,
// an equal copy written differently, a copy differing only in its runbook link, a page without a copy, a
// plain ```yaml fence) with `check --fix rule-copy-drift`; `missing-section` (missing, empty, configured,
// off); `stale-runbook` on a real temporary git repository.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkSite } from '../src/check/check-site.js';
import { runCliCaptured as cli } from './helpers/cli.js';
import { snapshotSources, writeSite } from './helpers/site.js';

const sites: string[] = [];
afterAll(() => sites.forEach((site) => rmSync(site, { recursive: true, force: true })));
const site = (files: string) => {
  const root = writeSite(files);
  sites.push(root);
  return root;
};

const sections = '## Meaning\n\nm\n\n## Impact\n\ni\n\n## Diagnosis\n\nd\n\n## Mitigation\n\nx\n';

const ruleFile = `-- rules/app.yml --
groups:
  - name: App
    rules:
      - alert: AppDown
        expr: up{job="app"}  ==  0
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: App is down
          runbook_url: https://runbooks.example.org/runbooks/appdown/
      - alert: AppSlow
        expr: |
          histogram_quantile(0.99, rate(app_latency_seconds_bucket[5m]))
            > 1
        labels:
          severity: warning
        annotations:
          summary: "App is slow"
`;

const driftSite = () => site(`
-- config.yaml --
baseURL: https://runbooks.example.org/
${ruleFile}
-- content/runbooks/AppDown.md --
---
title: AppDown
---
# AppDown

{{% rule "app.yml" "AppDown" %}}

{{% comment %}}

\`\`\`yaml
alert: AppDown
expr: up{job="app"} == 1
for: 1m
labels:
    severity: warning
annotations:
    summary: App is down
    runbook: https://old.example.org/AppDown.md

\`\`\`

{{% /comment %}}

${sections}
-- content/runbooks/AppSlow.md --
# AppSlow

{{% rule "app.yml" "AppSlow" %}}

{{% comment %}}
alert: AppSlow
expr: histogram_quantile(0.99,   rate(app_latency_seconds_bucket[5m])) > 1
labels:
  severity: warning
annotations:
  summary: App is slow
  runbook_url: https://elsewhere.example.org/slow
{{% /comment %}}

${sections}
-- content/runbooks/Plain.md --
# Plain

The rule, as it was:

\`\`\`yaml
- alert: AppSlow
  expr: histogram_quantile(0.99, rate(app_latency_seconds_bucket[5m])) > 2
  labels:
    severity: warning
  annotations:
    summary: App is slow
\`\`\`
-- content/runbooks/NoCopy.md --
# NoCopy

{{% rule "app.yml" "AppSlow" %}}

${sections}
`);

describe('rule-copy-drift', () => {
  test('reports each drifted copy at its line with the fields and both values; equal copies and runbook links are not drift', async () => {
    const { findings } = await checkSite({ source: driftSite() });
    const drifts = findings.filter((finding) => finding.kind === 'rule-copy-drift');
    expect(drifts.map((finding) => [finding.file, finding.line, finding.level])).toEqual([
      ['content/runbooks/AppDown.md', 11, 'warning'],
      ['content/runbooks/Plain.md', 6, 'warning'],
    ]);
    expect(drifts[0]!.message).toBe(
      'Copy of alert `AppDown` differs from rules/app.yml:4 in expr, for, labels.severity: '
      + 'expr: copy `up{job="app"} == 1`, rule file `up{job="app"}  ==  0`; for: copy `1m`, rule file `5m`; '
      + 'labels.severity: copy `warning`, rule file `critical`',
    );
    expect(drifts[1]!.message).toBe(
      'Copy of alert `AppSlow` differs from rules/app.yml:12 in expr: expr: copy `histogram_quantile(0.99, rate(app_latency_seconds_bucket[5m])) > 2`, '
      + 'rule file `histogram_quantile(0.99, rate(app_latency_seconds_bucket[5m]))\\n  > 1`',
    );
  });

  test('counts the drifted alerts in the per-rule-file coverage', async () => {
    const { coverage } = await checkSite({ source: driftSite() });
    expect(coverage).toEqual([{ file: 'app.yml', alerts: 2, withRunbook: 2, withDrift: 2, withMissingSections: 0 }]);
    const { stdout } = await cli('check', '--source', driftSite());
    expect(stdout).toContain('Coverage: 2 of 2 alerts have a runbook, 2 a drifted rule copy, 0 a runbook missing a required section (per rule file: --format json)');
  });

  test('whitespace inside a quoted string of the expression is part of it', async () => {
    const source = site(`
-- rules/app.yml --
groups:
  - name: App
    rules:
      - alert: AppDown
        expr: up{job="my app"} == 0
-- content/AppDown.md --
# AppDown
{{% rule "app.yml" "AppDown" %}}
{{% comment %}}
alert: AppDown
expr: up{job="my  app"}   == 0
{{% /comment %}}
`);
    const { findings } = await checkSite({ source });
    expect(findings.filter((finding) => finding.kind === 'rule-copy-drift').map((finding) => finding.line)).toEqual([4]);
  });

  test('`check --fix rule-copy-drift` rewrites only the copies; a second check finds no drift', async () => {
    const source = driftSite();
    const before = snapshotSources(source);
    const fixed = await cli('check', '--source', source, '--fix', 'rule-copy-drift');
    expect(fixed.stderr).toEqual(['Fixed 2 rule-copy-drift findings in 2 files: content/runbooks/AppDown.md, content/runbooks/Plain.md']);
    expect(fixed.stdout.join('\n')).not.toContain('[rule-copy-drift]');
    const after = snapshotSources(source);
    const changed = Object.keys(after).filter((file) => !after[file]!.equals(before[file]!));
    expect(changed).toEqual(['content/runbooks/AppDown.md', 'content/runbooks/Plain.md']);
    const page = readFileSync(path.join(source, 'content/runbooks/AppDown.md'), 'utf8');
    const original = before['content/runbooks/AppDown.md']!.toString('utf8');
    const copyStart = original.indexOf('alert: AppDown');
    const copyEnd = original.indexOf('AppDown.md\n') + 'AppDown.md'.length;
    expect(page.slice(0, copyStart)).toBe(original.slice(0, copyStart));
    expect(page.slice(page.indexOf('\n\n```\n'))).toBe(original.slice(copyEnd));
    expect(page.slice(copyStart, page.indexOf('\n\n```\n'))).toBe([
      'alert: AppDown',
      'expr: up{job="app"}  ==  0',
      'for: 5m',
      'labels:',
      '  severity: critical',
      'annotations:',
      '  summary: App is down',
      '  runbook_url: https://runbooks.example.org/runbooks/appdown/',
    ].join('\n'));
    // The list item keeps its indentation.
    expect(readFileSync(path.join(source, 'content/runbooks/Plain.md'), 'utf8')).toContain([
      '```yaml',
      '- alert: AppSlow',
      '  expr: |',
      '    histogram_quantile(0.99, rate(app_latency_seconds_bucket[5m]))',
      '      > 1',
      '  labels:',
    ].join('\n'));
    const again = await cli('check', '--source', source, '--fix', 'rule-copy-drift');
    expect(again.stderr).toEqual(['Fixed 0 rule-copy-drift findings in 0 files']);
    expect(snapshotSources(source)).toEqual(after);
  });

  test('keeps a page\'s CRLF line ends and BOM when fixing it', async () => {
    const source = site(`
-- rules/app.yml --
groups:
  - name: App
    rules:
      - alert: AppDown
        expr: up == 0
`);
    const file = path.join(source, 'content/AppDown.md');
    const text = '\uFEFF---\r\ntitle: x\r\n---\r\n{{% rule "app.yml" "AppDown" %}}\r\n{{% comment %}}\r\nalert: AppDown\r\nexpr: up == 1\r\n{{% /comment %}}\r\n';
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    await cli('check', '--source', source, '--fix', 'rule-copy-drift');
    expect(readFileSync(file, 'utf8')).toBe(text.replace('up == 1', 'up == 0'));
  });

  test('an unknown --fix kind is a usage error', async () => {
    const { code, stderr } = await cli('check', '--source', driftSite(), '--fix', 'broken-link');
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain('unexpected --fix `broken-link`, expected rule-copy-drift');
  });

  test('its level is configurable', async () => {
    const source = driftSite();
    writeFileSync(path.join(source, 'config.yaml'), 'check:\n  rule-copy-drift: error\n');
    const { findings } = await checkSite({ source });
    expect(findings.filter((finding) => finding.kind === 'rule-copy-drift').map((finding) => finding.level)).toEqual(['error', 'error']);
  });
});

describe('missing-section', () => {
  const sectionSite = (config: string) => site(`
-- config.yaml --
${config}
${ruleFile}
-- content/runbooks/AppDown.md --
# AppDown

{{% rule "app.yml" "AppDown" %}}

## Meaning

It is down.

## Impact
[//]: # "What could happen"

## Diagnosis:

Look.

## Mitigation

-- content/runbooks/About.md --
# About

No rule here, so no sections are required.
`);

  test('reports a missing section at line 1 and an empty one at its heading, in the required order', async () => {
    const { findings } = await checkSite({ source: sectionSite('') });
    expect(findings.filter((finding) => finding.kind === 'missing-section').map((finding) => [finding.file, finding.line, finding.message])).toEqual([
      ['content/runbooks/AppDown.md', 9, 'Section `## Impact` of the runbook is empty'],
      ['content/runbooks/AppDown.md', 16, 'Section `## Mitigation` of the runbook is empty'],
    ]);
    expect((await checkSite({ source: sectionSite('') })).coverage).toEqual([{ file: 'app.yml', alerts: 2, withRunbook: 1, withDrift: 0, withMissingSections: 1 }]);
  });

  test('check.requiredSections names the sections; an empty list turns the check off', async () => {
    const configured = await checkSite({ source: sectionSite('check:\n  requiredSections: [Meaning, Rollback]') });
    expect(configured.findings.filter((finding) => finding.kind === 'missing-section').map((finding) => [finding.line, finding.message])).toEqual([
      [1, 'Runbook has no `## Rollback` section'],
    ]);
    const off = await checkSite({ source: sectionSite('check:\n  requiredSections: []') });
    expect(off.findings.filter((finding) => finding.kind === 'missing-section')).toEqual([]);
  });
});

describe('stale-runbook', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', encoding: 'utf8' });
  const commit = (cwd: string, date: string, message: string) => {
    git(cwd, 'add', '-A');
    execFileSync('git', ['commit', '-q', '-m', message], {
      cwd,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
    });
  };
  const page = (alert: string) => `# ${alert}\n\n{{% rule "app.yml" "${alert}" %}}\n\n${sections}`;

  test('reports a runbook committed before its rule\'s expr changed, with both dates; annotation-only changes do not count', () => {
    const source = site(`${ruleFile}
-- content/runbooks/AppDown.md --
${page('AppDown')}
-- content/runbooks/AppSlow.md --
${page('AppSlow')}
`);
    git(source, 'init', '-q');
    commit(source, '2024-01-01T10:00:00Z', 'rules and runbooks');
    const rules = path.join(source, 'rules/app.yml');
    // AppDown's expr changes after its runbook; AppSlow's only annotation changes.
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('==  0', '== 0 or absent(up)').replace('summary: "App is slow"', 'summary: "App is slower"'));
    commit(source, '2024-03-05T12:00:00Z', 'tune AppDown');
    writeFileSync(path.join(source, 'content/runbooks/Other.md'), '# Other\n');
    commit(source, '2024-04-01T00:00:00Z', 'unrelated page');
    return checkSite({ source }).then(({ findings, infos }) => {
      const stale = findings.filter((finding) => finding.kind === 'stale-runbook');
      expect(stale.map((finding) => [finding.file, finding.line, finding.level, finding.message])).toEqual([[
        'content/runbooks/AppDown.md', 1, 'info',
        'Runbook last committed 2024-01-01T10:00:00+00:00, before alert `AppDown` changed in rules/app.yml (expr, for or labels) on 2024-03-05T12:00:00+00:00',
      ]]);
      expect(infos).toBe(1);
    });
  });

  test('a runbook committed after the change is not stale; neither is a site outside git', async () => {
    const source = site(`${ruleFile}
-- content/runbooks/AppDown.md --
${page('AppDown')}
`);
    expect((await checkSite({ source })).findings.filter((finding) => finding.kind === 'stale-runbook')).toEqual([]);
    git(source, 'init', '-q');
    commit(source, '2024-01-01T10:00:00Z', 'first');
    const rules = path.join(source, 'rules/app.yml');
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('for: 5m', 'for: 10m'));
    commit(source, '2024-02-01T10:00:00Z', 'longer for');
    writeFileSync(path.join(source, 'content/runbooks/AppDown.md'), `${page('AppDown')}\nUpdated.\n`);
    commit(source, '2024-03-01T10:00:00Z', 'runbook follows');
    expect((await checkSite({ source })).findings.filter((finding) => finding.kind === 'stale-runbook')).toEqual([]);
  });
});

describe('promql-error', () => {
  test('reports a PromQL syntax error at its line and column in the rule file, for plain, quoted and block expressions', async () => {
    const source = site(`
-- rules/bad.yml --
groups:
  - name: Bad
    rules:
      - alert: Plain
        expr: rate(up[5m] > 1
      - alert: Quoted
        expr: "sum(up) by (job) >> 1"
      - alert: Block
        expr: |
          sum by (job) (rate(x[5m]))
            > on(job) group_left )
      - alert: Fine
        expr: up == 0
-- content/_index.md --
# Rules
`);
    const { findings } = await checkSite({ source });
    const errors = findings.filter((finding) => finding.kind === 'promql-error');
    expect(errors.map((finding) => [finding.file, finding.line, finding.column, finding.level])).toEqual([
      ['rules/bad.yml', 5, 30, 'error'],
      ['rules/bad.yml', 7, 34, 'error'],
      ['rules/bad.yml', 11, 34, 'error'],
    ]);
    expect(errors[0]!.message).toMatch(/^PromQL error in `expr` of alert `Plain`: Unexpected /);
  });
});
