// The alert labels `annotate` passes in a runbook URL's query (`?instance={{ $labels.instance | urlquery }}`),
// so the runbook opens with them filled in (theme/assets/labels.js): the names given (`annotate.labels`,
// `--labels`), else the labels the alert's runbook pages and the rule's annotations use as placeholders,
// plus `instance` and `job` when the rule's expression keeps them. Each value is a Go template piped
// through `urlquery`, so Prometheus encodes it. Not passed: `alertname` (the URL names the alert), the
// rule's own static labels (the same on every alert) and `$value` (not a label).

import type { Page } from '../content/discover.js';
import { keepsLabel } from '../rules/promql/index.js';
import { findTemplatePlaceholders } from '../rules/template-placeholders.js';
import type { AlertRule } from '../rules/types.js';
import type { QueryParameter } from './runbook-url.js';

/** Labels Prometheus gives most alerts, passed when the expression keeps them. */
const COMMON_LABELS = ['instance', 'job'];

export function runbookLabelParameters(rule: AlertRule, runbooks: readonly Page[], names?: readonly string[]): QueryParameter[] {
  if (names) return names.map((name) => labelParameter(name, 'label'));
  const kinds = new Map<string, 'label' | 'externalLabel'>();
  for (const text of [...runbooks.map((page) => page.body), ...Object.values(rule.annotations)]) {
    for (const { param, kind } of findTemplatePlaceholders(text)) {
      if (kind === 'value' || param === 'alertname' || param in rule.labels || kinds.has(param)) continue;
      kinds.set(param, kind);
    }
  }
  for (const name of COMMON_LABELS) {
    if (!kinds.has(name) && !(name in rule.labels) && keepsLabel(rule.expr, name)) kinds.set(name, 'label');
  }
  return [...kinds].map(([name, kind]) => labelParameter(name, kind));
}

function labelParameter(name: string, kind: 'label' | 'externalLabel'): QueryParameter {
  return { name, value: `{{ ${kind === 'label' ? '$labels' : '$externalLabels'}.${name} | urlquery }}`, template: true };
}
