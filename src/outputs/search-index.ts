// The site search's files under `search/`: `index.json` (the name index and the list of body files,
// src/search/index-file.ts), the body shards `body/<hash>.json` and the pages' section texts
// `text/<hash>.json` (src/search/body-index.ts), and `index.html`, the page the search box submits to
// without JavaScript (it links the alerts index; with JavaScript the box shows the results of its `?q=`).
// The index sits at a fixed path under the base URL, where the theme's search script
// (theme/assets/search.js) finds it from the page's base path; the files it names carry content hashes.
// Search works offline and under a sub-path: the browser does the searching (theme/assets/search-engine.js).
//
// Measured on the 1,109-page corpus (bench/search.mjs): see the numbers there and in the closing note.

import { bodyIndex, searchEngine } from '../search/body-index.js';
import { searchDocuments } from '../search/documents.js';
import { encodeSearchIndex } from '../search/index-file.js';
import { renderGeneratedPage } from './generated-page.js';
import type { OutputGenerator } from './types.js';

export const searchIndex: OutputGenerator = (model) => {
  const documents = searchDocuments(model);
  const body = bodyIndex(documents);
  return [
    { path: 'search/index.json', content: JSON.stringify(encodeSearchIndex(documents, body, searchEngine.slugOf)) },
    ...body.files.map((file) => ({ path: `search/${file.path}`, content: file.content })),
    renderGeneratedPage(model, { kind: 'search', title: 'Search', path: '/search/' }),
  ];
};
