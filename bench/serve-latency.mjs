// Edit-to-visible latency of `runbook-site serve`: starts the CLI's serve on a temporary copy of the
// corpus (../shared, else a synthetic 1,000-page site from generate-corpus.mjs), opens a runbook page in
// chromium (playwright-core, Debian's /usr/bin/chromium), then RUNS times appends a new paragraph to the
// page's file and times from the write until the open tab draws the page with the new text (the dev
// server rebuilds, the tab reloads through live reload; the time is the page's first frame after it was
// parsed, taken in the page). Also times an edit of the page's title (every page shows it in the menu,
// so every page's layout is drawn again, from cached bodies), and serve's first answer on a site that
// `build` has cached (serve uses another base URL: bodies are shared, layouts drawn): from the start to
// the page's HTML over HTTP, and to the first build's output written. Prints the medians.
// A script, not a test: it asserts nothing.
// Environment: BENCH_RUNS (edits per measure, default 5), BENCH_NO_CORPUS=1.

import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generateCorpus } from './generate-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'src', 'bundle', 'bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const corpusCandidates = [path.join(root, '..', 'shared', 'corpus', 'prometheus-alerts'), '/work/shared/corpus/prometheus-alerts'];

async function benchServeLatency() {
  const work = mkdtempSync(path.join(tmpdir(), 'runbook-site-serve-bench-'));
  const corpus = process.env.BENCH_NO_CORPUS ? undefined : corpusCandidates.find((dir) => existsSync(path.join(dir, 'content')));
  const site = path.join(work, 'site');
  if (corpus) cpSync(corpus, site, { recursive: true });
  else generateCorpus(site, 1000);
  const name = corpus ? 'corpus (prometheus-alerts)' : 'synthetic 1000';
  execFileSync('node', [cli, 'build', '--source', site, '--quiet'], { stdio: 'ignore' }); // fills the build cache
  const spawned = performance.now();
  const serve = spawn('node', [cli, 'serve', '--source', site, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const log = serverLog(serve);
    const serving = log.next(/Serving (\S+)/);
    const firstBuilt = log.next(/^(Built |error:)/);
    const url = (await serving)[1];
    const file = runbookFile(path.join(site, 'content'));
    // The first answer: a runbook page's HTML over HTTP (serve answers pages before its first build is written).
    const answer = await fetch(new URL(pagePath(site, file), url));
    if (!answer.ok || !(await answer.text()).includes('</html>')) throw new Error(`serve answered ${answer.status}`);
    const firstAnswer = performance.now() - spawned;
    const firstBuild = (await firstBuilt, performance.now() - spawned);
    const tab = await browser.newPage();
    await tab.addInitScript(recordFirstFrame);
    await openWithLiveReload(tab, new URL(pagePath(site, file), url).href);
    const textEdits = [];
    for (let run = 1; run <= runs; run += 1) {
      const marker = `Latency marker ${run} ${Date.now()}`;
      textEdits.push(await timeEdit(tab, log, marker, () => appendFileSync(file, `\n\n${marker}\n`)));
    }
    const titleEdits = [];
    const original = readFileSync(file, 'utf8');
    for (let run = 1; run <= runs; run += 1) {
      const marker = `Retitled ${run} ${Date.now()}`;
      titleEdits.push(await timeEdit(tab, log, marker, () => writeFileSync(file, retitled(original, marker))));
    }
    const line = (what, samples) => `${name.padEnd(28)} ${what.padEnd(34)} median ${String(Math.round(median(samples))).padStart(5)} ms  (${samples.map(Math.round).join(', ')})`;
    console.log(line('serve: first answer (build cached)', [firstAnswer]));
    console.log(line('serve: first build written', [firstBuild]));
    console.log(line('serve: page text edit → visible', textEdits));
    console.log(line('serve: page title edit → visible', titleEdits));
  } finally {
    await browser.close();
    serve.kill('SIGINT');
    await new Promise((resolve) => serve.once('exit', resolve));
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Times one edit: from the write to the first frame the browser draws of the reloaded page holding
 * `marker` (taken in the page, so the time playwright takes to notice is not counted); then waits for
 * the rebuild to finish.
 */
async function timeEdit(tab, log, marker, edit) {
  const built = log.next(/^(Built |error:)/);
  const started = performance.timeOrigin + performance.now();
  edit();
  for (;;) {
    try {
      await tab.waitForFunction((text) => window.__drawnAt && document.body?.textContent?.includes(text), marker, { timeout: 60_000 });
      break;
    } catch (error) {
      // The reload replaced the document while the check ran: check again in the new one.
      if (!/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
  const ms = (await tab.evaluate(() => window.__drawnAt)) - started;
  await built;
  return ms;
}

/** In every document: the time of the first frame after the document was parsed. */
const recordFirstFrame = () =>
  addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => (window.__drawnAt = performance.timeOrigin + performance.now())));

async function openWithLiveReload(tab, url) {
  const connected = tab.waitForResponse((response) => response.url().includes('__runbook-site/events'));
  await tab.goto(url);
  await connected;
}

/** Lines of serve's stderr; `next(pattern)` resolves with the match of the next line matching it. */
function serverLog(child) {
  const waiting = [];
  let buffer = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const text of lines) {
      const index = waiting.findIndex(({ pattern }) => pattern.test(text));
      if (index === -1) continue;
      const [{ pattern, resolve }] = waiting.splice(index, 1);
      resolve(text.match(pattern));
    }
  });
  return { next: (pattern) => new Promise((resolve) => waiting.push({ pattern, resolve })) };
}

/** A runbook page in the middle of the site (not a section page). */
function runbookFile(contentDir) {
  const pages = readdirSync(contentDir, { recursive: true }).filter((name) => /\.md$/.test(name) && !name.endsWith('_index.md')).sort();
  return path.join(contentDir, pages[Math.floor(pages.length / 2)]);
}

/** The page's URL path: the content path lower-cased without `.md` (the corpus sets no `url` or `slug`). */
function pagePath(site, file) {
  return path.relative(path.join(site, 'content'), file).replace(/\.md$/, '/').split(path.sep).join('/').toLowerCase();
}

function retitled(source, title) {
  return source.startsWith('---\n') ? source.replace(/^title:.*$/m, `title: "${title}"`) : `---\ntitle: "${title}"\n---\n${source}`;
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
await benchServeLatency();
