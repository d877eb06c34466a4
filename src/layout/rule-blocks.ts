// The Alert Rule blocks of a page's rendered content: each `<pre><code>` whose text is exactly the source
// text of one of the page's alert rules (as the `rule` shortcode shows it), so a YAML block the author
// wrote by hand is never taken for one. The summary row, metric links and action links are added to them.

import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { AlertRule } from '../rules/types.js';

export interface RuleBlock {
  readonly rule: AlertRule;
  readonly pre: Element;
  readonly code: Element;
  readonly parent: Root | Element;
}

export function ruleBlocks(content: Root, rules: readonly AlertRule[]): RuleBlock[] {
  if (rules.length === 0) return [];
  const bySource = new Map(rules.map((rule) => [rule.sourceText.trimEnd(), rule]));
  const blocks: RuleBlock[] = [];
  visit(content, 'element', (pre: Element, _index, parent) => {
    if (pre.tagName !== 'pre' || !parent) return undefined;
    const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    const rule = code ? bySource.get(toString(code).trimEnd()) : undefined;
    if (code && rule) blocks.push({ rule, pre, code, parent });
    return SKIP;
  });
  return blocks;
}
