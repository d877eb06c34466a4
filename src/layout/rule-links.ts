// Links of each Alert Rule block of a page (the `div.rule-block` elements rule-block.ts makes, whose
// `data-rule-index` names the rule): the metric names of the rule's `expr` (the `pql-metric` tokens of
// its PromQL highlighting) become links to their metric pages (/metrics/<name>/); and the rule's action
// links, each only when the config's `links:` section sets it up: the expression graphed in Prometheus,
// a new Alertmanager silence for the alert, and URL templates filled with {{alert}}, {{expr}}, {{file}}
// and {{group}}, which PageData carries for the theme to draw (theme/layouts/parts/rule-block.ts).
// Every value put in a URL is percent-encoded; nothing is requested at build time. The block's own
// markup is kept: a token's content moves into the link.

import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { SiteConfig } from '../config/config.js';
import type { AlertRule } from '../rules/types.js';
import type { RuleAction } from '../theme-api/types.js';
import { tokenClass } from '../rules/promql/index.js';
import { eachElement } from '../util/tree-walk.js';

export interface MetricLinkOptions {
  /** URL of a metric's page. */
  metricUrl(name: string): string;
  /** The metric names of a rule's expression. */
  metricsOf(rule: AlertRule): readonly string[];
}

export function addMetricLinks(content: Root, rules: readonly AlertRule[], options: MetricLinkOptions): void {
  if (rules.length === 0) return;
  eachElement(content, (block: Element) => {
    const classes = block.properties.className;
    if (block.tagName !== 'div' || !Array.isArray(classes) || !classes.includes('rule-block')) return;
    const rule = rules[Number(block.properties.dataRuleIndex)];
    if (!rule) return;
    linkMetrics(block, new Set(options.metricsOf(rule)), options);
  });
}

/** The configured action links of a rule, in the order of the config's keys. */
export function actionLinks(rule: AlertRule, links: SiteConfig['links']): RuleAction[] {
  const actions: RuleAction[] = [];
  const trimmedExpr = rule.expr.trim();
  if (links.prometheus) {
    actions.push({ kind: 'graph', title: 'Graph in Prometheus', url: `${withoutSlash(links.prometheus)}/graph?g0.expr=${encodeURIComponent(trimmedExpr)}&g0.tab=0` });
  }
  if (links.alertmanager) {
    const filter = `{alertname="${rule.alert.replace(/["\\]/g, '\\$&')}"}`;
    actions.push({ kind: 'silence', title: 'Silence in Alertmanager', url: `${withoutSlash(links.alertmanager)}/#/silences/new?filter=${encodeURIComponent(filter)}` });
  }
  const values: Record<string, string> = { alert: rule.alert, expr: trimmedExpr, file: rule.file, group: rule.group };
  for (const template of links.templates ?? []) {
    actions.push({ kind: 'link', title: template.title, url: template.url.replace(/\{\{\s*(alert|expr|file|group)\s*\}\}/g, (_, name: string) => encodeURIComponent(values[name]!)) });
  }
  return actions;
}

function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Moves the content of each metric token naming one of `names` into a link to the metric's page. */
function linkMetrics(block: Element, names: ReadonlySet<string>, options: MetricLinkOptions): void {
  const metricClass = tokenClass('metric');
  eachElement(block, (token: Element) => {
    const classes = token.properties.className;
    if (token.tagName !== 'span' || !Array.isArray(classes) || !classes.includes(metricClass)) return;
    const name = toString(token);
    if (!names.has(name)) return;
    token.children = [h('a', { href: options.metricUrl(name), className: ['metric-link'] }, token.children)];
  });
}
