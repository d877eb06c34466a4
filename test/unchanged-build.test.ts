// The unchanged build (src/cache/unchanged-build.ts) and check (src/check/check-site.ts): a cached build of a site whose inputs and output are
// as the last build left them loads nothing of the site and writes nothing, yet reports what that build
// reported; any change to an input or to the output folder makes it a real build, whose output is what
// an uncached build writes. Whether a build was a real one shows in the site folder: a real build writes
// its caches (at least its record of the build), an unchanged one writes no file at all.

import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build, type BuildOptions } from '../src/build/build.js';
import { checkSite } from '../src/check/check-site.js';
import { runInputs } from '../src/cache/input-records.js';
import { writeVerifiedJson } from '../src/cache/verified-file.js';
import { snapshotFiles, temporaryFolder, writeSite } from './helpers/site.js';

const site = `
-- config.yaml --
baseURL: https://example.org/docs/
title: Unchanged test
-- rules/db.yml --
groups:
  - name: db
    rules:
      - alert: DbDown
        expr: up{job="db"} == 0
-- shortcodes/note.mjs --
export default (args) => '<aside class="note">' + args.positional[0] + '</aside>';
-- static/extra.txt --
extra
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

{{< note "Check the replicas" >}}
-- content/runbooks/Draft.md --
---
title: Draft
draft: true
---
Not yet.
-- content/runbooks/Missing.md --
---
title: Missing
---
{{% rule "db.yml" "NoSuchAlert" %}}
`;

/** A built site. */
async function builtSite() {
  const siteDir = writeSite(site);
  const first = await build({ source: siteDir, workers: 0 });
  return { siteDir, first, output: path.join(siteDir, 'public') };
}

/** Runs a build of `siteDir` and tells whether it was a real one: whether any file in the site folder changed. */
async function isRealBuild(siteDir: string, options: BuildOptions = {}): Promise<boolean> {
  const before = JSON.stringify(filesWithTimes(siteDir));
  await build({ source: siteDir, workers: 0, ...options });
  return JSON.stringify(filesWithTimes(siteDir)) !== before;
}

/** Every file of `folder` with its bytes and mtime, to tell "nothing written" from "the same bytes written". */
function filesWithTimes(folder: string) {
  return Object.fromEntries(Object.entries(snapshotFiles(folder)).map(([file, bytes]) => [file, { bytes: bytes.toString('base64'), mtimeMs: statSync(path.join(folder, file)).mtimeMs }]));
}

/** Expects the cached build's output to be what an uncached build of the same options writes. */
async function expectAsUncached(siteDir: string, options: BuildOptions = {}) {
  const fresh = path.join(temporaryFolder('fresh'), 'out');
  await build({ ...options, source: siteDir, destination: fresh, cache: false, workers: 0 });
  expect(snapshotFiles(options.destination ?? path.join(siteDir, 'public'))).toEqual(snapshotFiles(fresh));
}

