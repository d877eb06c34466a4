// sitemap.xml: every content page's absolute URL with its last modified date when known (pages with
// `bookHidden` too: hidden from the menu, not from search engines), plus the alerts index.

import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { pageDataBuilder } from '../layout/page-data.js';
import { ALERTS_INDEX_PATH } from './alerts-index-page.js';
import type { OutputGenerator } from './types.js';

export const sitemap: OutputGenerator = (model) => {
  const { lastmodOf } = pageDataBuilder(model);
  const entry = (path: string, lastmod?: string): Element =>
    h('url', [h('loc', model.links.absolute(path)), lastmod ? h('lastmod', lastmod) : undefined]);
  const urlset = h('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, [
    ...model.site.pages.map((page) => entry(page.path, lastmodOf(page))),
    entry(ALERTS_INDEX_PATH),
  ]);
  const xml = toHtml(urlset, { space: 'svg', closeEmptyElements: true });
  return [{ path: 'sitemap.xml', content: `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n${xml}\n` }];
};
