// The rule index (src/rules/rule-index.ts) and the `rule` shortcode (shortcodes/rule.ts), on the rule
// files under test/fixtures/rules/ and the example site's rules/ folder.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SiteError } from '../src/util/diagnostics.js';
import type { Diagnostic } from '../src/util/diagnostics.js';
import { createRuleIndex, parseRuleFile } from '../src/rules/rule-index.js';
import { isMap, isScalar, parseDocument, Scalar } from 'yaml';
import type { RuleIndex } from '../src/rules/types.js';
import type { ShortcodeArgs, ShortcodeContext } from '../src/shortcodes/types.js';
import rule from '../shortcodes/rule.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repoRoot, 'test/fixtures/rules');
const validRules = path.join(fixtures, 'valid');
const invalidRules = path.join(fixtures, 'invalid');

function thrownBy(action: () => unknown): SiteError {
  try {
    action();
  } catch (error) {
    if (error instanceof SiteError) return error;
    throw error;
  }
  throw new Error('expected a SiteError, nothing was thrown');
}

describe('rule index', () => {
  const index = createRuleIndex(validRules);

  test('loads alert rules with their fields and skips recording rules', () => {
    const file = index.load('normal.yml');
    expect(file?.path).toBe('normal.yml');
    expect(file?.rules.map((r) => r.alert)).toEqual(['HostDown', 'HostHighLoad']);
    expect(file?.rules[0]).toMatchObject({
      alert: 'HostDown',
      file: 'normal.yml',
      group: 'Host',
      expr: 'up == 0',
      for: '5m',
      labels: { severity: 'critical' },
      annotations: { summary: 'Host down (instance {{ $labels.instance }})' },
      severity: 'critical',
      line: 4,
    });
    expect(file?.rules[1].for).toBeUndefined();
  });

  test('sourceText is the rule as written, dedented, with the `- ` marker removed', () => {
    const [quoted, flow] = index.load('formatting.yml')!.rules;
    expect(quoted.sourceText).toBe(
      [
        'alert: QuotedAndCommented',
        '# why this threshold: see the capacity plan',
        "expr: 'rate(errors_total[5m]) > 0.50'   # quoted, trailing comment",
        'for: 10m',
        'labels: {severity: "page", team: db}',
        'annotations:',
        '  description: |',
        '      Literal block scalar,',
        '        indented more on this line.',
        '  summary: >-',
        '      Folded block',
        '      scalar.',
        '  query: "uses ``` backticks ````"',
      ].join('\n'),
    );
    expect(quoted).toMatchObject({
      group: 'formatting',
      expr: 'rate(errors_total[5m]) > 0.50',
      labels: { severity: 'page', team: 'db' },
      annotations: { description: 'Literal block scalar,\n  indented more on this line.\n', summary: 'Folded block scalar.' },
      line: 6,
    });
    expect(flow.sourceText).toBe('alert: Flow\nexpr: >\n  sum(rate(x[1m]))\n    > 1');
  });

  test('an alert name used in two groups gives two rules, in file order', () => {
    const rules = index.load('duplicate-alert.yml')!.rules;
    expect(rules.map((r) => [r.alert, r.group, r.severity])).toEqual([
      ['DiskFull', 'primary', 'warning'],
      ['DiskFull', 'secondary', 'critical'],
    ]);
    expect(rules[1].sourceText).toBe('alert: DiskFull\nexpr: disk_free_ratio < 0.02\nlabels:\n  severity: critical');
  });

  test('reads PrometheusRule resources, every document of the file', () => {
    const rules = index.load('kubernetes/prometheus-rule.yaml')!.rules;
    expect(rules.map((r) => [r.group, r.alert, r.line])).toEqual([
      ['etcd', 'EtcdNoLeader', 9],
      ['etcd-extra', 'EtcdHighFsyncDurations', 23],
    ]);
    expect(rules[0].sourceText).toBe(
      'alert: EtcdNoLeader\nexpr: etcd_server_has_leader == 0\nfor: 1m\nlabels:\n  severity: critical',
    );
  });

  test('a missing file loads as undefined', () => {
    expect(index.load('nope.yml')).toBeUndefined();
    expect(index.load('kubernetes')).toBeUndefined();
  });

  test('each file is read and parsed once per index: loading again gives the same object', () => {
    const fresh = createRuleIndex(validRules);
    const reads = vi.spyOn(fs, 'readFileSync');
    const first = fresh.load('normal.yml');
    expect(fresh.load('./normal.yml')).toBe(first);
    expect(fresh.load('kubernetes/../normal.yml')).toBe(first);
    expect(fresh.all().find((file) => file.path === 'normal.yml')).toBe(first);
    expect(reads.mock.calls.filter(([file]) => String(file).endsWith('normal.yml'))).toHaveLength(1);
    reads.mockRestore();
  });

  test('all() loads every .yml/.yaml file under the folder, sorted by posix path', () => {
    expect(index.all().map((file) => file.path)).toEqual([
      'duplicate-alert.yml',
      'formatting.yml',
      'kubernetes/prometheus-rule.yaml',
      'normal.yml',
    ]);
  });

  test('all() of a folder holding a file that is not a rule file fails on the first such file', () => {
    expect(thrownBy(() => createRuleIndex(invalidRules).all()).file).toBe('invalid/group-without-rules.yml');
  });

  test('all() of a missing rules folder is empty', () => {
    expect(createRuleIndex(path.join(fixtures, 'no-such-folder')).all()).toEqual([]);
  });
});

