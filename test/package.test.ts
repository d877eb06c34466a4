// The package as users get it: the project is packed as npm publishes it (`npm pack`, whose prepack
// empties dist/ and compiles), the tarball is installed into an empty folder outside the repository, and
// `npx runbook-site init` then `npx runbook-site build` there make a working site, with a site shortcode
// and layout written as the README says, and its public entry points export what the README documents. This proves the package's `files` hold everything the CLI reads
// at run time and that it runs on this Node (the lowest major `engines` allows). mermaid, an optional peer
// dependency, is not installed: a site without diagrams builds, one with a diagram fails naming it.
// The pack runs in a copy of the project, so the repository's own dist/ (other tests run it) is never
// emptied under them. npm installs from its cache when it can and from the registry otherwise.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Not copied: installed, generated or local state (node_modules is linked instead, for tsc). */
const notCopied = new Set(['node_modules', 'dist', 'public', '.git', '.runbook-site-cache', 'test-results']);
const baseURL = 'https://example.github.io/runbooks/';

/**
 * The environment without what `npm test` sets for the repository's own package (its path, prefix and
 * lifecycle), so the npm and npx run here see only the folder they run in.
 */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_command$|init_cwd$)/i.test(name)),
);

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: childEnv, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} in ${cwd} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

interface PackedFile {
  readonly path: string;
  readonly size: number;
}

