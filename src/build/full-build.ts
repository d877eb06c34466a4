// The build orchestrator: loads the site model, renders every page (in worker threads, and only the
// pages the build cache does not hold), runs the output generators and writes the output as it goes
// (each page as soon as it is done; swapped in atomically, or only the changed files moved in when the
// previous build's output is intact). It wires the pipeline steps of DESIGN.md and does nothing else.
// build.ts calls it when the build is not an unchanged one.

import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Diagnostic, SiteError } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { CACHE_FOLDER } from '../cache/cache-folder.js';
import { type BuildCache, openBuildCache, siteModulesFingerprint, siteShortcodesFingerprint } from '../cache/build-cache.js';
import { type BodyCache, type BodyCacheOptions, openBodyCache } from '../cache/body-cache.js';
import type { RenderedPage } from '../cache/rendered-page.js';
import { openDerivedValues } from '../cache/kept-derived-values.js';
import { seededValues } from '../cache/derived-seeds.js';
import { deriveAlways } from '../util/derived-values.js';
import { RULE_FILE_TABLE } from '../rules/rule-index.js';
import { type GeneratedAhead, generatedAhead } from './generated-ahead.js';
import { pageQueue, type PrefetchedRules, type RenderFailure, type RenderPool, startRenderPool, workersAvailable } from './render-pool.js';
import { type RecordingSiteModel, withRuleRecording } from '../cache/rule-recording.js';
import { generatedOutputs } from '../outputs/index.js';
import { contentOf, type OutputFile } from '../outputs/types.js';
import { cachedGeneratedPages, cachedRedirects } from '../outputs/generated-page.js';
import { contentHash } from '../util/content-hash.js';
import { openOutput, type OutputWriter } from '../write/output-update.js';
import { lockOutput, recoverKilledBuild, recoverOutput } from '../write/output.js';
import { clearOf, type OutputSource } from '../write/output-paths.js';
import { assertReplaceableDestination, destinationFolder, type SiteSource } from '../write/destination.js';
import { assertSiteFolder, loadConfig, type SiteConfig } from '../config/config.js';
import { buildInputs, type OutputOptions, recordBuild } from '../cache/unchanged-build.js';
import { inputFolders, type RunInputs } from '../cache/input-records.js';
import type { BuildOptions, BuildResult } from './build.js';
import { strictFailure } from './strict.js';
import { loadSite } from '../site/site.js';
import { urlCollisions } from '../content/url-collisions.js';
import { outputFileOf } from '../content/urls.js';
import { listSiteFiles } from '../util/list-files.js';

/**
 * Render workers by default: one per core beyond the first, the build's own thread rendering beside
 * them. Measured on 2 cores (cold, --no-cache): 11,000 grouped synthetic pages in 63.9 s with one worker
 * against 105.5 s without (peak RSS 1,053 vs 721 MB; Hugo 20.5 s, 1,649 MB). Before the build's thread
 * rendered too, and before the CLI was bundled, workers lost on 2 cores: the build's thread only wrote
 * files and each worker spent ~0.45 s loading modules.
 */
export function defaultWorkerCount(): number {
  return Math.max(0, availableParallelism() - 1);
}

/** Below this many pages per worker, starting workers costs more than it saves. */
const PAGES_PER_WORKER = 60;

/** A site model its caller has read (serve's session), with the fingerprints of the site's modules taken before it read it. */
export interface ReadSite {
  readonly model: RecordingSiteModel;
  /** siteModulesFingerprint and siteShortcodesFingerprint of build-cache.ts. */
  readonly siteModules: string;
  readonly siteShortcodes: string;
}

/**
 * A build that is not an unchanged one (build.ts); `started` is when the build was asked for. `record`
 * false keeps no unchanged-build record: serve's output folder is new for every run, its records would
 * only pile up. `site`: the site as the caller has read it, used instead of reading it again. `inputs`:
 * the fingerprint the unchanged-build check took (build.ts), kept with this build's record.
 */
