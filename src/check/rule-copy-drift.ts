// The `rule-copy-drift` finding of check: a copy of an alert rule kept on a page that differs from the
// rule file (src/site/rule-copies.ts finds and compares them), and its fix, which rewrites the copy's
// YAML from the rule file's own text and nothing else.

import path from 'node:path';
import type { RawFinding } from '../config/check-findings.js';
import type { CopyDrift } from '../site/rule-copies.js';

export function driftFinding(drift: CopyDrift, rulesDir: string): RawFinding {
  const { copy, rule } = drift;
  const place = `${path.posix.join(rulesDir, rule.file)}:${rule.line}`;
  const fields = drift.differences.map((difference) => difference.field);
  const values = drift.differences.map((difference) => `${difference.field}: copy ${shown(difference.copy)}, rule file ${shown(difference.rule)}`);
  return {
    kind: 'rule-copy-drift',
    file: drift.page.file,
    line: copy.line,
    message: `Copy of alert \`${copy.alert}\` differs from ${place} in ${fields.join(', ')}: ${values.join('; ')}`,
    hint: '`runbook-site check --fix rule-copy-drift` rewrites the copy from the rule file; then see that the page still describes the rule',
  };
}

function shown(value: string | undefined): string {
  return value === undefined ? '(none)' : `\`${value.trimEnd().replace(/\n/g, '\\n')}\``;
}

/**
 * The page body (line ends `\n`, as discovery gives it) with each drifted copy's YAML replaced by its
 * rule's own text, indented as the copy was; everything else is kept byte for byte. Drifts must be of this page.
 */
export function fixedBody(body: string, drifts: readonly CopyDrift[]): string {
  let fixed = body;
  for (const drift of [...drifts].sort((a, b) => b.copy.low - a.copy.low)) {
    const indent = ' '.repeat(drift.copy.indent);
    const replacement = drift.rule.sourceText.split('\n').map((line, index) => (index === 0 || line === '' ? line : indent + line)).join('\n');
    fixed = fixed.slice(0, drift.copy.low) + replacement + fixed.slice(drift.copy.high);
  }
  return fixed;
}
