// Hostile-size inputs (issue 7): whole builds (the CLI, cache off, one fresh site each) of a 5 MB page with
// 20,000 shortcodes and of a 10 MB page (wall time; CPU user time and peak RSS of the last run), and the
// shortcode engine alone on adversarial sources at size n and 2n: a ratio near 2 is linear, near 4
// quadratic. A script, not a test: it asserts nothing. `npm run bench` runs it after bench/run.mjs and
// bench/search.mjs (bench/all.mjs); alone: `node bench/hardening.mjs`.
// Then the hostile inputs of issue 11, one build each (cache off, one run): wall and CPU user time, peak
// RSS of the build's process (/usr/bin/time) and how it ended — a positioned error naming the limit, or a
// build — at full size and just under each limit (the worst a build accepts). Budget: 10 s, 1 GB.
// BENCH_HOSTILE=0 leaves them out.
// Environment: BENCH_RUNS (runs per build, default 3; medians).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'src', 'bundle', 'bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const { expandShortcodes } = await import(path.join(root, 'dist', 'src', 'shortcodes', 'expand.js'));
const { loadShortcodes } = await import(path.join(root, 'dist', 'src', 'shortcodes', 'registry.js'));
const { pageTitle } = await import(path.join(root, 'dist', 'src', 'content', 'front-matter.js'));

const work = mkdtempSync(path.join(tmpdir(), 'runbook-site-bench-hardening-'));
try {
  console.log(`runbook-site hardening bench: node ${process.version}, medians of ${runs} runs\n`);
  console.log(buildTable([
    ['5 MB page, 20,000 shortcodes', shortcodePage()],
    ['10 MB page (prose, inline markup, log blocks)', mixedPage()],
  ]));
  console.log(`\n${await engineTable()}`);
  if (process.env.BENCH_HOSTILE !== '0') console.log(`\n${hostileTable()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** 20,000 `rule` calls in both forms around Markdown, padded with prose to 5 MB, and its rule file. */
function shortcodePage() {
  const alerts = 100;
  const rules = `groups:\n  - name: app\n    rules:\n${Array.from({ length: alerts }, (_, index) =>
    `      - alert: Alert${index}\n        expr: rate(errors_total{job="app"}[5m]) > ${index}\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: "{{ $labels.instance }} has errors"\n`).join('')}`;
  const calls = 20_000;
  const call = (index) => {
    const alert = `Alert${index % alerts}`;
    if (index % 4 === 3) return `{{< rule "app.yml" "${alert}" >}}`;
    return index % 4 === 2 ? `{{% comment %}}note ${index}{{% /comment %}}` : `{{% rule "app.yml" "${alert}" %}}`;
  };
  const steps = Array.from({ length: calls }, (_, index) => `## Step ${index}\n\n${call(index)}\n\n`);
  const filler = 'The on-call engineer checks the dashboard, the logs and the recent deploys before acting. ';
  const fillerLength = Math.max(0, Math.floor((5_000_000 - steps.join('').length) / calls) - 2);
  const paragraph = `${filler.repeat(Math.ceil(fillerLength / filler.length)).slice(0, fillerLength)}\n\n`;
  const page = `# Many rules\n\n${steps.map((step) => paragraph + step).join('')}`;
  return { 'content/Many.md': page, 'rules/app.yml': rules };
}

function mixedPage() {
  const logLine = '2024-05-01T12:00:00Z level=error msg="connection refused" backend=app-7 retries=3\n';
  const section = (index) =>
    `## Incident ${index}\n\nThe **backend** refused connections; see \`{{ $labels.instance }}\` and the [dashboard](https://example.com/d/${index}).\n\n` +
    `\`\`\`text\n${logLine.repeat(40)}\`\`\`\n\n- drained the pool\n- restarted app-7\n\n`;
  const sections = Math.ceil(10_000_000 / section(0).length);
  return { 'content/Big.md': `# Big\n\n${Array.from({ length: sections }, (_, index) => section(index)).join('')}` };
}

function buildTable(cases) {
  const rows = [['case', 'page size', 'build (median)', 'CPU user', 'peak RSS']];
  for (const [name, files] of cases) {
    const times = [];
    let rss = '';
    let user = '';
    for (let run = 0; run < runs; run += 1) {
      const site = path.join(work, `site-${rows.length}-${run}`);
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
        writeFileSync(path.join(site, file), text);
      }
      const started = performance.now();
      const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'RSS %M USER %U'] : [];
      const result = spawnSync(time[0] ?? process.execPath, [...time.slice(1), ...(time.length ? [process.execPath] : []), cli, 'build', '--source', site, '--quiet', '--no-cache'], { encoding: 'utf8' });
      times.push(performance.now() - started);
      if (result.status !== 0) throw new Error(`${name}: build failed\n${result.stderr}`);
      const measured = /RSS (\d+) USER ([\d.]+)/.exec(result.stderr);
      rss = measured ? `${Math.round(Number(measured[1]) / 1024)} MB` : '';
      user = measured ? `${Number(measured[2]).toFixed(1)} s` : '';
      rmSync(site, { recursive: true, force: true });
    }
    const size = Buffer.byteLength(Object.entries(files).find(([file]) => file.startsWith('content/'))[1]);
    rows.push([name, `${(size / 1e6).toFixed(1)} MB`, `${(median(times) / 1000).toFixed(1)} s`, user, rss]);
  }
  return format(rows);
}

