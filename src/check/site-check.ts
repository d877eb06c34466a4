// `check`'s work: everything that would make a reader land nowhere, found without writing the site. It loads
// the site model and runs each page through the page pipeline (shortcodes, then Markdown) as the build
// does, collecting what the build would stop at or warn about instead of stopping; then it looks at what
// the build cannot see page by page: alerts without runbooks, empty pages, annotation URLs, links and
// anchors, URLs written twice, PromQL syntax errors, and whether runbooks stay true to their alerts
// (rule copies, required sections, runbooks older than their rule's last change). Each finding gets its level from the config's
// `check:` section.

import path from 'node:path';
import { alertRunbooksOf, type AlertRunbooks } from '../site/alert-runbooks.js';
import { SiteError, type Diagnostic } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { alertsNeedingRunbooks, newRunbookPath } from '../scaffold/new-runbook.js';
import { generatedOutputs } from '../outputs/index.js';
import { alertRedirectUrls, aliasSitePath, planRedirects } from '../outputs/redirects.js';
import { createContentRenderer } from '../build/render-page.js';
import { type BodyCache, openBodyCache } from '../cache/body-cache.js';
import { siteShortcodesFingerprint } from '../cache/build-cache.js';
import { type RecordingSiteModel, withRuleRecording } from '../cache/rule-recording.js';
import { loadSite, type SiteModel } from '../site/site.js';
import { listSiteFiles } from '../util/list-files.js';
import { urlCollisions, type PublishedUrl } from '../content/url-collisions.js';
import { outputFileOf } from '../content/urls.js';
import type { AlertRule } from '../rules/types.js';
import { checkAnnotationUrls, type AnnotationCheck } from './annotation-urls.js';
import { defaultRequiredSections, levelFindings, type Finding, type RawFinding } from '../config/check-findings.js';
import { checkLinks, type RenderedPage } from './links.js';
import { driftFinding } from './rule-copy-drift.js';
import { ruleCopyDrifts } from '../site/rule-copies.js';
import { ruleFileCoverage, type RuleFileCoverage } from '../site/coverage.js';
import { sectionFindings } from './required-sections.js';
import { staleFinding, staleRunbooks } from './stale-runbooks.js';
import { promqlErrors } from './promql-errors.js';
import { loadConfig } from '../config/config.js';
import { inputFolders, keepRecord, runInputs, type RunInputs, type RunKey } from '../cache/input-records.js';
import { openDerivedValues } from '../cache/kept-derived-values.js';
import type { CheckOptions, CheckResult } from './check-site.js';

/** Rule ids of the `rule` shortcode's problems that mean a reference leads to no rule. */
const unresolvedRuleIds = new Set(['rule/file-not-found', 'rule/alert-not-found', 'rule/path-outside-rules-dir']);

/**
 * A check that is not an unchanged one (check-site.ts); `key` names its record when it is cached, `taken`
 * is the fingerprint the unchanged check took.
 */
export async function fullCheck(options: CheckOptions, key: RunKey | undefined, taken?: RunInputs): Promise<CheckResult> {
  const siteDir = path.resolve(options.source ?? '.');
  // Taken first, before any input is read: an edit racing this check makes the next one run.
  const inputs = key && runInputs(siteDir, inputFolders(loadConfig(siteDir, { baseURL: options.baseURL })), key, taken);
  const siteShortcodes = options.cache === false ? undefined : siteShortcodesFingerprint(siteDir);
  // Read, never saved: what a build derives and a check does not use (search terms) would be dropped.
  const derived = options.cache === false ? undefined : openDerivedValues(siteDir);
  const model = withRuleRecording(await loadSite({ source: siteDir, baseURL: options.baseURL, buildDrafts: options.buildDrafts, derived }));
  const bodies = siteShortcodes === undefined ? undefined : openBodyCache(model, { siteShortcodes });
  const raw: RawFinding[] = [];
  const rendered = renderPages(model, raw, bodies);
  bodies?.save(model.site.pages);
  // Pages the pipeline cannot read are reported above; everything after looks at the readable ones.
  const readable: SiteModel = { ...model, site: { ...model.site, pages: rendered.map(({ page }) => page) } };
  const index = alertRunbooksOf(readable);

  raw.push(...emptyPages(model.site.pages), ...alertsWithoutRunbooks(model, index.runbooksOf), ...duplicateUrls(model.site.pages, readable, alertRedirectUrls(readable)));
  const { annotations, publishedPaths } = siteAnnotationCheck(readable, index);
  raw.push(...annotations.findings);
  raw.push(...checkLinks({ links: model.links, rendered, isPublishedFile: publishedFiles(readable, publishedPaths) }));
  const runbookChecks = runbookFindings(readable, rendered, index);
  raw.push(...runbookChecks.findings);

  const findings = levelFindings(raw, model.config.check).sort(byPlace);
  const count = (level: Finding['level']) => findings.filter((finding) => finding.level === level).length;
  const result: CheckResult = {
    findings,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    pages: model.site.pages.length,
    annotationBaseURLs: annotations.baseURLs,
    coverage: runbookChecks.coverage,
  };
  if (key && inputs) keepRecord(siteDir, key, inputs, result);
  return result;
}

