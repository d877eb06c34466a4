// Rule copy drift: a copy of an alert rule kept on a page (see rule-copies.ts) that no longer matches the
// rule file, in `expr`, `for`, `labels` or an annotation other than the runbook link. `expr` is compared
// with runs of whitespace outside quoted strings made one space (a rule moved to an `expr: |` block or
// re-wrapped is the same query; whitespace inside a string literal is part of it); annotation values
// without trailing whitespace (`|` and `|-` differ only by the final line break). The copy is compared with
// the rules of its name that the page shows (else the site's one rule of that name), the closest one when
// there are several. The fix rewrites the copy's YAML from the rule file's own text and nothing else.

import path from 'node:path';
import type { Page } from '../content/discover.js';
import type { AlertRule } from '../rules/types.js';
import type { ShortcodeKinds } from '../shortcodes/parser.js';
import type { RawFinding } from '../config/check-findings.js';
import { ruleCopies, type RuleCopy, type RuleFields } from './rule-copies.js';

/** Annotations that hold the runbook link, which the copy need not repeat. */
export const runbookAnnotationKeys = ['runbook_url', 'runbook'] as const;

export interface FieldDifference {
  /** `expr`, `for`, `labels.NAME` or `annotations.NAME`. */
  readonly field: string;
  readonly copy: string | undefined;
  readonly rule: string | undefined;
}

export interface CopyDrift {
  readonly page: Page;
  readonly copy: RuleCopy;
  readonly rule: AlertRule;
  readonly differences: readonly FieldDifference[];
}

export interface DriftInput {
  readonly pages: readonly Page[];
  readonly shortcodes: ShortcodeKinds;
  /** The rules a page shows (its `rule` shortcodes). */
  rulesOf(page: Page): readonly AlertRule[];
  /** Every alert rule of the site, for copies on pages that do not show their rule. */
  readonly allRules: readonly AlertRule[];
  /** Annotation keys left out of the comparison besides runbook_url and runbook (the `annotate` key). */
  readonly runbookKeys?: readonly string[];
}

/** Every copy that differs from its rule; pages whose shortcodes do not parse are left to the page check. */
export function copyDrifts(input: DriftInput): CopyDrift[] {
  const ignored = new Set<string>([...runbookAnnotationKeys, ...(input.runbookKeys ?? [])]);
  const byName = new Map<string, AlertRule[]>();
  for (const rule of input.allRules) byName.set(rule.alert, [...(byName.get(rule.alert) ?? []), rule]);
  return input.pages.flatMap((page) => {
    let copies: RuleCopy[];
    try {
      copies = ruleCopies(page, input.shortcodes);
    } catch {
      return [];
    }
    return copies.flatMap((copy): CopyDrift[] => {
      const shown = input.rulesOf(page).filter((rule) => rule.alert === copy.alert);
      const site = byName.get(copy.alert) ?? [];
      const candidates = shown.length > 0 ? shown : site.length === 1 ? site : [];
      const closest = candidates
        .map((rule) => ({ rule, differences: differencesOf(copy, rule, ignored) }))
        .sort((a, b) => a.differences.length - b.differences.length)[0];
      return closest && closest.differences.length > 0 ? [{ page, copy, ...closest }] : [];
    });
  });
}

export function differencesOf(copy: RuleFields, rule: RuleFields, ignoredAnnotations: ReadonlySet<string>): FieldDifference[] {
  const differences: FieldDifference[] = [];
  if (normaliseExpr(copy.expr) !== normaliseExpr(rule.expr)) differences.push({ field: 'expr', copy: copy.expr, rule: rule.expr });
  if (copy.for?.trim() !== rule.for?.trim()) differences.push({ field: 'for', copy: copy.for, rule: rule.for });
  differences.push(...mapDifferences('labels', copy.labels, rule.labels, new Set()));
  differences.push(...mapDifferences('annotations', copy.annotations, rule.annotations, ignoredAnnotations));
  return differences;
}

function mapDifferences(
  name: string,
  copy: Readonly<Record<string, string>>,
  rule: Readonly<Record<string, string>>,
  ignored: ReadonlySet<string>,
): FieldDifference[] {
  const keys = [...new Set([...Object.keys(rule), ...Object.keys(copy)])].filter((key) => !ignored.has(key));
  return keys
    .filter((key) => copy[key]?.trimEnd() !== rule[key]?.trimEnd())
    .map((key) => ({ field: `${name}.${key}`, copy: copy[key], rule: rule[key] }));
}

/** The expression with whitespace runs outside quoted strings as one space, trimmed. */
export function normaliseExpr(expr: string | undefined): string | undefined {
  if (expr === undefined) return undefined;
  let result = '';
  let quote: string | undefined;
  let pendingSpace = false;
  for (let index = 0; index < expr.length; index += 1) {
    const character = expr[index]!;
    if (quote) {
      result += character;
      if (character === '\\' && quote !== '`') result += expr[++index] ?? '';
      else if (character === quote) quote = undefined;
      continue;
    }
    if (/\s/.test(character)) {
      pendingSpace = result.length > 0;
      continue;
    }
    if (pendingSpace) result += ' ';
    pendingSpace = false;
    if (character === '"' || character === "'" || character === '`') quote = character;
    result += character;
  }
  return result;
}

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
