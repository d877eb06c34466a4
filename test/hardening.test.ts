// Hardening against bad input: one case per bad input of issue 7, each a whole site on disk built with
// the CLI. A bad input fails with `error: file:line:col: reason (hint)`, exit code 1 and the previous
// public/ left byte for byte as it was; inputs that are merely unusual (an empty page, a byte-order mark,
// CRLF line endings, a 1 MB page) build. Shortcode syntax errors are also covered by build-errors.test.ts;
// the cases here are the variants that file does not have.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCliCaptured } from './helpers/cli.js';
import { snapshotFiles, writeSite } from './helpers/site.js';
import { OUTPUT_MARKER } from '../src/write/output-update.js';

const ruleFile = `
-- rules/app.yml --
groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up == 0
        labels:
          severity: critical
`;

/** A runbook page whose body starts on line 3 of the file. */
const page = (body: string) => `-- content/runbooks/AppDown.md --\n# AppDown\n\n${body}\n`;
/** The same page with a rule file holding AppDown. */
const runbook = (body: string) => page(body) + ruleFile;

interface BadInput {
  readonly name: string;
  /** The site, as `-- path --` sections. */
  readonly files: string;
  /** What a string cannot hold: bytes that are not UTF-8, symlinks. */
  readonly setup?: (site: string) => void;
  readonly args?: readonly string[];
  /** The whole last line on stderr. */
  readonly message: RegExp;
}

