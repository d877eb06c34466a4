// Redirect pages: front matter `aliases`, and `/alerts/<AlertName>/` (as written and lowercased) for every
// alert that has a runbook, so an annotation can be `runbook_url: <baseURL>alerts/{{ $labels.alertname }}/`.
// An alert name that several rule files hold, with different runbooks, gets a page listing them instead.
// Pages win over aliases, aliases over alert redirects: a redirect never replaces a page (`check` reports
// an alias that collides with either). It plans the redirects and draws them with the theme's redirect
// layout; it does not decide what a runbook is (alert-runbooks.ts does).

import { toHtml } from 'hast-util-to-html';
import path from 'node:path';
import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { allRules } from '../rules/rule-index.js';
import type { Page } from '../content/discover.js';
import type { SiteModel } from '../site/site.js';
import { siteData } from '../layout/page-data.js';
import type { AlertCandidate, RedirectData } from '../theme-api/redirect-data.js';
import { outputFileOf } from '../content/urls.js';
import type { OutputGenerator } from './types.js';
import type { OutputSource } from '../write/output-paths.js';
import type { PublishedUrl } from '../content/url-collisions.js';

export interface PlannedRedirect {
  /** Site path of the redirect page (`/alerts/HaproxyDown/`). */
  readonly path: string;
  readonly data: RedirectData;
  /** What asks for it, for collision errors. */
  readonly source: OutputSource;
}

export const redirects: OutputGenerator = (model, _render, renderRedirect) => {
  // An alert's case variants share one RedirectData: drawn once.
  const drawn = new Map<RedirectData, string>();
  const draw = (data: RedirectData) => drawn.get(data) ?? drawn.set(data, toHtml(model.theme.layouts.redirect(data))).get(data)!;
  return planRedirects(model).map((redirect) => ({
    ...renderRedirect(outputFileOf(redirect.path), redirect.data, () => draw(redirect.data)),
    source: redirect.source,
    redirect: true,
  }));
};

/** Every redirect page of the site, without the ones a page (or an earlier redirect) already takes. */
export function planRedirects(model: SiteModel): PlannedRedirect[] {
  const taken = new Set(model.site.pages.map((page) => page.path.toLowerCase()));
  const planned: PlannedRedirect[] = [];
  // The case variants of one redirect are one file on a case-insensitive file system: all or none.
  const add = (paths: readonly string[], data: RedirectData, source: OutputSource) => {
    if (paths.some((redirectPath) => taken.has(redirectPath.toLowerCase()))) return;
    for (const redirectPath of paths) {
      taken.add(redirectPath.toLowerCase());
      planned.push({ path: redirectPath, data, source });
    }
  };
  const site = siteData(model.config, model.links);
  for (const page of model.site.pages) {
    for (const alias of page.frontMatter.aliases ?? []) {
      const aliasPath = aliasSitePath(alias, page);
      if (aliasPath) add([aliasPath], redirectTo(page, model), { file: page.file, what: `the alias \`${alias}\` of ${page.file}` });
    }
  }
  for (const [name, candidates] of alertCandidates(model)) {
    const pages = new Set(candidates.map((candidate) => candidate.page));
    const data: RedirectData = pages.size === 1
      ? redirectTo(candidates[0]!.page, model)
      : { kind: 'candidates', site, alert: name, candidates: candidates.map(({ page: _page, ...candidate }) => candidate) };
    add(alertRedirectPaths(name), data, { what: `the redirect of alert \`${name}\`` });
  }
  return planned;
}

/**
 * The `/alerts/<Name>/` URL of each alert with a runbook (its lowercased variant is the same file on a
 * case-insensitive file system), published for its first runbook: for `check`'s duplicate URLs.
 */
export function alertRedirectUrls(model: SiteModel): PublishedUrl[] {
  return [...alertCandidates(model)].flatMap(([name, candidates]) => alertRedirectPaths(name).slice(0, 1).map((redirectPath) => ({
    path: redirectPath,
    file: candidates[0]!.page.file,
    what: `redirect of alert \`${name}\``,
  })));
}

/** `/alerts/<Name>/` and `/alerts/<name>/`; names that cannot be one URL segment get none. */
export function alertRedirectPaths(alertName: string): string[] {
  if (!/^[^/\\?#%\s]+$/u.test(alertName) || alertName === '.' || alertName === '..') return [];
  return [...new Set([`/alerts/${alertName}/`, `/alerts/${alertName.toLowerCase()}/`])];
}

/**
 * An alias as Hugo reads it: absolute from the site root, or relative to the page's folder; a trailing
 * slash added unless it names a file. Undefined when it climbs out of the site.
 */
export function aliasSitePath(alias: string, page: Page): string | undefined {
  const base = alias.startsWith('/') ? '/' : path.posix.dirname(page.path.replace(/\/$/, ''));
  const joined = path.posix.normalize(path.posix.join('/', base, alias));
  if (joined.startsWith('/..') || joined === '/') return undefined;
  return /\.[a-z0-9]+$/i.test(joined) || joined.endsWith('/') ? joined : `${joined}/`;
}

function redirectTo(page: Page, model: SiteModel): RedirectData {
  return {
    kind: 'redirect',
    site: siteData(model.config, model.links),
    title: page.title,
    target: { title: page.title, url: model.links.relative(page.path), permalink: model.links.absolute(page.path) },
  };
}

type Candidate = AlertCandidate & { readonly page: Page };

/**
 * Runbooks by alert name: names differing only in case share one list (and one page), since on a
 * case-insensitive file system their redirect files are one file.
 */
function alertCandidates(model: SiteModel): Map<string, Candidate[]> {
  const index = alertRunbooksOf(model);
  const byLowerName = new Map<string, { names: Set<string>; candidates: Candidate[] }>();
  for (const rule of allRules(model.rules)) {
    const entry = byLowerName.get(rule.alert.toLowerCase()) ?? { names: new Set<string>(), candidates: [] };
    entry.names.add(rule.alert);
    for (const page of index.runbooksOf(rule.file, rule.alert)) {
      if (entry.candidates.some((candidate) => candidate.page === page)) continue;
      entry.candidates.push({ page, title: page.title, url: model.links.relative(page.path), ruleFile: rule.file, group: rule.group });
    }
    byLowerName.set(rule.alert.toLowerCase(), entry);
  }
  const byName = new Map<string, Candidate[]>();
  for (const { names, candidates } of byLowerName.values()) {
    if (candidates.length === 0) continue;
    for (const name of names) byName.set(name, candidates);
  }
  return byName;
}
