// The on-page table of contents: the page's h2 headings and their h3s, as a navigation landmark beside
// the content. Absent when the page has fewer than two headings (nothing to navigate). A short one (six
// entries or fewer) is marked `short`: the CSS puts it above the content, which then gets its width.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData, TocEntry } from '../../../src/theme-api/types.js';

export function tableOfContents(data: PageData): Element | undefined {
  const count = data.toc.reduce((total, entry) => total + 1 + entry.children.length, 0);
  if (count < 2) return undefined;
  return h('aside', { className: count <= 6 ? ['page-toc', 'short'] : ['page-toc'] }, [
    h('nav', { 'aria-labelledby': 'toc-title' }, [h('h2', { id: 'toc-title' }, 'On this page'), entryList(data.toc)]),
  ]);
}

function entryList(entries: readonly TocEntry[]): Element {
  return h('ul', entries.map((entry) => h('li', [
    h('a', { href: `#${entry.id}` }, entry.title),
    entry.children.length > 0 ? entryList(entry.children) : undefined,
  ])));
}
