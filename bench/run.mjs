// `npm run bench`: build times of runbook-site (cold, warm = nothing changed with the build cache, and
// one page changed) on the real corpus when ../shared has it, and on synthetic sites of 1,000 and 10,000
// pages (generate-corpus.mjs); the same content built by Hugo with bench/hugo's minimal layouts when
// `hugo` is on PATH, and the ratio. Medians of RUNS runs (5; 3 for 10,000 pages), peak RSS from
// /usr/bin/time when present. A script, not a test: it asserts nothing. Sites are copied to a temporary
// folder first, so the build cache never lands in a shared corpus.
// Environment: BENCH_RUNS (runs per measure), BENCH_SIZES (e.g. "1000"), BENCH_NO_CORPUS=1. `npm run bench`
// runs this, then search.mjs and hardening.mjs (bench/all.mjs; BENCH_SKIP=build,search,hardening).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, appendFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'src', 'bundle', 'bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').filter(Boolean).map(Number);
const corpusCandidates = [path.join(root, '..', 'shared', 'corpus', 'prometheus-alerts'), '/work/shared/corpus/prometheus-alerts'];
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const hugo = onPath('hugo');

if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const work = mkdtempSync(path.join(tmpdir(), 'runbook-site-bench-'));
/**
 * A cold run's previous output is moved here, not deleted, until the bench ends. On ext4 (the bench
 * machine's disk) creating files within minutes of deleting thousands costs 10-20x as much: the inode
 * allocator skips recently deleted inodes (`recently_deleted` in fs/ext4/ialloc.c); 5,600 files and
 * folders took 0.3-0.7 s to create, 6.7-7.9 s just after an rm -rf of as many. A run timed right after
 * the last one's rmSync paid for the bench's own deletion, in proportion to the files it writes, Hugo's
 * runs as ours.
 */
const setAsideDir = path.join(work, 'set-aside');
let setAsideCount = 0;
const sites = [];
const corpus = process.env.BENCH_NO_CORPUS ? undefined : corpusCandidates.find((dir) => existsSync(path.join(dir, 'content')));
if (corpus) {
  const copy = path.join(work, 'corpus');
  cpSync(corpus, copy, { recursive: true });
  sites.push({ name: 'corpus (prometheus-alerts)', dir: copy });
}
for (const size of sizes) {
  const dir = path.join(work, `synthetic-${size}`);
  generateCorpus(dir, size);
  sites.push({ name: `synthetic ${size}`, dir, runs: size >= 10000 ? Math.min(runs, 3) : runs });
}

