// The document head: title, description, canonical link, stylesheets (screen and print) and the tiny
// blocking script that applies the remembered colour scheme before the first paint (no flash of light).

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';

export function head(data: PageData): Element {
  const { site, page, assets } = data;
  // As hugo-book's docs/html-head-title partial: the page's title, then the site's, the home page's too.
  const title = `${page.title} | ${site.title}`;
  return h('head', [
    h('meta', { charset: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', title),
    h('meta', { name: 'description', content: page.description ?? page.title }),
    h('meta', { name: 'color-scheme', content: 'light dark' }),
    page.kind === '404' ? h('meta', { name: 'robots', content: 'noindex' }) : h('link', { rel: 'canonical', href: page.permalink }),
    assets['favicon.svg'] ? h('link', { rel: 'icon', type: 'image/svg+xml', href: assets['favicon.svg'] }) : undefined,
    assets['style.css'] ? h('link', { rel: 'stylesheet', href: assets['style.css'] }) : undefined,
    assets['print.css'] ? h('link', { rel: 'stylesheet', media: 'print', href: assets['print.css'] }) : undefined,
    assets['labels.css'] ? h('link', { rel: 'stylesheet', href: assets['labels.css'] }) : undefined,
    assets['scheme.js'] ? h('script', { src: assets['scheme.js'] }) : undefined,
  ]);
}
