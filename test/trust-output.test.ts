// A build never deletes or overwrites what is not its own, never writes outside its output folder and
// never lets one output silently replace another (issue 11). Each row builds a hostile site under a
// container folder and asserts the exit code, the message with its place, that the sources and the
// previous public/ are byte-identical afterwards and that nothing appeared elsewhere in the container.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { OUTPUT_MARKER } from '../src/write/output-update.js';
import { writeVerifiedJson } from '../src/cache/verified-file.js';
import { runCliCaptured } from './helpers/cli.js';
import { snapshotFiles, writeSite } from './helpers/site.js';

const made: string[] = [];
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Writes `files` (`-- path --` sections) as the site `<container>/site`; returns both folders. */
function containedSite(files: string): { container: string; site: string } {
  const container = writeSite(files.replace(/^-- /gm, '-- site/'));
  made.push(container);
  return { container, site: path.join(container, 'site') };
}

/** Writes `files` (`-- path --` sections) into the existing folder `site`. */
function addFiles(site: string, files: string): void {
  const sections = files.split(/^-- (.+?) --$/m).slice(1);
  for (let index = 0; index < sections.length; index += 2) {
    const file = path.join(site, sections[index]!.trim());
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, sections[index + 1]!.replace(/^\n/, ''));
  }
}

/** Every file and folder under `folder`, symlinks as their target's text, for before/after comparisons. */
function snapshotTree(folder: string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const name = path.relative(folder, file);
    tree[name] = entry.isDirectory() ? 'folder' : entry.isSymbolicLink() ? 'symlink' : readFileSync(file).toString('base64');
  }
  return tree;
}

const baseSite = `
-- config.yaml --
baseURL: https://example.org/
title: Trust
-- rules/app.yml --
groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up == 0
-- static/robots-note.txt --
static file
-- shortcodes/.keep --
-- theme/.keep --
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/runbooks/AppDown.md --
---
title: AppDown
tags: [app]
---
{{% rule "app.yml" "AppDown" %}}
`;

interface Refusal {
  readonly name: string;
  /** The destination, from the container and site folders. */
  readonly destination: (container: string, site: string) => string;
  readonly setup?: (container: string, site: string) => void;
  readonly message: (container: string, site: string) => string;
}

const hint = (site: string) => `(choose a folder outside the site's sources, e.g. ${site}/public)`;
const refusals: Refusal[] = [
  { name: 'the site folder', destination: (_c, site) => site, message: (_c, site) => `--destination ${site} is the site folder ${site} ${hint(site)}` },
  { name: "the site's parent", destination: (container) => container, message: (container, site) => `--destination ${container} holds the site folder ${site} ${hint(site)}` },
  { name: 'content/', destination: (_c, site) => `${site}/content`, message: (_c, site) => `--destination ${site}/content is the site's content folder content/ ${hint(site)}` },
  { name: 'a folder inside content/', destination: (_c, site) => `${site}/content/runbooks/new`, message: (_c, site) => `--destination ${site}/content/runbooks/new lies inside the site's content folder content/ ${hint(site)}` },
  { name: 'rules/', destination: (_c, site) => `${site}/rules`, message: (_c, site) => `--destination ${site}/rules is the site's rules folder rules/ ${hint(site)}` },
  { name: 'static/', destination: (_c, site) => `${site}/static`, message: (_c, site) => `--destination ${site}/static is the site's static folder static/ ${hint(site)}` },
  { name: 'shortcodes/', destination: (_c, site) => `${site}/shortcodes`, message: (_c, site) => `--destination ${site}/shortcodes is the site's shortcodes folder shortcodes/ ${hint(site)}` },
  { name: 'theme/', destination: (_c, site) => `${site}/theme`, message: (_c, site) => `--destination ${site}/theme is the site's theme folder theme/ ${hint(site)}` },
  { name: 'the build cache', destination: (_c, site) => `${site}/.runbook-site-cache`, message: (_c, site) => `--destination ${site}/.runbook-site-cache is the site's build cache .runbook-site-cache/ ${hint(site)}` },
  { name: 'the config file', destination: (_c, site) => `${site}/config.yaml`, message: (_c, site) => `--destination ${site}/config.yaml is the site's config file config.yaml ${hint(site)}` },
  {
    name: 'a symlink to content/',
    destination: (container) => `${container}/out`,
    setup: (container, site) => symlinkSync(`${site}/content`, `${container}/out`),
    message: (container, site) => `--destination ${container}/out is the site's content folder content/ ${hint(site)}`,
  },
  {
    name: 'a folder of foreign files',
    destination: (container) => `${container}/docs`,
    setup: (container) => {
      mkdirSync(`${container}/docs`);
      writeFileSync(`${container}/docs/notes.txt`, 'mine');
    },
    message: (container) => `--destination ${container}/docs holds files runbook-site did not write (empty it or choose another folder)`,
  },
  {
    name: 'public/ with a foreign file',
    destination: (_c, site) => `${site}/public`,
    setup: (_c, site) => {
      mkdirSync(`${site}/public`);
      writeFileSync(`${site}/public/index.html`, 'hand-written');
    },
    message: (_c, site) => `--destination ${site}/public holds files runbook-site did not write (empty it or choose another folder)`,
  },
  {
    name: 'a file',
    destination: (container) => `${container}/file`,
    setup: (container) => writeFileSync(`${container}/file`, 'x'),
    message: (container) => `--destination ${container}/file is a file, not a folder (give a folder)`,
  },
];

