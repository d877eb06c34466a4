// `runbook-site new` on a copy of test/fixtures/new/site: the page written for an alert (compared with
// test/fixtures/new/expected/), refusal to replace a file with content, filling of empty files,
// `--missing`, and that the pages it writes show their alert (check finds nothing left to do).

import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { checkSite } from '../src/check/check-site.js';
import { runCliCaptured } from './helpers/cli.js';
import { temporaryFolder } from './helpers/site.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'new');
const runbooks = 'content/runbooks/app-exporter';

function siteCopy(): string {
  const copy = path.join(temporaryFolder('new'), 'site');
  cpSync(path.join(fixtureDir, 'site'), copy, { recursive: true });
  return copy;
}

const cli = runCliCaptured;

const read = (site: string, file: string) => readFileSync(path.join(site, file), 'utf8');

test('new RULE_FILE ALERT_NAME writes the runbook template under the rule file\'s name and prints it', async () => {
  const site = siteCopy();
  const { code, stdout } = await cli('new', 'app/app-exporter.yml', 'AppSlow', '--source', site);
  expect(code).toBe(0);
  expect(stdout).toEqual([`created ${runbooks}/AppSlow.md`]);
  expect(read(site, `${runbooks}/AppSlow.md`)).toBe(readFileSync(path.join(fixtureDir, 'expected', 'AppSlow.md'), 'utf8'));
});

test('the rule file may also be given with the rules folder in front', async () => {
  const site = siteCopy();
  expect((await cli('new', 'rules/app/app-exporter.yml', 'AppSlow', '--source', site)).code).toBe(0);
  expect(existsSync(path.join(site, `${runbooks}/AppSlow.md`))).toBe(true);
});

test('an empty file is filled', async () => {
  const site = siteCopy();
  const { code, stdout } = await cli('new', 'app/app-exporter.yml', 'AppRestarting', '--source', site);
  expect(code).toBe(0);
  expect(stdout).toEqual([`filled (was empty) ${runbooks}/AppRestarting.md`]);
  expect(read(site, `${runbooks}/AppRestarting.md`)).toContain('# AppRestarting\n\nApp restarted often\n\n<details>');
});

test('a file with content is never replaced (exit 1)', async () => {
  const site = siteCopy();
  const before = read(site, `${runbooks}/AppQueueFull.md`);
  const { code, stderr } = await cli('new', 'app/app-exporter.yml', 'AppQueueFull', '--source', site);
  expect(code).toBe(1);
  expect(stderr[0]).toContain(`error: ${runbooks}/AppQueueFull.md: Unexpected content in ${runbooks}/AppQueueFull.md`);
  expect(read(site, `${runbooks}/AppQueueFull.md`)).toBe(before);
});

test('an alert that already has a runbook gets no second one', async () => {
  const site = siteCopy();
  const { code, stderr } = await cli('new', 'app/app-exporter.yml', 'AppDown', '--source', site);
  expect(code).toBe(1);
  expect(stderr[0]).toContain(`error: ${runbooks}/AppDown.md: Unexpected second runbook for alert \`AppDown\``);
});

test.each([
  [['app/nothere.yml', 'AppDown'], 'error: rules/app/nothere.yml: Rule file `app/nothere.yml` not found in the rules folder'],
  [['app/app-exporter.yml', 'AppGone'], 'error: rules/app/app-exporter.yml: Alert `AppGone` not found in rule file `app/app-exporter.yml`'],
])('an unknown rule file or alert is an error: %s', async (args, message) => {
  const { code, stderr } = await cli('new', ...args, '--source', siteCopy());
  expect(code).toBe(1);
  expect(stderr[0]).toContain(message);
});

test.each([[[]], [['app/app-exporter.yml']], [['--missing', 'app/app-exporter.yml', 'AppDown']]])('wrong arguments are a usage error: %j', async (args) => {
  expect((await cli('new', ...args, '--source', siteCopy())).code).toBe(2);
});

test('--missing writes every alert without a runbook, fills empty files, skips files with content', async () => {
  const site = siteCopy();
  const before = read(site, `${runbooks}/AppQueueFull.md`);
  const { code, stdout, stderr } = await cli('new', '--missing', '--source', site);
  expect(stdout).toEqual([`created ${runbooks}/AppSlow.md`, `filled (was empty) ${runbooks}/AppRestarting.md`]);
  expect(stderr.at(-1)).toBe('2 runbooks written, 1 alert left without a runbook');
  expect(code).toBe(1);
  expect(read(site, `${runbooks}/AppQueueFull.md`)).toBe(before);

  // The pages `new` writes have their Meaning, Impact, Diagnosis and Mitigation still to be written,
  // which check reports (missing-section); besides those, only the skipped alert lacks a runbook.
  const { findings } = await checkSite({ source: site });
  expect(findings.filter((finding) => finding.kind !== 'missing-section').map((finding) => [finding.kind, finding.message])).toEqual([
    ['alert-without-runbook', 'Alert `AppQueueFull` has no runbook: no page shows it with the `rule` shortcode'],
  ]);
});
