// The term layout (`/tags/<tag>/`): the pages carrying one tag, grouped by section (a heading and a
// list each, with a table of contents of the sections), so a tag on a thousand runbooks stays readable.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { ChildLink, PageData } from '../../src/theme-api/types.js';
import { breadcrumbs } from './parts/breadcrumbs.js';
import { childList } from './parts/child-list.js';
import { document } from './parts/document.js';

export default function term(data: PageData): Root {
  const groups = new Map<string, ChildLink[]>();
  for (const child of data.children) groups.set(child.section ?? '', [...(groups.get(child.section ?? '') ?? []), child]);
  const grouped = groups.size > 1;
  const id = (section: string) => `section-${section.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return document(data, [
    breadcrumbs(data),
    h('article', { className: ['markdown'] }, [
      h('h1', `Tag: ${data.page.title}`),
      h('p', `${data.children.length} ${data.children.length === 1 ? 'page' : 'pages'}${grouped ? ` in ${groups.size} sections` : ''}.`),
      grouped ? h('nav', { className: ['term-sections'], 'aria-label': 'Sections' }, [
        h('ul', [...groups].map(([section, pages]) => h('li', [h('a', { href: `#${id(section)}` }, section || 'Other'), ` (${pages.length})`]))),
      ]) : undefined,
      ...[...groups].flatMap(([section, pages]) => grouped
        ? [h('h2', { id: id(section) }, section || 'Other'), childList(pages, `Pages tagged ${data.page.title} in ${section}`)]
        : [childList(pages, `Pages tagged ${data.page.title}`)]),
    ]),
  ]);
}
