// 404.html at the output root: what static hosts (GitHub Pages, Netlify) and `serve` show for a miss.

import type { OutputGenerator } from './types.js';

export const notFoundPage: OutputGenerator = (model, render) => [
  render(model, { kind: '404', title: 'Page not found', path: '/404.html' }, '404.html'),
];
