// The build cache never serves a stale page: after each kind of edit (page, rule file, shortcode, theme,
// config) a cached build writes exactly what an uncached build writes, re-rendering only the pages the
// edit affects. And worker builds (compiled CLI) write the same bytes as in-thread builds.

import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { snapshotFiles, writeSite } from './helpers/site.js';

const root = path.resolve(import.meta.dirname, '..');

const site = `
-- config.yaml --
baseURL: https://example.org/docs/
title: Cache test
-- rules/db.yml --
groups:
  - name: db
    rules:
      - alert: DbDown
        expr: up{job="db"} == 0
-- rules/later.yml --
groups:
  - name: later
    rules:
      - alert: Sooner
        expr: vector(0)
-- rules/web.yml --
groups:
  - name: web
    rules:
      - alert: WebSlow
        expr: latency > 1
-- shortcodes/note.mjs --
export default (args) => '<aside class="note">' + args.positional[0] + '</aside>';
-- theme/assets/extra.css --
body { color: black; }
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/runbooks/_index.md --
---
title: Runbooks
---
-- content/runbooks/DbDown.md --
---
title: DbDown
---
{{% rule "db.yml" "DbDown" %}}
-- content/runbooks/WebSlow.md --
---
title: WebSlow
---
{{% rule "web.yml" "WebSlow" %}}
-- content/runbooks/Notes.md --
---
title: Notes
---
{{< note "Remember the backups" >}}
-- content/runbooks/Missing.md --
---
title: Missing
---
{{% rule "later.yml" "Later" %}}
`;

/** A cached build and an uncached build of the site; expects the same files and returns what changed since `before`. */
async function rebuild(siteDir: string, before: Record<string, Buffer>) {
  const result = await build({ source: siteDir, destination: path.join(siteDir, 'public') });
  const cached = snapshotFiles(path.join(siteDir, 'public'));
  await build({ source: siteDir, destination: path.join(siteDir, 'fresh'), cache: false });
  expect(cached).toEqual(snapshotFiles(path.join(siteDir, 'fresh')));
  const changed = Object.keys(cached).filter((file) => !before[file]?.equals(cached[file]!)).sort();
  return { result, files: cached, changedPages: changed.filter((file) => file.endsWith('index.html') && !file.startsWith('alerts/')) };
}

