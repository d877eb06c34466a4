// The site's metrics: every metric name in the expressions of its alert rules (Prometheus's own PromQL
// grammar finds them, src/rules/promql), each with the alert rules using it. The metric pages, the
// alerts index's JSON, search and the metric links of rule blocks read it. Built once per site model.

import { metricNames } from '../rules/promql/index.js';
import { allRules } from '../rules/rule-index.js';
import type { AlertRule } from '../rules/types.js';
import { memoised } from '../util/memoise.js';
import type { SiteModel } from './site.js';

export const METRICS_PATH = '/metrics/';

export interface SiteMetrics {
  /** Metric name → the alert rules using it (rule index order); names sorted. */
  readonly rulesByMetric: ReadonlyMap<string, readonly AlertRule[]>;
  /** The metric names of a rule's expression, in the order they first appear. */
  metricsOf(rule: AlertRule): readonly string[];
}

/** Site path of a metric's page. */
export function metricPath(name: string): string {
  return `${METRICS_PATH}${name}/`;
}

/** The metric names of a rule's expression (parsing it is most of what the site's metrics cost). */
export function metricNamesOf(model: SiteModel, rule: AlertRule): string[] {
  return model.derived.value('metric-names', rule.expr, () => metricNames(rule.expr));
}

export const siteMetricsOf: (model: SiteModel) => SiteMetrics = memoised((model) => {
  const namesOf = memoised((rule: AlertRule) => metricNamesOf(model, rule));
  const byMetric = new Map<string, AlertRule[]>();
  for (const rule of allRules(model.rules)) {
    for (const name of namesOf(rule)) {
      const rules = byMetric.get(name);
      if (rules) rules.push(rule);
      else byMetric.set(name, [rule]);
    }
  }
  const sorted = new Map([...byMetric].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { rulesByMetric: sorted, metricsOf: namesOf };
});