describe('rule paths stay inside the rules folder', () => {
  const index = createRuleIndex(validRules);
  let temporary: string | undefined;
  afterEach(() => {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
    temporary = undefined;
  });

  test.each(['../invalid/not-rules.yml', '../../../package.json', 'kubernetes/../../valid/../x.yml', '/etc/passwd', 'C:\\Windows\\win.ini'])(
    '%s is an error',
    (requested) => {
      const error = thrownBy(() => index.load(requested));
      expect(error.ruleId).toBe('rule/path-outside-rules-dir');
      expect(error.reason).toContain(`\`${requested}\``);
      expect(error.hint).toMatch(/relative to the rules folder/);
      expect(error.file).toBe('valid');
      // Asked for again (the index remembers each path as it was asked for), it is refused again.
      expect(thrownBy(() => index.load(requested)).ruleId).toBe('rule/path-outside-rules-dir');
    },
  );

  test('a symlink to a file outside the rules folder is an error, one inside is fine', () => {
    temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-index-'));
    const rulesDir = path.join(temporary, 'rules');
    fs.mkdirSync(rulesDir);
    fs.writeFileSync(path.join(temporary, 'outside.yml'), 'groups: []\n');
    fs.writeFileSync(path.join(rulesDir, 'inside.yml'), 'groups: []\n');
    fs.symlinkSync(path.join(temporary, 'outside.yml'), path.join(rulesDir, 'escape.yml'));
    fs.symlinkSync('inside.yml', path.join(rulesDir, 'alias.yml'));
    const symlinked = createRuleIndex(rulesDir);

    const error = thrownBy(() => symlinked.load('escape.yml'));
    expect(error.ruleId).toBe('rule/path-outside-rules-dir');
    expect(error.reason).toMatch(/symlink/);
    expect(symlinked.load('alias.yml')).toEqual({ path: 'alias.yml', rules: [] });
    expect(thrownBy(() => symlinked.all()).ruleId).toBe('rule/path-outside-rules-dir');
  });
});

describe('rule files that are not rule files', () => {
  const index = createRuleIndex(invalidRules, { siteDir: fixtures });

  test('invalid YAML names the rule file, line and column', () => {
    const error = thrownBy(() => index.load('not-yaml.yml'));
    expect(error.toDiagnostic()).toMatchObject({ file: 'invalid/not-yaml.yml', line: 6, column: 17, ruleId: 'rule/invalid-yaml' });
    expect(error.reason).toBe('Invalid YAML in rule file: Nested mappings are not allowed in compact mappings');
    expect(error.message).toMatch(/^invalid\/not-yaml\.yml:6:17: Invalid YAML/);
  });

  test('the error file defaults to the path from the rules folder’s parent', () => {
    expect(thrownBy(() => createRuleIndex(invalidRules).load('not-yaml.yml')).file).toBe('invalid/not-yaml.yml');
  });

  test('an error is kept: loading again throws the same error without parsing again', () => {
    const first = thrownBy(() => index.load('not-yaml.yml'));
    expect(thrownBy(() => index.load('not-yaml.yml'))).toBe(first);
  });

  test.each([
    ['not-rules.yml', 2, 1, /^Unexpected mapping at the top of the rule file, expected a `groups` list/],
    ['group-without-rules.yml', 6, 5, /^Unexpected empty value as `rules` of group `no-rules`, expected a list of rules/],
    ['rule-not-mapping.yml', 4, 9, /^Unexpected scalar `just a string` as rule in group `g`/],
  ])('%s is an error at %i:%i', (file, line, column, reason) => {
    const error = thrownBy(() => index.load(file));
    expect(error.toDiagnostic()).toMatchObject({ file: `invalid/${file}`, line, column, ruleId: 'rule/not-a-rule-file' });
    expect(error.reason).toMatch(reason);
    expect(error.hint).toMatch(/groups:/);
  });
});

