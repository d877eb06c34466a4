// `runbook-site check` on fixture sites: test/fixtures/check/problems holds every kind of finding (listed
// below with its place), test/fixtures/alerts none. Text and JSON output, exit codes, levels from the
// config, and that check writes nothing. The real corpus, when present next to the repository, must give
// the numbers its issue states (9 unresolved rule references, 7 alerts without runbooks, 6 dead URLs).

import { cpSync, existsSync} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkSite } from '../src/check/check-site.js';
import { runCliCaptured } from './helpers/cli.js';
import { snapshotFiles, temporaryFolder, writeSite } from './helpers/site.js';

const testDir = path.dirname(fileURLToPath(import.meta.url));
const problemsSite = path.join(testDir, 'fixtures', 'check', 'problems');
const cleanSite = path.join(testDir, 'fixtures', 'alerts');
const corpus = path.resolve(testDir, '..', '..', 'shared', 'corpus', 'prometheus-alerts');

const cli = runCliCaptured;

const app = 'content/runbooks/app';
const expectedFindings = [
  ['broken-anchor', 'warning', `${app}/AppDown.md`, 14],
  ['broken-link', 'error', `${app}/AppDown.md`, 14],
  ['broken-link', 'error', `${app}/AppDown.md`, 14],
  ['unresolved-rule-reference', 'error', `${app}/AppGone.md`, 5],
  ['page-warning', 'warning', `${app}/AppMirror.md`, 7],
  ['empty-page', 'warning', `${app}/AppRestarting.md`, 1],
  ['unresolved-rule-reference', 'error', `${app}/AppSlow.md`, 7],
  ['page-error', 'error', `${app}/Broken.md`, 3],
  ['duplicate-url', 'error', `${app}/Copy.md`, 1],
  ['dead-annotation-url', 'error', 'rules/app/app.yml', 17],
  ['dead-annotation-url', 'error', 'rules/app/app.yml', 18],
  ['dead-annotation-url', 'error', 'rules/app/app.yml', 22],
  ['dead-annotation-url', 'error', 'rules/app/app.yml', 26],
  ['alert-without-runbook', 'warning', 'rules/app/app.yml', 27],
  ['dead-annotation-url', 'error', 'rules/app/app.yml', 31],
];

describe('check on a site with every kind of problem', () => {
  const result = checkSite({ source: problemsSite });

  test('finds each problem at its file and line, with the default levels', async () => {
    const { findings } = await result;
    expect(findings.map((finding) => [finding.kind, finding.level, finding.file, finding.line])).toEqual(expectedFindings);
  });

  test('names the URL a dead annotation most likely meant: case, trailing slash, characters Hugo drops', async () => {
    const dead = (await result).findings.filter((finding) => finding.kind === 'dead-annotation-url');
    expect(dead.map((finding) => [finding.url, finding.suggestion])).toEqual([
      ['https://runbooks.example.org/runbooks/app/AppSlow/', 'https://runbooks.example.org/runbooks/app/appslow/'],
      ['https://org.github.io/repo/runbooks/app/appslow', 'https://org.github.io/repo/runbooks/app/appslow/'],
      ['https://runbooks.example.org/runbooks/app/apperrors(>5%)/', 'https://runbooks.example.org/runbooks/app/apperrors5/'],
      ['https://runbooks.example.org/runbooks/app/appqueuefull', 'https://runbooks.example.org/runbooks/app/appqueuefull/'],
      // `{{ $labels.alertname }}` is the rule's alert, which has no runbook and so no redirect.
      ['https://runbooks.example.org/alerts/AppRestarting/', undefined],
    ]);
  });

  test('checks annotations under the baseURL and under an address the annotations show the site at', async () => {
    expect((await result).annotationBaseURLs).toEqual([
      { url: 'https://runbooks.example.org/', inferred: false },
      { url: 'https://org.github.io/repo/', inferred: true },
    ]);
  });

  test('points a link to a source file at the page URL', async () => {
    const sourceLink = (await result).findings.find((finding) => finding.url === 'AppSlow.md');
    expect(sourceLink).toMatchObject({ kind: 'broken-link', column: 81, suggestion: '/runbooks/app/appslow/' });
  });

  test('prints one file:line line per finding and a summary, exit 1', async () => {
    const { code, stdout } = await cli('check', '--source', problemsSite);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'rules/app/app.yml:22: error: Annotation `runbook_url` of alert `AppErrors(>5%)` leads to no page: https://runbooks.example.org/runbooks/app/apperrors(>5%)/'
      + ' (did you mean https://runbooks.example.org/runbooks/app/apperrors5/? (page URLs drop the characters Hugo drops from file names)) [dead-annotation-url]',
    );
    expect(stdout).toContain(`${app}/AppSlow.md:7:1: error: Alert \`AppSlw\` not found in rule file \`app/app.yml\` (did you mean \`AppSlow\`?) [unresolved-rule-reference]`);
    expect(stdout.at(-1)).toBe(
      '11 errors, 4 warnings: 2 unresolved-rule-reference, 1 alert-without-runbook, 1 empty-page, 5 dead-annotation-url, 2 broken-link, 1 broken-anchor, 1 duplicate-url, 1 page-error, 1 page-warning',
    );
  });

  test('prints JSON with --format json', async () => {
    const { code, stdout } = await cli('check', '--source', problemsSite, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout.join('\n'));
    expect(report).toMatchObject({ errors: 11, warnings: 4, counts: { 'dead-annotation-url': 5, 'unresolved-rule-reference': 2 } });
    expect(report.findings[0]).toEqual({
      kind: 'broken-anchor',
      level: 'warning',
      file: `${app}/AppDown.md`,
      line: 14,
      column: 21,
      message: 'Link to #no-such-heading: content/runbooks/app/AppDown.md has no element with id `no-such-heading`',
      hint: expect.stringContaining('heading ids'),
      url: '#no-such-heading',
    });
  });

  test('writes nothing', async () => {
    const before = snapshotFiles(problemsSite);
    await cli('check', '--source', problemsSite);
    expect(snapshotFiles(problemsSite)).toEqual(before);
  });
});

