// alerts.json at the site root: every alert rule with its rule file, group, severity, runbook URL and metrics
// (null when no page shows the rule), for tooling that fills in `runbook_url` annotations. Rules keep the
// rule index's order (files by path, rules in file order). It does not validate anything (`check` does).

import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { allRules } from '../rules/rule-index.js';
import { siteMetricsOf } from '../site/metrics-index.js';
import type { OutputGenerator } from './types.js';

export interface AlertsJson {
  readonly baseURL: string;
  readonly alerts: readonly AlertEntry[];
}

export interface AlertEntry {
  readonly alert: string;
  /** Rule file path relative to the rules folder. */
  readonly file: string;
  readonly group: string;
  readonly severity: string | null;
  /** Absolute URL of the alert's runbook (the first by source path when several show it), or null. */
  readonly runbook: string | null;
  /** Metric names of its expression, in the order they first appear. */
  readonly metrics: readonly string[];
}

export const alertsJson: OutputGenerator = (model) => {
  const index = alertRunbooksOf(model);
  const metrics = siteMetricsOf(model);
  const alerts = allRules(model.rules).map((rule): AlertEntry => {
    const runbook = index.runbooksOf(rule.file, rule.alert)[0];
    return {
      alert: rule.alert,
      file: rule.file,
      group: rule.group,
      severity: rule.severity ?? null,
      runbook: runbook ? model.links.absolute(runbook.path) : null,
      metrics: metrics.metricsOf(rule),
    };
  });
  const content: AlertsJson = { baseURL: model.config.baseURL, alerts };
  return [{ path: 'alerts.json', content: `${JSON.stringify(content, null, 2)}\n` }];
};
