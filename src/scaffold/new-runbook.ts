// New runbooks: writes the runbook page of an alert rule from the same template as the seed page (front
// matter with title and description, `# AlertName`, the first line of the alert's description, the
// `<details>` block with the `rule` shortcode and a `comment` holding a copy of the rule, and empty
// Meaning, Impact, Diagnosis and Mitigation sections) at
// `content/<BookSection or runbooks>/<rule file name without extension>/<AlertName>.md`.
// It never replaces a file with content; an empty file (a placeholder) is filled.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { SiteConfig } from '../config/config.js';
import { SiteError } from '../util/diagnostics.js';
import type { AlertRule, RuleIndex } from '../rules/types.js';

/**
 * Site-relative path (`content/runbooks/haproxy-x/HaproxyDown.md`) of an alert rule's new runbook,
 * always inside the content folder: an alert name that is not a file name (`../../x`, `a/b`) is an
 * error at the rule, a `BookSection` that leaves content/ one at the config.
 */
export function newRunbookPath(config: SiteConfig, rule: Pick<AlertRule, 'file' | 'alert' | 'line'>): string {
  const section = config.params.BookSection || 'runbooks';
  const folder = path.posix.basename(rule.file).replace(/\.ya?ml$/i, '');
  if (/[/\\\0]/.test(rule.alert) || rule.alert === '.' || rule.alert === '..' || rule.alert === '') {
    throw new SiteError({
      file: path.posix.join(config.rulesDir, rule.file),
      line: rule.line,
      column: 1,
      reason: `Unexpected alert name ${JSON.stringify(rule.alert)} for a runbook file: it holds \`/\`, \`\\\`, NUL or is \`.\`/\`..\``,
      hint: 'rename the alert, or write its runbook by hand and show it with the `rule` shortcode',
      ruleId: 'new/alert-name',
    });
  }
  const content = config.contentDir.split(path.sep).join('/');
  const file = path.posix.join(content, section, folder, `${rule.alert}.md`);
  if (!file.startsWith(`${path.posix.normalize(content)}/`) || file.startsWith('../')) {
    throw new SiteError({
      file: config.configFile ?? 'config.yaml',
      reason: `Unexpected \`params.BookSection\` ${JSON.stringify(section)}: new runbooks would be written outside ${content}/`,
      hint: 'give a folder inside the content folder, e.g. `runbooks`',
      ruleId: 'new/outside-content',
    });
  }
  return file;
}

/** The page source of a new runbook for `rule`. */
export function runbookTemplate(rule: AlertRule): string {
  const frontMatter = stringify({ title: rule.alert, description: `Troubleshooting for alert ${rule.alert}` }).trimEnd();
  const summary = (rule.annotations.description ?? rule.annotations.summary ?? '').trim().split('\n')[0]!.trim();
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(rule.sourceText) + 1));
  return [
    '---',
    frontMatter,
    '---',
    '',
    `# ${rule.alert}`,
    '',
    ...(summary ? [summary, ''] : []),
    '<details>',
    '  <summary>Alert Rule</summary>',
    '',
    `{{% rule ${JSON.stringify(rule.file)} ${JSON.stringify(rule.alert)} %}}`,
    '',
    '{{% comment %}}',
    '',
    `${fence}yaml`,
    rule.sourceText,
    fence,
    '',
    '{{% /comment %}}',
    '',
    '</details>',
    '',
    '## Meaning',
    '',
    '## Impact',
    '',
    '## Diagnosis',
    '',
    '## Mitigation',
    '',
  ].join('\n');
}

/** One rule per alert name of each rule file (its first): what a runbook is written for. */
export function alertsNeedingRunbooks(rules: RuleIndex): AlertRule[] {
  return rules.all().flatMap((file) => file.rules.filter((rule, index) => file.rules.findIndex((other) => other.alert === rule.alert) === index));
}

export type WriteOutcome = 'created' | 'filled';

/**
 * Writes the runbook of `rule` under `siteDir` and says whether it created the file or filled an empty
 * one; a SiteError when the file already has content.
 */
export function writeNewRunbook(config: SiteConfig, rule: AlertRule): { file: string; outcome: WriteOutcome } {
  const file = newRunbookPath(config, rule);
  const absolute = path.join(config.siteDir, file);
  const exists = existsSync(absolute);
  if (exists && readFileSync(absolute, 'utf8').trim() !== '') {
    throw new SiteError({
      file,
      reason: `Unexpected content in ${file}, expected an empty or no file: a new runbook for \`${rule.alert}\` never replaces a page`,
      hint: `edit ${file}, or make it show the alert with {{% rule ${JSON.stringify(rule.file)} ${JSON.stringify(rule.alert)} %}}`,
      ruleId: 'new/file-exists',
    });
  }
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, runbookTemplate(rule));
  return { file, outcome: exists ? 'filled' : 'created' };
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
