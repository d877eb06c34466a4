// Dead annotation URLs: `runbook_url`/`runbook` annotations of alert rules that point under the site's
// address but at no page, alias or alert redirect of it, each with the URL it most likely meant.
// The site's addresses are the config's `baseURL`, the `check.annotationBaseURLs` list, and any base the
// annotations themselves show the site to be published at: a prefix under which at least half of the
// annotations using it lead to a published page (a site built for https://sre.run/ and also published at
// https://org.github.io/repo/ is recognised at both). URLs elsewhere (a wiki, a Git host) are not checked.
// A `{{ $labels.alertname }}` in a URL is the rule's own alert name; other templates are not checked.

import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { AlertRule } from '../rules/types.js';
import { allRules } from '../rules/rule-index.js';
import type { SiteModel } from '../site/site.js';
import { sanitizePathSegment } from '../content/urls.js';
import type { RawFinding } from '../config/check-findings.js';
import { decodeUrlPath } from './links.js';

const annotationKeys = ['runbook_url', 'runbook'] as const;

export interface AnnotationCheckInput {
  readonly model: SiteModel;
  /** Site paths a URL may lead to: pages, aliases and alert redirects (as published, case kept). */
  readonly publishedPaths: ReadonlySet<string>;
  /** Site paths of the pages showing an alert rule. */
  runbookPathsOf(rule: AlertRule): readonly string[];
}

export interface AnnotationBaseURL {
  readonly url: string;
  /** Found from the annotations rather than configured. */
  readonly inferred: boolean;
}

/** An annotation URL under the site's address that leads to no page. */
export interface DeadAnnotation {
  readonly rule: AlertRule;
  readonly key: string;
  readonly url: string;
  /** The URL it most likely meant, when one can be told. */
  readonly suggestion?: string;
}

export interface AnnotationCheck {
  readonly findings: RawFinding[];
  /** The annotations of the findings, for `annotate` to correct. */
  readonly dead: readonly DeadAnnotation[];
  /** The addresses annotation URLs were checked under. */
  readonly baseURLs: readonly AnnotationBaseURL[];
}

interface Annotation {
  readonly rule: AlertRule;
  readonly key: (typeof annotationKeys)[number];
  /** The URL with the alert name filled in. */
  readonly url: string;
}

export function checkAnnotationUrls(input: AnnotationCheckInput): AnnotationCheck {
  const annotations = allRules(input.model.rules).flatMap(annotationsOf);
  const configured = [input.model.config.baseURL, ...(input.model.config.check.annotationBaseURLs ?? [])]
    .filter((url) => /^https?:\/\//i.test(url))
    .map((url) => withSlash(url));
  const inferred = inferBaseURLs(annotations, configured, input.publishedPaths);
  const baseURLs = [...new Set(configured)].map((url) => ({ url, inferred: false }))
    .concat(inferred.map((url) => ({ url, inferred: true })));
  const bases = baseURLs.map((base) => base.url).sort((a, b) => b.length - a.length);
  const dead: DeadAnnotation[] = [];
  const findings = annotations.flatMap((annotation): RawFinding[] => {
    const base = bases.find((candidate) => annotation.url.startsWith(candidate));
    if (!base) return [];
    const sitePath = sitePathOf(annotation.url, base);
    if (input.publishedPaths.has(sitePath)) return [];
    const meant = likelyMeant(sitePath, annotation.rule, input);
    const suggestion = meant ? `${base}${meant.path.slice(1)}` : undefined;
    dead.push({ rule: annotation.rule, key: annotation.key, url: annotation.url, suggestion });
    return [{
      kind: 'dead-annotation-url',
      ...annotationPlace(annotation, input.model.config.rulesDir),
      message: `Annotation \`${annotation.key}\` of alert \`${annotation.rule.alert}\` leads to no page: ${annotation.url}`,
      hint: meant
        ? `did you mean ${suggestion}? (${meant.why})`
        : `no page is published at ${sitePath}; write the alert's runbook with \`runbook-site new ${annotation.rule.file} ${annotation.rule.alert}\``,
      url: annotation.url,
      suggestion,
    }];
  });
  return { findings, dead, baseURLs };
}

function annotationsOf(rule: AlertRule): Annotation[] {
  return annotationKeys.flatMap((key) => {
    const value = rule.annotations[key];
    if (typeof value !== 'string') return [];
    const url = value.trim().replace(/\{\{-?\s*\$labels\.alertname\s*-?\}\}/g, rule.alert);
    return url.includes('{{') || !/^https?:\/\//i.test(url) ? [] : [{ rule, key, url }];
  });
}

/** Bases under which at least half of the annotations starting with them lead to a published page. */
function inferBaseURLs(annotations: readonly Annotation[], configured: readonly string[], published: ReadonlySet<string>): string[] {
  const votes = new Map<string, number>();
  for (const { url } of annotations) {
    if (configured.some((base) => url.startsWith(base))) continue;
    for (const base of prefixesOf(url)) {
      if (published.has(sitePathOf(url, base))) votes.set(base, (votes.get(base) ?? 0) + 1);
    }
  }
  return [...votes].filter(([base, count]) => {
    const using = annotations.filter(({ url }) => url.startsWith(base)).length;
    return count * 2 >= using;
  }).map(([base]) => base);
}

/** `https://h/a/b/` gives `https://h/`, `https://h/a/`, `https://h/a/b/`. */
function prefixesOf(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  return segments.map((_, count) => `${parsed.origin}/${segments.slice(0, count).map((segment) => `${segment}/`).join('')}`);
}

/** The site path an absolute URL under `base` asks for, without query or fragment. */
function sitePathOf(url: string, base: string): string {
  return `/${url.slice(base.length).split(/[?#]/, 1)[0]}`;
}

/** The published path a dead one most likely meant, and why: the alert's own runbook first. */
function likelyMeant(sitePath: string, rule: AlertRule, input: AnnotationCheckInput): { path: string; why: string } | undefined {
  const decoded = decodeUrlPath(sitePath);
  const repairs = [
    { path: withSlash(decoded), why: 'the trailing slash is missing' },
    { path: withSlash(decoded.toLowerCase()), why: 'page URLs are lowercase' },
    { path: withSlash(hugoPath(decoded)), why: 'page URLs drop the characters Hugo drops from file names' },
  ];
  const runbooks = input.runbookPathsOf(rule);
  if (runbooks.length === 1) {
    const repair = repairs.find((candidate) => candidate.path === runbooks[0]);
    return repair ?? { path: runbooks[0]!, why: `the runbook of \`${rule.alert}\`` };
  }
  return repairs.find((candidate) => input.publishedPaths.has(candidate.path));
}

function hugoPath(sitePath: string): string {
  return sitePath.split('/').map((segment) => sanitizePathSegment(segment).toLowerCase()).join('/');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The annotation's line in its rule file, found in the rule's own source text. */
function annotationPlace(annotation: Annotation, rulesDir: string): { file: string; line: number } {
  const { rule } = annotation;
  const lines = new LineCounter();
  const document = parseDocument(rule.sourceText, { lineCounter: lines });
  const node = document.getIn(['annotations', annotation.key], true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range ? lines.linePos(node.range[0]).line - 1 : 0;
  return { file: path.posix.join(rulesDir, rule.file), line: rule.line + offset };
}