const badInputs: readonly BadInput[] = [
  {
    name: 'invalid UTF-8 in a page',
    files: ruleFile,
    setup: (site) => {
      mkdirSync(path.join(site, 'content', 'runbooks'), { recursive: true });
      writeFileSync(path.join(site, 'content', 'runbooks', 'Latin1.md'), Buffer.from('# Coffee\n\nCaf\xe9 au lait\n', 'latin1'));
    },
    message: /^error: content\/runbooks\/Latin1\.md:3:4: Unexpected byte 0xe9 .*expected UTF-8 text \(save the file as UTF-8\)$/,
  },
  {
    name: 'invalid UTF-8 in a rule file',
    files: page('{{% rule "app.yml" "AppDown" %}}'),
    setup: (site) => {
      mkdirSync(path.join(site, 'rules'), { recursive: true });
      writeFileSync(path.join(site, 'rules', 'app.yml'), Buffer.from('groups:\n  - name: caf\xe9\n    rules: []\n', 'latin1'));
    },
    message: /^error: rules\/app\.yml:2:14: Unexpected byte 0xe9 .*expected UTF-8 text \(save the file as UTF-8\)$/,
  },
  {
    name: 'invalid UTF-8 in the config',
    files: page('Text.'),
    setup: (site) => writeFileSync(path.join(site, 'config.yaml'), Buffer.from('title: Caf\xe9\n', 'latin1')),
    message: /^error: config\.yaml:1:11: Unexpected byte 0xe9 .*expected UTF-8 text \(save the file as UTF-8\)$/,
  },
  {
    name: 'YAML front matter that is not valid YAML',
    files: `-- content/runbooks/AppDown.md --\n---\ntitle: AppDown\ndescription: a: b\n---\nbody\n`,
    message: /^error: content\/runbooks\/AppDown\.md:3:\d+: Invalid YAML front matter: .+ \(fix the YAML between the `---` lines.*\)$/,
  },
  {
    name: 'TOML front matter that is not valid TOML',
    files: `-- content/runbooks/AppDown.md --\n+++\ntitle = "AppDown"\nweight = \n+++\nbody\n`,
    message: /^error: content\/runbooks\/AppDown\.md:3:\d+: Invalid TOML front matter: .+ \(fix the TOML between the `\+\+\+` lines\)$/,
  },
  {
    name: 'JSON front matter that is not valid JSON',
    files: `-- content/runbooks/AppDown.md --\n{\n  "title": "AppDown",\n  "weight": 1,\n}\nbody\n`,
    message: /^error: content\/runbooks\/AppDown\.md:4:1: Invalid JSON front matter: .+ \(fix the JSON object that opens the page\)$/,
  },
  {
    name: 'front matter without its closing delimiter',
    files: `-- content/runbooks/AppDown.md --\n---\ntitle: AppDown\n\n# AppDown\n`,
    message: /^error: content\/runbooks\/AppDown\.md:1:1: Unexpected end of file, expected a closing `---` for the front matter \(.+\)$/,
  },
  {
    name: 'front matter that is a list, not a mapping',
    files: `-- content/runbooks/AppDown.md --\n---\n- title\n- AppDown\n---\nbody\n`,
    message: /^error: content\/runbooks\/AppDown\.md:2:1: Unexpected list as YAML front matter, expected a mapping of keys to values \(.+\)$/,
  },
  {
    name: 'front matter that is a scalar, not a mapping',
    files: `-- content/runbooks/AppDown.md --\n---\njust a sentence\n---\nbody\n`,
    message: /^error: content\/runbooks\/AppDown\.md:2:1: Unexpected string as YAML front matter, expected a mapping of keys to values \(.+\)$/,
  },
  {
    name: 'front matter key with a value of the wrong type',
    files: `-- content/runbooks/AppDown.md --\n---\ntitle: AppDown\nweight: heavy\n---\nbody\n`,
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected value for front matter key `weight`: .+ \(fix `weight` in the page's front matter\)$/,
  },
  {
    name: 'rule file that is not YAML (tab indentation)',
    files: `${page('{{% rule "app.yml" "AppDown" %}}')}-- rules/app.yml --\ngroups:\n\t- name: app\n`,
    message: /^error: rules\/app\.yml:2:1: Invalid YAML in rule file: .+ \(fix the YAML syntax at this position; rule files must be valid YAML\)$/,
  },
  {
    name: 'rule file that is YAML but not a rule file',
    files: `${page('{{% rule "app.yml" "AppDown" %}}')}-- rules/app.yml --\napiVersion: apps/v1\nkind: Deployment\n`,
    message: /^error: rules\/app\.yml:1:1: Unexpected mapping at the top of the rule file, expected a `groups` list .+ \(a rule file is .+\)$/,
  },
  {
    name: 'rule file whose alert has no expr',
    files: `${page('{{% rule "app.yml" "AppDown" %}}')}-- rules/app.yml --\ngroups:\n  - name: app\n    rules:\n      - alert: AppDown\n        for: 5m\n`,
    message: /^error: rules\/app\.yml:4:9: Unexpected alert rule `AppDown` without an `expr`, expected a PromQL expression \(.+\)$/,
  },
  {
    name: '`rule` without arguments',
    files: runbook('Intro {{% rule %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:7: Missing rule file in `rule`, expected a rule file and an alert name \(write \{\{% rule .+\)$/,
  },
  {
    name: '`rule` without the alert name',
    files: runbook('{{% rule "app.yml" %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Missing alert name in `rule`, expected a rule file and an alert name \(.+\)$/,
  },
  {
    name: '`rule` naming a file that does not exist, without --strict',
    files: runbook('{{% rule "ap.yml" "AppDown" %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Rule file `ap\.yml` not found in the rules folder \(did you mean `app\.yml`\? paths are relative to the rules folder.+\)$/,
  },
  {
    name: '`rule` naming an alert not in the file, with --strict',
    files: runbook('{{< rule file="app.yml" alert="AppDwon" >}}'),
    args: ['--strict'],
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Alert `AppDwon` not found in rule file `app\.yml` \(did you mean `AppDown`\?; --strict .+\)$/,
  },
  {
    name: '`rule` path leaving the rules folder with ..',
    files: runbook('{{% rule "../../etc/passwd" "AppDown" %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected rule file path `\.\.\/\.\.\/etc\/passwd`: it leaves the rules folder, expected a path inside the rules folder \(.+\)$/,
  },
  {
    name: '`rule` path leaving the rules folder halfway (a/../../x)',
    files: runbook('{{% rule "sub/../../config.yaml" "AppDown" %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected rule file path `sub\/\.\.\/\.\.\/config\.yaml`: it leaves the rules folder/,
  },
  {
    name: '`rule` with an absolute path',
    files: runbook('{{% rule "/etc/passwd" "AppDown" %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected rule file path `\/etc\/passwd`: it is absolute, expected a path inside the rules folder \(.+\)$/,
  },
  {
    name: '`rule` with a symlinked file pointing outside the rules folder',
    files: `${runbook('{{% rule "linked.yml" "AppDown" %}}')}-- outside/app.yml --\ngroups: []\n`,
    setup: (site) => symlinkSync(path.join(site, 'outside', 'app.yml'), path.join(site, 'rules', 'linked.yml')),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected rule file path `linked\.yml`: through a symlink it leads to a file outside the rules folder/,
  },
  {
    name: '`rule` through a symlinked folder pointing outside the rules folder',
    files: `${runbook('{{% rule "elsewhere/app.yml" "AppDown" %}}')}-- outside/app.yml --\ngroups: []\n`,
    setup: (site) => symlinkSync('../outside', path.join(site, 'rules', 'elsewhere')),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected rule file path `elsewhere\/app\.yml`: through a symlink it leads to a file outside the rules folder/,
  },
  {
    name: 'unclosed quoted shortcode argument',
    files: runbook('{{% rule "app.yml %}}\n\nMore text.'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected end of file in a quoted argument of shortcode `rule`, expected a closing `"` \(.+\)$/,
  },
  {
    name: 'unclosed escaped shortcode',
    files: runbook('Write {{</* rule "a.yml" "A" >}} to show a rule.'),
    message: /^error: content\/runbooks\/AppDown\.md:3:7: Unexpected end of file in an escaped shortcode, expected `\*\/>\}\}` \(.+\)$/,
  },
  {
    name: 'shortcode closed with the other delimiter',
    files: runbook('{{< rule "app.yml" "AppDown" %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:3:1: Unexpected `%` in shortcode `\{\{< rule`, expected `>\}\}` or an argument \(.+\)$/,
  },
  {
    name: 'mis-nested shortcodes, HTML delimiters',
    files: `${runbook('{{< box >}}{{< note >}}x{{< /box >}}{{< /note >}}')}-- shortcodes/box.mjs --\nexport default (args, inner) => inner ?? '';\nexport const takesInner = true;\n-- shortcodes/note.mjs --\nexport default (args, inner) => inner ?? '';\nexport const takesInner = true;\n`,
    message: /^error: content\/runbooks\/AppDown\.md:3:12: shortcode "note" must be closed or self-closed \(add \{\{< \/note >\}\} before `\{\{< \/box >\}\}` at 3:25\)$/,
  },
  {
    name: 'closing tag of an unknown shortcode',
    files: runbook('Text.\n\n{{% /details %}}'),
    message: /^error: content\/runbooks\/AppDown\.md:5:1: Unexpected closing tag `\{\{% \/details %\}\}`, expected an opening .+$/,
  },
  {
    name: 'unknown shortcode on a later line',
    files: runbook('First.\n\nSecond {{% nosuchthing info %}}.'),
    message: /^error: content\/runbooks\/AppDown\.md:5:8: Unexpected shortcode `nosuchthing`, expected a known shortcode \(known shortcodes: .*rule.*\)$/,
  },
  {
    name: 'two pages with the same URL (file names differing only by case)',
    files: `-- content/runbooks/AppDown.md --\n# AppDown\n-- content/runbooks/appdown.md --\n# appdown\n`,
    message: /^error: content\/runbooks\/appdown\.md:1:1: Unexpected second page for URL \/runbooks\/appdown\/, already written by content\/runbooks\/AppDown\.md \(.+\)$/,
  },
  {
    name: 'two pages whose URLs differ only by case (front matter url)',
    files: `-- content/a.md --\n---\nurl: /Runbooks/AppDown/\n---\n-- content/runbooks/AppDown.md --\n# AppDown\n`,
    message: /^error: content\/runbooks\/AppDown\.md:1:1: Unexpected second page for URL \/runbooks\/appdown\/, already written by content\/a\.md \(rename one of the files or give one a different `url` or `slug`\)$/,
  },
  {
    name: 'two pages with the same URL through a slug',
    files: `-- content/runbooks/First.md --\n---\nslug: second\n---\n-- content/runbooks/Second.md --\n# Second\n`,
    message: /^error: content\/runbooks\/Second\.md:1:1: Unexpected second page for URL \/runbooks\/second\/, already written by content\/runbooks\/First\.md/,
  },
  {
    name: 'symlink loop in content/ (a folder linking to its ancestor)',
    files: runbook('Text.'),
    setup: (site) => symlinkSync('..', path.join(site, 'content', 'runbooks', 'loop')),
    message: /^error: content\/runbooks\/loop: Unexpected symlink loop: this folder was already visited \(remove the symlink that points back into content\/\)$/,
  },
  {
    name: 'symlink loop in content/ (a symlink to itself)',
    files: runbook('Text.'),
    setup: (site) => symlinkSync('self', path.join(site, 'content', 'runbooks', 'self')),
    message: /^error: content\/runbooks\/self: Unexpected symlink loop: .+ \(.+\)$/,
  },
  {
    name: 'symlink in content/ to a file outside the site',
    files: runbook('Text.'),
    setup: (site) => symlinkSync('/etc/hosts', path.join(site, 'content', 'runbooks', 'Hosts.md')),
    message: /^error: content\/runbooks\/Hosts\.md: Unexpected symlink to `\/.*hosts`, outside the site \(copy the file into the site, or point the symlink at a file inside it\)$/,
  },
  {
    name: 'symlinked folder in content/ leading outside the site',
    files: runbook('Text.'),
    setup: (site) => symlinkSync('/etc', path.join(site, 'content', 'runbooks', 'etc')),
    message: /^error: content\/runbooks\/etc: Unexpected symlink to `\/.*etc`, outside the site \(.+\)$/,
  },
  {
    name: 'the content folder a symlink out of the site',
    files: ruleFile,
    setup: (site) => symlinkSync('/etc', path.join(site, 'content')),
    message: /^error: content: Unexpected symlink to `\/.*etc`, outside the site \(.+\)$/,
  },
  {
    name: 'the rules folder a symlink out of the site (annotate would write there)',
    files: page('{{% rule "app.yml" "AppDown" %}}'),
    setup: (site) => symlinkSync('/etc', path.join(site, 'rules')),
    message: /^error: rules: Unexpected rules folder leading out of the site, to `\/.*etc` \(move the rule files into the site, or point the symlink at a folder inside it\)$/,
  },
  {
    name: 'a symlink in content/ into the build output (published again, deeper, every build)',
    files: runbook('Text.'),
    setup: (site) => symlinkSync('../../public', path.join(site, 'content', 'runbooks', 'published')),
    message: /^error: content\/runbooks\/published: Unexpected symlink into `public`, a build's output or a hidden folder \(the build cache\) \(point the symlink at a source file or folder of the site\)$/,
  },
  {
    name: 'a leaf bundle\'s file a symlink into the build cache',
    files: `${runbook('Text.')}-- content/runbooks/Leaf/index.md --\n# Leaf\n-- .runbook-site-cache/derived.bin --\n`,
    setup: (site) => symlinkSync('../../../.runbook-site-cache/derived.bin', path.join(site, 'content', 'runbooks', 'Leaf', 'derived.bin')),
    message: /^error: content\/runbooks\/Leaf\/derived\.bin: Unexpected symlink into `\.runbook-site-cache`, a build's output or a hidden folder \(the build cache\) \(.+\)$/,
  },
  {
    name: 'a FIFO named like a page (reading it would wait forever)',
    files: runbook('Text.'),
    setup: (site) => execFileSync('mkfifo', [path.join(site, 'content', 'runbooks', 'Pipe.md')]),
    message: /^error: content\/runbooks\/Pipe\.md: Unexpected special file \(a FIFO, socket or device\), expected a Markdown file \(remove it, or replace it with a regular file\)$/,
  },
  {
    name: 'a page larger than limits.pageSize',
    files: runbook('Text.'),
    setup: (site) => writeFileSync(path.join(site, 'content', 'runbooks', 'Huge.md'), `# Huge\n\n${'Lorem ipsum dolor sit amet.\n\n'.repeat(80_000)}`),
    message: /^error: content\/runbooks\/Huge\.md:1:1: Unexpected page of 2,320,008 bytes, expected at most 2,000,000 \(split it into several pages, or raise `limits\.pageSize` in the site's config\)$/,
  },
  {
    name: 'a site layout that throws (named, not reported as runbook-site\'s bug)',
    files: `${runbook('Text.')}-- theme/layouts/page.mjs --\nexport default () => { throw new Error('layoutboom'); };\n`,
    message: /^error: theme\/layouts\/page\.mjs: Unexpected error in the layout: layoutboom \(fix the layout; run with --debug for its stack\)$/,
  },
  {
    name: 'a site layout that returns nothing',
    files: `${runbook('Text.')}-- theme/layouts/page.mjs --\nexport default () => undefined;\n`,
    message: /^error: theme\/layouts\/page\.mjs: Unexpected undefined returned by the layout, expected a hast tree \(`document\(\)` of runbook-site\/theme makes one\) \(fix the layout; run with --debug for its stack\)$/,
  },
  {
    name: 'a site layout that throws an object without a prototype',
    files: `${runbook('Text.')}-- theme/layouts/page.mjs --\nexport default () => { throw Object.create(null); };\n`,
    message: /^error: theme\/layouts\/page\.mjs: Unexpected error in the layout: \[object Object\] \(.+\)$/,
  },
  {
    name: 'broken symlink in content/',
    files: runbook('Text.'),
    setup: (site) => symlinkSync('gone.md', path.join(site, 'content', 'runbooks', 'Moved.md')),
    message: /^error: content\/runbooks\/Moved\.md: Unexpected broken symlink: .+ \(.+\)$/,
  },
];

async function buildWithCli(site: string, args: readonly string[] = []): Promise<{ exitCode: number; stderr: string[] }> {
  const { code, stderr } = await runCliCaptured('build', '--source', site, '--quiet', ...args);
  return { exitCode: code, stderr };
}

/** The text of an HTML document, tags removed (highlighting splits the rule's text into spans). */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

describe('bad input fails clearly and leaves public/ untouched', () => {
  test.each(badInputs.map((input) => [input.name, input] as const))('%s', async (_name, input) => {
    const site = writeSite(input.files);
    input.setup?.(site);
    mkdirSync(path.join(site, 'public', 'runbooks'), { recursive: true });
    writeFileSync(path.join(site, 'public', 'index.html'), 'previous good site');
    writeFileSync(path.join(site, 'public', 'runbooks', 'index.html'), 'previous runbooks');
    writeFileSync(path.join(site, 'public', OUTPUT_MARKER), '');
    const before = snapshotFiles(path.join(site, 'public'));

    const { exitCode, stderr } = await buildWithCli(site, input.args);

    expect(stderr.at(-1)).toMatch(input.message);
    expect(exitCode).toBe(1);
    expect(snapshotFiles(path.join(site, 'public'))).toEqual(before);
  });
});

describe('unusual input builds', () => {
  test('an empty page builds, titled from its file name, and `check` warns about it', async () => {
    const site = writeSite(`-- content/runbooks/EmptyAlert.md --\n-- content/runbooks/Blank.md --\n  \n\n`);
    const { exitCode, stderr } = await buildWithCli(site);
    expect(stderr).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(path.join(site, 'public', 'runbooks', 'emptyalert', 'index.html'), 'utf8')).toContain('<title>EmptyAlert | Runbooks</title>');
    expect(readFileSync(path.join(site, 'public', 'runbooks', 'blank', 'index.html'), 'utf8')).toContain('<title>Blank | Runbooks</title>');

    const check = await runCliCaptured('check', '--source', site);
    expect(check.code).toBe(0);
    for (const file of ['Blank', 'EmptyAlert']) {
      expect(check.stdout.join('\n')).toMatch(new RegExp(`^content/runbooks/${file}\\.md:1: warning: Empty page: .+ \\[empty-page\\]$`, 'm'));
    }
  });

  test('a byte-order mark and CRLF line endings, in pages and rule files, simply work', async () => {
    const site = writeSite('');
    mkdirSync(path.join(site, 'content'));
    mkdirSync(path.join(site, 'rules'));
    const crlf = (text: string) => `\ufeff${text.replaceAll('\n', '\r\n')}`;
    writeFileSync(
      path.join(site, 'content', 'AppDown.md'),
      crlf('---\ntitle: "App is down"\ntags: [app]\n---\n# Heading\n\n{{% rule "app.yml" "AppDown" %}}\n\nLast line.\n'),
    );
    writeFileSync(path.join(site, 'content', 'Toml.md'), crlf('+++\ntitle = "From TOML"\n+++\nBody.\n'));
    writeFileSync(path.join(site, 'rules', 'app.yml'), crlf('groups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up == 0\n        for: 5m\n'));

    const { exitCode, stderr } = await buildWithCli(site, ['--strict']);

    expect(stderr).toEqual([]);
    expect(exitCode).toBe(0);
    const page = readFileSync(path.join(site, 'public', 'appdown', 'index.html'), 'utf8');
    expect(page).toContain('<title>App is down | Runbooks</title>');
    expect(page).toContain('<h1 id="heading">Heading</h1>');
    expect(textOf(page)).toContain('alert: AppDown\nexpr: up == 0\nfor: 5m\n');
    expect(page).not.toContain('\r');
    expect(page).not.toContain('\ufeff');
    expect(readFileSync(path.join(site, 'public', 'toml', 'index.html'), 'utf8')).toContain('<title>From TOML | Runbooks</title>');
  });

  // Mixed content as a pasted incident log makes it: headings, prose with inline markup, a long log block.
  // 1 MB here, so the suite stays quick; `npm run bench` (bench/hardening.mjs) builds the 10 MB page and
  // times it against its size, which is where linear growth is measured (tests assert no timing).
  test('a 1 MB page builds', async () => {
    const logLine = '2024-05-01T12:00:00Z level=error msg="connection refused" backend=app-7 retries=3\n';
    const section = (index: number) =>
      `## Incident ${index}\n\nThe **backend** refused connections; see \`{{ $labels.instance }}\` and the [dashboard](https://example.com/d/${index}).\n\n` +
      `\`\`\`text\n${logLine.repeat(40)}\`\`\`\n\n- drained the pool\n- restarted app-7\n\n`;
    const sections = Math.ceil(1_000_000 / section(0).length);
    const body = `# Big\n\n${Array.from({ length: sections }, (_, index) => section(index)).join('')}`;
    expect(body.length).toBeGreaterThan(1_000_000);
    const site = writeSite(`-- content/Big.md --\n${body}`);
    const { exitCode, stderr } = await buildWithCli(site);
    expect(stderr).toEqual([]);
    expect(exitCode).toBe(0);
    const html = readFileSync(path.join(site, 'public', 'big', 'index.html'), 'utf8');
    expect(html.match(/<h2 id="incident-\d+">/g)?.length).toBe(sections);
    expect(html).toContain(`<h2 id="incident-${sections - 1}">Incident ${sections - 1}</h2>`);
  });
});
