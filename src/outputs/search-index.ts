// The site search's files: `search/index.json` (the search documents, src/search/index-file.ts) and
// `search/minisearch.js` (the engine's ES module, copied from the minisearch package as is). Both sit at
// fixed paths under the base URL, where the theme's search script (theme/assets/search.js) finds them
// from the page's base path, so search works offline and under a sub-path. Indexing happens in the browser
// (theme/assets/search-engine.js says why).

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
