// The site search's files under `search/`: `index.json` (the name index and the list of body files,
// src/search/index-file.ts), the body shards `body/<hash>.json` and the pages' section texts
// `text/<hash>.json` (src/search/body-index.ts), and `index.html`, the page the search box submits to
// without JavaScript (it links the alerts index; with JavaScript the box shows the results of its `?q=`).
// The index sits at a fixed path under the base URL, where the theme's search script
// (theme/assets/search.js) finds it from the page's base path; the files it names carry content hashes.
// Search works offline and under a sub-path: the browser does the searching (theme/assets/search-engine.js).
//
// Measured on the 1,109-page corpus (bench/search.mjs): 1,023 files, 2.9 MB (1.1 MB gzipped): index.json
// 218 KB (42 KB gzipped), 23 body shards 664 KB (215 KB), 998 section-text files 2.0 MB (825 KB); 0.49 s of
// CPU to build (0.10 s before bodies were indexed). A first name query fetches 247 KB (51 KB gzipped), a
// first body query 278-373 KB (62-93 KB gzipped); Pagefind 1.6 on the same site 182-264 KB (stored compressed).

import { bodyIndex, searchEngine } from '../search/body-index.js';
import { searchDocuments } from '../search/documents.js';
import { encodeSearchIndex } from '../search/index-file.js';
import type { OutputGenerator } from './types.js';

export const searchIndex: OutputGenerator = (model, render) => {
  const documents = searchDocuments(model);
  const body = bodyIndex(documents);
  return [
    { path: 'search/index.json', content: JSON.stringify(encodeSearchIndex(documents, body, searchEngine.slugOf)) },
    ...body.files.map((file) => ({ path: `search/${file.path}`, content: file.content })),
    render(model, { kind: 'search', title: 'Search', path: '/search/' }),
  ];
};
