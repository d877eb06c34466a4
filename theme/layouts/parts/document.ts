// The page shell every layout of the default theme shares: head, skip link, header, left menu, the
// layout's main content, the on-page table of contents, the footer, then the scripts: the libraries the
// page's content needs (mermaid: PageData.scripts, set only for pages that use them) and the theme's
// (theme.js; labels.js, which fills alert placeholders in from the link).
// Landmarks: banner, navigation (menu, breadcrumbs, table of contents), main, contentinfo.

import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';
import { head } from './head.js';
import { header } from './header.js';
import { menu } from './menu.js';
import { tableOfContents } from './toc.js';
import { footer } from './footer.js';

export const MAIN_ID = 'content';

export function document(data: PageData, main: readonly (ElementContent | undefined)[]): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: data.site.languageCode }, [
        head(data),
        h('body', { className: [`kind-${data.page.kind}`] }, [
          h('a', { className: ['skip-link'], href: `#${MAIN_ID}` }, 'Skip to content'),
          header(data),
          h('div', { className: ['layout'] }, [
            menu(data),
            h('main', { id: MAIN_ID, tabIndex: -1 }, main.filter((node) => node !== undefined)),
            tableOfContents(data),
          ]),
          footer(data),
          ...(data.scripts ?? []).map((src) => h('script', { src, defer: true })),
          data.assets['theme.js'] ? h('script', { src: data.assets['theme.js'], defer: true }) : undefined,
          data.assets['labels.js'] ? h('script', { src: data.assets['labels.js'], defer: true }) : undefined,
        ]),
      ]),
    ],
  };
}
