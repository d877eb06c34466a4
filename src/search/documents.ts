// The search documents of a site: one per page (home excepted) with what an on-call engineer types into
// the search box: the title, the section, the alert names of the page's `rule` shortcode calls, the
// metric names of those rules' expressions, their severities, the page's tags, its headings and a
// description: its rules' `summary` and `description` annotations (the text an alert notification
// shows), or the page's own description when it shows no rule, and the body's sections (sections.ts);
// and one per metric page. Plain data from the site model; the name fields are indexed in the browser
// (theme/assets/search-engine.js), the sections at build time into the body shards (body-index.ts).

import { alertRunbooksOf } from '../site/alert-runbooks.js';
import type { SiteModel } from '../site/site.js';
import { metricPath, siteMetricsOf } from '../site/metrics-index.js';
import { indexedSections, type IndexedSection } from './body-index.js';

export interface SearchDocument {
  /** Site path of the page (`/runbooks/haproxy/haproxybackendconnectionerrors/`). */
  readonly path: string;
  readonly title: string;
  /** Title of the section holding the page. */
  readonly section: string;
  readonly alerts: readonly string[];
  readonly metrics: readonly string[];
  readonly severities: readonly string[];
  readonly tags: readonly string[];
  /** ATX headings (`##` and deeper) of the body, in order. */
  readonly headings: readonly string[];
  /** The page's description and its rules' `summary` and `description` annotations, joined. */
  readonly description: string;
  /** The body: its intro, then its `##` sections, each with its terms counted (body-index.ts). */
  readonly sections: readonly IndexedSection[];
}

export function searchDocuments(model: SiteModel): SearchDocument[] {
  return [...pageDocuments(model), ...metricDocuments(model)];
}

function pageDocuments(model: SiteModel): SearchDocument[] {
  const runbooks = alertRunbooksOf(model);
  const { metricsOf } = siteMetricsOf(model);
  return model.site.pages.filter((page) => page.kind !== 'home').map((page) => {
    const references = runbooks.referencesOf(page);
    const rules = references.flatMap((reference) => reference.rules);
    // The annotations are what a notification shows; a runbook's own description mostly paraphrases them.
    const annotations = rules.flatMap((rule) => [rule.annotations.summary, rule.annotations.description]).filter(Boolean);
    const descriptions = annotations.length > 0 ? annotations : [page.frontMatter.description];
    const sections = model.derived.value('search-sections', page.body, () => indexedSections(page.body));
    return {
      path: page.path,
      title: page.title,
      section: model.site.sectionOf.get(page)?.page.title ?? '',
      alerts: distinct(references.map((reference) => reference.alert)),
      metrics: distinct(rules.flatMap(metricsOf)),
      severities: distinct(rules.flatMap((rule) => (rule.severity ? [rule.severity] : []))),
      tags: page.frontMatter.tags ?? [],
      headings: sections.flatMap((section) => [section.heading, ...section.headings]).filter(Boolean),
      description: distinct(descriptions.map((text) => clip(oneLine(text ?? ''))).filter(Boolean)).join(' · '),
      sections,
    };
  });
}

/**
 * One document per metric page (src/outputs/metric-pages.ts), found by the metric's name only: the alerts
 * using it are left out so that a query for an alert finds its runbook, not every metric page it uses.
 */
function metricDocuments(model: SiteModel): SearchDocument[] {
  return [...siteMetricsOf(model).rulesByMetric].map(([name, rules]) => ({
    path: metricPath(name),
    title: name,
    section: 'Metrics',
    alerts: [],
    metrics: [],
    severities: [],
    tags: [],
    headings: [],
    description: `Metric used by ${rules.length} alert rule${rules.length === 1 ? '' : 's'}`,
    sections: [],
  }));
}

/**
 * Template placeholders are shown as the value they stand for (`{{ $labels.instance }}` as `<instance>`,
 * `{{ $value }}` as `<value>`), so a snippet reads "errors to <backend>" rather than "errors to"; lines
 * that only label one (`VALUE = {{ $value }}`) say nothing and go.
 */
function oneLine(text: string): string {
  return text
    .replace(/^[ \t]*[\w ]+[=:][ \t]*\{\{[^}]*\}\}[ \t]*$/gm, '')
    .replace(/\{\{-?\s*(?:\$labels\.|\.Labels\.)?\$?([\w.]+)[^}]*\}\}/g, (_, name: string) => `<${name.replace(/^\$?labels\./i, '')}>`)
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Long annotations are clipped at a word: their start says what fired, the index stays small. */
function clip(text: string, length = 240): string {
  return text.length <= length ? text : `${text.slice(0, text.lastIndexOf(' ', length))} …`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
