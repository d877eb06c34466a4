// Hostile input (issue 11): one row per input a hostile or careless user can hand the CLI, each a whole
// site on disk run through the CLI. Every row asserts the exit code, the exact first line on stderr (with
// its place; a failure's only line), that the site's sources and the previous public/ are byte for byte
// as they were, and that no file appeared anywhere else in the folder around the site. The inputs are small versions of the
// hostile ones (a block just over the limit, a limit lowered in the config); their timings at full size
// are in bench/hardening.mjs.

import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startStaticServer } from '../src/serve/static-server.js';
import { OUTPUT_MARKER } from '../src/write/output-update.js';
import { runCliCaptured } from './helpers/cli.js';

const page = '-- content/runbooks/AppDown.md --\n# AppDown\n\nText.\n';
const ruleFile = (alert: string) => `-- rules/app.yml --\ngroups:\n  - name: app\n    rules:\n      - alert: ${alert}\n        expr: up == 0\n`;
const long = 'a'.repeat(300);
/** Nine levels of nine aliases each: 9^9 strings when expanded. */
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((name, index) => {
  const previous = 'abcdefghi'[index]!;
  return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
})].join('\n');

interface HostileInput {
  readonly name: string;
  /** The site, as `-- path --` sections, written to `<root>/site`. */
  readonly files: string;
  /** What a string cannot hold: symlinks, a file as --source. */
  readonly setup?: (site: string, root: string) => void;
  /** Arguments after the command (default: `--source <site>`). */
  readonly args?: (site: string, root: string) => readonly string[];
  readonly exitCode: number;
  /** The first line on stderr: for a failure its only line. */
  readonly message: (site: string, root: string) => string;
  /** For a build that succeeds (the previous public/ is replaced then): what its output must hold. */
  readonly output?: (publicDir: string) => void;
}

