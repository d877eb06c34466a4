// robots.txt: allows every crawler and points to the sitemap; and .nojekyll, so GitHub Pages serves the
// output as it is (Jekyll would drop files and folders starting with `_`).

import type { OutputGenerator } from './types.js';

export const robots: OutputGenerator = (model) => [
  { path: 'robots.txt', content: `User-agent: *\nAllow: /\nSitemap: ${model.links.absolute('/sitemap.xml')}\n` },
];

export const noJekyll: OutputGenerator = () => [{ path: '.nojekyll', content: '' }];
