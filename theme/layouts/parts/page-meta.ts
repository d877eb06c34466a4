// What follows a runbook: its tags, last modified date, "Edit this page" link and the previous/next
// pages of its section.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';
import { breakableName } from '../../../src/layout/word-breaks.js';

export function pageMeta(data: PageData): Element | undefined {
  const { page, lastmod, editUrl } = data;
  if (page.tagLinks.length === 0 && !lastmod && !editUrl) return undefined;
  return h('div', { className: ['page-meta'] }, [
    page.tagLinks.length > 0
      ? h('ul', { className: ['tags'], 'aria-label': 'Tags' }, page.tagLinks.map((tag) => h('li', [h('a', { href: tag.url }, tag.title)])))
      : undefined,
    lastmod ? h('p', ['Last modified ', h('time', { dateTime: lastmod }, lastmod.slice(0, 10))]) : undefined,
    editUrl ? h('p', [h('a', { className: ['edit-link'], href: editUrl }, 'Edit this page')]) : undefined,
  ]);
}

export function pagination(data: PageData): Element | undefined {
  if (!data.previous && !data.next) return undefined;
  return h('nav', { className: ['pagination'], 'aria-label': 'Previous and next runbooks' }, [
    data.previous ? h('a', { className: ['previous'], href: data.previous.url, rel: 'prev' }, [h('span', 'Previous'), ' ', ...breakableName(data.previous.title)]) : undefined,
    data.next ? h('a', { className: ['next'], href: data.next.url, rel: 'next' }, [h('span', 'Next'), ' ', ...breakableName(data.next.title)]) : undefined,
  ]);
}