const hostileInputs: readonly HostileInput[] = [
  {
    name: '--source that does not exist',
    files: page,
    args: (_site, root) => ['--source', path.join(root, 'nonexistent')],
    exitCode: 1,
    message: (_site, root) => `error: ${path.join(root, 'nonexistent')}: Unexpected missing site folder, expected a folder holding config.yaml and content/ (pass the site's root folder with --source, or create a site there with \`runbook-site init\`)`,
  },
  {
    name: '--source that is a file (ENOTDIR)',
    files: `${page}-- package.json --\n{}\n`,
    args: (site) => ['--source', path.join(site, 'package.json')],
    exitCode: 1,
    message: (site) => `error: ${path.join(site, 'package.json')}: Unexpected file as the site folder, expected a folder holding config.yaml and content/ (pass the site's root folder with --source, or create a site there with \`runbook-site init\`)`,
  },
  {
    name: 'a site without content/',
    files: '-- config.yaml --\ntitle: No content\n',
    exitCode: 1,
    message: () => 'error: content: Unexpected site without a content folder, expected a folder of Markdown pages (create `content/` with an `_index.md`, set `contentDir` in the config, or pass the site\'s root with --source)',
  },
  {
    name: 'a YAML alias bomb in front matter',
    files: `-- content/runbooks/AppDown.md --\n---\n${aliasBomb}\n---\n# AppDown\n`,
    exitCode: 1,
    message: () => 'error: content/runbooks/AppDown.md:3:8: Unexpected YAML aliases that expand past 100 times the nodes they stand for (a "billion laughs"): Excessive alias count indicates a resource exhaustion attack (write the values out instead of nesting `*alias` references)',
  },
  {
    name: 'a YAML alias bomb in the config',
    files: `${page}-- config.yaml --\n${aliasBomb}\n`,
    exitCode: 1,
    message: () => 'error: config.yaml:2:8: Unexpected YAML aliases that expand past 100 times the nodes they stand for (a "billion laughs"): Excessive alias count indicates a resource exhaustion attack (write the values out instead of nesting `*alias` references)',
  },
  {
    name: 'a dangling symlink in rules/',
    files: page + ruleFile('AppDown'),
    setup: (site) => symlinkSync('gone.yml', path.join(site, 'rules', 'moved.yml')),
    exitCode: 1,
    message: () => 'error: rules/moved.yml: Unexpected broken symlink: its target `gone.yml` does not exist (remove the symlink or point it at an existing file)',
  },
  {
    name: 'a symlink in rules/ that points at itself',
    files: page + ruleFile('AppDown'),
    setup: (site) => symlinkSync('loop.yml', path.join(site, 'rules', 'loop.yml')),
    exitCode: 1,
    message: () => 'error: rules/loop.yml: Unexpected symlink loop: this symlink leads back to itself (remove the symlink or point it at a real file or folder)',
  },
  {
    name: 'a dangling symlink in static/',
    files: `${page}-- static/robots-extra.txt --\nok\n`,
    setup: (site) => symlinkSync('gone.txt', path.join(site, 'static', 'logo.txt')),
    exitCode: 1,
    message: () => 'error: static/logo.txt: Unexpected broken symlink: its target `gone.txt` does not exist (remove the symlink or point it at an existing file)',
  },
  {
    name: 'a symlinked folder in static/ that loops back into static/',
    files: `${page}-- static/files/a.txt --\na\n`,
    setup: (site) => symlinkSync('..', path.join(site, 'static', 'files', 'up')),
    exitCode: 1,
    message: () => 'error: static/files/up: Unexpected symlink loop: this folder was already visited (remove the symlink that points back into static/)',
  },
  {
    // Outside the site the linked folder holds a broken link: walking it would fail the build.
    name: 'a symlinked folder in rules/ leading out of the site is not walked',
    files: page + ruleFile('AppDown'),
    setup: (site, root) => {
      mkdirSync(path.join(root, 'elsewhere'));
      writeFileSync(path.join(root, 'elsewhere', 'other.yml'), 'groups: []\n');
      symlinkSync('nowhere.yml', path.join(root, 'elsewhere', 'broken.yml'));
      symlinkSync(path.join(root, 'elsewhere'), path.join(site, 'rules', 'shared'));
    },
    exitCode: 0,
    args: (site) => ['--source', site, '--destination', path.join(site, 'public')],
    message: (site) => `Built 3 pages, 0 redirects, 0 warnings in <time> → ${path.join(site, 'public')}`,
    output: (publicDir) => expect(readFileSync(path.join(publicDir, 'runbooks', 'appdown', 'index.html'), 'utf8')).toContain('Text.'),
  },
  {
    name: 'static/passwd.txt -> /etc/passwd is not published',
    files: page,
    setup: (site) => {
      mkdirSync(path.join(site, 'static'));
      symlinkSync('/etc/passwd', path.join(site, 'static', 'passwd.txt'));
    },
    exitCode: 0,
    message: () => 'warning: static/passwd.txt: Unexpected symlink to `/etc/passwd`, outside the site: it is not published (copy the file into the site if it is meant to be public)',
    output: (publicDir) => expect(readdirSync(publicDir)).not.toContain('passwd.txt'),
  },
  {
    name: 'a 300-character alert name',
    files: page + ruleFile(long),
    exitCode: 1,
    message: () => 'error: rules/app.yml:4:16: Unexpected alert name of 300 bytes, expected at most 252 (its runbook `<alert>.md` must fit a file name\'s 255 bytes) (rename the alert)',
  },
  {
    name: 'a NUL in an alert name',
    files: page + ruleFile('"App\\0Down"'),
    exitCode: 1,
    message: () => 'error: rules/app.yml:4:16: Unexpected control character U+0000 in alert name "App\\u0000Down", expected printable characters (rename the alert)',
  },
  ...(['slug', 'tags', 'aliases'] as const).map((key): HostileInput => ({
    name: `a 300-character ${{ slug: 'slug', tags: 'tag', aliases: 'alias' }[key]}`,
    files: `${page}-- content/runbooks/Other.md --\n---\ntitle: Other\n${key}: ${key === 'slug' ? long : `[${long}]`}\n---\n# Other\n`,
    exitCode: 1,
    message: () => `error: content/runbooks/Other.md:3:1: Unexpected value for front matter key \`${key}${key === 'slug' ? '' : '.0'}\`: a part between slashes is longer than 255 bytes, the longest file name a file system takes (shorten it) (fix \`${key}${key === 'slug' ? '' : '.0'}\` in the page's front matter)`,
  })),
  {
    name: 'a single-line page longer than a Markdown block may be',
    files: `-- content/runbooks/AppDown.md --\n# AppDown\n\n${'_a_ '.repeat(17_000)}\n`,
    exitCode: 1,
    message: () => 'error: content/runbooks/AppDown.md:3:1: Unexpected block of more than 65,536 characters without a blank line, expected a shorter paragraph, table or list (break it up with blank lines, or raise `limits.markdownBlockSize` in the site\'s config)',
  },
  {
    name: 'a long block after front matter, with the limit lowered in the config',
    files: `-- config.yaml --\nlimits:\n  markdownBlockSize: 1000\n-- content/runbooks/AppDown.md --\n---\ntitle: AppDown\n---\n# AppDown\n\nShort.\n\n${'[a](b '.repeat(100)}\n${'[a](b '.repeat(100)}\n`,
    exitCode: 1,
    message: () => 'error: content/runbooks/AppDown.md:8:1: Unexpected block of more than 1,000 characters without a blank line, expected a shorter paragraph, table or list (break it up with blank lines, or raise `limits.markdownBlockSize` in the site\'s config)',
  },
  {
    name: 'a page of short blocks holding more inline marks than the parser can hold',
    files: `-- content/runbooks/AppDown.md --\n# AppDown\n\n${'_a_ _a_ _a_ _a_ _a_\n\n'.repeat(10_001)}`,
    exitCode: 1,
    message: () => 'error: content/runbooks/AppDown.md:1:1: Unexpected page with 100,010 inline marks (`*`, `_`, brackets, backticks, `<`, `~`), expected at most 100,000 (the Markdown parser keeps a few KB for each) (split the page, or raise `limits.inlineMarks` in the site\'s config)',
  },
  ...([
    ['a line of 2,000 block quote markers', `${'>'.repeat(2000)} x\n`, 3, '2,000'],
    ['5,000 nested HTML elements on one line', `${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}\n`, 3, '5,000'],
    ['600 HTML blocks, each opening an element it never closes', '<div>\n\n'.repeat(600), 1027, '513'],
    ['a list nested 600 levels deep', Array.from({ length: 600 }, (_, level) => `${'  '.repeat(level)}- a\n\n`).join(''), 1027, '513'],
    ['emphasis nested 2,000 levels deep', `${'*a _a '.repeat(1000)}x${' a_ a*'.repeat(1000)}\n`, 3, '2,000'],
    ['strikethrough nested 2,000 levels deep', `${'~~a '.repeat(2000)}x${' a~~'.repeat(2000)}\n`, 3, '2,000'],
  ] as const).map(([name, body, line, depth]): HostileInput => ({
    name,
    files: `-- content/runbooks/AppDown.md --\n# AppDown\n\n${body}`,
    exitCode: 1,
    message: () => `error: content/runbooks/AppDown.md:${line}:1: Unexpected nesting ${depth} levels deep (block quotes, list items, HTML elements and emphasis, unclosed ones included), expected at most 512 (what a browser's HTML parser keeps) (flatten the nesting, or close the HTML elements this page opens)`,
  })),
  {
    name: 'a 2,000-column table header over many short rows',
    files: `-- content/runbooks/AppDown.md --\n# AppDown\n\n|${' h |'.repeat(2000)}\n|${'---|'.repeat(2000)}\n${'x\n'.repeat(20)}`,
    exitCode: 1,
    message: () => 'error: content/runbooks/AppDown.md:3:1: Unexpected table of 2,000 columns and 11+ rows, expected at most 20,000 cells (every row is padded to the header\'s columns) (split the table or drop columns, or raise `limits.tableCells` in the site\'s config)',
  },
  {
    name: 'TOML front matter larger than the limit in the config',
    files: `-- config.yaml --\nlimits:\n  frontMatterSize: 100\n-- content/runbooks/AppDown.md --\n+++\ntitle = "AppDown"\n${Array.from({ length: 10 }, (_, index) => `[table${index}]\nkey = 1\n`).join('')}+++\n# AppDown\n`,
    exitCode: 1,
    message: () => 'error: content/runbooks/AppDown.md:1:1: Unexpected front matter of 191 characters, expected at most 100 (move the data into a file of its own, or raise `limits.frontMatterSize` in the site\'s config)',
  },
  {
    name: 'a rule file larger than the limit in the config',
    files: `-- config.yaml --\nlimits:\n  ruleFileSize: 50\n${page}${ruleFile('AppDown')}`,
    exitCode: 1,
    message: () => 'error: rules/app.yml: Unexpected rule file of 78 bytes, expected at most 50 (split its groups into several files, or raise `limits.ruleFileSize` in the site\'s config)',
  },
  {
    name: 'a limit that is not a positive whole number',
    files: `-- config.yaml --\nlimits:\n  tableCells: lots\n${page}`,
    exitCode: 1,
    message: () => 'error: config.yaml:2: Unexpected value for `limits.tableCells`: Invalid input: expected number, received string (fix `limits.tableCells` in config.yaml)',
  },
  {
    name: 'a YAML alias bomb in a rule file',
    files: `${page}-- rules/app.yml --\n${aliasBomb}\ngroups: *i\n`,
    exitCode: 1,
    message: () => 'error: rules/app.yml:2:8: Unexpected YAML aliases that expand past 100 times the nodes they stand for (a "billion laughs"): Excessive alias count indicates a resource exhaustion attack (write the values out instead of nesting `*alias` references)',
  },
  {
    name: 'a layout that throws: one line naming the layout',
    files: `${page}-- theme/layouts/page.mjs --\nexport default () => { throw new TypeError('layout broke'); };\n`,
    exitCode: 1,
    message: () => 'error: theme/layouts/page.mjs: Unexpected error in the layout: layout broke (fix the layout; run with --debug for its stack)',
  },
];

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

