// The taxonomy layout (`/tags/`): every tag with the number of pages carrying it.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../src/theme-api/types.js';
import { breadcrumbs } from './parts/breadcrumbs.js';
import { document } from './parts/document.js';

export default function taxonomy(data: PageData): Root {
  const terms = data.terms ?? [];
  return document(data, [
    breadcrumbs(data),
    h('article', { className: ['markdown'] }, [
      h('h1', data.page.title),
      terms.length === 0
        ? h('p', 'No page has tags yet.')
        : h('ul', { className: ['term-list'] }, terms.map((term) => h('li', [h('a', { href: term.url }, term.title), ` (${term.count})`]))),
    ]),
  ]);
}