/** The annotation URLs checked against what the site publishes (for check, and `annotate`'s repairs). */
export function siteAnnotationCheck(model: SiteModel, index: AlertRunbooks = alertRunbooksOf(model)): { annotations: AnnotationCheck; publishedPaths: Set<string> } {
  const redirects = planRedirects(model);
  const publishedPaths = new Set([...model.site.pages.map((page) => page.path), ...redirects.map((redirect) => redirect.path)]);
  const annotations = checkAnnotationUrls({
    model,
    publishedPaths,
    runbookPathsOf: (rule) => index.runbooksOf(rule.file, rule.alert).map((page) => page.path),
  });
  return { annotations, publishedPaths };
}

/** What keeps a runbook true to its alert: a valid expression, its copy of the rule, its sections, its age against the rule's. */
function runbookFindings(model: SiteModel, rendered: readonly RenderedPage[], index: AlertRunbooks): { findings: RawFinding[]; coverage: RuleFileCoverage[] } {
  const { config } = model;
  const runbooks = rendered.filter(({ page }) => index.referencesOf(page).length > 0);
  const required = config.check.requiredSections ?? defaultRequiredSections;
  const drifts = ruleCopyDrifts(model);
  const stale = staleRunbooks({
    siteDir: config.siteDir,
    contentDir: config.contentDir,
    rulesDir: config.rulesDir,
    runbooks: runbooks.map(({ page }) => ({
      page,
      rules: index.referencesOf(page).flatMap((reference) => reference.rules.map((rule, ordinal) => ({ rule, ordinal }))),
    })),
  });
  const sections = runbooks.flatMap((runbook) => sectionFindings(runbook, required));
  const pagesMissingSections = new Set(sections.map((finding) => finding.file));
  return {
    findings: [
      ...promqlErrors({ siteDir: config.siteDir, rulesDir: config.rulesDir, ruleFiles: model.rules.all() }),
      ...drifts.map((drift) => driftFinding(drift, config.rulesDir)),
      ...sections,
      ...stale.map((runbook) => staleFinding(runbook, config.rulesDir)),
    ],
    coverage: ruleFileCoverage({ rules: model.rules, runbooks: index, drifts, missingSections: (page) => pagesMissingSections.has(page.file) }),
  };
}

/** Every page's content, as the build renders it; what the build would stop at or warn about becomes a finding. */
function renderPages(model: RecordingSiteModel, raw: RawFinding[], bodies: BodyCache | undefined): RenderedPage[] {
  const renderContent = createContentRenderer(model, (warning) => raw.push(pipelineFinding(warning)), bodies);
  return model.site.pages.flatMap((page) => {
    try {
      return [{ page, content: renderContent(page) }];
    } catch (error) {
      if (!(error instanceof SiteError)) throw error;
      raw.push({ ...pipelineFinding(error.toDiagnostic()), kind: unresolvedRuleIds.has(error.ruleId) ? 'unresolved-rule-reference' : 'page-error' });
      return [];
    }
  });
}

function pipelineFinding(diagnostic: Diagnostic): RawFinding {
  return {
    kind: unresolvedRuleIds.has(diagnostic.ruleId) ? 'unresolved-rule-reference' : 'page-warning',
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column,
    message: diagnostic.reason,
    hint: diagnostic.hint,
  };
}

