// The build session behind `serve`: one complete build (build.ts), then the site model (config, pages,
// shortcodes, theme, rule index) and a warm page renderer kept in memory, so that after an edit only the
// changed files are read again and only the pages whose output depends on them are rendered again.
// It takes the common edit, a page's text, itself: when no page's navigation (what other pages draw of
// it: file, kind, URL, title, front matter) changed, it renders and writes the edited pages, then
// (`complete`) brings the output generators' site-wide files up to date. Anything else (pages added,
// removed or moved, navigation, rule files, config, theme, shortcodes, static files) is a complete build
// through build.ts and its cache. Either way the output folder ends up as a cold `build` writes it.
// It does not watch files or serve them (serve/dev-server.ts does).

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BuildOptions, BuildResult } from '../build/build.js';
import { fullBuild, type ReadSite } from '../build/full-build.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { discoverSite, type Page } from '../content/discover.js';
import { contentHash } from '../util/content-hash.js';
import { generatedOutputs } from '../outputs/index.js';
import { type GeneratedPageRenderer, renderGeneratedPage } from '../outputs/generated-page.js';
import { contentOf, type OutputFile } from '../outputs/types.js';
import { hashOf } from '../cache/fingerprints.js';
import { loadSite, sectionsByPage } from '../site/site.js';
import { listSiteFiles } from '../util/list-files.js';
import { outputFileOf } from '../content/urls.js';
import { navigationKeyOf, siteModulesFingerprint, siteShortcodesFingerprint } from '../cache/build-cache.js';
import { createPageJob, type PageJob } from '../build/page-job.js';
import { type RecordingSiteModel, withRuleRecording } from '../cache/rule-recording.js';
import { openDerivedValues } from '../cache/kept-derived-values.js';
import { type FilesAhead, filesAhead } from './pages-ahead.js';

export interface SessionOptions extends Omit<BuildOptions, 'source' | 'destination' | 'strict'> {
  source: string;
  destination: string;
  /**
   * Called as each complete build starts, with the newest model's files (pages-ahead.ts): until the
   * build is done, the output folder is behind them.
   */
  onAhead?: (files: FilesAhead) => void;
}

export interface SiteSession {
  /** The result of the latest complete build or update. */
  readonly result: BuildResult;
  /**
   * Brings the output up to date after the sources at these site-relative paths changed (undefined: any
   * may have). When it resolves, the affected pages are written; `complete` then writes the site-wide
   * files. A failed update changes nothing, and its paths are taken again by the next update.
   */
  update(changed: ReadonlySet<string> | undefined): Promise<SessionUpdate>;
}

export interface SessionUpdate {
  /** Pages rendered and written so far (every page of a complete build). */
  readonly rendered: number;
  /** Writes the output generators' files that changed and returns the update's result. */
  complete(): BuildResult;
}

/** What the session knows of the output folder: the site it was built from and the generated files. */
interface SessionState {
  readonly model: RecordingSiteModel;
  /** The site's module fingerprints, taken before `model` was read (the build's cache keys on them). */
  readonly modules: Pick<ReadSite, 'siteModules' | 'siteShortcodes'>;
  readonly render: PageJob;
  /** Output generators' files by path → content hash, as written. */
  readonly generated: ReadonlyMap<string, string>;
  /** Warnings of each page's latest render by page file; those of no page in `otherWarnings`. */
  readonly warnings: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly otherWarnings: readonly Diagnostic[];
  readonly redirects: number;
  /** The generated pages last drawn (see drawnOnce). */
  readonly drawnPages: DrawnPages;
}

