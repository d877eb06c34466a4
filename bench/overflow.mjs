// The on-call overflow check on the corpus (../shared/corpus/prometheus-alerts, or a site given as the
// first argument), issue 13: the site is copied to a temporary folder, built under a sub-path, served by
// the static server and opened in chromium at 1280x900 and 390x844. On every page that shows a rule
// block, every Alert Rule block is opened and, in both layouts of its expression (laid out and as in the
// rule file), its YAML must not be wider than its box (scrollWidth <= clientWidth), nor the page wider
// than the window, nor an h1 or table of the content wider than the content column. Prints the counts
// and each offender; exits 1 when there is one. Not part of CI (it takes minutes); needs dist/.

import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.argv[2] ?? [path.join(root, '..', 'shared', 'corpus', 'prometheus-alerts'), '/work/shared/corpus/prometheus-alerts'].find((dir) => existsSync(path.join(dir, 'content')));
if (!corpus) {
  console.log('overflow check: no corpus found (pass a site folder)');
  process.exit(0);
}
const load = (relative) => import(pathToFileURL(path.join(root, relative)).href);
const { build } = await load('dist/src/build/build.js');
const { startStaticServer } = await load('dist/src/serve/static-server.js');
const { chromium } = await import('playwright-core');

const folder = mkdtempSync(path.join(tmpdir(), 'runbook-site-overflow-'));
const source = path.join(folder, 'site');
cpSync(corpus, source, { recursive: true });
const destination = path.join(folder, 'public');
const server = await startStaticServer({ root: destination, basePath: '/prometheus-alerts/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
let failed = false;
try {
  await build({ source, destination, baseURL: server.url, cache: false });
  const pages = await pagePaths(destination);
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    let blocks = 0;
    let pagesWithBlocks = 0;
    const offenders = [];
    for (const pagePath of pages) {
      await page.goto(new URL(pagePath.replace(/^\//, ''), server.url).href);
      const found = await page.evaluate(() => {
        document.querySelectorAll('details').forEach((details) => { details.open = true; });
        const check = () => {
          const wide = (element) => element.scrollWidth > element.clientWidth;
          const main = document.querySelector('main');
          return {
            blocks: Array.from(document.querySelectorAll('.rule-block pre')).filter(wide).map((pre) => pre.closest('.rule-block').dataset.alert),
            page: document.documentElement.scrollWidth > document.documentElement.clientWidth,
            content: Array.from(document.querySelectorAll('.markdown h1, .markdown table')).filter((element) => element.getBoundingClientRect().right > main.getBoundingClientRect().right + 1).map((element) => element.tagName),
          };
        };
        const laidOut = check();
        document.querySelectorAll('.rule-block code[data-view="formatted"]').forEach((code) => { code.hidden = true; });
        document.querySelectorAll('.rule-block code[data-view="source"]').forEach((code) => { code.hidden = false; });
        return { count: document.querySelectorAll('.rule-block').length, laidOut, asWritten: check() };
      });
      if (found.count === 0) continue;
      pagesWithBlocks += 1;
      blocks += found.count;
      for (const [view, problems] of Object.entries({ 'laid out': found.laidOut, 'as written': found.asWritten })) {
        if (problems.blocks.length > 0 || problems.page || problems.content.length > 0) offenders.push(`${pagePath} (${view}): ${JSON.stringify(problems)}`);
      }
    }
    console.log(`${viewport.width}x${viewport.height}: ${blocks} rule blocks on ${pagesWithBlocks} pages, ${offenders.length} overflowing`);
    for (const offender of offenders) console.log(`  ${offender}`);
    failed ||= offenders.length > 0;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** Site paths of the built content pages (folders holding an index.html; not the alerts' redirects or tag pages). */
async function pagePaths(output) {
  const { readdirSync } = await import('node:fs');
  return readdirSync(output, { recursive: true })
    .filter((file) => file.endsWith('index.html') && !file.startsWith('alerts/') && !file.startsWith('tags/'))
    .map((file) => `/${path.dirname(file) === '.' ? '' : `${path.dirname(file).split(path.sep).join('/')}/`}`);
}
