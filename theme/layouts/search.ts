// The search page (`/search/`): where the header's search box sends its query (`?q=`) without
// JavaScript. Search runs in the browser, so without it the page says so and links the alerts index and
// the tags, which list every runbook; with it, the header's box reads `?q=` and shows the results.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../src/theme-api/types.js';
import { document } from './parts/document.js';

export default function search(data: PageData): Root {
  const base = data.site.basePath;
  return document(data, [
    h('article', { className: ['markdown', 'search-page'] }, [
      h('h1', data.page.title),
      h('p', { className: ['search-page-no-script'] }, [
        'Search runs in your browser and needs JavaScript. Every runbook is listed in the ',
        h('a', { href: `${base}alerts/` }, 'alerts index'),
        ' (filterable by name, severity and rule file) and under its ',
        h('a', { href: `${base}tags/` }, 'tags'),
        '.',
      ]),
      h('p', { className: ['search-page-script'] }, [
        'Type in the search box above; the ',
        h('a', { href: `${base}alerts/` }, 'alerts index'),
        ' lists every alert rule.',
      ]),
    ]),
  ]);
}
