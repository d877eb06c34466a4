// The CLI's conventions, as git, npm and hugo keep them: --version and -v, the closest match and the usage
// for an unknown command or option (exit 2, never Node's own message), extra arguments refused, --quiet
// printing errors only, counts with the right plural, and a complete --help for every command.

import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { commands } from '../src/cli/definitions.js';
import { runCliCaptured as cli } from './helpers/cli.js';
import { writeSite } from './helpers/site.js';

const { version } = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };

test.each([['--version'], ['-v']])('%s prints the version on stdout, exit 0', async (flag) => {
  expect(await cli(flag)).toEqual({ code: 0, stdout: [`runbook-site ${version}`], stderr: [] });
});

describe('usage errors: the closest match and the usage, exit 2', () => {
  test.each([
    [['biuld'], 'error: unknown command `biuld` (did you mean `build`?)', 'Usage: runbook-site <command> [options]'],
    [['chekc', '--source', '.'], 'error: unknown command `chekc` (did you mean `check`?)', 'Usage: runbook-site <command> [options]'],
    [['deploy'], 'error: unknown command `deploy`', 'Usage: runbook-site <command> [options]'],
    [['--verison'], 'error: unknown option `--verison` (did you mean `--version`?)', 'Usage: runbook-site <command> [options]'],
    [['build', '--bogus'], 'error: unknown option `--bogus` for `build`', 'Usage: runbook-site build [--source DIR]'],
    [['build', '--sourc', 'x'], 'error: unknown option `--sourc` for `build` (did you mean `--source`?)', 'Usage: runbook-site build [--source DIR]'],
    [['serve', '--prot', '8080'], 'error: unknown option `--prot` for `serve` (did you mean `--port`?)', 'Usage: runbook-site serve'],
    [['build', '-x'], 'error: unknown option `-x` for `build`', 'Usage: runbook-site build'],
    [['build', 'extra'], 'error: unexpected argument `extra`: `build` takes no arguments, only options', 'Usage: runbook-site build'],
    [['check', '.'], 'error: unexpected argument `.`: `check` takes no arguments, only options', 'Usage: runbook-site check'],
    [['init', 'a', 'b'], 'error: unexpected argument `b`: `init` takes at most [DIR]', 'Usage: runbook-site init [DIR]'],
    [['new', 'a.yml', 'A', 'B'], 'error: unexpected argument `B`: `new` takes at most RULE_FILE ALERT_NAME', 'Usage: runbook-site new'],
    [['build', '--source'], 'error: option `--source` needs a value: --source DIR', 'Usage: runbook-site build'],
    [['build', '--source', '--strict'], 'error: option `--source` needs a value: --source DIR (got the option `--strict`; write --source=--strict if that is the value)', 'Usage: runbook-site build'],
    [['build', '--strict=yes'], 'error: option `--strict` takes no value, got `--strict=yes`', 'Usage: runbook-site build'],
    ...['100000', '', '-1', '1.5', '1e3', ' 2'].map((count) => [['build', `--workers=${count}`], `error: --workers expects a whole number from 0 (renders without workers) to ${2 * availableParallelism()} (two per core), got \`${count}\``, 'Usage: runbook-site build']),
  ])('%j', async (args, message, usage) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    const [first, ...rest] = stderr.join('\n').split('\n');
    expect(first).toBe(message);
    expect(rest.join('\n')).toContain(usage);
  });
});

describe('--help', () => {
  test.each(commands.map((command) => [command.name]))('%s --help lists every option, -h/--help included', async (name) => {
    const command = commands.find((candidate) => candidate.name === name)!;
    const { code, stdout } = await cli(name, '--help');
    expect(code).toBe(0);
    const text = stdout.join('\n');
    const options = text.slice(text.indexOf('Options:\n') + 'Options:\n'.length).trimEnd().split('\n');
    expect(options.map((line) => line.trim().split(/\s{2,}/)[0])).toEqual([
      ...command.options.map((option) => `--${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}`),
      '-h, --help',
    ]);
    expect((await cli(name, '-h')).stdout).toEqual(stdout);
  });

  test('the README reference is the --help text of every command (regenerate it with npm run docs)', async () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    for (const command of commands) expect(readme).toContain((await cli(command.name, '--help')).stdout.join('\n').trimEnd());
    expect(readme).toContain((await cli('--help')).stdout.join('\n').trimEnd());
  });
});

describe('build output', () => {
  const sites: string[] = [];
  afterAll(() => sites.forEach((site) => rmSync(site, { recursive: true, force: true })));
  const siteWithOneWarning = () => {
    const site = writeSite('-- content/_index.md --\n# Home\n\n{{% rule "app.yml" "Gone" %}}\n-- rules/app.yml --\ngroups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up == 0\n');
    sites.push(site);
    return site;
  };

  test('counts take the right plural: 1 page, 1 warning', async () => {
    const { code, stderr } = await cli('build', '--source', siteWithOneWarning(), '--no-cache');
    expect(code).toBe(0);
    expect(stderr.at(-1)).toMatch(/^Built 1 page, \d+ redirects?, 1 warning in \d+ ms → /);
  });

  test('--quiet prints errors only: no warning, no summary', async () => {
    expect(await cli('build', '--source', siteWithOneWarning(), '--no-cache', '--quiet')).toEqual({ code: 0, stdout: [], stderr: [] });
  });

  test('--quiet still prints the error that fails the build', async () => {
    const { code, stderr } = await cli('build', '--source', siteWithOneWarning(), '--no-cache', '--quiet', '--strict');
    expect(code).toBe(1);
    expect(stderr).toEqual([
      'error: content/_index.md:3:1: Alert `Gone` not found in rule file `app.yml` (`app.yml` holds the alert `AppDown`; --strict turns the warning into an error)',
    ]);
  });
});
