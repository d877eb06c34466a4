// `serve` sees every way a file is saved: written in place, renamed over (sed -i), vim's and emacs'
// backup-then-write, JetBrains' safe write, deleted and created again, and in place again after each of
// those (Node's recursive fs.watch on Linux lost a file for good after one rename-save); pages deleted,
// folders added and moved, content/ itself removed and restored. After each, the served folder holds
// what a cold build of the same sources writes. A `build` beside the running serve triggers nothing.

import { mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { type DevServer, startDevServer } from '../src/serve/dev-server.js';
import { snapshotFiles, writeSite } from './helpers/site.js';

const site = `
-- config.yaml --
baseURL: https://example.org/docs/
title: Watch test
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/runbooks/_index.md --
---
title: Runbooks
---
-- content/runbooks/DiskFull.md --
---
title: DiskFull
---
Version 0.
`;

const page = (body: string, title = 'DiskFull') => `---\ntitle: ${title}\n---\n${body}\n`;

const cleanup: string[] = [];
let server: DevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const folder of cleanup.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function serve() {
  const siteDir = writeSite(site);
  cleanup.push(siteDir);
  let builds = 0;
  let failures = 0;
  server = await startDevServer({ source: siteDir, port: 0, workers: 0, onBuild: (outcome) => ('error' in outcome ? (failures += 1) : (builds += 1)) });
  const running = server;
  const outputFile = (file: string) => path.join(running.outputDir, file);
  /** Waits until the served output shows `expected` (a file's text, or a file gone) and no rebuild follows. */
  const served = async (check: () => boolean) => {
    while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
    for (let before = -1; before !== builds + failures; ) {
      before = builds + failures;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await running.settled();
    }
  };
  const text = (file: string) => (existsSync(outputFile(file)) ? readFileSync(outputFile(file), 'utf8') : '');
  const expectColdOutput = async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'runbook-site-watch-fresh-'));
    cleanup.push(fresh);
    await build({ source: siteDir, destination: fresh, baseURL: running.url, cache: false, workers: 0 });
    expect(snapshotFiles(running.outputDir)).toEqual(snapshotFiles(fresh));
  };
  return { siteDir, running, served, text, expectColdOutput, counts: () => ({ builds, failures }) };
}

const diskFull = 'runbooks/diskfull/index.html';

describe('serve watches every save style', () => {
  test('in place, renamed over, editor backups, safe write, delete and create: each seen, then in place again', async () => {
    const { siteDir, served, text, expectColdOutput } = await serve();
    const file = path.join(siteDir, 'content/runbooks/DiskFull.md');
    const folder = path.dirname(file);
    const saves: Record<string, (content: string) => void> = {
      'in place': (content) => writeFileSync(file, content),
      'sed -i (temp file renamed over)': (content) => {
        writeFileSync(path.join(folder, 'sedAb12Cd'), content);
        renameSync(path.join(folder, 'sedAb12Cd'), file);
      },
      'vim (4913 probe, backup by rename, new file)': (content) => {
        writeFileSync(path.join(folder, '4913'), '');
        unlinkSync(path.join(folder, '4913'));
        renameSync(file, `${file}~`);
        writeFileSync(file, content);
        unlinkSync(`${file}~`);
      },
      'emacs (lock, autosave, backup by rename)': (content) => {
        symlinkSync('user@host.1234:1', path.join(folder, '.#DiskFull.md'));
        writeFileSync(path.join(folder, '#DiskFull.md#'), content);
        renameSync(file, `${file}~`);
        writeFileSync(file, content);
        unlinkSync(path.join(folder, '#DiskFull.md#'));
        unlinkSync(path.join(folder, '.#DiskFull.md'));
      },
      'JetBrains safe write': (content) => {
        writeFileSync(`${file}___jb_tmp___`, content);
        renameSync(file, `${file}___jb_old___`);
        renameSync(`${file}___jb_tmp___`, file);
        unlinkSync(`${file}___jb_old___`);
      },
      'delete and create': (content) => {
        unlinkSync(file);
        writeFileSync(file, content);
      },
    };
    let version = 0;
    for (const [style, save] of Object.entries(saves)) {
      for (const then of [style, 'in place afterwards']) {
        version += 1;
        const marker = `Version ${version} (${then}).`;
        (then === style ? save : saves['in place']!)(page(marker));
        await served(() => text(diskFull).includes(marker));
        await expectColdOutput();
      }
    }
    // Backups and editor files never became pages or static files.
    expect(existsSync(`${file}~`)).toBe(true);
  });

  test('pages deleted, folders added and moved, content/ removed and restored', async () => {
    const { siteDir, served, text, expectColdOutput, counts } = await serve();
    const content = path.join(siteDir, 'content');
    rmSync(path.join(content, 'runbooks/DiskFull.md'));
    await served(() => text(diskFull) === "");
    await expectColdOutput();

    mkdirSync(path.join(content, 'storage/disks'), { recursive: true });
    writeFileSync(path.join(content, 'storage/disks/Raid.md'), page('A new folder.', 'Raid'));
    await served(() => text('storage/disks/raid/index.html').includes('A new folder.'));
    await expectColdOutput();

    renameSync(path.join(content, 'storage'), path.join(content, 'moved'));
    await served(() => text('moved/disks/raid/index.html').includes('A new folder.') && text('storage/disks/raid/index.html') === '');
    await expectColdOutput();
    // The page in the moved folder is watched at its new place.
    writeFileSync(path.join(content, 'moved/disks/Raid.md'), page('Edited after the move.', 'Raid'));
    await served(() => text('moved/disks/raid/index.html').includes('Edited after the move.'));
    await expectColdOutput();

    const before = counts();
    renameSync(content, path.join(siteDir, 'content-away'));
    await served(() => counts().failures > before.failures);
    renameSync(path.join(siteDir, 'content-away'), content);
    await served(() => counts().builds > before.builds);
    await expectColdOutput();
  });

  test('a build beside the running serve (public/, staging and cache folders) triggers no rebuild', async () => {
    const { siteDir, running, counts } = await serve();
    await build({ source: siteDir, workers: 0 });
    await build({ source: siteDir, workers: 0, baseURL: 'https://example.org/other/' });
    expect(existsSync(path.join(siteDir, 'public/index.html'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await running.settled();
    expect(counts()).toEqual({ builds: 1, failures: 0 });
  });
});