describe('a destination that is not runbook-site output is refused before anything is written', () => {
  test.each(refusals.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const { container, site } = containedSite(baseSite);
    row.setup?.(container, site);
    const before = snapshotTree(container);
    const run = await runCliCaptured('build', '--source', site, '--destination', row.destination(container, site), '--quiet');
    expect(run.stderr).toEqual([`error: ${row.message(container, site)}`]);
    expect(run.code).toBe(1);
    expect(snapshotTree(container)).toEqual(before);
  });

  test('an empty folder, a missing one and a previous output (its marker) are replaced', async () => {
    const { container, site } = containedSite(baseSite);
    mkdirSync(`${container}/empty`);
    for (const destination of [`${container}/empty`, `${container}/missing/deep`, `${site}/public`, `${site}/public`]) {
      const run = await runCliCaptured('build', '--source', site, '--destination', destination, '--quiet');
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(destination, OUTPUT_MARKER), 'utf8')).toContain('runbook-site');
    }
  });

  test('a destination that is a symlink stays one: the build writes the folder it leads to, made when missing', async () => {
    const { container, site } = containedSite(baseSite);
    symlinkSync(`${container}/www`, `${site}/public`);
    for (const edit of ['', '\nEdited.\n']) {
      appendFileSync(path.join(site, 'content', '_index.md'), edit);
      expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
      expect(lstatSync(`${site}/public`).isSymbolicLink()).toBe(true);
    }
    expect(readFileSync(`${container}/www/index.html`, 'utf8')).toContain('Edited.');
    // A chain of links to a folder not made yet; a loop of links is refused.
    rmSync(`${site}/public`);
    symlinkSync(`${container}/link`, `${site}/public`);
    symlinkSync(`${container}/later`, `${container}/link`);
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    expect(readFileSync(`${container}/later/index.html`, 'utf8')).toContain('Edited.');
    rmSync(`${container}/link`);
    symlinkSync(`${site}/public`, `${container}/link`);
    expect((await runCliCaptured('build', '--source', site, '--quiet')).stderr).toEqual([`error: --destination ${site}/public is a loop of symlinks (remove the symlinks or point them at a folder)`]);
  });

  test('an output written before the marker existed is recognised by the output manifest, and only if every file matches it', async () => {
    const { site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const unmarked = () => {
      rmSync(path.join(site, 'public', OUTPUT_MARKER));
      // What the previous version left: a manifest without its hash line.
      const cache = path.join(site, '.runbook-site-cache');
      for (const name of readdirSync(cache).filter((file) => file.startsWith('output-'))) {
        const text = readFileSync(path.join(cache, name), 'utf8');
        writeFileSync(path.join(cache, name), text.slice(text.indexOf('\n') + 1));
      }
    };
    unmarked();
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    unmarked();
    writeFileSync(path.join(site, 'public', 'index.html'), 'edited by hand');
    const before = snapshotTree(site);
    const run = await runCliCaptured('build', '--source', site, '--quiet');
    expect(run.stderr).toEqual([`error: --destination ${site}/public holds files runbook-site did not write (empty it or choose another folder)`]);
    expect(snapshotTree(site)).toEqual(before);
  });
});

