// The page's rendered Markdown as an article, with the page title as its h1 when the Markdown has none.

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';

export function article(data: PageData, after: readonly (ElementContent | undefined)[] = []): Element {
  const content = data.content.children as ElementContent[];
  const hasTitle = content.some((node) => node.type === 'element' && node.tagName === 'h1');
  return h('article', { className: ['markdown'] }, [hasTitle ? undefined : h('h1', data.page.title), ...content, ...after]);
}
