// Site search on the corpus (../shared/corpus/prometheus-alerts, or a site given as the first argument):
// the time to build the search documents and index file, the index file's size (as written and gzipped,
// as a host serving compressed files sends it), the bytes a browser downloads for its first query (the
// index, MiniSearch, the engine and the box's script and stylesheet) and the time the browser's engine
// takes to index the documents (here in Node, with the same code). Needs dist/ (it compiles if missing).
// Run after bench/run.mjs by `npm run bench`; prints one line a figure.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = process.argv[2] ?? [path.join(root, '..', 'shared', 'corpus', 'prometheus-alerts'), '/work/shared/corpus/prometheus-alerts'].find((dir) => existsSync(path.join(dir, 'content')));
if (!site) {
  console.log('search bench: no corpus found (pass a site folder)');
  process.exit(0);
}
if (!existsSync(path.join(root, 'dist', 'src', 'outputs', 'search-index.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });

const load = (relative) => import(pathToFileURL(path.join(root, relative)).href);
const { loadSite } = await load('dist/src/site/site.js');
const { searchIndex } = await load('dist/src/outputs/search-index.js');
const { createSiteSearch } = await load('theme/assets/search-engine.js');
const { default: MiniSearch } = await load('node_modules/minisearch/dist/es/index.js');

const model = await loadSite({ source: site });
const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = (work) => {
  const started = performance.now();
  const result = work();
  return [performance.now() - started, result];
};

const buildTimes = [];
let files;
for (let run = 0; run < runs; run += 1) {
  const [ms, result] = timed(() => [...searchIndex(model)]);
  buildTimes.push(ms);
  files = result;
}
const bytesOf = (name) => Buffer.byteLength(files.find((file) => file.path === name).content);
const gzippedOf = (name) => gzipSync(files.find((file) => file.path === name).content).length;
const indexFile = JSON.parse(files.find((file) => file.path === 'search/index.json').content);
const themeFiles = ['search-engine.js', 'search.js', 'search.css'].map((name) => model.theme.assets.get(name)?.content ?? Buffer.alloc(0));
const firstQuery = bytesOf('search/index.json') + bytesOf('search/minisearch.js') + themeFiles.reduce((sum, content) => sum + content.length, 0);
const firstQueryGzipped = gzippedOf('search/index.json') + gzippedOf('search/minisearch.js') + themeFiles.reduce((sum, content) => sum + gzipSync(content).length, 0);
const indexTimes = Array.from({ length: runs }, () => timed(() => createSiteSearch(MiniSearch, indexFile))[0]);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`search: ${indexFile.documents.length} documents of ${path.basename(site)}`);
console.log(`search: index build ${median(buildTimes).toFixed(0)} ms (median of ${runs})`);
console.log(`search: index.json ${kb(bytesOf('search/index.json'))} (${kb(gzippedOf('search/index.json'))} gzipped)`);
console.log(`search: first query downloads ${kb(firstQuery)} (${kb(firstQueryGzipped)} gzipped)`);
console.log(`search: browser-side indexing ${median(indexTimes).toFixed(0)} ms (median of ${runs}, in Node)`);
