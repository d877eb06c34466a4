// `runbook-site new RULE_FILE ALERT_NAME | --missing`: writes runbook pages from the page template
// (new-runbook.ts) and prints each file it wrote. A file with content is never replaced.

import path from 'node:path';
import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { SiteError } from '../util/diagnostics.js';
import { plural } from '../util/plural.js';
import { alertsNeedingRunbooks, writeNewRunbook } from '../scaffold/new-runbook.js';
import type { AlertRule } from '../rules/types.js';
import { loadSite, type SiteModel } from '../site/site.js';
import { type CommandHandler, UsageError } from './handler.js';

export const newCommand: CommandHandler = async ({ values, positionals, stdout, stderr }) => {
  const missing = values.missing === true;
  if (missing ? positionals.length > 0 : positionals.length !== 2) {
    throw new UsageError(missing ? '--missing takes no RULE_FILE or ALERT_NAME' : 'expected RULE_FILE and ALERT_NAME, or --missing');
  }
  const model = await loadSite({ source: path.resolve((values.source as string | undefined) ?? '.') });
  const index = alertRunbooksOf(model);
  if (!missing) {
    const rule = namedRule(model, positionals[0]!, positionals[1]!);
    const existing = index.runbooksOf(rule.file, rule.alert)[0];
    if (existing) {
      throw new SiteError({
        file: existing.file,
        reason: `Unexpected second runbook for alert \`${rule.alert}\`: this page already shows it`,
        hint: 'edit this page instead',
        ruleId: 'new/runbook-exists',
      });
    }
    report(writeNewRunbook(model.config, rule), stdout);
    return 0;
  }
  let left = 0;
  const withoutRunbook = alertsNeedingRunbooks(model.rules).filter((rule) => index.runbooksOf(rule.file, rule.alert).length === 0);
  for (const rule of withoutRunbook) {
    try {
      report(writeNewRunbook(model.config, rule), stdout);
    } catch (error) {
      if (!(error instanceof SiteError)) throw error;
      stderr(`skipped: ${error.message}`);
      left += 1;
    }
  }
  stderr(`${plural(withoutRunbook.length - left, 'runbook')} written${left > 0 ? `, ${plural(left, 'alert')} left without a runbook` : ''}`);
  return left > 0 ? 1 : 0;
};

function report(written: { file: string; outcome: 'created' | 'filled' }, stdout: (line: string) => void): void {
  stdout(`${written.outcome === 'created' ? 'created' : 'filled (was empty)'} ${written.file}`);
}

/** The rule to write a runbook for; the rule file is relative to the rules folder (or starts with it). */
function namedRule(model: SiteModel, ruleFile: string, alert: string): AlertRule {
  const rulesPrefix = `${model.config.rulesDir.replace(/\/$/, '')}/`;
  const file = model.rules.load(ruleFile) ?? (ruleFile.startsWith(rulesPrefix) ? model.rules.load(ruleFile.slice(rulesPrefix.length)) : undefined);
  if (!file) {
    throw new SiteError({
      file: path.posix.join(model.config.rulesDir, ruleFile),
      reason: `Rule file \`${ruleFile}\` not found in the rules folder`,
      hint: `give the path relative to the rules folder \`${model.config.rulesDir}\`, e.g. \`haproxy/haproxy.yml\``,
      ruleId: 'rule/file-not-found',
    });
  }
  const rule = file.rules.find((candidate) => candidate.alert === alert);
  if (!rule) {
    const names = [...new Set(file.rules.map((candidate) => candidate.alert))];
    throw new SiteError({
      file: path.posix.join(model.config.rulesDir, file.path),
      reason: `Alert \`${alert}\` not found in rule file \`${file.path}\``,
      hint: names.length > 0 ? `it holds ${names.slice(0, 8).map((name) => `\`${name}\``).join(', ')}${names.length > 8 ? ', ...' : ''}` : 'it holds no alert rules',
      ruleId: 'rule/alert-not-found',
    });
  }
  return rule;
}