/** The shortcode engine alone (lex, parse, expand) on sources built to trip a backtracking or rescanning scanner, and the title finder. */
async function engineTable() {
  const shortcodes = await loadShortcodes(work);
  // Every rule file exists and holds no rules, so each `rule` call is an alert-not-found warning.
  const rules = { rulesDir: work, load: (file) => ({ path: file, rules: [] }), all: () => [] };
  const expand = (source) => {
    try {
      expandShortcodes(source, { file: 'content/x.md', lineOffset: 0, shortcodes, page: { file: 'content/x.md', params: {} }, site: { baseURL: '/', params: {} }, rules, onWarning: () => {} });
    } catch (error) {
      if (error?.name !== 'SiteError') throw error;
    }
  };
  const sources = {
    'braces without shortcodes ({{ {{ ...)': (n) => '{{ '.repeat(n),
    'left delimiters without names ({{% {{% ...)': (n) => '{{%'.repeat(n),
    'an unterminated quoted argument': (n) => `{{% comment "${'a'.repeat(n)}`,
    'comments never closed ({{% comment %}} ...)': (n) => '{{% comment %}}x'.repeat(n / 16),
    'paired shortcodes nested 100 deep (the limit), repeated': (n) => `${'{{% details "A" %}}'.repeat(100)}x${'{{% /details %}}'.repeat(100)}`.repeat(n / 3200),
    'warnings everywhere (20,000 missing alerts per 2 MB)': (n) => '{{% rule "a.yml" "Missing" %}}\n'.repeat(n / 100).padEnd(n, '.'),
    'standalone calls with 50 arguments': (n) => `{{< comment ${'"a" '.repeat(50)}/>}}\n`.repeat(n / 220),
    'escaped shortcodes ({{</* x */>}})': (n) => '{{</* rule "a" */>}} '.repeat(n / 21),
  };
  const n = 2_000_000;
  const rows = [['source (shortcode engine alone)', `n = ${n / 1e6} MB`, '2n', 'ratio']];
  const cases = Object.entries(sources).map(([name, make]) => [name, make, expand]);
  // The title is the first heading; its closing-`#` trimming once backtracked quadratically.
  cases.push(['page title from a heading line of blanks and #s', (size) => `# a${' #'.repeat(size / 2)}x`, (body) => pageTitle({}, body, 'x')]);
  for (const [name, make, run] of cases) {
    const [small, large] = [make(n), make(2 * n)];
    const timeOf = (source) => median(Array.from({ length: runs }, () => {
      const started = performance.now();
      run(source);
      return performance.now() - started;
    }));
    const [a, b] = [timeOf(small), timeOf(large)];
    rows.push([name, `${a.toFixed(0)} ms`, `${b.toFixed(0)} ms`, (b / Math.max(a, 0.1)).toFixed(1)]);
  }
  return format(rows);
}

