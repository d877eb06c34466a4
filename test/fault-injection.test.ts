// Faults a build must survive (issue 11): a build killed (SIGKILL) at random moments leaves public/ as
// the complete previous output or the complete new one (or does once the next build has recovered what
// the kill interrupted), and the following build equals a --no-cache build; a damaged build cache (a
// truncated, scrambled or deleted entry, a folder in a file's place) is a miss, never a changed output.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { recoverKilledBuild } from '../src/write/output.js';
import { snapshotFiles, writeSite } from './helpers/site.js';

const root = path.resolve(import.meta.dirname, '..');
const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

const pages = (count: number) => Array.from({ length: count }, (_, index) => `-- content/runbooks/Page${String(index).padStart(2, '0')}.md --
---
title: Page ${index}
tags: [tag${index % 5}]
aliases: [/old/page${index}/]
---
# Page ${index}

{{% rule "app.yml" "AppDown" %}}

| a | b |
|---|---|
| ${index} | \`code\` |
`).join('');

const siteFiles = (title: string, count: number) => `
-- config.yaml --
baseURL: https://example.org/
title: ${title}
-- rules/app.yml --
groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up == 0
-- content/_index.md --
---
title: Home
---
Welcome.
${pages(count)}`;

function setTitle(site: string, title: string): void {
  writeFileSync(path.join(site, 'config.yaml'), `baseURL: https://example.org/\ntitle: ${title}\n`);
}

/** A deterministic sequence in [0, 1) (a linear congruential generator), so a failure can be replayed. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Runs the compiled CLI's build; SIGKILLs it after `killAfterMs` when given. Resolves with its exit code or signal. */
function cliBuild(site: string, args: readonly string[], killAfterMs?: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const started = Date.now();
  const child = spawn('node', [path.join(root, 'dist/src/cli/bin.js'), 'build', '--source', site, '--quiet', '--workers', '0', ...args], { stdio: 'ignore' });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
}

describe('a build killed at any moment', () => {
  beforeAll(() => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
    } catch {
      // type errors still emit JavaScript; the builds below tell whether it runs
    }
  }, 300_000);

  test('leaves public/ the complete old or new output, and the next build equals a --no-cache build', async () => {
    const site = writeSite(siteFiles('Title A', 24));
    made.push(site);
    const destination = path.join(site, 'public');
    const expected: Record<string, Record<string, Buffer>> = {};
    for (const title of ['Title A', 'Title B']) {
      setTitle(site, title);
      const fresh = path.join(path.dirname(site), `${path.basename(site)}-expected`);
      made.push(fresh);
      await build({ source: site, destination: fresh, cache: false, workers: 0 });
      expected[title] = snapshotFiles(fresh);
      rmSync(fresh, { recursive: true });
    }
    const matches = (title: string) => existsSync(destination) && Object.keys(expected[title]!).length > 0
      && JSON.stringify(Object.entries(snapshotFiles(destination)).map(([file, bytes]) => [file, bytes.toString('base64')]))
        === JSON.stringify(Object.entries(expected[title]!).map(([file, bytes]) => [file, bytes.toString('base64')]));

    // The first build, then one uncut cached rebuild to learn how long a build takes here.
    setTitle(site, 'Title A');
    expect((await cliBuild(site, [])).code).toBe(0);
    setTitle(site, 'Title B');
    const timed = await cliBuild(site, []);
    expect(timed.code).toBe(0);
    expect(matches('Title B')).toBe(true);

    const random = randomSequence(11);
    const outcomes: string[] = [];
    let current = 'Title B';
    for (let round = 0; round < 20; round += 1) {
      const next = current === 'Title A' ? 'Title B' : 'Title A';
      setTitle(site, next);
      // Half the rounds update public/ in place (cached), half swap a whole new output in (--no-cache).
      const args = round % 2 === 0 ? [] : ['--no-cache'];
      // Most of a build is reading and rendering: the moments lean towards its end, where it writes.
      const killAfter = Math.round(timed.ms * (0.3 + 0.9 * random()));
      const killed = await cliBuild(site, args, killAfter);
      const whole = matches(current) ? 'old' : matches(next) ? 'new' : undefined;
      // What the next build does before anything else.
      recoverKilledBuild(destination);
      const recovered = matches(current) ? 'old' : matches(next) ? 'new' : 'neither';
      outcomes.push(`${killAfter}ms ${killed.signal ?? killed.code} ${whole ?? 'partial'}->${recovered}`);
      expect(recovered, outcomes.join('\n')).not.toBe('neither');
      if (whole) expect(recovered, outcomes.join('\n')).toBe(whole);
      const following = await cliBuild(site, []);
      expect(following.code).toBe(0);
      expect(matches(next), outcomes.join('\n')).toBe(true);
      expect(readdirSync(site).filter((name) => name.includes('.staging-') || name.endsWith('.lock') || name.endsWith('.journal'))).toEqual([]);
      current = next;
    }
  }, 600_000);
});

