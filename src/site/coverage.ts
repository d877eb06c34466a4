// Runbook coverage per rule file: how many of its alert rules have a runbook, how many a runbook whose
// copy of the rule has drifted, and (when the caller has rendered the pages) how many a runbook missing a
// required section. check prints it; the alerts index shows it. Pure counting over what others found.

import type { Page } from '../content/discover.js';
import type { AlertRule, RuleIndex } from '../rules/types.js';
import type { AlertRunbooks } from './alert-runbooks.js';
import type { CopyDrift } from './rule-copies.js';
import type { RuleFileCoverage } from '../theme-api/types.js';

export type { RuleFileCoverage };

export interface CoverageInput {
  readonly rules: RuleIndex;
  readonly runbooks: AlertRunbooks;
  readonly drifts: readonly CopyDrift[];
  /** Whether a page lacks a required section, when known. */
  readonly missingSections?: (page: Page) => boolean;
}

export function ruleFileCoverage(input: CoverageInput): RuleFileCoverage[] {
  const drifted = new Set<AlertRule>(input.drifts.map((drift) => drift.rule));
  return input.rules.all().filter((file) => file.rules.length > 0).map((file) => {
    const pagesOf = (rule: AlertRule) => input.runbooks.runbooksOf(file.path, rule.alert);
    const count = (test: (rule: AlertRule) => boolean) => file.rules.filter(test).length;
    const { missingSections } = input;
    return {
      file: file.path,
      alerts: file.rules.length,
      withRunbook: count((rule) => pagesOf(rule).length > 0),
      withDrift: count((rule) => drifted.has(rule)),
      ...(missingSections ? { withMissingSections: count((rule) => pagesOf(rule).some(missingSections)) } : {}),
    };
  });
}