test('a clean site: no findings, exit 0', async () => {
  const { code, stdout } = await cli('check', '--source', cleanSite);
  expect(stdout.at(-1)).toBe('0 errors, 0 warnings');
  expect(code).toBe(0);
});

test('--format other than text or json is a usage error', async () => {
  expect((await cli('check', '--source', cleanSite, '--format', 'xml')).code).toBe(2);
});

describe('levels from the config', () => {
  const site = (check: string) => writeSite(`
-- config.yaml --
baseURL: https://runbooks.example.org/
${check}
-- content/runbooks/Page.md --
---
title: Page
---
A [dead link](../nowhere/).
`);

  test('by default a broken link is an error', async () => {
    expect((await cli('check', '--source', site(''))).code).toBe(1);
  });

  test('`check: { broken-link: warning }` makes it a warning (exit 0)', async () => {
    const source = site('check:\n  broken-link: warning');
    const { findings } = await checkSite({ source });
    expect(findings.map((finding) => [finding.kind, finding.level])).toEqual([['broken-link', 'warning']]);
    expect((await cli('check', '--source', source)).code).toBe(0);
  });

  test('`ignore` drops the finding', async () => {
    expect((await checkSite({ source: site('check:\n  broken-link: ignore') })).findings).toEqual([]);
  });

  test.each([
    ['check:\n  broken-link: fatal', 'config.yaml:3: Unexpected value for `check.broken-link`'],
    ['check:\n  broken-links: warning', 'config.yaml:3: Unexpected value for `check`: Unrecognized key: "broken-links"'],
    ['check:\n  annotationBaseURLs: [not a url]', 'config.yaml:3: Unexpected value for `check.annotationBaseURLs.0`'],
  ])('a wrong `check:` section is a config error naming its line: %s', async (check, message) => {
    const { code, stderr } = await cli('check', '--source', site(check));
    expect(code).toBe(1);
    expect(stderr[0]).toContain(`error: ${message}`);
  });

  test('`check.annotationBaseURLs` adds an address annotations are checked under', async () => {
    const source = writeSite(`
-- config.yaml --
baseURL: https://runbooks.example.org/
check:
  annotationBaseURLs: [https://mirror.example.net/docs/]
  requiredSections: []
-- rules/app.yml --
groups:
  - name: App
    rules:
      - alert: AppDown
        expr: up == 0
        annotations:
          runbook_url: https://mirror.example.net/docs/runbooks/appdown
-- content/runbooks/AppDown.md --
# AppDown

{{% rule "app.yml" "AppDown" %}}
`);
    const { findings } = await checkSite({ source });
    expect(findings.map((finding) => [finding.kind, finding.file, finding.line, finding.suggestion])).toEqual([
      ['dead-annotation-url', 'rules/app.yml', 7, 'https://mirror.example.net/docs/runbooks/appdown/'],
    ]);
  });
});