describe('build cache', () => {
  test('an unchanged site renders nothing again and writes the same bytes', async () => {
    const siteDir = writeSite(site);
    const first = await rebuild(siteDir, {});
    expect(first.result.rendered).toBe(first.result.pages);
    const second = await rebuild(siteDir, first.files);
    expect(second.result.rendered).toBe(0);
    expect(second.changedPages).toEqual([]);
    expect(second.result.warnings).toEqual(first.result.warnings); // replayed from the cache, in order
    expect(second.result.warnings.map((warning) => warning.ruleId)).toEqual(['rule/alert-not-found']);
  });

  test('a page edit re-renders that page only', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    appendFileSync(path.join(siteDir, 'content/runbooks/WebSlow.md'), '\nCheck the load balancer.\n');
    const after = await rebuild(siteDir, files);
    expect(after.result.rendered).toBe(1);
    expect(after.changedPages).toEqual(['runbooks/webslow/index.html']);
    expect(after.files['runbooks/webslow/index.html']!.toString()).toContain('Check the load balancer.');
  });

  test('a rule file edit re-renders exactly the pages that show its rules', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    writeFileSync(path.join(siteDir, 'rules/db.yml'), 'groups:\n  - name: db\n    rules:\n      - alert: DbDown\n        expr: up{job="postgres"} == 0\n');
    const after = await rebuild(siteDir, files);
    expect(after.result.rendered).toBe(1);
    expect(after.changedPages).toEqual(['runbooks/dbdown/index.html']);
    expect(after.files['runbooks/dbdown/index.html']!.toString()).toContain('postgres');
  });

  test('an alert appearing in its rule file re-renders the page that asked for it', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    writeFileSync(path.join(siteDir, 'rules/later.yml'), 'groups:\n  - name: later\n    rules:\n      - alert: Sooner\n        expr: vector(0)\n      - alert: Later\n        expr: vector(1)\n');
    const after = await rebuild(siteDir, files);
    expect(after.result.rendered).toBe(1);
    expect(after.changedPages).toEqual(['runbooks/missing/index.html']);
    expect(after.result.warnings).toEqual([]);
  });

  test('a shortcode edit changes the pages using it', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    writeFileSync(path.join(siteDir, 'shortcodes/note.mjs'), "export default (args) => '<aside class=\"warning\">' + args.positional[0] + '</aside>';\n");
    const after = await rebuild(siteDir, files);
    expect(after.changedPages).toEqual(['runbooks/notes/index.html']);
    expect(after.files['runbooks/notes/index.html']!.toString()).toContain('class="warning"');
  });

  test('a theme file edit changes every page drawn with it', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    mkdirSync(path.join(siteDir, 'theme/assets'), { recursive: true });
    writeFileSync(path.join(siteDir, 'theme/assets/style.css'), 'body { color: navy; }\n');
    const after = await rebuild(siteDir, files);
    expect(after.changedPages).toEqual(expect.arrayContaining(['index.html', 'runbooks/dbdown/index.html', 'runbooks/notes/index.html']));
  });

  test('a config edit changes every page', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    writeFileSync(path.join(siteDir, 'config.yaml'), 'baseURL: https://example.org/docs/\ntitle: Renamed site\n');
    const after = await rebuild(siteDir, files);
    expect(after.changedPages).toEqual(expect.arrayContaining(['index.html', 'runbooks/index.html', 'runbooks/webslow/index.html']));
    expect(after.files['runbooks/webslow/index.html']!.toString()).toContain('Renamed site');
  });

  test('a new page re-renders the pages that list it', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    writeFileSync(path.join(siteDir, 'content/runbooks/Another.md'), '---\ntitle: Another runbook\n---\nText.\n');
    const after = await rebuild(siteDir, files);
    expect(after.changedPages).toEqual(expect.arrayContaining(['runbooks/another/index.html', 'runbooks/index.html']));
    expect(after.files['runbooks/index.html']!.toString()).toContain('Another runbook');
  });

  test('a deleted page disappears from the output', async () => {
    const siteDir = writeSite(site);
    const { files } = await rebuild(siteDir, {});
    expect(files['runbooks/notes/index.html']).toBeDefined();
    execFileSync('rm', [path.join(siteDir, 'content/runbooks/Notes.md')]);
    const after = await rebuild(siteDir, files);
    expect(after.files['runbooks/notes/index.html']).toBeUndefined();
  });

  test('in a git checkout, a commit re-renders the pages it changed, each showing its own last commit date', async () => {
    const siteDir = writeSite(site);
    const commit = (date: string) => {
      const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
      execFileSync('git', ['add', '-A'], { cwd: siteDir, stdio: 'pipe' });
      execFileSync('git', ['commit', '-q', '-m', date], { cwd: siteDir, env, stdio: 'pipe' });
    };
    execFileSync('git', ['init', '-q'], { cwd: siteDir, stdio: 'pipe' });
    commit('2026-01-05T10:00:00Z');
    const first = await rebuild(siteDir, {});
    expect(first.files['runbooks/notes/index.html']!.toString()).toContain('<time datetime="2026-01-05T10:00:00+00:00">2026-01-05</time>');
    appendFileSync(path.join(siteDir, 'content/runbooks/WebSlow.md'), '\nCheck the load balancer.\n');
    commit('2026-02-07T10:00:00Z');
    const second = await rebuild(siteDir, first.files);
    expect(second.result.rendered).toBe(1);
    expect(second.changedPages).toEqual(['runbooks/webslow/index.html']);
    expect(second.files['runbooks/webslow/index.html']!.toString()).toContain('<time datetime="2026-02-07T10:00:00+00:00">2026-02-07</time>');
    expect(second.files['runbooks/notes/index.html']!.toString()).toContain('<time datetime="2026-01-05T10:00:00+00:00">2026-01-05</time>');
  });

  test('the caches of all but the newest few base URLs and output folders are removed, the newest kept whole', async () => {
    const siteDir = writeSite(site);
    const cacheDir = path.join(siteDir, '.runbook-site-cache');
    const buildAt = (run: number) => build({ source: siteDir, destination: path.join(siteDir, `out-${run}`), baseURL: `https://example.org/v${run}/`, workers: 0 });
    for (let run = 0; run < 10; run += 1) await buildAt(run);
    const cached = (prefix: string) => readdirSync(cacheDir).filter((name) => name.startsWith(prefix));
    expect(cached('pages-')).toHaveLength(4);
    expect(cached('output-')).toHaveLength(8);
    appendFileSync(path.join(siteDir, 'content/runbooks/WebSlow.md'), '\nCheck the load balancer.\n');
    // The newest base URL's pages are all still kept; the oldest one's were removed.
    expect((await buildAt(9)).rendered).toBe(1);
    expect((await buildAt(0)).rendered).toBe((await buildAt(0)).pages);
  });

  test('a build failing after pages were rendered leaves the output and the cache as they were', async () => {
    const siteDir = writeSite(site);
    await rebuild(siteDir, {});
    appendFileSync(path.join(siteDir, 'content/runbooks/WebSlow.md'), '\n{{% rule "web.yml" "NoSuchAlert" %}}\n');
    const before = snapshotFiles(siteDir);
    // --strict fails on the warning only once every page is rendered and written to the staging folder.
    await expect(build({ source: siteDir, strict: true })).rejects.toThrow(/--strict turns the 2 warning/);
    expect(snapshotFiles(siteDir)).toEqual(before);
    expect((await build({ source: siteDir })).rendered).toBe(1);
  });
});

