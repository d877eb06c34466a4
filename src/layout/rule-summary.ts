// The Alert Rule block's summary row: before each code block showing one of the page's alert rules
// (the `rule` shortcode's YAML, usually inside a `<details>`), a row with the rule's severity (as a
// badge), its `for` duration and its group. Code blocks are found by rule-blocks.ts, so the row never
// lands on a YAML block the author wrote by hand. Works on the hast
// tree in place, as a rehype plugin would; the YAML itself is left untouched (its `{{ $labels.x }}` is text).

import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { AlertRule } from '../rules/types.js';
import { ruleBlocks, type RuleBlock } from './rule-blocks.js';

/** Severity names the theme colours; anything else is drawn as `other`. */
const severityClasses: Readonly<Record<string, string>> = {
  critical: 'critical', error: 'critical', page: 'critical',
  warning: 'warning', warn: 'warning',
  info: 'info', informational: 'info', notice: 'info', none: 'info',
};

export function severityClass(severity: string | undefined): string {
  return severityClasses[severity?.toLowerCase() ?? ''] ?? 'other';
}

export function addRuleSummaries(content: Root, rules: readonly AlertRule[]): void {
  insertAround(ruleBlocks(content, rules).map((block) => ({ ...block, before: [summaryRow(block.rule)] })));
}

/**
 * Puts elements before and after rule blocks' `<pre>`s, once per parent: a splice per block into the
 * article's children would be quadratic on a page showing thousands of rules.
 */
export function insertAround(insertions: readonly (RuleBlock & { before?: Element[]; after?: Element[] })[]): void {
  const around = new Map<ElementContent, { before: Element[]; after: Element[] }>();
  const parents = new Set<Root | Element>();
  for (const { pre, parent, before = [], after = [] } of insertions) {
    around.set(pre, { before, after });
    parents.add(parent);
  }
  for (const parent of parents) {
    parent.children = parent.children.flatMap((child) => {
      const added = around.get(child as ElementContent);
      return added ? [...added.before, child, ...added.after] : [child];
    }) as typeof parent.children;
  }
}

function summaryRow(rule: AlertRule): Element {
  const item = (term: string, value: ElementContent | string) => h('div', [h('dt', term), h('dd', [value])]);
  return h('dl', { className: ['rule-summary'], 'aria-label': `Summary of alert ${rule.alert}` }, [
    item('Severity', h('span', { className: ['severity', `severity-${severityClass(rule.severity)}`] }, rule.severity ?? 'none')),
    item('For', rule.for ?? '0s'),
    item('Group', rule.group),
  ]);
}