interface HostilePage {
  readonly name: string;
  readonly files: string;
  readonly args?: readonly string[];
  /** Exit code 1 and this message, or exit code 0 and these files in public/. */
  readonly message?: string;
  readonly writes?: readonly string[];
}

const page = (name: string, frontMatter: string) => `-- content/${name} --\n---\n${frontMatter}\n---\nText.\n`;
const generatedAt = (url: string, file: string, what = `the generated ${file}`): HostilePage => ({
  name: `a page at ${url}`,
  files: page('runbooks/Clash.md', `url: ${url}`),
  message: `content/runbooks/Clash.md:1:1: Unexpected second output at ${file}: ${what} and the page content/runbooks/Clash.md both write it (give the page another \`url\`, \`slug\` or tag, or rename one of them; one would silently replace the other)`,
});

const hostilePages: HostilePage[] = [
  { name: 'url climbing into content/', files: page('runbooks/Up.md', 'url: "../content/_index.md"'), writes: ['content/_index.md'] },
  { name: 'slug climbing out of the site', files: page('runbooks/Up.md', 'slug: "../../../../x"'), writes: ['x/index.html'] },
  { name: 'absolute url climbing out of the site', files: page('runbooks/Up.md', 'url: "/../../../../tmp/trust-output-x.html"'), writes: ['tmp/trust-output-x.html'] },
  {
    name: 'tag `..` (the home page)',
    files: page('runbooks/Up.md', 'tags: [".."]'),
    message: 'content/runbooks/Up.md:1:1: Unexpected second output at index.html: the page of tag `..` (of content/runbooks/Up.md) and the page content/_index.md both write it (give the page another `url`, `slug` or tag, or rename one of them; one would silently replace the other)',
  },
  {
    name: 'tag `.` (the tags list)',
    files: page('runbooks/Up.md', 'tags: [".", "app"]'),
    message: 'content/runbooks/Up.md:1:1: Unexpected second output at tags/index.html: the page of tag `.` (of content/runbooks/Up.md) and the generated tags/index.html both write it (give the page another `url`, `slug` or tag, or rename one of them; one would silently replace the other)',
  },
  generatedAt('/sitemap.xml', 'sitemap.xml'),
  generatedAt('/robots.txt', 'robots.txt'),
  generatedAt('/alerts.json', 'alerts.json'),
  generatedAt('/404.html', '404.html'),
  generatedAt('/tags/', 'tags/index.html'),
  generatedAt('/alerts/', 'alerts/index.html'),
  generatedAt('/search/index.json', 'search/index.json'),
  // A page wins over an alert's redirect (the redirect is not written; check reports it).
  { name: 'a page at an alert redirect', files: page('runbooks/Clash.md', 'url: /alerts/AppDown/'), writes: ['alerts/AppDown/index.html'] },
  {
    name: 'an alias at a generated file',
    files: page('runbooks/Moved.md', 'aliases: [/sitemap.xml]'),
    message: 'content/runbooks/Moved.md:1:1: Unexpected second output at sitemap.xml: the generated sitemap.xml and the alias `/sitemap.xml` of content/runbooks/Moved.md both write it (give the page another `url`, `slug` or tag, or rename one of them; one would silently replace the other)',
  },
  {
    name: 'a static file at a page',
    files: '-- static/runbooks/appdown/index.html --\nstatic\n',
    message: 'content/runbooks/AppDown.md:1:1: Unexpected second output at runbooks/appdown/index.html: the page content/runbooks/AppDown.md and the static file static/runbooks/appdown/index.html both write it (give the page another `url`, `slug` or tag, or rename one of them; one would silently replace the other)',
  },
  {
    name: 'a page file where another page needs a folder',
    files: `${page('runbooks/Clash1.md', 'url: /notes.txt')}${page('runbooks/Clash2.md', 'url: /notes.txt/inner/')}`,
    message: 'content/runbooks/Clash2.md:1:1: Unexpected second output at notes.txt: the page content/runbooks/Clash1.md writes it as a file, the page content/runbooks/Clash2.md needs it as a folder (give the page another `url`, `slug` or tag, or rename one of them; one would silently replace the other)',
  },
];