export async function openSiteSession(options: SessionOptions): Promise<SiteSession> {
  let { state, result } = await completeBuild(options);
  let pending = new Set<string>();
  let unknownChanges = false;

  const update = async (changed: ReadonlySet<string> | undefined): Promise<SessionUpdate> => {
    const started = performance.now();
    changed?.forEach((file) => pending.add(file));
    unknownChanges ||= changed === undefined;
    const edited = unknownChanges ? undefined : pageEdit(state, options, pending);
    if (!edited || edited.navigationChanged) {
      // An edited page that fails fails the build: found first, before tabs are sent to the newest model.
      if (edited) edited.pages.forEach(createPageJob(edited.model));
      ({ state, result } = await completeBuild(options, edited && { model: edited.model, ...state.modules }));
      pending = new Set();
      unknownChanges = false;
      return { rendered: result.pages, complete: () => result };
    }
    const { model, pages } = edited;
    const render = createPageJob(model);
    const renders = pages.map((page) => ({ page, ...render(page) }));
    // Every page rendered before the first write: a failing page leaves the output as it was.
    const warnings = new Map(state.warnings);
    for (const { page, html, warnings: pageWarnings } of renders) {
      if (!state.generated.has(outputFileOf(page.path))) writeFileSync(path.join(options.destination, outputFileOf(page.path)), html);
      warnings.set(page.file, pageWarnings);
      pageWarnings.forEach((warning) => options.onWarning?.(warning));
    }
    state = { ...state, model, render, warnings };
    pending = new Set();
    return {
      rendered: renders.length,
      complete: () => {
        state = { ...state, ...writeGenerated(state, options) };
        result = resultOf(state, options, renders.length, performance.now() - started);
        return result;
      },
    };
  };

  return {
    get result() {
      return result;
    },
    update,
  };
}

/**
 * The site after an edit of content files only: the changed files read again (every other page reused)
 * and the pages they are, and whether the edit changed what other pages show of them (then every page
 * is drawn again, by a complete build). Undefined when the edit is anything else.
 */
function pageEdit(state: SessionState, options: SessionOptions, changed: ReadonlySet<string>): { model: RecordingSiteModel; pages: Page[]; navigationChanged: boolean } | undefined {
  const { config, site } = state.model;
  const contentFolder = path.normalize(config.contentDir) + path.sep;
  if ([...changed].some((file) => !path.normalize(file).startsWith(contentFolder))) return undefined;
  const changedFiles = new Set([...changed].map((file) => path.normalize(file).split(path.sep).join('/')));
  const unchanged = new Map(site.pages.filter((page) => !changedFiles.has(page.file)).map((page) => [page.file, page]));
  const next = discoverSite({ siteDir: config.siteDir, contentDir: config.contentDir, buildDrafts: options.buildDrafts ?? false, maxFrontMatterSize: config.limits.frontMatterSize, maxPageSize: config.limits.pageSize, unchanged, derived: state.model.derived });
  const model: RecordingSiteModel = { ...state.model, site: next, sectionByPage: sectionsByPage(next.root) };
  const navigationChanged = next.pages.length !== site.pages.length || next.pages.some((page, index) => navigationKeyOf(state.model, site.pages[index]!) !== navigationKeyOf(model, page));
  return { model, pages: next.pages.filter((page) => !unchanged.has(page.file)), navigationChanged };
}


/**
 * A complete build through build.ts, and the session's own model of the site (`known`, the model of a
 * content edit, else read now). The model is read first, so an edit racing the build is one the model
 * has not seen: it comes back as a change and is rendered.
 */
async function completeBuild(options: SessionOptions, known?: ReadSite): Promise<{ state: SessionState; result: BuildResult }> {
  const site = known ?? (await readSite(options));
  const { model } = site;
  const render = createPageJob(model);
  options.onAhead?.(filesAhead(model, render));
  // Never an unchanged build (the output folder is this session's own), so not build.ts's check; and
  // the build draws the site as the session read it, rather than reading it a second time.
  const result = await fullBuild(options, performance.now(), { record: false, site });
  // The first render in this thread loads and compiles the Markdown pipeline: done now, not on the first edit.
  const sample = model.site.pages.find((page) => page.kind === 'page');
  if (sample) render(sample);
  const pageFiles = new Set(model.site.pages.map((page) => page.file));
  const warnings = new Map<string, Diagnostic[]>();
  const otherWarnings: Diagnostic[] = [];
  for (const warning of result.warnings) {
    if (pageFiles.has(warning.file)) warnings.set(warning.file, [...(warnings.get(warning.file) ?? []), warning]);
    else otherWarnings.push(warning);
  }
  const { hashes, redirects: redirectCount, drawnPages } = generatedFiles(model, new Map());
  const modules = { siteModules: site.siteModules, siteShortcodes: site.siteShortcodes };
  return { state: { model, modules, render, generated: hashes, warnings, otherWarnings, redirects: redirectCount, drawnPages }, result };
}