export async function fullBuild(
  options: BuildOptions,
  started: number,
  { record = true, site, inputs: taken }: { record?: boolean; site?: ReadSite; inputs?: RunInputs } = {},
): Promise<BuildResult> {
  const siteDir = path.resolve(options.source ?? '.');
  // Before the destination's recovery looks beside it: a `--source` that is no folder is the user's to fix.
  assertSiteFolder(siteDir);
  const givenDestination = path.resolve(options.destination ?? path.join(siteDir, 'public'));
  const destination = destinationFolder(givenDestination);
  const useCache = options.cache ?? true;
  const workers = workersAvailable ? (options.workers ?? defaultWorkerCount()) : 0;
  let pool: RenderPool | undefined;
  /** The rule files the workers parse while this thread reads the site, as they arrive. */
  let prefetched: PrefetchedRules | undefined;
  let unlock: (() => void) | undefined;
  try {
    // Without cached pages every page renders: load the Markdown pipeline while the site is read
    // (renderPages imports it again), and start the workers then when the content holds enough pages for
    // them (they load their modules meanwhile: ~0.4 s of the corpus's cold build with the other core idle).
    // Else they start once the pages to render are known: a small site, or a small edit, needs none.
    if (!useCache || !existsSync(path.join(siteDir, CACHE_FOLDER))) {
      import('./page-job.js').catch(() => {});
      const config = workers > 0 && !site ? configOrUndefined(siteDir, options.baseURL) : undefined;
      if (config && markdownFileCount(config) >= PAGES_PER_WORKER * 2) {
        pool = startRenderPool(workers);
        prefetched = pool.prefetchRuleFiles({ rulesDir: path.join(config.siteDir, config.rulesDir), siteDir: config.siteDir, maxFileSize: config.limits.ruleFileSize });
      }
    }
    recoverKilledBuild(destination);
    const outputOptions: OutputOptions = { destination, baseURL: options.baseURL, buildDrafts: options.buildDrafts ?? false };
    // Taken first, before any input is read: an edit racing this build makes the next one run. (loadSite
    // reads the config again on purpose: the build must use the config the fingerprint saw, or a newer one.)
    const inputs = useCache && record ? buildInputs(siteDir, inputFolders(loadConfig(siteDir, { baseURL: options.baseURL })), outputOptions, taken) : undefined;
    const siteModules = useCache ? (site?.siteModules ?? siteModulesFingerprint(siteDir)) : '';
    const bodyOptions: BodyCacheOptions | undefined = useCache ? { siteShortcodes: site?.siteShortcodes ?? siteShortcodesFingerprint(siteDir) } : undefined;
    const kept = useCache && !site ? openDerivedValues(siteDir) : undefined;
    const derived = prefetched ? seededValues(kept ?? deriveAlways, RULE_FILE_TABLE, prefetched.seeds) : kept;
    // Turns of the event loop between the long steps before the first page: serve answers requests then.
    await nextTurn();
    const model = withRuleRecording(site?.model ?? (await loadSite({ source: siteDir, baseURL: options.baseURL, buildDrafts: options.buildDrafts, derived })));
    assertUniqueUrls(model.site.pages);
    await nextTurn();
    const cache = useCache ? openBuildCache(model, { renderOptions: { buildDrafts: options.buildDrafts ?? false }, siteModules }) : undefined;
    await nextTurn();
    const bodies = bodyOptions && openBodyCache(model, bodyOptions);
    const previousOutput = cache?.outputManifest(destination);
    assertReplaceableDestination(destination, siteDir, siteSources(model.config), previousOutput ?? cache?.outputManifest(destination, true), givenDestination);
    // Before anything is written: one build at a time writes the destination, and a killed build's
    // half-done swap or update is completed or undone.
    unlock = lockOutput(destination);
    recoverOutput(destination);
    const output = openOutput(destination, previousOutput);
    try {
      const staticWarnings: Diagnostic[] = [];
      output.writeFolder(path.join(siteDir, model.config.staticDir), model.config.staticDir, listSiteFiles(siteDir, model.config.staticDir, (warning) => {
        staticWarnings.push(warning);
        options.onWarning?.(warning);
      }));
      let redirectCount = 0;
      const writeGenerated = (file: OutputFile) => {
        const source = file.source ?? { what: `the generated ${file.path}` };
        if (!file.kept || !output.writeKnown(file.path, file.kept.hash, file.kept.read, source)) output.write(file.path, contentOf(file), source);
        if (file.redirect) redirectCount += 1;
      };
      const clearOfPages = clearOf(model.site.pages.map((page) => outputFileOf(page.path)));
      const writeEarly = (file: OutputFile) => {
        if (!clearOfPages(file.path)) return false;
        writeGenerated(file);
        return true;
      };
      const drawn = generatedAhead(generatedOutputs(model, cache && cachedGeneratedPages(cache), cache && cachedRedirects(cache)), model.ruleRecorder.aside, writeEarly);
      // The first generated outputs read every rule file: until the workers' parsed ones are in, this
      // thread renders pages rather than parse them all itself.
      const generated: GeneratedAhead = { step: () => (prefetched?.arrived() ?? true) && drawn.step(), rest: () => drawn.rest() };
      const { rendered, renderedBodies, warnings: pageWarnings } = await renderPages(model, { pages: cache, bodies, bodyOptions }, output, options, generated, () => {
        pool ??= workers > 0 ? startRenderPool(workers) : undefined;
        return pool;
      });
      const warnings = [...staticWarnings, ...pageWarnings];
      for (const file of generated.rest()) writeGenerated(file);
      if (options.strict && warnings.length > 0) throw strictFailure(warnings);
      const manifest = output.commit();
      cache?.save(model.site.pages, manifest());
      bodies?.save(model.site.pages);
      kept?.save();
      const pages = model.site.pages.length;
      if (inputs) recordBuild(siteDir, outputOptions, inputs, manifest(), { pages, redirects: redirectCount, warnings });
      return { destination, pages, rendered, renderedBodies, redirects: redirectCount, warnings, durationMs: performance.now() - started };
    } catch (error) {
      output.abort();
      cache?.discard();
      bodies?.discard();
      throw error;
    }
  } finally {
    unlock?.();
    await pool?.close();
  }
}