describe('every output path is confined to the destination and unique', () => {
  test.each(hostilePages.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const { container, site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const publicBefore = snapshotFiles(path.join(site, 'public'));
    addFiles(site, row.files);
    const sourcesBefore = snapshotTree(site);
    const containerBefore = snapshotTree(container);
    const run = await runCliCaptured('build', '--source', site, '--quiet', ...(row.args ?? []));
    if (row.message) {
      expect(run.stderr).toEqual([`error: ${row.message}`]);
      expect(run.code).toBe(1);
      expect(snapshotTree(container)).toEqual(containerBefore);
      return;
    }
    expect(run.code).toBe(0);
    for (const file of row.writes ?? []) expect(existsSync(path.join(site, 'public', file))).toBe(true);
    expect(existsSync('/tmp/trust-output-x.html')).toBe(false);
    // Only public/ and the cache changed: every source file is as it was, nothing appeared beside the site.
    const after = snapshotTree(container);
    const outside = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([name]) => !/^site\/(public|\.runbook-site-cache)(\/|$)/.test(name)));
    expect(outside(after)).toEqual(outside(containerBefore));
    const sources = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([name]) => !/^(public|\.runbook-site-cache)(\/|$)/.test(name)));
    expect(sources(snapshotTree(site))).toEqual(sources(sourcesBefore));
    expect(snapshotFiles(path.join(site, 'public'))).not.toEqual(publicBefore);
  });

  test('two pages only built before the clash: the previous public/ is kept byte for byte', async () => {
    const { site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const before = snapshotFiles(path.join(site, 'public'));
    writeFileSync(path.join(site, 'content/runbooks/Bad.md'), '---\ntags: [".."]\n---\n');
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(1);
    expect(snapshotFiles(path.join(site, 'public'))).toEqual(before);
  });

  test('after a bad tag is removed, the cached build writes the right home page', async () => {
    const { site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const page = path.join(site, 'content/runbooks/AppDown.md');
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, original.replace('tags: [app]', 'tags: [app, ".."]'));
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(1);
    writeFileSync(page, original);
    await build({ source: site, workers: 0 });
    await build({ source: site, destination: path.join(site, 'fresh'), cache: false, workers: 0 });
    expect(snapshotFiles(path.join(site, 'public'))).toEqual(snapshotFiles(path.join(site, 'fresh')));
    expect(readFileSync(path.join(site, 'public/index.html'), 'utf8')).toContain('Welcome.');
  });
});

describe('`new` writes only inside content/', () => {
  const hostileRules = `
-- rules/evil.yml --
groups:
  - name: evil
    rules:
      - alert: ../../../../escaped
        expr: up == 0
`;
  test.each([
    ['new evil.yml ../../../../escaped', ['new', 'evil.yml', '../../../../escaped'], ['error: rules/evil.yml:4:1: Unexpected alert name "../../../../escaped" for a runbook file: it holds `/`, `\\`, NUL or is `.`/`..` (rename the alert, or write its runbook by hand and show it with the `rule` shortcode)']],
    ['new --missing', ['new', '--missing'], ['skipped: rules/evil.yml:4:1: Unexpected alert name "../../../../escaped" for a runbook file: it holds `/`, `\\`, NUL or is `.`/`..` (rename the alert, or write its runbook by hand and show it with the `rule` shortcode)', '0 runbooks written, 1 alert left without a runbook']],
  ])('%s', async (_name, args, stderr) => {
    const { container, site } = containedSite(`${baseSite}${hostileRules}`);
    const before = snapshotTree(container);
    const run = await runCliCaptured(...args, '--source', site);
    expect(run.stderr).toEqual(stderr);
    expect(run.code).toBe(1);
    expect(snapshotTree(container)).toEqual(before);
  });
});

