// The tag pages: /tags/ lists every tag of the site's pages with its page count, /tags/<tag>/ the pages
// carrying it (title, severity, rule summary or description; the theme groups them by section), in
// menu order. No tags, no pages.

import { compareMenuOrder } from '../layout/menu.js';
import { pageDataBuilder } from '../layout/page-data.js';
import { pagesByTag, TAGS_PATH } from '../content/taxonomy.js';
import type { OutputGenerator } from './types.js';
import type { Page } from '../content/discover.js';

const tagOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export const taxonomyPages: OutputGenerator = (model, render) => {
  const tags = [...pagesByTag(model.site.pages)].sort(([, a], [, b]) => tagOrder.compare(a.tag, b.tag));
  if (tags.length === 0) return [];
  const tagsLink = { title: 'Tags', url: model.links.relative(TAGS_PATH) };
  const { childLinkOf } = pageDataBuilder(model);
  const home = { title: model.site.root.page.title, url: model.links.relative('/') };
  return [
    render(model, {
      kind: 'taxonomy',
      title: 'Tags',
      path: TAGS_PATH,
      terms: tags.map(([path, { tag, pages }]) => ({ title: tag, url: model.links.relative(path), count: pages.length })),
    }),
    ...tags.map(([path, { tag, pages }]) => ({
      ...renderTermPage(path, tag, pages),
      source: { file: pages[0]!.file, what: `the page of tag \`${tag}\` (of ${pages[0]!.file})` },
    })),
  ];

  function renderTermPage(path: string, tag: string, pages: readonly Page[]) {
    return render(model, {
      kind: 'term',
      title: tag,
      path,
      trail: [home, tagsLink],
      children: [...pages].sort(compareMenuOrder).map(childLinkOf),
    });
  }
};
