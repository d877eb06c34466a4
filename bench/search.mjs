// Site search on the corpus (../shared/corpus/prometheus-alerts, or a site given as the first argument):
// the time the search outputs take to build (documents, body sections, shards, index file), their sizes
// (as written and gzipped, as a host serving compressed files sends them), and, on a built copy of the
// site served on localhost in chromium, 21 queries (half from runbook bodies, half alert or metric names)
// with the page each should find: its rank, and the bytes the first query fetches from a cold cache.
// With PAGEFIND_DIR set to a folder where the `pagefind` npm package is installed (it is no dependency
// of this project: `npm install --prefix DIR pagefind`), the same queries through Pagefind's own index
// of the built site (its files are stored compressed: the bytes as served are what it transfers).
// Needs dist/ (compiles if missing). Prints one line a figure or query.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.argv[2] ?? [path.join(root, '..', 'shared', 'corpus', 'prometheus-alerts'), '/work/shared/corpus/prometheus-alerts'].find((dir) => existsSync(path.join(dir, 'content')));
if (!corpus) {
  console.log('search bench: no corpus found (pass a site folder)');
  process.exit(0);
}
if (!existsSync(path.join(root, 'dist', 'src', 'outputs', 'search-index.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });

const load = (relative) => import(pathToFileURL(path.join(root, relative)).href);
const { loadSite } = await load('dist/src/site/site.js');
const { searchIndex } = await load('dist/src/outputs/search-index.js');
const { renderGeneratedPage } = await load('dist/src/outputs/generated-page.js');
const { build } = await load('dist/src/build/build.js');
const { startStaticServer } = await load('dist/src/serve/static-server.js');
const { chromium } = await import('playwright-core');

/** [query, the page it should find (site path)]: body text first, then alert and metric names. */
const QUERIES = [
  ['haproxy -s', '/runbooks/haproxy-embedded-exporter-v2/haproxybackendconnectionerrors/'],
  ['rabbitmqctl status', '/runbooks/rabbitmq-exporter/rabbitmqfiledescriptorsusage/'],
  ['vault token revoke', '/runbooks/hashicorp-vault-internal/vaulttoomanyinfinitytokens/'],
  ['ceph pg rebalance', '/runbooks/ceph-internal/cephpginconsistent/'],
  ['pvesh get', '/runbooks/proxmox-exporter/proxmoxmemoryallocationhigh/'],
  ['zfs get readonly', '/runbooks/zfs_exporter/zfspooloutofspace/'],
  ['promtool query', '/runbooks/proxmox-exporter/proxmoxdisktargetlost/'],
  ['ceph mon dump', '/runbooks/ceph-internal/cephmonitorclockskew/'],
  ['kubectl get csr', '/runbooks/kubestate-exporter/kubernetesclientcertificateexpiressoon/'],
  ['ip link show', '/runbooks/node-exporter/hostnetworkbonddegraded/'],
  ['"connection pool"', '/runbooks/postgres-exporter/postgresqltoomanylocksacquired/'],
  ['HostOutOfMemory', '/runbooks/node-exporter/hostoutofmemory/'],
  ['PrometheusTargetScrapingSlow', '/runbooks/prometheus-self-monitoring-internal/prometheustargetscrapingslow/'],
  ['KubernetesPodCrashLooping', '/runbooks/kubestate-exporter/kubernetespodcrashlooping/'],
  ['MinioDiskSpaceUsage', '/runbooks/minio-internal/miniodiskspaceusage/'],
  ['minio disk space', '/runbooks/minio-internal/miniodiskspaceusage/'],
  ['apcupsd_battery_time_on_seconds', '/runbooks/apcupsd_exporter/apcupsacinputoutage/'],
  ['haproxy_backend_limit_sessions', '/runbooks/haproxy-exporter-v1/haproxybackendmaxactivesession/'],
  ['rabbitmq_process_resident_memory_bytes', '/runbooks/rabbitmq-exporter/rabbitmqmemoryhigh/'],
  ['opnsense_up', '/runbooks/opnsense/opnsenseexporterdown/'],
  ['disk_storage_total', '/runbooks/minio-internal/miniodiskspaceusage/'],
];
const BODY_QUERIES = 11;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = Number(process.env.BENCH_RUNS ?? 3);

// The search outputs alone, on the site model (what the build adds for search).
const model = await loadSite({ source: corpus });
const times = [];
let files;
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  files = [...searchIndex(model, renderGeneratedPage)];
  times.push(performance.now() - started);
}
const sum = (list, size) => list.reduce((total, file) => total + size(file.content), 0);
const raw = (content) => Buffer.byteLength(content);
const gzipped = (content) => gzipSync(content).length;
const group = (prefix) => files.filter((file) => file.path.startsWith(prefix));
console.log(`search: ${model.site.pages.length} pages of ${path.basename(corpus)}; outputs built in ${median(times).toFixed(0)} ms (median of ${runs})`);
for (const [label, prefix] of [['index.json', 'search/index.json'], ['body shards', 'search/body/'], ['section texts', 'search/text/'], ['all search files', 'search/']]) {
  const list = group(prefix);
  console.log(`search: ${label}: ${list.length} files, ${kb(sum(list, raw))} (${kb(sum(list, gzipped))} gzipped)`);
}

// The site built and served, for both engines in chromium.
const folder = mkdtempSync(path.join(tmpdir(), 'runbook-site-search-bench-'));
const site = path.join(folder, 'site');
cpSync(corpus, site, { recursive: true });
const destination = path.join(folder, 'public');
const server = await startStaticServer({ root: destination, basePath: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const built = await build({ source: site, destination, baseURL: server.url, cache: false });
  console.log(`search: site built in ${(built.durationMs / 1000).toFixed(1)} s`);
  const pagefind = await pagefindIndex(destination);

  /** Opens a runbook in a fresh context, runs `query` with `run` and returns its paths and the bytes fetched for it. */
  const measure = async (query, run, counts) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}runbooks/node-exporter/hostoutofmemory/`);
    await page.waitForLoadState('networkidle');
    const bodies = [];
    page.on('response', async (response) => {
      if (counts(new URL(response.url()).pathname)) bodies.push(response.body().catch(() => Buffer.alloc(0)));
    });
    const paths = await run(page, query);
    await page.waitForLoadState('networkidle');
    const fetched = await Promise.all(bodies);
    await context.close();
    return { paths, files: fetched.length, bytes: fetched.reduce((total, body) => total + body.length, 0), gzipped: fetched.reduce((total, body) => total + gzipSync(body).length, 0) };
  };

  const ours = async (page, query) => {
    await page.locator('.site-search input').fill(query);
    await page.locator('#site-search-results:not([aria-busy]) li').first().waitFor();
    const links = await page.locator('#site-search-results a').evaluateAll((anchors) => anchors.map((anchor) => new URL(anchor.href).pathname));
    return links;
  };
  const theirs = async (page, query) => page.evaluate(async (text) => {
    const engine = await import('/pagefind/pagefind.js');
    await engine.init();
    const found = await engine.search(text);
    const data = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    return data.map((result) => new URL(result.url, location.href).pathname);
  }, query);

  const engines = [['runbook-site', ours, (url) => url.startsWith('/search/') || /\/assets\/search-engine\./.test(url)]];
  if (pagefind) engines.push(['pagefind', theirs, (url) => url.startsWith('/pagefind/')]);
  for (const [name, run, counts] of engines) {
    const tallies = { first: [0, 0], top3: [0, 0] };
    const sizes = [];
    for (const [index, [query, expected]] of QUERIES.entries()) {
      const result = await measure(query, run, counts);
      const rank = result.paths.findIndex((found) => found.replace(/#.*$/, '') === expected) + 1;
      const kind = index < BODY_QUERIES ? 0 : 1;
      if (rank === 1) tallies.first[kind] += 1;
      if (rank >= 1 && rank <= 3) tallies.top3[kind] += 1;
      sizes.push(result);
      console.log(`${name}: ${JSON.stringify(query)} rank ${rank || '-'}; first query ${result.files} files, ${kb(result.bytes)} (${kb(result.gzipped)} gzipped)`);
    }
    console.log(`${name}: first ${tallies.first[0]}/${BODY_QUERIES} body + ${tallies.first[1]}/${QUERIES.length - BODY_QUERIES} name queries; top 3 ${tallies.top3[0]}/${BODY_QUERIES} + ${tallies.top3[1]}/${QUERIES.length - BODY_QUERIES}; first query median ${kb(median(sizes.map((size) => size.bytes)))} as served, ${kb(median(sizes.map((size) => size.gzipped)))} gzipped; max ${kb(Math.max(...sizes.map((size) => size.bytes)))}, ${kb(Math.max(...sizes.map((size) => size.gzipped)))} gzipped`);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}

/** Pagefind's index of the built site in `<destination>/pagefind/`, or undefined without PAGEFIND_DIR. */
async function pagefindIndex(destination) {
  const dir = process.env.PAGEFIND_DIR;
  if (!dir) {
    console.log('pagefind: not compared (set PAGEFIND_DIR to a folder where the pagefind package is installed)');
    return undefined;
  }
  const pagefind = await import(pathToFileURL(path.join(dir, 'node_modules', 'pagefind', 'lib', 'index.js')).href);
  const started = performance.now();
  const { index } = await pagefind.createIndex({});
  const added = await index.addDirectory({ path: destination });
  await index.writeFiles({ outputPath: path.join(destination, 'pagefind') });
  await pagefind.close();
  console.log(`pagefind: indexed ${added.page_count} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
