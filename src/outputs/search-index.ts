// The site search's files: `search/index.json` (the search documents, src/search/index-file.ts) and
// `search/minisearch.js` (the engine's ES module, copied from the minisearch package as is). Both sit at
// fixed paths under the base URL, where the theme's search script (theme/assets/search.js) finds them
// from the page's base path, so search works offline and under a sub-path. Indexing happens in the browser
// (theme/assets/search-engine.js says why).
//
// Measured on the 1,109-page corpus (bench/search.mjs): index file 181 KB (32 KB gzipped), built in about
// 0.5 s; a first query downloads 271 KB (55 KB gzipped) and indexes in about 0.25 s. Pagefind 1.6 on the
// same built site: 0.7 s more after the build, 215 KB for a first query without its UI, but metric names
// and tags not found (they are not in the page text) and a platform binary to run over the output.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { searchDocuments } from '../search/documents.js';
import { encodeSearchIndex } from '../search/index-file.js';
import type { OutputGenerator } from './types.js';

/** minisearch's ES build; its `exports` map resolves `require` to the CommonJS one beside it. */
const miniSearchModule = path.join(path.dirname(createRequire(import.meta.url).resolve('minisearch')), '..', 'es', 'index.js');

export const searchIndex: OutputGenerator = (model) => [
  { path: 'search/index.json', content: JSON.stringify(encodeSearchIndex(searchDocuments(model))) },
  { path: 'search/minisearch.js', content: readFileSync(miniSearchModule) },
];