console.log(`runbook-site bench: ${runs} runs per measure (medians), node ${process.version}, hugo ${hugo ? hugoVersion() : 'not on PATH'}\n`);
const rows = [];
/** Per site: our medians and Hugo's, for the issue's targets (issue 12). */
const targets = [];
try {
  for (const site of sites) rows.push(...benchSite(site));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('\n' + table(rows));
console.log('\n' + targetTable(targets));

/** The issue's table: each measure as runbook-site, Hugo's cold build, ratio, target. */
function targetTable(entries) {
  // Wall-clock ratios; CPU (user + system) ratios beside them, steadier on a shared machine.
  const lines = ['site                         measure                         runbook-site       hugo    ratio  target     CPU ratio'];
  for (const { name, cold, warm, changed, check, hugo } of entries) {
    const measureLine = (what, ours, target, { rss = false } = {}) => {
      const ratio = hugo ? (ours.median / hugo.median).toFixed(2) + 'x' : 'n/a';
      const memory = rss && ours.rssMb && hugo?.rssMb ? `  peak RSS ${Math.round(ours.rssMb)} vs ${Math.round(hugo.rssMb)} MB` : '';
      const cpuRatio = hugo?.cpuMs && ours.cpuMs ? `${(ours.cpuMs / hugo.cpuMs).toFixed(2)}x (${(ours.cpuMs / 1000).toFixed(2)} vs ${(hugo.cpuMs / 1000).toFixed(2)} s)` : '';
      return `${name.padEnd(28)} ${what.padEnd(31)} ${`${(ours.median / 1000).toFixed(2)} s`.padStart(12)} ${hugo ? `${(hugo.median / 1000).toFixed(2)} s`.padStart(10) : '       n/a'} ${ratio.padStart(8)}  ${target.padEnd(9)}  ${cpuRatio}${memory}`;
    };
    lines.push(measureLine('cold build (--no-cache)', cold, '<= 3.0x', { rss: true }));
    lines.push(measureLine('no-change rebuild', warm, '<= 0.25x'));
    lines.push(measureLine('one page edited', changed, '<= 0.3x'));
    lines.push(`${name.padEnd(28)} ${'check (cached)'.padEnd(31)} ${`${(check.median / 1000).toFixed(2)} s`.padStart(12)}          -        -  <= 1.5 s`);
  }
  return lines.join('\n');
}

function benchSite({ name, dir, runs: count = runs }) {
  const pages = countPages(path.join(dir, 'content'));
  const out = path.join(work, 'out');
  const ours = (args) => ['node', cli, 'build', '--source', dir, '--destination', out, '--quiet', ...args];
  let cold;
  try {
    cold = measure(count, () => setAside(out), ours(['--no-cache']));
  } catch (error) {
    // Reported, not thrown: the other sites and Hugo's numbers are still worth having.
    const line = { site: name, what: 'runbook-site cold (no cache)', pages, ms: NaN, pagesPerSecond: NaN, rss: 'n/a', note: `FAILED: ${error.message.split('\n').find((text) => /heap|Error/.test(text)) ?? 'see stderr'}` };
    console.log(format(line));
    return [line, ...hugoRows(name, dir, pages, count, undefined)];
  }
  const largest = largestPage(out);
  rmSync(path.join(dir, '.runbook-site-cache'), { recursive: true, force: true });
  run(ours([])); // fills the cache
  const warm = measure(count, () => {}, ours([]));
  const edited = firstPage(path.join(dir, 'content'));
  let edits = 0;
  const changed = measure(count, () => appendFileSync(edited, `\nEdit ${(edits += 1)}.\n`), ours([]));
  // check exits 1 when it finds errors (the corpus has some): timed all the same.
  const check = measure(count, () => {}, ['node', cli, 'check', '--source', dir], { allowFailure: true });
  const result = [
    row(name, 'runbook-site cold (no cache)', pages, cold, `largest page ${largest}`),
    row(name, 'runbook-site warm (no change)', pages, warm, `${percent(warm.median, cold.median)} of cold`),
    row(name, 'runbook-site one page changed', pages, changed, `${percent(changed.median, cold.median)} of cold`),
    row(name, 'runbook-site check (cached)', pages, check),
  ];
  for (const line of result) console.log(format(line));
  const hugoLines = hugoRows(name, dir, pages, count, { cold, warm });
  targets.push({ name, cold, warm, changed, check, hugo: hugoLines[0]?.measured });
  return [...result, ...hugoLines];
}

/** Hugo on the same folder, with the ratio to runbook-site's cold and warm medians when they are known. */
function hugoRows(name, dir, pages, count, ours) {
  if (!hugo) return [];
  const hugoOut = path.join(work, 'hugo-out');
  const hugoRun = measure(count, () => setAside(hugoOut),
    ['hugo', '--source', dir, '--themesDir', path.join(root, 'bench'), '--theme', 'hugo', '--destination', hugoOut, '--quiet']);
  rmSync(path.join(dir, 'resources'), { recursive: true, force: true });
  rmSync(path.join(dir, '.hugo_build.lock'), { force: true });
  const ratios = ours ? `runbook-site cold/hugo = ${(ours.cold.median / hugoRun.median).toFixed(2)}, warm/hugo = ${(ours.warm.median / hugoRun.median).toFixed(2)}` : '';
  const line = { ...row(name, 'hugo', pages, hugoRun, ratios), measured: hugoRun };
  console.log(format(line));
  return [line];
}

function setAside(folder) {
  if (!existsSync(folder)) return;
  mkdirSync(setAsideDir, { recursive: true });
  renameSync(folder, path.join(setAsideDir, String((setAsideCount += 1))));
}

function measure(count, before, command, options) {
  const samples = [];
  for (let index = 0; index < count; index += 1) {
    before();
    samples.push(run(command, options));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    median: median(samples.map((sample) => sample.ms)),
    cpuMs: time ? median(samples.map((sample) => sample.cpuMs)) : undefined,
    rssMb: Math.max(...samples.map((sample) => sample.rssMb ?? 0)) || undefined,
  };
}

function run([command, ...args], { allowFailure = false } = {}) {
  const started = process.hrtime.bigint();
  const child = time ? spawnSync(time, ['-f', '%M %U %S', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0 && !(allowFailure && child.status === 1)) throw new Error(`${command} ${args.join(' ')} failed:\n${child.stderr}`);
  const [rssKb, user, system] = time ? child.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [];
  return { ms, rssMb: rssKb ? rssKb / 1024 : undefined, cpuMs: time ? (user + system) * 1000 : undefined };
}

function row(site, what, pages, { median, cpuMs, rssMb }, note = '') {
  const cpu = cpuMs === undefined ? '' : `CPU ${(cpuMs / 1000).toFixed(2)} s; `;
  return { site, what, pages, ms: Math.round(median), pagesPerSecond: Math.round(pages / (median / 1000)), rss: rssMb ? `${Math.round(rssMb)} MB` : 'n/a', note: `${cpu}${note}` };
}

function format(line) {
  return `${line.site.padEnd(28)} ${line.what.padEnd(31)} ${String(line.ms).padStart(7)} ms ${String(line.pagesPerSecond).padStart(7)} pages/s  peak RSS ${line.rss.padStart(7)}  ${line.note}`;
}

function table(lines) {
  return ['site                         measure                         median      throughput        memory', ...lines.map(format)].join('\n');
}

function percent(part, whole) {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

function countPages(dir) {
  return readdirSync(dir, { recursive: true }).filter((name) => name.endsWith('.md')).length;
}

/** The largest HTML file outside the listings of every alert and tag (alerts/, tags/), which grow with the site. */
function largestPage(out) {
  const sizes = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/^(alerts|tags)\//.test(path.relative(out, file)))
    .map((file) => statSync(file).size);
  return `${(Math.max(...sizes) / 1024).toFixed(1)} KB`;
}

function firstPage(dir) {
  const page = readdirSync(dir, { recursive: true }).sort().find((name) => name.endsWith('.md') && !name.endsWith('_index.md'));
  return path.join(dir, page);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function hugoVersion() {
  return execFileSync('hugo', ['version'], { encoding: 'utf8' }).split(' ')[1];
}
