// The site footer (contentinfo): the site title and where the runbooks' sources live, when known.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';

export function footer(data: PageData): Element {
  const repo = data.site.params.BookRepo;
  return h('footer', { className: ['site-footer'] }, [
    h('p', [
      h('a', { href: data.site.homeUrl }, data.site.title),
      typeof repo === 'string' ? [' · ', h('a', { href: repo }, 'Source')] : [],
    ]),
  ]);
}