describe('unchanged build', () => {
  test('writes nothing, in the output or the site, and reports what the last build reported', async () => {
    const { siteDir, first } = await builtSite();
    const before = JSON.stringify(filesWithTimes(siteDir));
    const warned: string[] = [];
    const again = await build({ source: siteDir, onWarning: (warning) => warned.push(warning.reason) });
    expect(JSON.stringify(filesWithTimes(siteDir))).toBe(before);
    expect({ ...again, durationMs: 0 }).toEqual({ ...first, rendered: 0, renderedBodies: 0, durationMs: 0 });
    expect(warned).toEqual(first.warnings.map((warning) => warning.reason));
    expect(warned).toEqual([expect.stringContaining('NoSuchAlert')]);
    await expect(build({ source: siteDir, strict: true })).rejects.toThrow(/--strict turns the warning into an error/);
    expect(JSON.stringify(filesWithTimes(siteDir))).toBe(before);
  });

  const inputChanges: [string, (siteDir: string) => void][] = [
    ['a page edited', (siteDir) => appendFileSync(path.join(siteDir, 'content/runbooks/DbDown.md'), '\nCheck the disk.\n')],
    ['a page added', (siteDir) => writeFileSync(path.join(siteDir, 'content/runbooks/New.md'), '---\ntitle: New\n---\nText.\n')],
    ['a page removed', (siteDir) => rmSync(path.join(siteDir, 'content/runbooks/Missing.md'))],
    ['a rule file edited', (siteDir) => writeFileSync(path.join(siteDir, 'rules/db.yml'), 'groups:\n  - name: db\n    rules:\n      - alert: NoSuchAlert\n        expr: vector(1)\n')],
    ['a static file edited', (siteDir) => writeFileSync(path.join(siteDir, 'static/extra.txt'), 'changed\n')],
    ['the config edited', (siteDir) => writeFileSync(path.join(siteDir, 'config.yaml'), 'baseURL: https://example.org/docs/\ntitle: Renamed\n')],
    ['a config file of higher precedence added', (siteDir) => writeFileSync(path.join(siteDir, 'hugo.yaml'), 'baseURL: https://example.org/other/\ntitle: Hugo named\n')],
    ['a theme asset added', (siteDir) => {
      mkdirSync(path.join(siteDir, 'theme/assets'), { recursive: true });
      writeFileSync(path.join(siteDir, 'theme/assets/style.css'), 'body { color: navy; }\n');
    }],
    ['a shortcode edited', (siteDir) => appendFileSync(path.join(siteDir, 'shortcodes/note.mjs'), '// edited\n')],
    ['packages installed in the site', (siteDir) => {
      mkdirSync(path.join(siteDir, 'node_modules'), { recursive: true });
      writeFileSync(path.join(siteDir, 'node_modules/.package-lock.json'), '{"lockfileVersion": 3}\n');
    }],
  ];
  test.each(inputChanges)('%s: a real build, as an uncached one', async (_, change) => {
    const { siteDir } = await builtSite();
    change(siteDir);
    expect(await isRealBuild(siteDir)).toBe(true);
    await expectAsUncached(siteDir);
    expect(await isRealBuild(siteDir)).toBe(false);
  });

  const outputChanges: [string, (output: string) => void][] = [
    ['a file deleted', (output) => rmSync(path.join(output, 'index.html'))],
    ['a file edited', (output) => appendFileSync(path.join(output, 'runbooks/dbdown/index.html'), '<!-- edited -->')],
    ['a file added', (output) => writeFileSync(path.join(output, 'stray.html'), 'stray')],
    ['a folder of files deleted', (output) => rmSync(path.join(output, 'runbooks'), { recursive: true })],
    ['a file added in a page\'s folder', (output) => writeFileSync(path.join(output, 'runbooks/dbdown/stray.html'), 'stray')],
    ['a folder of files added', (output) => {
      mkdirSync(path.join(output, 'runbooks/dbdown/extra/deeper'), { recursive: true });
      writeFileSync(path.join(output, 'runbooks/dbdown/extra/deeper/stray.html'), 'stray');
    }],
    ['a file renamed within its folder', (output) => renameSync(path.join(output, 'runbooks/dbdown/index.html'), path.join(output, 'runbooks/dbdown/index.htm'))],
    ['a page\'s folder replaced by a file', (output) => {
      rmSync(path.join(output, 'runbooks/dbdown'), { recursive: true });
      writeFileSync(path.join(output, 'runbooks/dbdown'), 'a file');
    }],
  ];
  test.each(outputChanges)('output %s: a real build puts it back as an uncached build writes it', async (_, change) => {
    const { siteDir, output } = await builtSite();
    change(output);
    expect(await isRealBuild(siteDir)).toBe(true);
    await expectAsUncached(siteDir);
  });

  test('other options or another output folder are real builds, each then unchanged on its own record', async () => {
    const { siteDir } = await builtSite();
    const out = (name: string) => path.join(siteDir, name);
    const variants: BuildOptions[] = [{ destination: out('other') }, { baseURL: 'http://127.0.0.1:1313/', destination: out('local') }, { buildDrafts: true, destination: out('drafts') }];
    for (const variant of variants) expect(await isRealBuild(siteDir, variant)).toBe(true);
    for (const variant of variants) expect(await isRealBuild(siteDir, variant)).toBe(false);
    expect(await isRealBuild(siteDir)).toBe(false);
    // The draft build's output replaced by a build without drafts, then the draft build again: both real.
    expect(await isRealBuild(siteDir, { destination: out('drafts') })).toBe(true);
    expect(await isRealBuild(siteDir, variants[2])).toBe(true);
    await expectAsUncached(siteDir, variants[1]);
    await expectAsUncached(siteDir, variants[2]);
  });

  test('what the content folder\'s listing leaves out counts: a symlink out of the site, then a FIFO, fail the next build', async () => {
    const { siteDir } = await builtSite();
    const link = path.join(siteDir, 'content', 'runbooks', 'Hosts.md');
    symlinkSync('/etc/hosts', link);
    await expect(build({ source: siteDir, workers: 0 })).rejects.toThrow(/Unexpected symlink to `.*hosts`, outside the site/);
    rmSync(link);
    expect(await isRealBuild(siteDir)).toBe(false);
    execFileSync('mkfifo', [path.join(siteDir, 'content', 'runbooks', 'Pipe.md')]);
    await expect(build({ source: siteDir, workers: 0 })).rejects.toThrow(/Unexpected special file/);
  });

  test('the package.json files above the site count: the nearest one\'s `type` says how a `.js` shortcode loads', async () => {
    // A site in a repository's docs/ folder, the package.json at the repository's root.
    const root = writeSite(`-- package.json --\n{"type":"module"}\n-- docs/shortcodes/hello.js --\nexport default () => 'Hello';\n-- docs/content/_index.md --\n# Home\n\n{{< hello >}}\n`);
    const siteDir = path.join(root, 'docs');
    await build({ source: siteDir, workers: 0 });
    expect(await isRealBuild(siteDir)).toBe(false);
    // (This process keeps Node's reading of the package scope; a new one fails at the shortcode.)
    writeFileSync(path.join(root, 'package.json'), '{"type":"commonjs"}\n');
    expect(await isRealBuild(siteDir)).toBe(true);
    writeFileSync(path.join(siteDir, 'package.json'), '{"type":"module"}\n');
    expect(await isRealBuild(siteDir)).toBe(true);
  });

  test('an uncached build in between, a damaged record or a build trace beside the output make a real build', async () => {
    const { siteDir } = await builtSite();
    await build({ source: siteDir, cache: false, workers: 0 });
    expect(await isRealBuild(siteDir)).toBe(true); // the uncached build wrote new files
    const cache = path.join(siteDir, '.runbook-site-cache');
    const record = readdirSync(cache).find((name) => name.startsWith('build-'))!;
    writeFileSync(path.join(cache, record), readFileSync(path.join(cache, record), 'utf8').replace('"pages":4', '"pages":40'));
    expect(await isRealBuild(siteDir)).toBe(true);
    expect((await build({ source: siteDir })).pages).toBe(4);
    mkdirSync(path.join(siteDir, '.public.staging-killed'));
    expect(await isRealBuild(siteDir)).toBe(true);
    expect(existsSync(path.join(siteDir, '.public.staging-killed'))).toBe(false);
    await expectAsUncached(siteDir);
  });
});