function emptyPages(pages: readonly Page[]): RawFinding[] {
  return pages.filter((page) => page.kind === 'page' && page.empty).map((page) => ({
    kind: 'empty-page',
    file: page.file,
    line: 1,
    message: 'Empty page: it is published as a blank page',
    hint: 'write the runbook, or delete the file (`runbook-site new --missing` fills the empty runbook of an alert)',
  }));
}

/** One finding per alert name of a rule file that no page shows, at its first rule. */
function alertsWithoutRunbooks(model: SiteModel, runbooksOf: (file: string, alert: string) => readonly Page[]): RawFinding[] {
  return alertsNeedingRunbooks(model.rules).filter((rule) => runbooksOf(rule.file, rule.alert).length === 0).map((rule): RawFinding => {
    const runbookFile = runbookFileOf(model, rule);
    const placeholder = model.site.pages.find((page) => page.file === runbookFile && page.empty);
    return {
      kind: 'alert-without-runbook',
      file: path.posix.join(model.config.rulesDir, rule.file),
      line: rule.line,
      message: `Alert \`${rule.alert}\` has no runbook: no page shows it with the \`rule\` shortcode`,
      hint: placeholder
        ? `${runbookFile} is empty; \`runbook-site new --missing\` fills it`
        : runbookFile ? `\`runbook-site new ${rule.file} ${rule.alert}\` writes ${runbookFile}` : 'its name is no file name: write its runbook by hand',
    };
  });
}

/** Where `new` would write the alert's runbook; undefined when it cannot (its name is no file name). */
function runbookFileOf(model: SiteModel, rule: AlertRule): string | undefined {
  try {
    return newRunbookPath(model.config, rule);
  } catch (error) {
    if (error instanceof SiteError) return undefined;
    throw error;
  }
}

/**
 * Pages, alert redirects, generated files and aliases writing one output file (case-insensitively, and
 * `/x/` is `/x/index.html`, as the build sees them): each published after the first is a finding.
 * Aliases come last: the build gives a page's URL to the page and drops the alias, gives an alert's
 * `/alerts/<Name>/` to the alias (so `runbook_url` annotations lead to the alias's page), and fails on an
 * alias at a generated file (`/sitemap.xml`, `/alerts/`). The generated files are drawn only when the
 * site has aliases.
 */
function duplicateUrls(pages: readonly Page[], readable: SiteModel, alertRedirects: readonly PublishedUrl[]): RawFinding[] {
  const aliases = pages.flatMap((page) => (page.frontMatter.aliases ?? []).flatMap((alias): PublishedUrl[] => {
    const aliasPath = aliasSitePath(alias, page);
    return aliasPath ? [{ path: aliasPath, file: page.file, what: `alias \`${alias}\`` }] : [];
  }));
  const generated = aliases.length === 0 ? [] : [...generatedOutputs(readable)]
    .filter((file) => !file.redirect)
    .map((file): PublishedUrl => ({ path: `/${file.path}`, file: '', what: `generated file ${file.path}` }));
  const urls = [...pages.map((page) => ({ path: page.path, file: page.file, what: 'page' })), ...alertRedirects, ...generated, ...aliases];
  const byOutputFile = urls.map((url) => ({ ...url, path: `/${outputFileOf(url.path)}`, url: url.path }));
  return urlCollisions(byOutputFile).map(({ url, other }) => ({
    kind: 'duplicate-url',
    file: url.file,
    line: 1,
    message: `URL ${url.url} is written twice: by this ${url.what} and by the ${other.what}${other.file ? ` of ${other.file}` : ''}`,
    hint: 'rename one of the files, or change its `url`, `slug` or `aliases`',
    url: url.url,
  }));
}

/**
 * Whether the site publishes a file (not a page) at a site path: a redirect, a static file or an output
 * generator's file. The generators run only when a link needs them, and at most once.
 */
function publishedFiles(model: SiteModel, publishedPaths: ReadonlySet<string>): (sitePath: string) => boolean {
  let files: Set<string> | undefined;
  return (sitePath) => {
    if (publishedPaths.has(sitePath) || publishedPaths.has(`${sitePath}/`)) return true;
    files ??= new Set([
      ...listSiteFiles(model.config.siteDir, model.config.staticDir),
      ...[...generatedOutputs(model)].map((file) => file.path),
    ].map((file) => `/${file}`.replace(/\/index\.html$/, '/')));
    return files.has(sitePath) || files.has(`${sitePath}/`);
  };
}

function byPlace(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
