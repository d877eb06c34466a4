// Links on each Alert Rule block of a page (found by rule-blocks.ts): the metric names of the rule's
// `expr` become links to their metric pages (/metrics/<name>/), and a row of action links follows the
// block, each only when the config's `links:` section sets it up: the expression graphed in Prometheus,
// a new Alertmanager silence for the alert, and URL templates filled with {{alert}}, {{expr}}, {{file}}
// and {{group}}. Every value put in a URL is percent-encoded; nothing is requested at build time.
// Metric names are linked only inside the `expr` value (located in the rule's source text), whatever
// spans the highlighter split the code into; the code's text stays the same.

import type { Element, ElementContent, Root, Text } from 'hast';
import { h } from 'hastscript';
import { isScalar, parseDocument } from 'yaml';
import type { SiteConfig } from '../config/config.js';
import type { AlertRule } from '../rules/types.js';
import { ruleBlocks } from './rule-blocks.js';
import { insertAround } from './rule-summary.js';

export interface RuleLinkOptions {
  readonly links: SiteConfig['links'];
  /** URL of a metric's page. */
  metricUrl(name: string): string;
  /** The metric names of a rule's expression. */
  metricsOf(rule: AlertRule): readonly string[];
}

export interface ActionLink {
  readonly title: string;
  readonly url: string;
}

export function addRuleLinks(content: Root, rules: readonly AlertRule[], options: RuleLinkOptions): void {
  const blocks = ruleBlocks(content, rules);
  for (const block of blocks) linkMetrics(block.code, block.rule, options);
  insertAround(blocks.flatMap((block) => {
    const actions = actionLinks(block.rule, options.links);
    if (actions.length === 0) return [];
    const row = h('p', { className: ['rule-actions'], 'aria-label': `Tools for alert ${block.rule.alert}` },
      actions.flatMap((action, index) => [...(index > 0 ? [' · '] : []), h('a', { href: action.url, rel: 'noopener' }, action.title)]));
    return [{ ...block, after: [row] }];
  }));
}

/** The configured action links of a rule, in the order of the config's keys. */
export function actionLinks(rule: AlertRule, links: SiteConfig['links']): ActionLink[] {
  const actions: ActionLink[] = [];
  const trimmedExpr = rule.expr.trim();
  if (links.prometheus) {
    actions.push({ title: 'Graph in Prometheus', url: `${withoutSlash(links.prometheus)}/graph?g0.expr=${encodeURIComponent(trimmedExpr)}&g0.tab=0` });
  }
  if (links.alertmanager) {
    const filter = `{alertname="${rule.alert.replace(/["\\]/g, '\\$&')}"}`;
    actions.push({ title: 'Silence in Alertmanager', url: `${withoutSlash(links.alertmanager)}/#/silences/new?filter=${encodeURIComponent(filter)}` });
  }
  const values: Record<string, string> = { alert: rule.alert, expr: trimmedExpr, file: rule.file, group: rule.group };
  for (const template of links.templates ?? []) {
    actions.push({ title: template.title, url: template.url.replace(/\{\{\s*(alert|expr|file|group)\s*\}\}/g, (_, name: string) => encodeURIComponent(values[name]!)) });
  }
  return actions;
}

function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Wraps each of the rule's metric names inside its `expr` value in a link, splitting text nodes as needed. */
function linkMetrics(code: Element, rule: AlertRule, options: RuleLinkOptions): void {
  const names = options.metricsOf(rule);
  const range = exprRange(rule.sourceText);
  if (names.length === 0 || !range) return;
  const pattern = new RegExp(`(?<![\\w:])(?:${names.map(escapeRegExp).join('|')})(?![\\w:])`, 'g');
  let offset = 0;
  const walk = (parent: Element) => {
    parent.children = parent.children.flatMap((child): ElementContent[] => {
      if (child.type === 'element') {
        if (child.tagName !== 'a') walk(child);
        else offset += textLength(child);
        return [child];
      }
      if (child.type !== 'text') return [child];
      const start = offset;
      offset += child.value.length;
      return splitText(child, start, range, pattern, options);
    });
  };
  walk(code);
}

function splitText(text: Text, start: number, range: readonly [number, number], pattern: RegExp, options: RuleLinkOptions): ElementContent[] {
  if (start + text.value.length <= range[0] || start >= range[1]) return [text];
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of text.value.matchAll(pattern)) {
    const at = start + match.index;
    if (at < range[0] || at + match[0].length > range[1]) continue;
    if (match.index > last) parts.push({ type: 'text', value: text.value.slice(last, match.index) });
    parts.push(h('a', { href: options.metricUrl(match[0]), className: ['metric-link'] }, match[0]));
    last = match.index + match[0].length;
  }
  if (last === 0) return [text];
  if (last < text.value.length) parts.push({ type: 'text', value: text.value.slice(last) });
  return parts;
}

function textLength(element: Element): number {
  return element.children.reduce((sum, child) => sum + (child.type === 'text' ? child.value.length : child.type === 'element' ? textLength(child) : 0), 0);
}

/** Offsets of the `expr` value in a rule's source text. */
function exprRange(sourceText: string): readonly [number, number] | undefined {
  const node = parseDocument(sourceText).get('expr', true);
  return isScalar(node) && node.range ? [node.range[0], node.range[1]] : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