/** A fresh `<tmp>/<root>/site` holding `files`, the root removed after the test. */
function writeSiteIn(files: string): { root: string; site: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'runbook-site-trust-'));
  roots.push(root);
  const site = path.join(root, 'site');
  mkdirSync(site);
  const sections = files.split(/^-- (.+?) --$/m).slice(1);
  for (let index = 0; index < sections.length; index += 2) {
    const file = path.join(site, sections[index]!.trim());
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, sections[index + 1]!.replace(/^\n/, ''));
  }
  return { root, site };
}

/** Every entry under `folder`, symlinks not followed: files by content, links by target, folders by name. */
function snapshotTree(folder: string, skip: ReadonlySet<string> = new Set()): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = path.join(dir, name);
      if (skip.has(absolute)) continue;
      const relative = path.relative(folder, absolute);
      const stats = lstatSync(absolute);
      if (stats.isSymbolicLink()) entries[relative] = `-> ${readlinkSync(absolute)}`;
      else if (stats.isDirectory()) {
        entries[relative] = 'folder';
        walk(absolute);
      } else entries[relative] = readFileSync(absolute).toString('base64');
    }
  };
  walk(folder);
  return entries;
}

describe('hostile input fails clearly, writes nothing and leaves public/ as it was', () => {
  test.each(hostileInputs.map((input) => [input.name, input] as const))('%s', async (_name, input) => {
    const { root, site } = writeSiteIn(input.files);
    input.setup?.(site, root);
    const publicDir = path.join(site, 'public');
    mkdirSync(path.join(publicDir, 'runbooks'), { recursive: true });
    writeFileSync(path.join(publicDir, 'index.html'), 'previous good site');
    writeFileSync(path.join(publicDir, 'runbooks', 'index.html'), 'previous runbooks');
    writeFileSync(path.join(publicDir, OUTPUT_MARKER), '');
    const publicBefore = snapshotTree(publicDir);
    const around = new Set([publicDir, path.join(site, '.runbook-site-cache')]);
    const sourcesBefore = snapshotTree(root, around);

    const { code, stderr } = await runCliCaptured('build', ...(input.args?.(site, root) ?? ['--source', site]));

    const lines = stderr.map((line) => line.replace(/ in [\d.]+ m?s /, ' in <time> '));
    if (input.exitCode === 0) expect(lines[0]).toBe(input.message(site, root));
    else expect(lines).toEqual([input.message(site, root)]);
    expect(code).toBe(input.exitCode);
    expect(stderr.join('\n')).not.toMatch(/^\s+at /m);
    expect(snapshotTree(root, around)).toEqual(sourcesBefore);
    if (input.output) input.output(publicDir);
    else expect(snapshotTree(publicDir)).toEqual(publicBefore);
  });
});

