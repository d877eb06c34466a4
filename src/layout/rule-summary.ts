// The Alert Rule block's summary row: before each code block showing one of the page's alert rules
// (the `rule` shortcode's YAML, usually inside a `<details>`), a row with the rule's severity (as a
// badge), its `for` duration and its group. A code block is recognised by its text being exactly the
// rule's source text, so the row never lands on a YAML block the author wrote by hand. Works on the hast
// tree in place, as a rehype plugin would; the YAML itself is left untouched (its `{{ $labels.x }}` is text).

import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { AlertRule } from '../rules/types.js';

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
  if (rules.length === 0) return;
  const bySource = new Map(rules.map((rule) => [rule.sourceText.trimEnd(), rule]));
  // Rows are put in once per parent after the walk: a splice per row into the article's children would
  // be quadratic on a page showing thousands of rules.
  const rowBefore = new Map<ElementContent, Element>();
  const parents = new Set<Root | Element>();
  visit(content, 'element', (element: Element, index, parent) => {
    if (element.tagName !== 'pre' || !parent || index === undefined) return undefined;
    const code = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    const rule = code ? bySource.get(toString(code).trimEnd()) : undefined;
    if (!rule) return SKIP;
    rowBefore.set(element, summaryRow(rule));
    parents.add(parent);
    return SKIP;
  });
  for (const parent of parents) {
    parent.children = parent.children.flatMap((child) => {
      const row = rowBefore.get(child as ElementContent);
      return row ? [row, child] : [child];
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
