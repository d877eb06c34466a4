// The plain page layout: a valid HTML5 document with the page's content, a link to its section and to
// home, its canonical link and description. Used for home, section and runbook pages alike.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../src/theme/types.js';

export default function page(data: PageData): Root {
  const { site, page } = data;
  const title = page.kind === 'home' ? site.title : `${page.title} | ${site.title}`;
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: site.languageCode }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('meta', { name: 'description', content: page.description ?? page.title }),
          h('link', { rel: 'canonical', href: page.permalink }),
          data.assets['style.css'] ? h('link', { rel: 'stylesheet', href: data.assets['style.css'] }) : undefined,
        ]),
        h('body', [
          h('header', [
            h('nav', { 'aria-label': 'Site' }, [
              h('a', { href: site.homeUrl }, site.title),
              data.section && data.section.url !== site.homeUrl ? [' › ', h('a', { href: data.section.url }, data.section.title)] : [],
            ]),
          ]),
          h('main', [
            h('article', data.content.children as never),
            data.children.length > 0
              ? h('ul', data.children.map((child) => h('li', [h('a', { href: child.url }, child.title), child.description ? ` — ${child.description}` : ''])))
              : undefined,
          ]),
        ]),
      ]),
    ],
  };
}
