// One cold build of a large synthetic site (generate-corpus.mjs), by runbook-site and by Hugo: wall time,
// CPU time, peak RSS and pages per second, to see that memory stays bounded and time grows linearly.
// Run by hand, not by `npm run bench`: on 2 cores, 110,000 pages took runbook-site 378 s (5.2 GB peak)
// and Hugo 133 s (15.6 GB), plus a few minutes to generate the site; 11,000 pages 30.7 s and 9.7 s. A script, not a test: it asserts nothing.
// Usage: node bench/scale.mjs PAGES [PAGES...]   e.g. node bench/scale.mjs 11000 110000

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'src', 'bundle', 'bin.js');
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
if (sizes.length === 0) throw new Error('usage: node bench/scale.mjs PAGES [PAGES...]');
if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const hugo = spawnSync('hugo', ['version']).status === 0;

const work = mkdtempSync(path.join(tmpdir(), 'runbook-site-scale-'));
try {
  for (const pages of sizes) {
    const site = path.join(work, `site-${pages}`);
    // Sections in groups of 50, so a page's menu stays the size of a real site's (see generate-corpus.mjs).
    generateCorpus(site, pages, { sectionsPerGroup: 50 });
    const out = path.join(work, 'out');
    report(pages, 'runbook-site', ['node', cli, 'build', '--source', site, '--destination', out, '--no-cache', '--quiet']);
    rmSync(out, { recursive: true, force: true });
    if (hugo) report(pages, 'hugo', ['hugo', '--source', site, '--themesDir', path.join(root, 'bench'), '--theme', 'hugo', '--destination', out, '--quiet']);
    rmSync(out, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Runs the command under /usr/bin/time and prints its wall, CPU and peak RSS. */
function report(pages, tool, command) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...command], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const [wall, user, system, rssKb] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const outcome = run.status === 0 ? 'ok' : `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3, -1).join(' ')}`;
  console.log(`${String(pages).padStart(7)} pages  ${tool.padEnd(12)} ${wall.toFixed(1).padStart(7)} s wall  ${(user + system).toFixed(1).padStart(7)} s CPU  ${Math.round(rssKb / 1024).toString().padStart(5)} MB peak  ${Math.round(pages / wall).toString().padStart(5)} pages/s  ${outcome}`);
}