/** The site's config, or undefined when it does not load (loadSite reports why). */
function configOrUndefined(siteDir: string, baseURL: string | undefined): SiteConfig | undefined {
  try {
    return loadConfig(siteDir, { baseURL });
  } catch {
    return undefined;
  }
}

/** How many Markdown files the content folder holds; 0 when it cannot be read (loadSite reports why). */
function markdownFileCount({ siteDir, contentDir }: SiteConfig): number {
  try {
    return readdirSync(path.join(siteDir, contentDir), { recursive: true }).filter((name) => String(name).endsWith('.md')).length;
  } catch {
    return 0;
  }
}

/** The folders and files of the site that no output may replace or live in. */
function siteSources(config: SiteConfig): SiteSource[] {
  const source = (name: string, what: string): SiteSource => ({ path: path.join(config.siteDir, name), what: `the site's ${what} ${name}` });
  const folder = (name: string, what: string): SiteSource => source(`${name.replace(/\/$/, '')}/`, what);
  return [
    folder(config.contentDir, 'content folder'),
    folder(config.rulesDir, 'rules folder'),
    folder(config.staticDir, 'static folder'),
    folder('shortcodes', 'shortcodes folder'),
    folder('theme', 'theme folder'),
    folder(CACHE_FOLDER, 'build cache'),
    ...(config.configFile ? [source(config.configFile, 'config file')] : []),
  ];
}

/**
 * Every page's render, written to `output` as it is done: from the cache when its inputs are unchanged,
 * else rendered (in workers when there are enough pages, else here). Warnings are reported in page order
 * as soon as every page before them is done, whichever worker finished first.
 */
