// `runbook-site init`: the scaffolded site builds as is and its runbook shows its alert rule; in an
// existing repository it appends to .gitignore and keeps files that already hold its content, and it never
// replaces content (exit 1, names the files, writes nothing); the GitHub Pages workflow is valid YAML that
// builds with the Pages URL as base URL and deploys with the official actions.

import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { build } from '../src/build/build.js';
import { runCli } from '../src/cli/main.js';
import { snapshotFiles, temporaryFolder } from './helpers/site.js';

function emptyFolder(): string {
  return temporaryFolder('init');
}

async function init(dir: string): Promise<{ exitCode: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exitCode = await runCli(['init', dir], { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) });
  return { exitCode, stdout, stderr };
}

describe('init', () => {
  test('scaffolds a site that builds, with the example runbook showing its alert rule', async () => {
    const site = path.join(emptyFolder(), 'runbooks');
    const { exitCode, stdout } = await init(site);
    expect(exitCode).toBe(0);
    expect(Object.keys(snapshotFiles(site)).sort()).toEqual([
      '.github/workflows/pages.yml',
      '.gitignore',
      'config.yaml',
      'content/_index.md',
      'content/runbooks/example/ExampleTargetDown.md',
      'content/runbooks/example/_index.md',
      'rules/example.yml',
    ]);
    expect(stdout).toContain(`created ${path.join(path.relative(process.cwd(), site), 'rules/example.yml')}`);
    expect(readFileSync(path.join(site, '.gitignore'), 'utf8')).toMatch(/^public\/$/m);
    expect(readFileSync(path.join(site, '.gitignore'), 'utf8')).toMatch(/^\.runbook-site-cache\/$/m);

    const result = await build({ source: site, strict: true });
    expect(result.warnings).toEqual([]);
    const runbook = readFileSync(path.join(site, 'public/runbooks/example/exampletargetdown/index.html'), 'utf8');
    expect(runbook).toContain('ExampleTargetDown');
    expect(runbook).toMatch(/<code class="hljs language-yaml"[^>]*>(<span class="line[^"]*">)?<span class="hljs-attr">alert:<\/span> <span class="hljs-string">ExampleTargetDown<\/span>/);
    expect(runbook).toContain('<span class="hljs-attr">expr:</span>');
    expect(runbook).toContain('class="book-tabs"');
    expect(readdirSync(path.join(site, 'public/runbooks/example'))).toContain('exampletargetdown');
  });

  test('refuses to replace content: exit 1, names every file with other content, writes nothing', async () => {
    const site = emptyFolder();
    writeFileSync(path.join(site, 'config.yaml'), 'title: Mine\n');
    mkdirSync(path.join(site, 'rules'));
    writeFileSync(path.join(site, 'rules/example.yml'), 'groups: []\n');
    writeFileSync(path.join(site, '.gitignore'), 'dist/\n');
    const before = snapshotFiles(site);

    const { exitCode, stderr } = await init(site);

    expect(exitCode).toBe(1);
    expect(stderr.join('\n')).toMatch(/^error: .*config\.yaml: Unexpected existing files with other content: config\.yaml, rules\/example\.yml; init wrote nothing \(/);
    expect(snapshotFiles(site)).toEqual(before);
  });

  test.each([
    ['a symlinked content folder', 'content', 'content/_index.md'],
    ['a .gitignore linked from outside', '.gitignore', '.gitignore'],
  ])('refuses to write through %s leading out of the folder: exit 1, nothing written there or outside', async (_name, link, named) => {
    const site = emptyFolder();
    const outside = temporaryFolder('outside');
    if (link === '.gitignore') writeFileSync(path.join(outside, 'ignored'), 'dist/\n');
    symlinkSync(link === '.gitignore' ? path.join(outside, 'ignored') : outside, path.join(site, link));
    const before = snapshotFiles(outside);

    const { exitCode, stderr } = await init(site);

    expect(exitCode).toBe(1);
    expect(stderr.join('\n')).toMatch(new RegExp(`^error: .*${named.replace('.', '\\.')}: Unexpected symlink on the way to ${named.replace('.', '\\.')}: it leads to \`.+\`, outside the site folder; init wrote nothing \\(`));
    expect(snapshotFiles(outside)).toEqual(before);
    expect(readdirSync(site)).toEqual([link]);
  });

  test('works in an existing repository: appends what .gitignore lacks, keeps README and content/, says so', async () => {
    const site = emptyFolder();
    writeFileSync(path.join(site, '.gitignore'), 'node_modules\n/public\n*.log');
    writeFileSync(path.join(site, 'README.md'), '# Our runbooks\n');
    mkdirSync(path.join(site, 'content/runbooks/db'), { recursive: true });
    writeFileSync(path.join(site, 'content/runbooks/db/DbDown.md'), '# DbDown\n');
    const { exitCode, stdout } = await init(site);
    expect(exitCode).toBe(0);
    const shown = (file: string) => path.join(path.relative(process.cwd(), site), file);
    expect(stdout).toContain(`added .runbook-site-cache/ to ${shown('.gitignore')}`);
    expect(stdout).toContain(`created ${shown('config.yaml')}`);
    expect(readFileSync(path.join(site, '.gitignore'), 'utf8')).toBe('node_modules\n/public\n*.log\n.runbook-site-cache/\n');
    expect(readFileSync(path.join(site, 'README.md'), 'utf8')).toBe('# Our runbooks\n');
    expect(readFileSync(path.join(site, 'content/runbooks/db/DbDown.md'), 'utf8')).toBe('# DbDown\n');

    const again = await init(site);
    expect(again.exitCode).toBe(0);
    expect(again.stdout.filter((line) => !line.startsWith('kept '))).toEqual([]);
    expect(again.stdout).toContain(`kept ${shown('config.yaml')} (it already holds what init writes)`);
    expect(again.stdout).toContain(`kept ${shown('.gitignore')} (it already holds what init writes)`);
  });

  test('the Pages workflow builds with the Pages URL as base URL and deploys with the official actions', async () => {
    const site = emptyFolder();
    expect((await init(site)).exitCode).toBe(0);
    const workflow = parse(readFileSync(path.join(site, '.github/workflows/pages.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { needs?: string; environment?: { name: string; url: string }; steps: Array<{ id?: string; uses?: string; run?: string; with?: Record<string, unknown> }> }>;
    };
    expect(Object.keys(workflow.jobs)).toEqual(['build', 'deploy']);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(Object.keys(workflow.on)).toContain('push');

    const { steps } = workflow.jobs.build!;
    const uses = steps.map((step) => step.uses?.replace(/@.*/, ''));
    const pagesStep = steps.findIndex((step) => step.uses?.startsWith('actions/configure-pages@'));
    const buildStep = steps.findIndex((step) => step.run?.includes('runbook-site build'));
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'actions/configure-pages', 'actions/upload-pages-artifact']));
    expect(steps.map((step) => step.run).filter(Boolean)).toContain('npm ci');
    expect(steps[pagesStep]!.id).toBe('pages');
    expect(buildStep).toBeGreaterThan(pagesStep);
    expect(steps[buildStep]!.run).toBe('npx runbook-site build --base-url "${{ steps.pages.outputs.base_url }}/"');
    // The build cache is restored before the build (latest run's, by prefix) and saved under a new key.
    const cacheStep = steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
    expect(cacheStep).toBeGreaterThan(-1);
    expect(cacheStep).toBeLessThan(buildStep);
    expect(steps[cacheStep]!.with).toEqual({
      path: '.runbook-site-cache',
      key: 'runbook-site-${{ runner.os }}-${{ github.sha }}',
      'restore-keys': 'runbook-site-${{ runner.os }}-',
    });
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))!.with).toEqual({ path: 'public' });

    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe('build');
    expect(deploy.environment).toEqual({ name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
    expect(deploy.steps).toEqual([{ id: 'deployment', uses: expect.stringMatching(/^actions\/deploy-pages@v\d+$/) }]);
  });
});