describe('a damaged build cache is a miss', () => {
  const corruptions: [string, (cache: string) => void][] = [
    ['a truncated page', (cache) => truncateSync(firstHtml(cache), 40)],
    ['a scrambled page (same size)', (cache) => {
      const file = firstHtml(cache);
      writeFileSync(file, Buffer.from(readFileSync(file).toString('utf8').split('').reverse().join('')));
    }],
    ['a folder in a page\'s place', (cache) => {
      const file = firstHtml(cache);
      rmSync(file);
      mkdirSync(file);
    }],
    ['a deleted index', (cache) => rmSync(path.join(pagesDir(cache), 'index.json'))],
    ['a truncated index', (cache) => truncateSync(path.join(pagesDir(cache), 'index.json'), 100)],
    ['a scrambled derived.bin (same size)', (cache) => {
      const file = path.join(cache, 'derived.bin');
      writeFileSync(file, Buffer.from(readFileSync(file).toString('latin1').replaceAll('AppDown', 'AppGone'), 'latin1'));
    }],
    ['every kept page scrambled, generated ones included (same size)', (cache) => {
      const html = path.join(pagesDir(cache), 'html');
      for (const name of readdirSync(html)) {
        const file = path.join(html, name);
        writeFileSync(file, Buffer.from(readFileSync(file).toString('utf8').split('').reverse().join('')));
      }
    }],
    ['a truncated output manifest', (cache) => {
      for (const name of readdirSync(cache).filter((file) => file.startsWith('output-'))) truncateSync(path.join(cache, name), 60);
    }],
  ];

  test.each(corruptions)('%s: the next build equals a --no-cache build', async (_name, corrupt) => {
    const site = writeSite(siteFiles('Cache', 6));
    made.push(site);
    await build({ source: site, workers: 0 });
    await build({ source: site, destination: path.join(site, 'fresh'), cache: false, workers: 0 });
    const fresh = snapshotFiles(path.join(site, 'fresh'));
    const cache = path.join(site, '.runbook-site-cache');
    for (const keepPublic of [false, true]) {
      corrupt(cache);
      if (!keepPublic) rmSync(path.join(site, 'public'), { recursive: true });
      await build({ source: site, workers: 0 });
      expect(snapshotFiles(path.join(site, 'public'))).toEqual(fresh);
      // The damage is repaired: the build after renders nothing.
      expect((await build({ source: site, workers: 0 })).rendered).toBe(0);
      expect(snapshotFiles(path.join(site, 'public'))).toEqual(fresh);
    }
  });
});

function pagesDir(cache: string): string {
  return path.join(cache, readdirSync(cache).find((name) => name.startsWith('pages-'))!);
}

/** The cached HTML of the home page (the page whose text says Welcome). */
function firstHtml(cache: string): string {
  const htmlDir = path.join(pagesDir(cache), 'html');
  const name = readdirSync(htmlDir).find((file) => readFileSync(path.join(htmlDir, file), 'utf8').includes('Welcome.'));
  return path.join(htmlDir, name!);
}