const bodySite = `${site}
-- content/runbooks/Links.md --
---
title: Links
owner: team-a
weight: 5
---
Owned by {{< param "owner" >}}. See [the db runbook]({{< relref "DbDown.md" >}}) and {{< ref "WebSlow.md" >}}.
`;

/** Page bodies (shortcodes, Markdown) rendered once per content, whatever else changes. */
describe('body cache', () => {
  test('after each edit in a sequence, a cached build writes what an uncached one writes, and renders only the bodies the edit reaches', async () => {
    const siteDir = writeSite(bodySite);
    const change = (file: string, update: (text: string) => string) => edit(siteDir, file, update);
    let { files, result } = await rebuild(siteDir, {});
    expect(result.renderedBodies).toBe(result.pages);
    const steps: [string, () => void, number][] = [
      ['text', () => appendFileSync(path.join(siteDir, 'content/runbooks/WebSlow.md'), '\nCheck the load balancer.\n'), 1],
      ['title (menus change everywhere, bodies do not)', () => change('content/runbooks/DbDown.md', (text) => text.replace('title: DbDown', 'title: Database down')), 0],
      ['weight', () => change('content/runbooks/Links.md', (text) => text.replace('weight: 5', 'weight: 1')), 0],
      ['front matter a shortcode reads', () => change('content/runbooks/Links.md', (text) => text.replace('team-a', 'team-b')), 1],
      ['draft', () => change('content/runbooks/Notes.md', (text) => text.replace('title: Notes', 'title: Notes\ndraft: true')), 0],
      ['url of a page a ref links to', () => change('content/runbooks/WebSlow.md', (text) => text.replace('title: WebSlow', 'title: WebSlow\nslug: web-slow')), 2],
      // The alerts index counts copies that drift from their rule; search indexes the new words.
      ['a drifted rule copy in a comment', () => appendFileSync(path.join(siteDir, 'content/runbooks/DbDown.md'), '\n{{% comment %}}\n```yaml\n- alert: DbDown\n  expr: up == 0\n```\n{{% /comment %}}\nCall the database team.\n'), 1],
      // The body moves down a line, and a body's warnings name file lines: it renders again.
      ['tags (a term page appears)', () => change('content/runbooks/WebSlow.md', (text) => text.replace('title: WebSlow', 'title: WebSlow\ntags: [web]')), 1],
      ['rule file', () => writeFileSync(path.join(siteDir, 'rules/db.yml'), 'groups:\n  - name: db\n    rules:\n      - alert: DbDown\n        expr: up{job="postgres"} == 0\n'), 1],
      ['config title', () => change('config.yaml', (text) => text.replace('title: Cache test', 'title: Renamed site')), 0],
      ['theme', () => writeFileSync(path.join(siteDir, 'theme/assets/extra.css'), 'body { color: navy; }\n'), 0],
      ['draft back', () => change('content/runbooks/Notes.md', (text) => text.replace('draft: true\n', '')), 1],
      ['shortcode', () => writeFileSync(path.join(siteDir, 'shortcodes/note.mjs'), "export default (args) => '<aside class=\"warning\">' + args.positional[0] + '</aside>';\n"), 7],
      ['config params', () => change('config.yaml', (text) => `${text}params:\n  BookSection: runbooks\n`), 7],
    ];
    for (const [what, apply, bodies] of steps) {
      apply();
      ({ files, result } = await rebuild(siteDir, files));
      expect({ what, bodies: result.renderedBodies }).toEqual({ what, bodies });
    }
    expect(files['runbooks/links/index.html']!.toString()).toContain('Owned by team-b');
    expect(files['runbooks/links/index.html']!.toString()).toContain('/docs/runbooks/web-slow/');
    expect(files['runbooks/notes/index.html']!.toString()).toContain('class="warning"');
    expect(files['tags/web/index.html']!.toString()).toContain('/docs/runbooks/web-slow/');
  });

  test('bodies are shared across base URLs: only those that read the base URL render again', async () => {
    const siteDir = writeSite(bodySite);
    await build({ source: siteDir, destination: path.join(siteDir, 'public') });
    const other = await build({ source: siteDir, destination: path.join(siteDir, 'other'), baseURL: 'http://127.0.0.1:1313/docs/' });
    expect(other.rendered).toBe(other.pages);
    expect(other.renderedBodies).toBe(1); // Links.md: {{< ref >}} is an absolute URL
    await build({ source: siteDir, destination: path.join(siteDir, 'fresh'), baseURL: 'http://127.0.0.1:1313/docs/', cache: false });
    expect(snapshotFiles(path.join(siteDir, 'other'))).toEqual(snapshotFiles(path.join(siteDir, 'fresh')));
  });

  test('a corrupt, missing or foreign body file is a miss and is rendered again', async () => {
    const siteDir = writeSite(bodySite);
    await build({ source: siteDir });
    const trees = path.join(siteDir, '.runbook-site-cache/bodies/trees');
    const [first, second, third] = readdirSync(trees);
    writeFileSync(path.join(trees, first!), readFileSync(path.join(trees, first!), 'utf8').replace(/"value":"[^"]*"/, '"value":"tampered"'));
    rmSync(path.join(trees, second!));
    writeFileSync(path.join(trees, third!), '{"type":"root"');
    edit(siteDir, 'config.yaml', (text) => text.replace('title: Cache test', 'title: Renamed site'));
    const result = await build({ source: siteDir });
    expect(result.renderedBodies).toBe(3);
    await build({ source: siteDir, destination: path.join(siteDir, 'fresh'), cache: false });
    expect(snapshotFiles(path.join(siteDir, 'public'))).toEqual(snapshotFiles(path.join(siteDir, 'fresh')));
  });
});

function edit(siteDir: string, file: string, change: (text: string) => string) {
  writeFileSync(path.join(siteDir, file), change(readFileSync(path.join(siteDir, file), 'utf8')));
}

describe('render workers (compiled CLI)', () => {
  beforeAll(() => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
    } catch {
      // type errors still emit JavaScript; the builds below tell whether it runs
    }
  }, 300_000);

  test('workers write the same bytes and report warnings in page order', () => {
    const siteDir = writeSite(`${site}${numberedPages((index) => ({ body: index % 7 === 0 ? `{{% rule "db.yml" "Nope${index}" %}}` : '{{% rule "db.yml" "DbDown" %}}' }))}`);
    const inThread = warningsOf(cliBuild(siteDir, 'serial', '--workers', '0'));
    const parallel = warningsOf(cliBuild(siteDir, 'parallel', '--workers', '2'));
    expect(snapshotFiles(path.join(siteDir, 'parallel'))).toEqual(snapshotFiles(path.join(siteDir, 'serial')));
    expect(parallel).toEqual(inThread);
    expect(parallel).toHaveLength(22 + 1);
  });

  test('with workers, a build that fails reports the first failing page, as a build without them does', () => {
    // Every page from Page005 on fails as it renders, and each page before them takes 0.4 s. A worker is
    // ready while the build's thread renders the first ones and takes a batch holding Page005; the build's
    // thread goes on after that batch, and its first page fails before the worker gets to Page005.
    const siteDir = writeSite(`${site}-- shortcodes/slow.mjs --
export default function slow() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
  return 'Text.';
}
${numberedPages((index) => ({ body: index >= 5 ? '[x]({{< ref "absent.md" >}})' : '{{< slow >}}' }))}`);
    const cli = (...args: string[]) => cliBuild(siteDir, 'out', ...args);
    const inThread = cli('--workers', '0');
    expect(inThread.status).toBe(1);
    expect(inThread.stderr).toMatch(/^error: content\/runbooks\/Page005\.md:4:5: Unexpected `ref` target `absent\.md`/m);
    for (const workers of ['1', '2']) {
      const parallel = cli('--workers', workers);
      expect(parallel.status).toBe(1);
      expect(parallel.stderr).toBe(inThread.stderr);
    }
    expect(existsSync(path.join(siteDir, 'out'))).toBe(false);
  });

  test('with workers, generated files drawn ahead are written after the pages: a collision reads as without workers', () => {
    const siteDir = writeSite(`${site}${numberedPages((index) => ({ frontMatter: index === 140 ? 'url: /robots.txt\n' : '', body: 'Text.' }))}`);
    const cli = (...args: string[]) => cliBuild(siteDir, 'out', ...args);
    const inThread = cli('--workers', '0');
    expect(inThread.status).toBe(1);
    expect(inThread.stderr).toMatch(/^error: content\/runbooks\/Page140\.md:1:1: Unexpected second output at robots\.txt: the generated robots\.txt and the page content\/runbooks\/Page140\.md both write it/m);
    const parallel = cli('--workers', '1');
    expect(parallel.status).toBe(1);
    expect(parallel.stderr).toBe(inThread.stderr);
  });

  test('with workers, a generated file written early that collides with a static file is reported after the pages\' errors, as without workers', () => {
    const siteDir = writeSite(`${site}-- static/robots.txt --\nUser-agent: *\n${numberedPages((index) => ({ body: index >= 5 ? '[x]({{< ref "absent.md" >}})' : 'Text.' }))}`);
    const cli = (...args: string[]) => cliBuild(siteDir, 'out', ...args);
    const inThread = cli('--workers', '0');
    expect(inThread.stderr).toMatch(/^error: content\/runbooks\/Page005\.md:4:5: Unexpected `ref` target `absent\.md`/m);
    expect(cli('--workers', '1').stderr).toBe(inThread.stderr);
    // Without the page errors, the collision is the error either way.
    for (let index = 5; index < 150; index += 1) writeFileSync(path.join(siteDir, `content/runbooks/Page${String(index).padStart(3, '0')}.md`), `---\ntitle: Page ${index}\n---\nText.\n`);
    const collision = cli('--workers', '1');
    expect(collision.stderr).toMatch(/^error: .*Unexpected second output at robots\.txt/m);
    expect(cli('--workers', '0').stderr).toBe(collision.stderr);
  });

  test('a worker that dies (a site module\'s process.exit) fails the build with one error line and writes nothing', () => {
    // A site shortcode that ends the worker thread it runs in at its tenth page; the build's own thread
    // never stops, and takes 20 ms a page, so that the worker is ready long before the queue is empty.
    // An uncaught error in a worker takes the same way out (its 'error' event), at a time that depends on timing.
    const siteDir = writeSite(`${site}-- shortcodes/boom.mjs --
import { isMainThread } from 'node:worker_threads';
let count = 0;
export default function boom() {
  if (isMainThread) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  else if (++count === 10) process.exit(3);
  return 'ok';
}
${numberedPages(() => ({ body: '{{< boom >}}' }))}`);
    const child = cliBuild(siteDir, 'out', '--workers', '1');
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/^error: a render worker stopped with exit code 3 while rendering pages/m);
    // One error line, no stack (the site's warnings come before it).
    expect(child.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: ')), child.stderr).toHaveLength(1);
    expect(existsSync(path.join(siteDir, 'out'))).toBe(false);
  });

  test('a site module\'s process.exit(0) in the build\'s own thread is an error too, never a success', () => {
    const siteDir = writeSite(`${site}-- shortcodes/boom.mjs --
export default function boom() {
  process.exit(0);
}
${numberedPages(() => ({ body: '{{< boom >}}' }))}`);
    const child = cliBuild(siteDir, 'out', '--workers', '0');
    expect(child.status).toBe(1);
    expect(child.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '))).toEqual(['error: the command ended before it finished (exit code 0): a site module called process.exit()?']);
    expect(existsSync(path.join(siteDir, 'out'))).toBe(false);
  });
});

/** 150 pages content/runbooks/Page000.md…Page149.md in writeSite's format, each titled and with its own front matter lines and body. */
function numberedPages(page: (index: number) => { frontMatter?: string; body: string }): string {
  return Array.from({ length: 150 }, (_, index) => {
    const { frontMatter = '', body } = page(index);
    return `-- content/runbooks/Page${String(index).padStart(3, '0')}.md --\n---\ntitle: Page ${index}\n${frontMatter}---\n${body}\n`;
  }).join('');
}

/** `build --no-cache` of the compiled CLI into `siteDir/destination`. */
function cliBuild(siteDir: string, destination: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync('node', [path.join(root, 'dist/src/cli/bin.js'), 'build', '--source', siteDir, '--destination', path.join(siteDir, destination), '--no-cache', ...args], { encoding: 'utf8' });
}

/** The warning lines of a CLI build, in order; fails on a failed build. */
function warningsOf(child: SpawnSyncReturns<string>): string[] {
  if (child.status !== 0) throw new Error(`build failed (${child.status}): ${child.stderr}`);
  return child.stderr.split('\n').filter((line) => line.startsWith('warning: '));
}