let work: string;
let packedFiles: readonly PackedFile[];
let site: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'runbook-site-package-'));
  const project = path.join(work, 'project');
  cpSync(repository, project, {
    recursive: true,
    filter: (source) => !notCopied.has(path.relative(repository, source)) && !source.endsWith('.tgz'),
  });
  symlinkSync(path.join(repository, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  // A compiled file whose source is gone: prepack must not ship it.
  mkdirSync(path.join(project, 'dist', 'src'), { recursive: true });
  writeFileSync(path.join(project, 'dist', 'src', 'removed-module.js'), 'export {};\n');

  const packOutput = run('npm', ['pack', '--json', '--pack-destination', work], project);
  // The JSON report follows whatever the lifecycle scripts printed.
  const [packed] = JSON.parse(packOutput.slice(packOutput.indexOf('[\n'))) as [{ filename: string; files: PackedFile[] }];
  packedFiles = packed.files;

  site = path.join(work, 'site');
  mkdirSync(site);
  run('npm', ['init', '-y'], site);
  run('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], site);
}, 600_000);

// The installed dependencies weigh about 100 MB (mermaid, 84 MB more, is left out).
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm package', () => {
  test('holds the compiled code, theme assets and init templates, and nothing else', () => {
    const paths = packedFiles.map((file) => file.path);
    const shipped = /^(package\.json|README\.md|LICENSE|dist\/(src|shortcodes|theme)\/.+\.(js|d\.ts)|dist\/src\/bundle\/code-fingerprint\.txt|theme\/assets\/[^/]+|templates\/init\/.+)$/;
    expect(paths.filter((file) => !shipped.test(file))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining(['dist/src/bundle/bin.js', 'dist/src/bundle/render-worker.js', 'dist/src/bundle/code-fingerprint.txt', 'dist/src/cli/bin.js', 'dist/src/index.d.ts', 'dist/src/build/render-worker.js', 'dist/shortcodes/rule.js', 'dist/theme/layouts/page.js', 'theme/assets/style.css', 'templates/init/dot-gitignore', 'templates/init/dot-github/workflows/pages.yml']),
    );
    expect(paths).not.toContain('dist/src/removed-module.js');
  });

  test('installed in an empty folder, without mermaid (an optional peer dependency), `npx runbook-site init` and `build` make a working site', () => {
    expect(existsSync(path.join(site, 'node_modules', '.bin', 'runbook-site'))).toBe(true);
    expect(existsSync(path.join(site, 'node_modules', 'mermaid'))).toBe(false);
    run('npx', ['runbook-site', 'init'], site);
    // A site shortcode and a site layout as the README shows them, importing hastscript and a built-in
    // layout part by package name.
    writeFileSync(path.join(site, 'content', 'runbooks', 'example', 'dashboards.md'), '---\ntitle: Dashboards\n---\n{{% dashboard "node-exporter" %}}\n');
    // TOML and JSON front matter too: the bundle leaves out gray-matter's own YAML engine (scripts/bundle.mjs).
    writeFileSync(path.join(site, 'content', 'runbooks', 'example', 'toml.md'), '+++\ntitle = "Written in TOML"\n+++\nBody.\n');
    writeFileSync(path.join(site, 'content', 'runbooks', 'example', 'json.md'), '{\n  "title": "Written in JSON"\n}\nBody.\n');
    mkdirSync(path.join(site, 'shortcodes'));
    writeFileSync(path.join(site, 'shortcodes', 'dashboard.mjs'), 'export default (args) => `[Dashboard ${args.positional[0]}](https://grafana.example.com/d/${args.positional[0]})`;\n');
    mkdirSync(path.join(site, 'theme', 'layouts'), { recursive: true });
    writeFileSync(
      path.join(site, 'theme', 'layouts', '404.mjs'),
      [
        "import { document, h } from 'runbook-site/theme';",
        "export default (data) => document(data, [h('article', [h('h1', 'No runbook here')])]);",
      ].join('\n'),
    );
    run('npx', ['runbook-site', 'build', '--strict', '--base-url', baseURL], site);

    const output = path.join(site, 'public');
    const runbook = readFileSync(path.join(output, 'runbooks', 'example', 'exampletargetdown', 'index.html'), 'utf8');
    const details = runbook.match(/<details[\s\S]*?<\/details>/g) ?? [];
    expect(details.find((block) => block.includes('Alert Rule'))).toContain(
      '<span class="hljs-attr">alert:</span> <span class="hljs-string">ExampleTargetDown</span>',
    );

    // Every stylesheet, script and icon the pages link to under the base path is in the output.
    const dashboards = readFileSync(path.join(output, 'runbooks', 'example', 'dashboards', 'index.html'), 'utf8');
    const assetLinks = [...`${runbook}${dashboards}`.matchAll(/(?:href|src)="\/runbooks\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assetLinks).toEqual(expect.arrayContaining([expect.stringMatching(/^assets\/style\.\w+\.css$/)]));
    expect(assetLinks.filter((asset) => !existsSync(path.join(output, asset)))).toEqual([]);

    expect(dashboards).toContain('<a href="https://grafana.example.com/d/node-exporter">Dashboard node-exporter</a>');
    for (const [page, title] of [['toml', 'Written in TOML'], ['json', 'Written in JSON']]) {
      expect(readFileSync(path.join(output, 'runbooks', 'example', page!, 'index.html'), 'utf8')).toContain(`<h1>${title}</h1>`);
    }
    expect(readFileSync(path.join(output, '404.html'), 'utf8')).toMatch(/<h1>No runbook here<\/h1>[\s\S]*<\/html>/);

    for (const file of ['.nojekyll', '404.html', 'index.html', 'search/index.html', 'search/index.json', 'alerts.json']) {
      expect(existsSync(path.join(output, file)), file).toBe(true);
    }
  });

  test('a diagram without mermaid installed fails the build at the shortcode, naming the package to install', () => {
    writeFileSync(path.join(site, 'content', 'runbooks', 'example', 'flow.md'), '---\ntitle: Flow\n---\n\n{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}\n');
    const result = spawnSync('npx', ['runbook-site', 'build'], { cwd: site, env: childEnv, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'error: content/runbooks/example/flow.md:5:1: Missing package `mermaid`, needed by the `mermaid` shortcode'
      + ' (run `npm install --save-dev mermaid` in the site: it is an optional peer dependency of runbook-site, installed only by sites that use the `mermaid` shortcode)',
    );
    rmSync(path.join(site, 'content', 'runbooks', 'example', 'flow.md'));
  });

  test('a site shortcode throwing the SiteError of `runbook-site` fails the build with its own message (the CLI runs bundled)', () => {
    writeFileSync(path.join(site, 'shortcodes', 'owner.mjs'), [
      "import { SiteError } from 'runbook-site';",
      "export default (args, _inner, context) => { throw new SiteError({ file: context.page.file, line: 4, reason: `Unexpected team ${args.positional[0]}`, hint: 'name a team of teams.yaml', ruleId: 'owner/unknown' }); };",
    ].join('\n'));
    writeFileSync(path.join(site, 'content', 'runbooks', 'example', 'owned.md'), '---\ntitle: Owned\n---\n{{< owner "nobody" >}}\n');
    const result = spawnSync('npx', ['runbook-site', 'build'], { cwd: site, env: childEnv, encoding: 'utf8' });
    rmSync(path.join(site, 'content', 'runbooks', 'example', 'owned.md'));
    rmSync(path.join(site, 'shortcodes', 'owner.mjs'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('error: content/runbooks/example/owned.md:4: Unexpected team nobody (name a team of teams.yaml)');
  });

  test('exports what the README documents from its entry points, and nothing from dist/', () => {
    const script = [
      "const names = async (entry) => Object.keys(await import(entry)).sort();",
      "console.log(JSON.stringify({ api: await names('runbook-site'), theme: await names('runbook-site/theme'), shortcodes: await names('runbook-site/shortcodes') }));",
      "try { await import('runbook-site/dist/src/build/build.js'); console.log('deep import allowed'); } catch (error) { console.log(error.code); }",
    ].join('\n');
    const [exported, deepImport] = run('node', ['--input-type=module', '-e', script], site).trim().split('\n');
    expect(JSON.parse(exported!)).toEqual({
      api: ['SiteError', 'build', 'checkSite'],
      theme: [
        'alertsLayout', 'article', 'breadcrumbs', 'childList', 'document', 'footer', 'h', 'head', 'header', 'homeLayout', 'menu',
        'notFoundLayout', 'pageLayout', 'pageMeta', 'pagination', 'redirectLayout', 's', 'search', 'searchLayout', 'sectionLayout', 'tableOfContents',
        'taxonomyLayout', 'termLayout',
      ],
      shortcodes: ['builtinShortcodes'],
    });
    expect(deepImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
