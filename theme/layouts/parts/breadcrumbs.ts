// Breadcrumbs: the sections above the page, home first, as an ordered list in a navigation landmark.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';
import { breakableName } from '../../../src/layout/word-breaks.js';

export function breadcrumbs(data: PageData): Element | undefined {
  if (data.breadcrumbs.length === 0) return undefined;
  return h('nav', { className: ['breadcrumbs'], 'aria-label': 'Breadcrumb' }, [
    h('ol', [
      ...data.breadcrumbs.map((link) => h('li', [h('a', { href: link.url }, link.title)])),
      h('li', [h('span', { 'aria-current': 'page' }, breakableName(data.page.title))]),
    ]),
  ]);
}