/** Issue 11's hostile inputs, each a site of its own (file → text), and the worst ones under the limits. */
function hostileInputs() {
  const emphasis = (size) => '_a_ '.repeat(size / 4);
  const row = (index) => `| app-${index} | refused | 3 | ok |\n`;
  const table = (size) => `| host | state | retries | note |\n|---|---|---|---|\n${Array.from({ length: Math.ceil(size / row(0).length) }, (_, index) => row(index)).join('')}`;
  const columns = (rows) => `|${' h |'.repeat(2000)}\n|${'---|'.repeat(2000)}\n${'x\n'.repeat(rows)}`;
  const rule = (index) => `      - alert: Alert${index}\n        expr: rate(errors_total{job="app"}[5m]) > ${index}\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: "{{ $labels.instance }} has errors"\n`;
  const rules = (size) => `groups:\n  - name: app\n    rules:\n${Array.from({ length: Math.floor((size - 40) / rule(0).length) }, (_, index) => rule(index)).join('')}`;
  const toml = (size) => `+++\ntitle = "T"\n${Array.from({ length: Math.floor((size - 20) / 24) }, (_, index) => `[t${String(index).padStart(9, '0')}]\na = 1\n`).join('')}+++\n# T\n`;
  const page = (body) => ({ 'content/Hostile.md': `# Hostile\n\n${body}\n` });
  const withRules = (text) => ({ 'content/A.md': '# A\n\n{{% rule "big.yml" "Alert1" %}}\n', 'rules/big.yml': text });
  return [
    ['1 MB single-line page of `_a_ `', page(emphasis(1_000_000))],
    ['1 MB GFM table', page(table(1_000_000))],
    ['2,000-column header, 250,000 rows', page(columns(250_000))],
    ['50 MB rule file', withRules(rules(50_000_000))],
    ['22 MB TOML front matter (tables)', { 'content/T.md': toml(22_000_000) }],
    ['under the limits: 64 KB block of `_a_ `', page(emphasis(65_000))],
    ['under the limits: 1 MB page of 64 KB `_a_ ` blocks', page(Array.from({ length: 16 }, () => emphasis(64_000)).join('\n\n'))],
    ['under the limits: 60 KB GFM table', page(table(60_000))],
    ['under the limits: 2,000 columns, 8 rows', page(columns(8))],
    ['under the limits: 1.9 MB rule file', withRules(rules(1_900_000))],
    ['under the limits: 1 MB TOML front matter', { 'content/T.md': toml(999_000) }],
  ];
}

function hostileTable() {
  const rows = [['hostile input (issue 11)', 'wall', 'CPU user', 'peak RSS', 'outcome']];
  for (const [name, files] of hostileInputs()) {
    const site = path.join(work, `hostile-${rows.length}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      writeFileSync(path.join(site, file), text);
    }
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', 'RSS %M USER %U', process.execPath, cli, 'build', '--source', site, '--quiet', '--no-cache', '--workers', '0'], { encoding: 'utf8' });
    const wall = performance.now() - started;
    const measured = /RSS (\d+) USER ([\d.]+)/.exec(result.stderr);
    const message = result.stderr.split('\n').find((line) => line.startsWith('error: '));
    const outcome = result.status === 0 ? 'built' : `exit ${result.status}: ${message?.replace(/^error: /, '').slice(0, 90) ?? result.stderr.slice(0, 90)}`;
    rows.push([name, `${(wall / 1000).toFixed(1)} s`, measured ? `${Number(measured[2]).toFixed(1)} s` : '', measured ? `${Math.round(Number(measured[1]) / 1024)} MB` : '', outcome]);
    rmSync(site, { recursive: true, force: true });
  }
  return format(rows);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function format(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ')).join('\n');
}
