// The alerts index's data: one row per alert rule of the rules folder (name, severity, group, rule
// file, `for`) with a link to its runbook, the first page by source path that shows it, or null. Rows are
// ordered by alert name, then rule file, then position in the file. Pure: it draws nothing.

import type { AlertRunbooks } from './alert-runbooks.js';
import type { Page } from '../content/discover.js';
import type { AlertRule } from '../rules/types.js';
import type { AlertIndexRow } from '../theme-api/types.js';

/** Rows of `rules`: every alert rule of the site (`allRules`), or a metric page's. */
export function alertIndexRows(
  rules: readonly AlertRule[],
  runbooks: AlertRunbooks,
  linkTo: (page: Page) => NonNullable<AlertIndexRow['runbook']>,
): AlertIndexRow[] {
  const rows = rules.map((rule) => {
    const runbook = runbooks.runbooksOf(rule.file, rule.alert)[0];
    return {
      row: {
        alert: rule.alert,
        severity: rule.severity,
        group: rule.group,
        file: rule.file,
        for: rule.for,
        runbook: runbook ? linkTo(runbook) : null,
      } satisfies AlertIndexRow,
      line: rule.line,
    };
  });
  return rows
    .sort((a, b) => alertOrder.compare(a.row.alert, b.row.alert)
      || compareText(a.row.alert, b.row.alert) || compareText(a.row.file, b.row.file) || a.line - b.line)
    .map(({ row }) => row);
}

const alertOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