async function renderPages(
  model: RecordingSiteModel,
  caches: { readonly pages?: BuildCache; readonly bodies?: BodyCache; readonly bodyOptions?: BodyCacheOptions },
  output: OutputWriter,
  options: BuildOptions,
  generated: GeneratedAhead,
  renderPool: () => RenderPool | undefined,
): Promise<{ rendered: number; renderedBodies: number; warnings: Diagnostic[] }> {
  const sitePages = model.site.pages;
  /** Each page's warnings once it is done, by page index. */
  const pageWarnings: (readonly Diagnostic[] | undefined)[] = new Array(sitePages.length);
  const missing: number[] = [];
  // A section page made up from a folder gives way to a generated page at its URL (content/alerts/x.md
  // makes a section at /alerts/, the alerts index); any other page there is a collision error.
  const sourceOf = (page: Page): OutputSource => ({ file: page.file, what: `the page ${page.file}`, ...(page.implicit ? { replaceable: true } : {}) });
  sitePages.forEach((page, index) => {
    const cached = caches.pages?.lookup(page);
    // A cache entry is used only when it passes verification (cached.html() answers undefined otherwise).
    if (cached && output.writeKnown(outputFileOf(page.path), cached.htmlHash, cached.html, sourceOf(page))) pageWarnings[index] = cached.warnings;
    else missing.push(index);
  });
  const warnings: Diagnostic[] = [];
  let reported = 0;
  let done = sitePages.length - missing.length;
  let renderedBodies = 0;
  const report = () => {
    for (; reported < sitePages.length && pageWarnings[reported]; reported += 1) {
      for (const warning of pageWarnings[reported]!) {
        warnings.push(warning);
        options.onWarning?.(warning);
      }
    }
  };
  const onRendered = (index: number, page: RenderedPage) => {
    const sitePage = sitePages[index]!;
    const htmlHash = contentHash(page.html);
    output.writeKnown(outputFileOf(sitePage.path), htmlHash, () => page.html, sourceOf(sitePage));
    caches.pages?.store(sitePage, page, htmlHash);
    if (page.body) caches.bodies?.keep(sitePage, page.body);
    pageWarnings[index] = page.warnings;
    if (!page.cachedBody) renderedBodies += 1;
    done += 1;
    options.onProgress?.(done, sitePages.length);
    report();
  };
  report();
  options.onProgress?.(done, sitePages.length);
  if (missing.length === 0) return { rendered: 0, renderedBodies, warnings };
  const queue = pageQueue(missing);
  const pool = missing.length >= PAGES_PER_WORKER * 2 ? renderPool() : undefined;
  const inWorkers = pool?.render({ config: model.config, site: model.site, bodies: caches.bodyOptions }, queue, onRendered);
  const failures: RenderFailure[] = [];
  // The build's thread renders from the same queue as the workers, a page at a time between their
  // results and its writes. Loaded on demand: a build served from the cache never loads the Markdown pipeline.
  const { createPageJob } = await import('./page-job.js');
  const render = createPageJob(model, caches.bodies);
  for (;;) {
    // While workers render, this thread draws the generated outputs first (generated-ahead.ts), then joins
    // them; a turn of the event loop between steps takes in the workers' results.
    while (pool && generated.step()) await nextTurn();
    const [index] = queue.take(1);
    if (index === undefined) break;
    try {
      onRendered(index, render(sitePages[index]!));
    } catch (error) {
      queue.stop();
      failures.push({ index, error: error as Error });
    }
    await nextTurn();
  }
  failures.push(...((await inWorkers) ?? []));
  // The first page's failure, as a build without workers reports it, whichever thread got there first.
  const [first] = failures.sort((a, b) => a.index - b.index);
  if (first) throw first.error;
  return { rendered: missing.length, renderedBodies, warnings };
}

/** Two pages writing one URL would silently lose one (see url-collisions.ts). */
function assertUniqueUrls(pages: readonly Page[]): void {
  const [collision] = urlCollisions(pages.map((page) => ({ path: page.path, file: page.file, what: 'page' })));
  if (collision) {
    throw new SiteError({
      file: collision.url.file,
      line: 1,
      column: 1,
      reason: `Unexpected second page for URL ${collision.url.path}, already written by ${collision.other.file}`,
      hint: 'rename one of the files or give one a different `url` or `slug`',
      ruleId: 'url/duplicate',
    });
  }
}
