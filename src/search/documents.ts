// The search documents of a site: one per page (home excepted) with what an on-call engineer types into
// the search box: the title, the section, the alert names of the page's `rule` shortcode calls, the
// metric names of those rules' expressions, their severities, the page's tags, its headings and a
// description: its rules' `summary` and `description` annotations (the text an alert notification
// shows), or the page's own description when it shows no rule. Plain data from the site model; it does not tokenise or index (the browser does,
// theme/assets/search-engine.js). The body's prose is left out to keep the index small (see index-file.ts).

import { alertRunbooksOf } from '../site/alert-runbooks.js';
import type { SiteModel } from '../site/site.js';
import { metricNames } from '../rules/promql/index.js';

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
}

export function searchDocuments(model: SiteModel): SearchDocument[] {
  const runbooks = alertRunbooksOf(model);
  return model.site.pages.filter((page) => page.kind !== 'home').map((page) => {
    const references = runbooks.referencesOf(page);
    const rules = references.flatMap((reference) => reference.rules);
    // The annotations are what a notification shows; a runbook's own description mostly paraphrases them.
    const annotations = rules.flatMap((rule) => [rule.annotations.summary, rule.annotations.description]).filter(Boolean);
    const descriptions = annotations.length > 0 ? annotations : [page.frontMatter.description];
    return {
      path: page.path,
      title: page.title,
      section: model.site.sectionOf.get(page)?.page.title ?? '',
      alerts: distinct(references.map((reference) => reference.alert)),
      metrics: distinct(rules.flatMap((rule) => metricNames(rule.expr))),
      severities: distinct(rules.flatMap((rule) => (rule.severity ? [rule.severity] : []))),
      tags: page.frontMatter.tags ?? [],
      headings: markdownHeadings(page.body),
      description: distinct(descriptions.map((text) => clip(oneLine(text ?? ''))).filter(Boolean)).join(' · '),
    };
  });
}

/**
 * `##`..`######` headings outside fenced code blocks. A line scan rather than a Markdown parse: parsing
 * every body again would cost the build seconds on a thousand pages, for the rare setext heading.
 */
export function markdownHeadings(markdown: string): string[] {
  const headings: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (!fence || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence ? undefined : fenceMark;
      continue;
    }
    const heading = fence ? undefined : /^ {0,3}#{2,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    if (heading) headings.push(oneLine(heading.replace(/[*_`]/g, '')));
  }
  return headings.filter(Boolean);
}

/**
 * Template placeholders (`{{ $labels.instance }}`) say nothing a reader would search for, nor do lines
 * that only label one (`VALUE = {{ $value }}`).
 */
function oneLine(text: string): string {
  return text.replace(/^[ \t]*[\w ]+[=:][ \t]*\{\{[^}]*\}\}[ \t]*$/gm, '').replace(/\{\{[^}]*\}\}/g, ' ').replace(/\s+/g, ' ').replace(/\s+([).,:;])/g, '$1').trim();
}

/** Long annotations are clipped at a word: their start says what fired, the index stays small. */
function clip(text: string, length = 240): string {
  return text.length <= length ? text : `${text.slice(0, text.lastIndexOf(' ', length))} …`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
