// The theme's part of each Alert Rule block (built as a hast tree by src/layout/rule-block.ts): its
// action bar, the links of PageData.rules[i].actions (dashboards, the expression in Prometheus, metric
// pages) put at the top of `div.rule-block[data-rule-index=i]`. Nothing is drawn for a rule without
// actions. A site's theme can override this file to draw more.

import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { PageRule } from '../../../src/theme-api/types.js';

export function ruleActions(rule: PageRule): Element | undefined {
  if (rule.actions.length === 0) return undefined;
  return h('ul', { className: ['rule-actions'], 'aria-label': `Links for alert ${rule.alert}` },
    rule.actions.map((action) => h('li', [h('a', { className: [`rule-action-${action.kind}`], href: action.url }, action.title)])));
}

/** Puts each rule's action bar into its rule block (in place). */
export function addRuleActions(content: Root, rules: readonly PageRule[]): void {
  if (!rules.some((rule) => rule.actions.length > 0)) return;
  visit(content, 'element', (element: Element) => {
    const index = element.properties.dataRuleIndex;
    if (element.tagName !== 'div' || index === undefined) return;
    const actions = rules[Number(index)] ? ruleActions(rules[Number(index)]!) : undefined;
    if (actions) element.children.unshift(actions);
  });
}