describe('the CLI never shows a stack trace unless asked', () => {
  test('--debug adds the stack of what the site\'s code threw after its one line', async () => {
    const { site } = writeSiteIn(`${page}-- theme/layouts/page.mjs --\nexport default () => { throw new TypeError('layout broke'); };\n`);
    const { code, stderr } = await runCliCaptured('build', '--source', site, '--debug');
    expect(code).toBe(1);
    expect(stderr[0]).toBe('error: theme/layouts/page.mjs: Unexpected error in the layout: layout broke (fix the layout; run with --debug for its stack)');
    expect(stderr.slice(1).join('\n')).toMatch(/^TypeError: layout broke\n\s+at /);
  });

  test('serve on a port in use: one line, exit 1, its temporary output folder removed', async () => {
    const { root, site } = writeSiteIn(page);
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const temp = path.join(root, 'tmp');
    mkdirSync(temp);
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const sourcesBefore = snapshotTree(site);
      const { code, stderr } = await runCliCaptured('serve', '--source', site, '--port', String(port), '--quiet');
      expect(stderr).toEqual([`error: Cannot listen on 127.0.0.1:${port}: the port is in use by another program (pick another port with --port N, 0 for any free one, or another address with --host)`]);
      expect(code).toBe(1);
      expect(readdirSync(temp)).toEqual([]);
      expect(snapshotTree(site)).toEqual(sourcesBefore);
    } finally {
      process.env.TMPDIR = previousTmp;
      if (previousTmp === undefined) delete process.env.TMPDIR;
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

describe('rule files with YAML anchors and aliases are read as Prometheus reads them', () => {
  test('an aliased labels mapping and a `<<` merge key give the alert its labels; the page shows the rule as written', async () => {
    const { site } = writeSiteIn(`-- content/runbooks/AppDown.md --\n# AppDown\n\n{{% rule "app.yml" "AppDown" %}}\n\n{{% rule "app.yml" "AppSlow" %}}\n` +
      '-- rules/app.yml --\ngroups:\n  - name: app\n    rules:\n      - alert: AppUp\n        expr: up == 1\n        labels: &critical\n          severity: critical\n' +
      '      - alert: AppDown\n        expr: up == 0\n        labels: *critical\n      - alert: AppSlow\n        expr: latency > 1\n        labels:\n          <<: *critical\n          team: web\n');
    const { code, stderr } = await runCliCaptured('build', '--source', site, '--quiet', '--strict');
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const html = readFileSync(path.join(site, 'public', 'runbooks', 'appdown', 'index.html'), 'utf8');
    const text = html.replace(/<[^>]*>/g, '').replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&#x3C;', '<');
    expect(text).toContain('alert: AppDown\nexpr: up == 0\nlabels: *critical');
    expect(text).toContain('alert: AppSlow\nexpr: latency > 1\nlabels:\n  <<: *critical\n  team: web');
    const alerts = JSON.parse(readFileSync(path.join(site, 'public', 'alerts.json'), 'utf8')) as unknown;
    expect(JSON.stringify(alerts)).toMatch(/"AppDown".*"critical"/);
    expect(JSON.stringify(alerts)).toMatch(/"AppSlow"[^}]*"critical"/);
  });
});

describe('serve answers no open redirect', () => {
  test.each([
    ['//example.com/..%2Frunbooks', 404],
    ['//example.com/runbooks/', 404],
    ['/\\example.com/..%2Frunbooks', 404],
    ['/%2Fexample.com/..%2Frunbooks', 404],
    ['/runbooks', 301],
  ])('GET %s answers %i, never a Location off the origin', async (requestPath, status) => {
    const { root } = writeSiteIn('-- out/runbooks/index.html --\n<p>runbooks</p>\n-- out/404.html --\nnot found\n');
    const server = await startStaticServer({ root: path.join(root, 'site', 'out'), port: 0 });
    try {
      const { port } = server.server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: requestPath }, (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, location: response.headers.location });
        }).on('error', reject).end();
      });
      expect(answer.status).toBe(status);
      if (answer.location !== undefined) expect(answer.location).toMatch(/^\/[^/\\]/);
    } finally {
      await server.close();
    }
  });
});
