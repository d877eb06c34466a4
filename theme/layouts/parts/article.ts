// The page's rendered Markdown as an article, with the page title as its h1 when the Markdown has none,
// and the theme's part of each Alert Rule block (parts/rule-block.ts).

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';
import { breakableName } from '../../../src/layout/word-breaks.js';
import { addRuleActions } from './rule-block.js';

export function article(data: PageData, after: readonly (ElementContent | undefined)[] = []): Element {
  addRuleActions(data.content, data.rules);
  const content = (data.content.children as ElementContent[]).map(withBreakableTitle);
  const hasTitle = content.some((node) => node.type === 'element' && node.tagName === 'h1');
  return h('article', { className: ['markdown'] }, [hasTitle ? undefined : h('h1', breakableName(data.page.title)), ...content, ...after]);
}

/** An h1 of plain text (the runbook's alert name, mostly) may wrap only between the words of the name. */
function withBreakableTitle(node: ElementContent): ElementContent {
  if (node.type !== 'element' || node.tagName !== 'h1' || node.children.length !== 1 || node.children[0]!.type !== 'text') return node;
  return { ...node, children: breakableName(node.children[0]!.value) };
}
