// The not-found layout (404.html): says so and offers the home page and the menu.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../src/theme-api/types.js';
import { document } from './parts/document.js';

export default function notFound(data: PageData): Root {
  return document(data, [
    h('article', { className: ['markdown'] }, [
      h('h1', data.page.title),
      h('p', ['There is no runbook at this address. Try the menu, the ', h('a', { href: data.site.homeUrl }, 'home page'), '.']),
    ]),
  ]);
}