describe('rule shortcode', () => {
  class PageFailure extends Error {
    constructor(readonly problem: Omit<Diagnostic, 'file' | 'line' | 'column'>) {
      super(problem.reason);
    }
  }

  function renderRule(args: Partial<ShortcodeArgs>, options: { rules?: RuleIndex; markdown?: boolean } = {}) {
    const warnings: Omit<Diagnostic, 'file' | 'line' | 'column'>[] = [];
    const context: ShortcodeContext = {
      name: 'rule',
      markdown: options.markdown ?? true,
      page: { file: 'content/runbooks/x/Example.md', params: {} },
      site: { baseURL: 'https://example.org/', params: {} },
      rules: options.rules ?? createRuleIndex(validRules),
      pages: { find: () => [] },
      ordinal: 0,
      renderMarkdown: () => '',
      highlightCode: () => undefined,
      warn: (problem) => void warnings.push(problem),
      fail: (problem) => {
        throw new PageFailure(problem);
      },
    };
    const output = rule({ positional: args.positional ?? [], named: args.named ?? {} }, undefined, context);
    return { output, warnings };
  }

  function failureOf(action: () => unknown): PageFailure {
    try {
      action();
    } catch (error) {
      if (error instanceof PageFailure) return error;
      throw error;
    }
    throw new Error('expected the page to fail');
  }

  test('renders the corpus rule HaproxyBackendConnectionErrors exactly', () => {
    const { output, warnings } = renderRule(
      { positional: ['haproxy/haproxy-embedded-exporter-v2.yml', 'HaproxyBackendConnectionErrors'] },
      { rules: createRuleIndex(path.join(repoRoot, 'rules')) },
    );
    expect(warnings).toEqual([]);
    expect(output).toBe(
      [
        '```yaml',
        'alert: HaproxyBackendConnectionErrors',
        'expr: (sum by (proxy) (rate(haproxy_backend_connection_errors_total[1m]))) > 100',
        'for: 1m',
        'labels:',
        '  severity: critical',
        'annotations:',
        '  summary: HAProxy backend connection errors (instance {{ $labels.instance }})',
        '  description: |-',
        '      Too many connection errors to {{ $labels.fqdn }}/{{ $labels.backend }} backend (> 100 req/s). Request throughput may be too high.',
        '        VALUE = {{ $value }}',
        '        LABELS = {{ $labels }}',
        '  runbook: https://srerun.github.io/prometheus-alerts/runbooks/haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/',
        '```',
      ].join('\n'),
    );
  });

  test('renders every rule of that name, one block each, separated by a blank line', () => {
    const { output } = renderRule({ positional: ['duplicate-alert.yml', 'DiskFull'] });
    expect(output).toBe(
      '```yaml\nalert: DiskFull\nexpr: disk_free_ratio < 0.1\nlabels:\n  severity: warning\n```\n\n' +
        '```yaml\nalert: DiskFull\nexpr: disk_free_ratio < 0.02\nlabels:\n  severity: critical\n```',
    );
  });

  test('accepts named arguments and reads PrometheusRule resources', () => {
    const { output } = renderRule({ named: { file: 'kubernetes/prometheus-rule.yaml', alert: 'EtcdNoLeader' } });
    expect(output).toMatch(/^```yaml\nalert: EtcdNoLeader\n/);
  });

  test('the fence is longer than any backtick run in the rule', () => {
    const { output } = renderRule({ positional: ['formatting.yml', 'QuotedAndCommented'] });
    expect(output.startsWith('`````yaml\nalert: QuotedAndCommented\n')).toBe(true);
    expect(output.endsWith('\n`````')).toBe(true);
  });

  test('the HTML form renders an escaped <pre>', () => {
    const { output } = renderRule({ positional: ['normal.yml', 'HostHighLoad'] }, { markdown: false });
    expect(output).toBe('<pre><code class="language-yaml">alert: HostHighLoad\nexpr: node_load1 &gt; 4\nlabels:\n  severity: warning</code></pre>');
  });

  test.each([
    ['a typo', 'normall.yml', 'did you mean `normal.yml`? paths are relative to the rules folder'],
    ['a folder left out', 'prometheus-rule.yaml', 'did you mean `kubernetes/prometheus-rule.yaml`? paths are relative to the rules folder'],
    ['a wrong folder', 'k8s/prometheus-rule.yaml', 'did you mean `kubernetes/prometheus-rule.yaml`?'],
    ['nothing close', 'haproxy/haproxy.yml', 'paths are relative to the rules folder, e.g. `haproxy/haproxy.yml` for `rules/haproxy/haproxy.yml`'],
  ])('a missing rule file fails the page, hinting the closest existing paths: %s', (_name, file, hint) => {
    const failure = failureOf(() => renderRule({ positional: [file, 'HostDown'] }));
    expect(failure.problem).toEqual(expect.objectContaining({ ruleId: 'rule/file-not-found', reason: `Rule file \`${file}\` not found in the rules folder` }));
    expect(failure.problem.hint).toContain(hint);
  });

  test('an alert missing from the file warns, names the file, and suggests close names', () => {
    const { output, warnings } = renderRule({ positional: ['normal.yml', 'hostdown'] });
    expect(output).toBe('');
    expect(warnings).toEqual([
      {
        ruleId: 'rule/alert-not-found',
        reason: 'Alert `hostdown` not found in rule file `normal.yml`',
        hint: 'did you mean `HostDown`?',
      },
    ]);
    expect(renderRule({ positional: ['normal.yml', 'SomethingElse'] }).warnings[0].hint).toBe(
      '`normal.yml` holds 2 alerts: `HostDown`, `HostHighLoad`',
    );
  });

  test.each([
    [{ positional: ['normal.yml'] }, /^Missing alert name/],
    [{ positional: [] }, /^Missing rule file/],
    [{ named: { alert: 'HostDown' } }, /^Missing rule file/],
    [{ positional: ['normal.yml', 'HostDown', 'extra'] }, /^Unexpected third argument/],
    [{ named: { file: 'normal.yml', name: 'HostDown' } }, /^Unexpected argument `name`/],
  ])('bad arguments %j fail the page with the usage', (args, reason) => {
    const failure = failureOf(() => renderRule(args));
    expect(failure.problem.ruleId).toBe('rule/bad-arguments');
    expect(failure.problem.reason).toMatch(reason);
    expect(failure.problem.hint).toContain('{{% rule "path/inside/rules-folder.yml" "AlertName" %}}');
  });

  test('a path leaving the rules folder fails the page, not the rule file', () => {
    const failure = failureOf(() => renderRule({ positional: ['../invalid/not-rules.yml', 'X'] }));
    expect(failure.problem.ruleId).toBe('rule/path-outside-rules-dir');
    expect(failure.problem.reason).toContain('`../invalid/not-rules.yml`');
  });

  test('a broken rule file fails with its own place', () => {
    const error = thrownBy(() => renderRule({ positional: ['not-yaml.yml', 'X'] }, { rules: createRuleIndex(invalidRules) }));
    expect(error.file).toBe('invalid/not-yaml.yml');
    expect(error.line).toBe(6);
  });
});

describe('where a rule\'s expr is written in its source text', () => {
  // The place found while parsing the file must be where a parse of the shown (dedented) text finds it.
  const shownPlace = (sourceText: string) => {
    const document = parseDocument(sourceText);
    const pair = isMap(document.contents) ? document.contents.items.find((item) => isScalar(item.key) && item.key.value === 'expr') : undefined;
    if (!pair || !isScalar(pair.value) || !isScalar(pair.key)) return undefined;
    const [start, end] = pair.value.range!;
    const keyStart = pair.key.range![0];
    const block = pair.value.type === Scalar.BLOCK_LITERAL || pair.value.type === Scalar.BLOCK_FOLDED;
    return { start, end, keyColumn: keyStart - (sourceText.lastIndexOf('\n', keyStart - 1) + 1), indicator: block ? /^[|>][-+0-9]*/.exec(sourceText.slice(start))![0] : '' };
  };
  test.each([
    ['block literal, CRLF', 'groups:\r\n  - name: g\r\n    rules:\r\n      - alert: A\r\n        expr: |\r\n          up == 0\r\n            and on() x\r\n        for: 5m\r\n'],
    ['flow mapping', 'groups:\n- name: g\n  rules:\n  - {alert: B, expr: "up == 0", for: 1m}\n'],
    ['folded, expr first', 'groups:\n- name: g\n  rules:\n  - expr: >-\n      sum(x)\n      > 1\n    alert: C\n'],
    ['a stray comment less indented', 'groups:\n- name: g\n  rules:\n  - alert: D\n    # comment\n# stray\n    expr: up\n'],
    ['four-space indents, a trailing comment', 'groups:\n    -   name: g\n        rules:\n            -   alert: H\n                labels: {a: b}\n                expr:    up   # c\n'],
    ['keep chomping, last in the file', 'groups:\n- name: g\n  rules:\n  - alert: I\n    expr: |+\n      up\n\n\n'],
    ['merged in: no place', 'groups:\n- name: g\n  rules:\n  - &r\n    alert: E\n    expr: rate(x[5m])\n  - <<: *r\n    alert: F\n'],
  ])('%s', (_, text) => {
    for (const rule of parseRuleFile(text, 'f.yml', 'f.yml').rules) expect(rule.exprPlace, rule.alert).toEqual(shownPlace(rule.sourceText));
  });
});
