// `runbook-site/theme`: what a site's own layouts import. The built-in layouts (one per page kind) and
// the parts they are drawn from, hastscript's `h` (so a layout builds trees with the same hastscript as
// the built-ins), and the types of the data layouts draw. Internals stay behind this entry point, so
// they can move without breaking a site's layouts.

export { h, s } from 'hastscript';
export type { Layout, PageData, PageKindName } from './types.js';
export type { RedirectData, RedirectLayout } from './redirect-data.js';

export { default as homeLayout } from '../../theme/layouts/home.js';
export { default as sectionLayout } from '../../theme/layouts/section.js';
export { default as pageLayout } from '../../theme/layouts/page.js';
export { default as taxonomyLayout } from '../../theme/layouts/taxonomy.js';
export { default as termLayout } from '../../theme/layouts/term.js';
export { default as alertsLayout } from '../../theme/layouts/alerts.js';
export { default as searchLayout } from '../../theme/layouts/search.js';
export { default as notFoundLayout } from '../../theme/layouts/404.js';
export { default as redirectLayout } from '../../theme/layouts/redirect.js';

export { article } from '../../theme/layouts/parts/article.js';
export { breadcrumbs } from '../../theme/layouts/parts/breadcrumbs.js';
export { childList } from '../../theme/layouts/parts/child-list.js';
export { document } from '../../theme/layouts/parts/document.js';
export { footer } from '../../theme/layouts/parts/footer.js';
export { head } from '../../theme/layouts/parts/head.js';
export { header } from '../../theme/layouts/parts/header.js';
export { menu } from '../../theme/layouts/parts/menu.js';
export { pageMeta, pagination } from '../../theme/layouts/parts/page-meta.js';
export { search } from '../../theme/layouts/parts/search.js';
export { tableOfContents } from '../../theme/layouts/parts/toc.js';
