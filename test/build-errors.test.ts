// Bad input fails the build with file:line:col, what is wrong and what to do, exit code 1, and the
// previous public/ left exactly as it was. Each case is a whole site written from one string.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { snapshotFiles, writeSite } from './helpers/site.js';
import { OUTPUT_MARKER } from '../src/write/output-update.js';

const ruleFile = `
-- rules/app.yml --
groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up == 0
`;

/** A site's own shortcodes, as ES modules in shortcodes/. */
const siteShortcodes = `
-- shortcodes/box.mjs --
export default (args, inner) => inner ?? '';
export const takesInner = true;
-- shortcodes/note.mjs --
export default (args, inner) => inner ?? '';
export const takesInner = true;
-- shortcodes/badge.mjs --
export default (args) => args.positional[0] ?? '';
`;

const cases: Array<[string, string, RegExp, string[]?]> = [
  [
    'malformed front matter',
    `-- content/runbooks/AppDown.md --\n---\ntitle: "unterminated\n---\nbody\n${ruleFile}`,
    /^error: content\/runbooks\/AppDown\.md:2:\d+: Invalid YAML front matter: .+ \(fix the YAML/,
  ],
  [
    'rule file that is not valid YAML',
    `-- content/runbooks/AppDown.md --\n# AppDown\n\n{{% rule "app.yml" "AppDown" %}}\n-- rules/app.yml --\ngroups:\n  - name: app\n    rules: [\n`,
    /^error: rules\/app\.yml:\d+:\d+: .*YAML/,
  ],
  [
    'unclosed shortcode',
    `-- content/runbooks/AppDown.md --\n# AppDown\n\nText {{% rule "app.yml" "AppDown"\n${ruleFile}`,
    /^error: content\/runbooks\/AppDown\.md:3:6: Unexpected end of file/,
  ],
  [
    'mis-nested shortcodes',
    `-- content/runbooks/AppDown.md --\n# AppDown\n\n{{% box %}}{{% note %}}{{% /box %}}{{% /note %}}\n${ruleFile}${siteShortcodes}`,
    /^error: content\/runbooks\/AppDown\.md:3:12: shortcode "note" must be closed or self-closed \(add \{\{% \/note %\}\} before `\{\{% \/box %\}\}` at 3:24\)$/,
  ],
  [
    'comment never closed, publishing its notes',
    `-- content/runbooks/AppDown.md --\n---\ntitle: AppDown\n---\n# AppDown\n\n{{% rule "app.yml" "AppDown" %}}\n\n{{% comment %}}\nsummary: {{ $labels.instance }}\n${ruleFile}`,
    /^error: content\/runbooks\/AppDown\.md:8:1: shortcode "comment" must be closed or self-closed \(add \{\{% \/comment %\}\}\)$/,
  ],
  [
    'closing tag for a site shortcode that takes no inner content',
    `-- content/runbooks/AppDown.md --\n# AppDown\n\n{{< badge "new" >}}text{{< /badge >}}\n${ruleFile}${siteShortcodes}`,
    /^error: content\/runbooks\/AppDown\.md:3:24: shortcode "badge" does not take inner content, yet a closing tag was provided \(remove `\{\{< \/badge >\}\}`; a site shortcode that takes inner content says so with `export const takesInner = true`\)$/,
  ],
  [
    'unknown shortcode',
    `-- content/runbooks/AppDown.md --\n---\ntitle: AppDown\n---\n\n{{< nosuchthing "x" >}}\n${ruleFile}`,
    /^error: content\/runbooks\/AppDown\.md:5:1: Unexpected shortcode `nosuchthing`/,
  ],
  [
    'a site layout that is not valid JavaScript',
    `-- content/runbooks/AppDown.md --\n# AppDown\n-- theme/layouts/page.mjs --\nexport default function (data) {\n${ruleFile}`,
    /^error: theme\/layouts\/page\.mjs: Unexpected error loading layout module: .+ \(the module must be valid JavaScript/,
  ],
  [
    'alert missing from its rule file, with --strict',
    `-- content/runbooks/Gone.md --\n# Gone\n\n{{% rule "app.yml" "Gone" %}}\n${ruleFile}`,
    /^error: content\/runbooks\/Gone\.md:3:1: Alert `Gone` not found in rule file `app\.yml`.*--strict/,
    ['--strict'],
  ],
];

describe('bad input', () => {
  test.each(cases)('%s', async (_name, files, message, extraArgs = []) => {
    const site = writeSite(files);
    const destination = path.join(site, 'public');
    mkdirSync(destination);
    writeFileSync(path.join(destination, 'index.html'), 'previous good site');
    writeFileSync(path.join(destination, OUTPUT_MARKER), '');
    const before = snapshotFiles(site);
    const stderr: string[] = [];

    const exitCode = await runCli(['build', '--source', site, ...extraArgs], { stdout: () => {}, stderr: (line) => stderr.push(line) });

    expect(exitCode).toBe(1);
    expect(stderr.at(-1)).toMatch(message);
    expect(snapshotFiles(site)).toEqual(before);
  });

  test('the same missing alert is only a warning without --strict, and the page builds', async () => {
    const site = writeSite(`-- content/runbooks/Gone.md --\n# Gone\n\n{{% rule "app.yml" "Gone" %}}\n${ruleFile}`);
    const stderr: string[] = [];
    const exitCode = await runCli(['build', '--source', site], { stdout: () => {}, stderr: (line) => stderr.push(line) });
    expect(exitCode).toBe(0);
    expect(stderr[0]).toMatch(/^warning: content\/runbooks\/Gone\.md:3:1: Alert `Gone` not found/);
    expect(readFileSync(path.join(site, 'public', 'runbooks', 'gone', 'index.html'), 'utf8')).toContain('<h1 id="gone">Gone</h1>');
  });

  test('an unknown option is a usage error (exit 2)', async () => {
    const stderr: string[] = [];
    expect(await runCli(['build', '--no-such-option'], { stdout: () => {}, stderr: (line) => stderr.push(line) })).toBe(2);
    expect(stderr.join('\n')).toMatch(/Usage: runbook-site build/);
  });
});