describe('kill safety: leftovers of a killed build are finished or undone by the next one', () => {
  /** A page the build fails on after recovery, so the test sees what recovery left. */
  const broken = 'Text.\n\n{{< nosuchshortcode >}}\n';

  test('a rebuild changing most files swaps a whole new folder in (unchanged files linked), one changing few moves them in', async () => {
    // Pages enough that they, not the theme's assets, are most of the output.
    const pages = Array.from({ length: 40 }, (_, index) => `-- content/runbooks/Page${index}.md --\n# Page ${index}\n`).join('');
    const { container, site } = containedSite(`${baseSite}${pages}`);
    const output = path.join(site, 'public');
    await build({ source: site, workers: 0 });
    const inode = (file: string) => statSync(path.join(output, file)).ino;
    const [folder, staticFile] = [inode('.'), inode('robots-note.txt')];
    // A new title is in every page: the swap, a kill leaving the previous output or the new one.
    writeFileSync(path.join(site, 'config.yaml'), readFileSync(path.join(site, 'config.yaml'), 'utf8').replace('title: Trust', 'title: Trusted'));
    await build({ source: site, workers: 0 });
    expect(inode('.')).not.toBe(folder);
    expect(inode('robots-note.txt')).toBe(staticFile);
    const swapped = inode('.');
    appendFileSync(path.join(site, 'content', 'runbooks', 'AppDown.md'), '\nEdited.\n');
    await build({ source: site, workers: 0 });
    expect(inode('.')).toBe(swapped);
    expect(readFileSync(path.join(output, 'runbooks', 'appdown', 'index.html'), 'utf8')).toContain('Edited.');
    await build({ source: site, destination: path.join(container, 'fresh'), cache: false, workers: 0 });
    expect(snapshotFiles(output)).toEqual(snapshotFiles(path.join(container, 'fresh')));
  });

  test('a swap killed between its renames gets the previous output back', async () => {
    const { container, site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const previous = snapshotFiles(path.join(site, 'public'));
    // The state between the two renames: public/ moved aside, the new output not yet in place.
    mkdirSync(path.join(site, '.public.staging-killed'));
    writeFileSync(path.join(site, '.public.staging-killed', 'index.html'), 'half a new site');
    renameSync(path.join(site, 'public'), path.join(site, '.public.staging-killed.previous'));
    writeFileSync(path.join(site, 'content/runbooks/Broken.md'), broken);
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(1);
    expect(snapshotFiles(path.join(site, 'public'))).toEqual(previous);
    expect(readdirSync(site).filter((name) => name.startsWith('.public'))).toEqual([]);
    expect(readdirSync(container)).toEqual(['site']);
  });

  test('an in-place update killed part-way is rolled forward from its journal', async () => {
    const { site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const staging = path.join(site, '.public.staging-killed');
    mkdirSync(path.join(staging, 'runbooks/appdown'), { recursive: true });
    writeFileSync(path.join(staging, 'runbooks/appdown/index.html'), 'new page');
    writeFileSync(path.join(staging, 'index.html'), 'new home');
    // Killed after the stale file was deleted and the home page moved in, before the AppDown page moved.
    writeFileSync(path.join(site, '.public.journal'), JSON.stringify({ staging, moves: ['index.html', 'runbooks/appdown/index.html'], deletes: ['sitemap.xml'] }));
    renameSync(path.join(staging, 'index.html'), path.join(site, 'public/index.html'));
    writeFileSync(path.join(site, 'content/runbooks/Broken.md'), broken);
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(1);
    expect(readFileSync(path.join(site, 'public/index.html'), 'utf8')).toBe('new home');
    expect(readFileSync(path.join(site, 'public/runbooks/appdown/index.html'), 'utf8')).toBe('new page');
    expect(existsSync(path.join(site, 'public/sitemap.xml'))).toBe(false);
    expect(readdirSync(site).filter((name) => name.startsWith('.public'))).toEqual([]);
  });

  test('a journal naming files outside the destination (committed to a hostile repository) is ignored', async () => {
    const { container, site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const staging = path.join(site, '.public.staging-evil');
    mkdirSync(staging);
    writeFileSync(path.join(site, '.public.journal'), JSON.stringify({ staging, moves: [], deletes: ['../config.yaml', '../../site/rules/app.yml'] }));
    const before = snapshotTree(container);
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    const after = snapshotTree(container);
    expect(after['site/config.yaml']).toBe(before['site/config.yaml']);
    expect(after['site/rules/app.yml']).toBe(before['site/rules/app.yml']);
    expect(readdirSync(site).filter((name) => name.startsWith('.public'))).toEqual([]);
  });

  test('an output manifest naming files and folders outside the destination (committed to a hostile repository) deletes nothing there', async () => {
    const { container, site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const public_ = path.join(site, 'public');
    // Each folder recorded as it is on disk, so that it reads as unchanged and its entries are taken from here.
    const mtime = (folder: string) => statSync(path.join(public_, folder)).mtimeMs;
    forgeManifests(site, (manifest) => {
      manifest.files['../config.yaml'] = { hash: 'x', size: 1, mtimeMs: 1 };
      manifest.files['../rules/app.yml'] = { hash: 'x', size: 1, mtimeMs: 1 };
      manifest.files['/etc/hostname'] = { hash: 'x', size: 1, mtimeMs: 1 };
      manifest.folders['..'] = mtime('..');
      manifest.folders['../rules'] = mtime('../rules');
      manifest.folders[''] = mtime('');
    });
    appendFileSync(path.join(site, 'content/runbooks/AppDown.md'), '\nEdited.\n');
    const before = snapshotTree(container);
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    const after = snapshotTree(container);
    expect(after['site/config.yaml']).toBe(before['site/config.yaml']);
    expect(after['site/rules/app.yml']).toBe(before['site/rules/app.yml']);
    expect(readFileSync(path.join(public_, 'runbooks/appdown/index.html'), 'utf8')).toContain('Edited.');
  });

  /** Rewrites the output manifests of the cache with `change`, hashed as the build writes them (what a hostile repository could commit). */
  function forgeManifests(site: string, change: (manifest: { files: Record<string, unknown>; folders: Record<string, number> }) => void): void {
    const cache = path.join(site, '.runbook-site-cache');
    for (const name of readdirSync(cache).filter((file) => file.startsWith('output-'))) {
      const manifest = JSON.parse(readFileSync(path.join(cache, name), 'utf8').split('\n')[1]!) as { files: Record<string, unknown>; folders: Record<string, number> };
      change(manifest);
      writeVerifiedJson(path.join(cache, name), manifest);
    }
  }

  test('a page folder swapped for a symlink to outside, hidden from a forged manifest, is replaced: nothing is written through it', async () => {
    const { container, site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const runbooks = path.join(site, 'public/runbooks');
    const { mtimeNs } = statSync(runbooks, { bigint: true });
    mkdirSync(path.join(container, 'outside'));
    rmSync(path.join(runbooks, 'appdown'), { recursive: true });
    symlinkSync(path.join(container, 'outside'), path.join(runbooks, 'appdown'));
    // The folder's mtime set back to the nanosecond, as `touch -d` does: the change is hidden from the mtime check.
    execFileSync('touch', ['-d', `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`, runbooks]);
    expect(statSync(runbooks, { bigint: true }).mtimeNs).toBe(mtimeNs);
    forgeManifests(site, (manifest) => {
      delete manifest.files['runbooks/appdown/index.html'];
      delete manifest.folders['runbooks/appdown'];
    });
    appendFileSync(path.join(site, 'content/runbooks/AppDown.md'), '\nEdited.\n');
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    expect(readdirSync(path.join(container, 'outside'))).toEqual([]);
    expect(lstatSync(path.join(runbooks, 'appdown')).isDirectory()).toBe(true);
    await build({ source: site, destination: path.join(container, 'fresh'), cache: false, workers: 0 });
    expect(snapshotFiles(path.join(site, 'public'))).toEqual(snapshotFiles(path.join(container, 'fresh')));
  });

  test('a forged manifest naming a folder as a file is no stale file: the build succeeds, as an uncached one', async () => {
    const { container, site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    forgeManifests(site, (manifest) => {
      manifest.files.runbooks = { hash: 'x', size: 1, mtimeMs: 1 };
    });
    writeFileSync(path.join(site, 'content/runbooks/Added.md'), '---\ntitle: Added\n---\nText.\n');
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    expect(readdirSync(site).filter((name) => name.startsWith('.public'))).toEqual([]);
    await build({ source: site, destination: path.join(container, 'fresh'), cache: false, workers: 0 });
    expect(snapshotFiles(path.join(site, 'public'))).toEqual(snapshotFiles(path.join(container, 'fresh')));
  });

  test('staging folders of killed builds (output and cache) are removed', async () => {
    const { site } = containedSite(baseSite);
    await build({ source: site, workers: 0 });
    const dead = deadPid();
    for (const name of ['.public.staging-abc', '.public.staging-abc.previous', `.runbook-site-cache.staging-${dead}-xyz`]) {
      mkdirSync(path.join(site, name));
      writeFileSync(path.join(site, name, 'index.html'), 'left behind');
    }
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    expect(readdirSync(site).filter((name) => name.includes('staging'))).toEqual([]);
  });

  test('a build whose destination is locked by a running build is refused; a dead owner\'s lock is taken over', async () => {
    const { site } = containedSite(baseSite);
    const running = spawn('sleep', ['30']);
    try {
      writeFileSync(path.join(site, '.public.lock'), String(running.pid));
      const run = await runCliCaptured('build', '--source', site, '--quiet');
      expect(run.stderr).toEqual([`error: another runbook-site build (pid ${running.pid}) is writing ${site}/public (wait for it to finish; if no build is running, delete ${site}/.public.lock)`]);
      expect(run.code).toBe(1);
      expect(existsSync(path.join(site, 'public'))).toBe(false);
    } finally {
      running.kill();
    }
    writeFileSync(path.join(site, '.public.lock'), String(deadPid()));
    expect((await runCliCaptured('build', '--source', site, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(site, '.public.lock'))).toBe(false);
  });
});

test('the output is world-readable (folders 0755, files 0644) whatever mkdtemp makes', async () => {
  const { site } = containedSite(baseSite);
  const umask = process.umask(0o022);
  try {
    await build({ source: site, workers: 0 });
    await build({ source: site, workers: 0, cache: false });
  } finally {
    process.umask(umask);
  }
  const modes = new Set<string>();
  const publicDir = path.join(site, 'public');
  modes.add(`folder ${(statSync(publicDir).mode & 0o777).toString(8)}`);
  for (const entry of readdirSync(publicDir, { recursive: true, withFileTypes: true })) {
    const stats = statSync(path.join(entry.parentPath, entry.name));
    modes.add(`${entry.isDirectory() ? 'folder' : 'file'} ${(stats.mode & 0o777).toString(8)}`);
  }
  expect([...modes].sort()).toEqual(['file 644', 'folder 755']);
  chmodSync(publicDir, 0o755);
});

test('pages whose file names hold #, %, %41, \\ or spaces are reachable through their links and sitemap entries; check agrees', async () => {
  const names = ['Hash#Tag', 'Percent%41', 'Back\\Slash', 'Two Words', 'Plus+At@'];
  const { site } = containedSite(`${baseSite}${names.map((name) => `-- content/odd/${name}.md --\n---\ntitle: ${JSON.stringify(name)}\n---\nText.\n`).join('')}-- content/odd/Links.md --
---
title: Links
---
[hash](/odd/hash%23tag/) [percent](/odd/percent%2541/) [back](/odd/back%5Cslash/) [words](/odd/two-words/)

[unencoded](/odd/hash#tag/) leads to /odd/hash, which is nothing.
`);
  await build({ source: site, workers: 0 });
  const publicDir = path.join(site, 'public');
  const section = readFileSync(path.join(publicDir, 'odd/index.html'), 'utf8');
  const sitemap = readFileSync(path.join(publicDir, 'sitemap.xml'), 'utf8');
  const hrefs = [...section.matchAll(/href="(\/odd\/[^"]+)"/g)].map((match) => match[1]!);
  const locs = [...sitemap.matchAll(/<loc>https:\/\/example\.org(\/odd\/[^<]+)<\/loc>/g)].map((match) => match[1]!);
  expect(hrefs).toEqual(expect.arrayContaining(['/odd/hash%23tag/', '/odd/percent%2541/', '/odd/back%5Cslash/', '/odd/two-words/', '/odd/plus+at@/']));
  expect(locs).toHaveLength(names.length + 1);
  // As a server resolves them: the URL's path decoded, then the file it names.
  for (const url of new Set([...hrefs, ...locs])) {
    const pathname = new URL(url, 'https://example.org').pathname;
    expect(existsSync(path.join(publicDir, decodeURIComponent(pathname), 'index.html')), url).toBe(true);
  }
  const check = await runCliCaptured('check', '--source', site, '--format', 'json');
  const findings = (JSON.parse(check.stdout.join('\n')) as { findings: { kind: string; url?: string }[] }).findings;
  expect(findings.filter((finding) => finding.kind === 'broken-link').map((finding) => finding.url)).toEqual(['/odd/hash#tag/']);
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$']);
  return Number.parseInt(child.stdout.toString(), 10);
}