/** The site as a build reads it, its modules fingerprinted first (see siteModulesFingerprint). */
async function readSite(options: SessionOptions): Promise<ReadSite> {
  const siteModules = siteModulesFingerprint(options.source);
  const siteShortcodes = siteShortcodesFingerprint(options.source);
  // What builds derived (front matter, rule copies, search terms) is read, never saved: the session's
  // edits are the next build's to keep.
  const derived = options.cache === false ? undefined : openDerivedValues(options.source);
  const model = withRuleRecording(await loadSite({ source: options.source, baseURL: options.baseURL, buildDrafts: options.buildDrafts, derived }));
  return { model, siteModules, siteShortcodes };
}

/** Generated pages by output file and page data, as drawn. */
type DrawnPages = ReadonlyMap<string, OutputFile>;

/**
 * renderGeneratedPage, taking a page drawn last time with the same data as it was: between complete
 * builds nothing a layout reads besides that data changes (an edit of navigation, theme, config or
 * modules is a complete build, which starts from none), so a page edit draws only the generated pages
 * whose data it changed (the alerts index, rarely a metric page), not 580 metric pages. `drawn` ends up
 * with the pages of this pass only.
 */
function drawnOnce(previous: DrawnPages): { render: GeneratedPageRenderer; drawn: Map<string, OutputFile> } {
  const drawn = new Map<string, OutputFile>();
  const render: GeneratedPageRenderer = (model, generated, file) => {
    const key = hashOf(file ?? '', generated);
    const page = drawn.get(key) ?? previous.get(key) ?? renderGeneratedPage(model, generated, file);
    drawn.set(key, page);
    return page;
  };
  return { render, drawn };
}

/** Every output generator's files, as build.ts writes them (a later file replaces an earlier one). */
function generatedFiles(model: RecordingSiteModel, previous: DrawnPages): { files: Map<string, string | Uint8Array>; hashes: Map<string, string>; redirects: number; drawnPages: DrawnPages } {
  const files = new Map<string, string | Uint8Array>();
  let redirectCount = 0;
  const { render, drawn } = drawnOnce(previous);
  for (const file of generatedOutputs(model, render)) {
    files.set(file.path, contentOf(file));
    if (file.redirect) redirectCount += 1;
  }
  const hashes = new Map([...files].map(([file, content]) => [file, contentHash(content)]));
  return { files, hashes, redirects: redirectCount, drawnPages: drawn };
}

/**
 * Writes the generated files whose content changed; a path no longer generated gets back what a build
 * writes there without it (a page, a static file) or is deleted.
 */
function writeGenerated(state: SessionState, options: SessionOptions): Pick<SessionState, 'generated' | 'redirects' | 'drawnPages'> {
  const { files, hashes, redirects: redirectCount, drawnPages } = generatedFiles(state.model, state.drawnPages);
  const target = (file: string) => path.join(options.destination, file);
  for (const [file, hash] of hashes) {
    if (state.generated.get(file) === hash) continue;
    mkdirSync(path.dirname(target(file)), { recursive: true });
    writeFileSync(target(file), files.get(file)!);
  }
  for (const file of state.generated.keys()) {
    if (hashes.has(file)) continue;
    const page = state.model.site.pages.find((candidate) => outputFileOf(candidate.path) === file);
    const { siteDir, staticDir } = state.model.config;
    if (page) writeFileSync(target(file), state.render(page).html);
    // As the build publishes static/: a symlink leading out of the site is not a static file.
    else if (listSiteFiles(siteDir, staticDir).includes(file)) copyFileSync(path.join(siteDir, staticDir, file), target(file));
    else rmSync(target(file), { force: true });
  }
  return { generated: hashes, redirects: redirectCount, drawnPages };
}

function resultOf(state: SessionState, options: SessionOptions, rendered: number, durationMs: number): BuildResult {
  const { pages } = state.model.site;
  const warnings = [...pages.flatMap((page) => state.warnings.get(page.file) ?? []), ...state.otherWarnings];
  return { destination: options.destination, pages: pages.length, rendered, renderedBodies: rendered, redirects: state.redirects, warnings, durationMs };
}