describe.skipIf(!existsSync(corpus))('the prometheus-alerts corpus', () => {
  test('check reports exactly 9 unresolved rule references, 7 alerts without runbooks, 6 dead annotation URLs', async () => {
    const { code, stdout } = await cli('check', '--source', corpus, '--format', 'json');
    const report = JSON.parse(stdout.join('\n'));
    expect(report.counts).toEqual({
      'unresolved-rule-reference': 9,
      'alert-without-runbook': 7,
      'empty-page': 7,
      'dead-annotation-url': 6,
      // Of the 33 drifted copies, 24 differ in expr, 7 in for, 1 in labels, 14 in annotations.
      'rule-copy-drift': 33,
      // 128 sections left as the template's placeholder, 1 missing.
      'missing-section': 129,
    });
    expect(report.findings).toContainEqual(expect.objectContaining({
      kind: 'dead-annotation-url',
      file: 'rules/mysql/mysqld-exporter.yml',
      url: 'https://srerun.github.io/prometheus-alerts/runbooks/mysqld-exporter/mysqltoomanyconnections(>80%)/',
      suggestion: 'https://srerun.github.io/prometheus-alerts/runbooks/mysqld-exporter/mysqltoomanyconnections80/',
    }));
    expect(code).toBe(1);
  });

  test('after `new --missing` on a copy, the 7 empty pages are filled and no alert lacks a runbook', async () => {
    const copy = path.join(temporaryFolder('corpus'), 'site');
    cpSync(corpus, copy, { recursive: true });
    const written = await cli('new', '--missing', '--source', copy);
    expect(written.code).toBe(0);
    expect(written.stdout).toHaveLength(7);
    expect(written.stdout.every((line) => line.startsWith('filled (was empty) content/runbooks/'))).toBe(true);
    const { findings } = await checkSite({ source: copy });
    expect(findings.filter((finding) => finding.kind === 'alert-without-runbook' || finding.kind === 'empty-page')).toEqual([]);
  });
});

describe('duplicate URLs', () => {
  /** A runbook of the alert DbDown, with its rule file. */
  const dbRunbook = '-- rules/db.yml --\ngroups:\n  - name: db\n    rules:\n      - alert: DbDown\n        expr: up == 0\n'
    + '-- content/runbooks/DbDown.md --\n# DbDown\n\n{{% rule "db.yml" "DbDown" %}}\n';

  test('an alias taking an alert\'s /alerts/<Name>/ redirect is reported at the alias: runbook_url annotations would lead to its page', async () => {
    const site = writeSite(`${dbRunbook}-- content/Other.md --\n---\ntitle: Other\naliases: [/alerts/dbdown/]\n---\nText.\n`);
    const duplicates = (await checkSite({ source: site })).findings.filter((finding) => finding.kind === 'duplicate-url');
    expect(duplicates.map((finding) => [finding.file, finding.message])).toEqual([
      ['content/Other.md', 'URL /alerts/dbdown/ is written twice: by this alias `/alerts/dbdown/` and by the redirect of alert `DbDown` of content/runbooks/DbDown.md'],
    ]);
  });

  test('an alias naming a file the build writes (`index.html` of a URL, a generated file) is reported as the build fails on it', async () => {
    const site = writeSite(`${dbRunbook}-- content/Other.md --\n---\ntitle: Other\naliases: [/alerts/DbDown/index.html, /sitemap.xml, /runbooks/index.html]\n---\nText.\n`);
    const duplicates = (await checkSite({ source: site })).findings.filter((finding) => finding.kind === 'duplicate-url');
    expect(duplicates.map((finding) => finding.message)).toEqual([
      'URL /alerts/DbDown/index.html is written twice: by this alias `/alerts/DbDown/index.html` and by the redirect of alert `DbDown` of content/runbooks/DbDown.md',
      'URL /sitemap.xml is written twice: by this alias `/sitemap.xml` and by the generated file sitemap.xml',
      'URL /runbooks/index.html is written twice: by this alias `/runbooks/index.html` and by the page of content/runbooks/_index.md',
    ]);
    const { code, stderr } = await cli('build', '--source', site, '--quiet');
    expect([code, stderr.length]).toEqual([1, 1]);
  });
});
