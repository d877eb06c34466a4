// PromQL syntax errors in the `expr` of alert rules (parsed with Prometheus's own grammar, see
// src/rules/promql), each placed at its line and column in the rule file: exactly for an expression on
// one line (plain or quoted) and for a `|` block, at the start of the value for other multi-line forms
// (folded or flow text, whose line breaks YAML rewrites).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isScalar, LineCounter, parseDocument, Scalar } from 'yaml';
import type { RawFinding } from '../config/check-findings.js';
import { parse, type PromqlSyntaxError } from '../rules/promql/index.js';
import type { AlertRule, RuleFile } from '../rules/types.js';

export interface PromqlCheckInput {
  readonly siteDir: string;
  readonly rulesDir: string;
  readonly ruleFiles: readonly RuleFile[];
}

export function promqlErrors(input: PromqlCheckInput): RawFinding[] {
  return input.ruleFiles.flatMap((ruleFile) => {
    let fileLines: string[] | undefined;
    return ruleFile.rules.flatMap((rule) => {
      const error = parse(rule.expr).errors[0];
      if (!error) return [];
      fileLines ??= readFileSync(path.join(input.siteDir, input.rulesDir, ruleFile.path), 'utf8').split(/\r?\n/);
      const file = path.posix.join(input.rulesDir, rule.file);
      return [{
        kind: 'promql-error',
        file,
        ...errorPlace(rule, error, fileLines),
        message: `PromQL error in \`expr\` of alert \`${rule.alert}\`: ${error.message}`,
        hint: 'fix the expression; Prometheus refuses to load a rule file with an invalid expression (`promtool check rules` tells more)',
      } satisfies RawFinding];
    });
  });
}

/** Line and column in the rule file of an error at `error.line`:`error.column` of the rule's expression. */
function errorPlace(rule: AlertRule, error: PromqlSyntaxError, fileLines: readonly string[]): { line: number; column: number } {
  const firstLine = rule.sourceText.split('\n', 1)[0]!;
  // sourceText is the rule dedented: its columns start at the rule's own column in the file.
  const ruleColumn = Math.max(0, fileLines[rule.line - 1]?.indexOf(firstLine) ?? 0);
  const counter = new LineCounter();
  const node = parseDocument(rule.sourceText, { lineCounter: counter }).get('expr', true);
  if (!isScalar(node) || !node.range) return { line: rule.line, column: ruleColumn + 1 };
  const start = counter.linePos(node.range[0]);
  const source = rule.sourceText.slice(node.range[0], node.range[1]);
  if (node.type === Scalar.BLOCK_LITERAL) {
    const contentLines = source.split('\n').slice(1);
    const indent = Math.min(...contentLines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
    return { line: rule.line + start.line - 1 + error.line, column: ruleColumn + indent + error.column };
  }
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  const oneLine = !source.trimEnd().includes('\n') && node.type !== Scalar.BLOCK_FOLDED;
  return {
    line: rule.line + start.line - 1,
    column: ruleColumn + start.col + (oneLine ? (quoted ? 1 : 0) + error.column - 1 : 0),
  };
}
