// The Alert Rule block as built (src/layout/rule-block.ts): the summary line in the details' summary,
// `params.RuleBlockOpen`, the two views of a long expression, the as-written view and the warning of an
// expression that does not parse, at its rule file line; PromQL code blocks highlighted by the same
// grammar; on a site written to a temporary folder.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import type { Diagnostic } from '../src/util/diagnostics.js';
import { writeSite } from './helpers/site.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function buildSite(config: string): Promise<{ html: string; warnings: readonly Diagnostic[] }> {
  const site = writeSite(`
-- config.yaml --
${config}
-- rules/app.yml --
groups:
  - name: App
    rules:
      - alert: AppErrors
        expr: (sum by (instance) (rate(http_requests_total{job="app", code=~"5.."}[5m])) / sum by (instance) (rate(http_requests_total{job="app"}[5m]))) > 0.05
        for: 10m
        labels:
          severity: critical
        annotations:
          summary: App errors (instance {{ $labels.instance }})
      - alert: AppBroken
        # not closed
        expr: sum(rate(app_total[5m]) > 1
-- content/AppErrors.md --
# AppErrors

<details>
<summary>Alert Rule</summary>

{{% rule "app.yml" "AppErrors" %}}

</details>

{{% rule "app.yml" "AppBroken" %}}

\`\`\`promql
rate(app_requests_total{code="500"}[5m]) > 1
\`\`\`

{{< highlight promql >}}sum by (job) (up){{< /highlight >}}
`);
  const output = mkdtempSync(path.join(tmpdir(), 'runbook-site-rule-block-'));
  folders.push(site, output);
  const result = await build({ source: site, destination: path.join(output, 'public'), cache: false });
  return { html: readFileSync(path.join(output, 'public', 'apperrors', 'index.html'), 'utf8'), warnings: result.warnings };
}

test('the summary line shows severity, for and summary; the block is closed unless params.RuleBlockOpen', async () => {
  const { html } = await buildSite('title: T\nbaseURL: https://example.org/');
  expect(html).toContain('<summary>Alert Rule<span class="rule-glance"><span class="severity severity-critical">critical</span><span class="rule-for"><span class="visually-hidden">for </span>for 10m</span><span class="rule-summary-text">App errors (instance ');
  const opened = await buildSite('title: T\nbaseURL: https://example.org/\nparams:\n  RuleBlockOpen: true');
  expect(opened.html).toMatch(/<details open>\s*<summary>Alert Rule/);
  expect(html).toMatch(/<details>\s*<summary>Alert Rule/);
});

test('a long expression has a laid-out view and the file\'s text, hidden, for the toggle and Copy', async () => {
  const { html } = await buildSite('title: T\nbaseURL: https://example.org/');
  expect(html).toContain('<div class="rule-block" data-rule-index="0" data-alert="AppErrors"><pre class="rule-yaml"><code class="hljs language-yaml" data-view="formatted">');
  expect(html).toMatch(/<code class="hljs language-yaml" data-view="source" hidden>/);
  // Laid out as promtool prints it, two spaces deeper than `expr:`.
  // One span a line, its indentation given for the hanging indent of a wrapped line.
  expect(html).toContain('<span class="line indent-0"><span class="hljs-attr">expr:</span> |</span>\n<span class="line indent-4">    (</span>\n<span class="line indent-8">        <span class="pql-aggregation">sum</span>');
  expect(html).toContain('\n<span class="line indent-6">      <span class="pql-operator">/</span></span>\n');
});

test('an expression that does not parse is shown as written, with a warning at its rule file line', async () => {
  const { html, warnings } = await buildSite('title: T\nbaseURL: https://example.org/');
  expect(html).toContain('<p class="rule-warning" role="note"><strong>PromQL syntax error</strong> at app.yml:13: Unexpected end of expression. The expression is shown as written.</p>');
  expect(warnings.map((warning) => [warning.file, warning.line, warning.ruleId])).toEqual([['rules/app.yml', 13, 'rule/invalid-promql']]);
});

test('fenced promql blocks and the highlight shortcode use the same PromQL grammar', async () => {
  const { html } = await buildSite('title: T\nbaseURL: https://example.org/');
  expect(html).toContain('<code class="language-promql hljs"><span class="pql-function">rate</span>(<span class="pql-metric">app_requests_total</span>{<span class="pql-label">code</span><span class="pql-match">=</span><span class="pql-string">"500"</span>}[<span class="pql-duration">5m</span>]) <span class="pql-operator">></span> <span class="pql-number">1</span>');
  expect(html).toContain('<span class="pql-aggregation">sum</span> <span class="pql-keyword">by</span> (<span class="pql-label">job</span>) (<span class="pql-metric">up</span>)');
});
