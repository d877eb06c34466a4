// The metric pages: /metrics/ lists every metric name used in the expressions of the site's alert rules,
// with the number of alerts using it; /metrics/<name>/ lists those alerts with their severity, group,
// rule file and runbook. They are drawn with the theme's taxonomy and alerts-index layouts (a metric is a
// term of the alerts; its page is an alerts index of its own), so a theme needs no new layout. No alert
// rules, no pages.

import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { alertIndexRows } from '../site/alerts-index.js';
import { METRICS_PATH, metricPath, siteMetricsOf } from '../site/metrics-index.js';
import { runbookLink } from './alerts-index-page.js';
import type { OutputGenerator } from './types.js';

export const metricPages: OutputGenerator = (model, render) => {
  const { rulesByMetric } = siteMetricsOf(model);
  if (rulesByMetric.size === 0) return [];
  const { links } = model;
  const runbooks = alertRunbooksOf(model);
  const home = { title: model.site.root.page.title, url: links.relative('/') };
  const metricsLink = { title: 'Metrics', url: links.relative(METRICS_PATH) };
  return [
    render(model, {
      kind: 'taxonomy',
      title: 'Metrics',
      path: METRICS_PATH,
      description: 'Every metric the alert rules use, with the number of alerts using it',
      terms: [...rulesByMetric].map(([name, rules]) => ({ title: name, url: links.relative(metricPath(name)), count: rules.length })),
    }),
    ...[...rulesByMetric].map(([name, rules]) => render(model, {
      kind: 'alerts',
      title: name,
      path: metricPath(name),
      description: `Alert rules using the metric ${name}, and their runbooks`,
      trail: [home, metricsLink],
      alerts: alertIndexRows(rules, runbooks, (page) => runbookLink(model, page)),
    })),
  ];
};