test('a record naming a folder outside the site (a cache that came with a repository) is no record', async () => {
  const { siteDir } = await builtSite();
  const cache = path.join(siteDir, '.runbook-site-cache');
  const recordName = readdirSync(cache).find((name) => name.startsWith('build-'))!;
  const record = JSON.parse(readFileSync(path.join(cache, recordName), 'utf8').split('\n')[1]!);
  const folders = [...record.folders, '../outside'];
  const key = { command: 'build', options: { destination: path.join(siteDir, 'public'), baseURL: undefined, buildDrafts: false } };
  // Forged as its writer would: a fingerprint that matches, over the outside folder too.
  const forged = { ...record, folders, fingerprint: runInputs(siteDir, folders, key)!.fingerprint, value: { ...record.value, pages: 99 } };
  writeVerifiedJson(path.join(cache, recordName), forged);
  const result = await build({ source: siteDir, workers: 0 });
  expect(result.pages).toBe(4);
});

describe('unchanged check', () => {
  test('answers the last check of the same inputs, writing nothing; any input edit is checked again', async () => {
    const { siteDir } = await builtSite();
    const first = await checkSite({ source: siteDir });
    expect(first.findings.map((finding) => finding.kind)).toContain('unresolved-rule-reference');
    const before = JSON.stringify(filesWithTimes(siteDir));
    expect(await checkSite({ source: siteDir })).toEqual(first);
    expect(JSON.stringify(filesWithTimes(siteDir))).toBe(before);
    writeFileSync(path.join(siteDir, 'rules/db.yml'), 'groups:\n  - name: db\n    rules:\n      - alert: DbDown\n        expr: up{job="db"} == 0\n      - alert: NoSuchAlert\n        expr: vector(1)\n');
    const edited = await checkSite({ source: siteDir });
    expect(edited.findings.map((finding) => finding.kind)).not.toContain('unresolved-rule-reference');
    expect(edited).toEqual(await checkSite({ source: siteDir, cache: false }));
    expect(await checkSite({ source: siteDir, buildDrafts: true })).toEqual(await checkSite({ source: siteDir, buildDrafts: true, cache: false }));
  });
});
