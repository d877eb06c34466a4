// The persistent build cache (`<site>/.runbook-site-cache/`): a page's rendered HTML and warnings, kept
// under a key made of everything its render reads, so a rebuild renders only pages whose inputs changed.
// A page's key hashes: the page itself (front matter and body), the site key (runbook-site's own code,
// built-in theme and shortcodes, the site's theme/ and shortcodes/ files, the config, the navigation of
// every page: titles, URLs, kinds, front matter and child list entries (severity and summary of the
// first rule the page references), which layouts draw as menus, children and breadcrumbs), the page's
// last-modified date (front matter, else its file's last commit: a new commit re-renders only the
// pages it changed, so a CI deploy of a one-page push renders one page) and, checked per entry, the
// content of each rule file the page read. It never decides what a page
// looks like; on any doubt (unreadable entry, other format) the page is rendered again.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Diagnostic, SiteError } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { listSiteFiles } from '../util/list-files.js';
import type { SiteModel } from '../site/site.js';
import { type GeneratedPage, pageDataBuilder } from '../layout/page-data.js';
import { contentHash } from '../util/content-hash.js';
import type { ChildLink } from '../theme-api/types.js';
import type { OutputManifest } from '../write/output-update.js';
import { ALL_RULE_FILES, type RenderedPage } from './rendered-page.js';
import { codeFingerprint, fileHash, folderFingerprint, hashOf, packageScopeFingerprint, textsHashOf } from './fingerprints.js';
import { CACHE_FOLDER } from './cache-folder.js';
import { readVerifiedJson, readVerifiedText, writeVerifiedJson } from './verified-file.js';
import { isRunning } from '../util/running.js';

/** Bumped when the entry format changes. */
const FORMAT = 2;

/**
 * What the cache knows of a page's last render. The HTML itself is a separate file named by its content
 * hash, read only when the output needs it (a no-change rebuild compares hashes and reads none).
 */
interface CacheEntry {
  readonly key: string;
  /** Rule file path → content hash ('missing' for an absent file) when the page was rendered. */
  readonly rules: Readonly<Record<string, string>>;
  readonly warnings: readonly Diagnostic[];
  /** contentHash (output-update.ts) of the HTML. */
  readonly html: string;
}

/** Every page's entry by source path, one file per base URL. */
interface CacheIndex {
  readonly format: number;
  readonly entries: Readonly<Record<string, CacheEntry>>;
  /** Generated pages: hash of the site key, output file and page data → contentHash of the HTML. */
  readonly generated?: Readonly<Record<string, string>>;
  /** Redirect pages, likewise; their HTML is not kept but drawn again when the output needs it. */
  readonly redirects?: Readonly<Record<string, string>>;
}

/** HTML the cache holds: its contentHash, and the HTML read and checked against it (undefined when damaged). */
export interface KeptHtml {
  readonly hash: string;
  readonly read: () => string | undefined;
}

/** A generated page's HTML: `kept` when the cache holds it, else drawn now; `draw` draws it (again) either way. */
export type KeptOrDrawn = { readonly kept: KeptHtml; readonly draw: () => string } | { readonly kept?: undefined; readonly html: string };

/** A page served from the cache. */
export interface CachedPage {
  readonly warnings: readonly Diagnostic[];
  readonly ruleFiles: readonly string[];
  /** contentHash of the HTML. */
  readonly htmlHash: string;
  /** The HTML, read and checked against htmlHash; undefined when the entry is damaged (render the page again). */
  readonly html: () => string | undefined;
}

export interface BuildCache {
  /** Where the cache lives (also holds the output manifest). */
  readonly dir: string;
  /** The page's cached render when every input it was rendered from is unchanged. */
  lookup(page: Page): CachedPage | undefined;
  /**
   * Keeps a page's render for `save`: its HTML goes to a staging folder beside the cache folder now, so
   * no build holds every page's HTML, and the cache folder itself changes only in `save`.
   */
  store(page: Page, rendered: RenderedPage, htmlHash: string): void;
  /**
   * A generated page (alerts index, metric, term and search pages, 404): the HTML kept for the same
   * output file, page data and site key, by its hash and read only when the output needs it; else
   * `draw`n now. Drawn HTML is kept for `save`.
   */
  generatedPage(file: string, generated: GeneratedPage, draw: () => string): KeptOrDrawn;
  /**
   * A redirect page, drawn by the theme from `data`: known by the hash its HTML had for the same output
   * file, data and site key, and drawn only when the output does not hold it (a one-page rebuild of
   * 10,000 pages drew 10,000 redirects, ~210 ms). Too small to be worth a file of the cache: `kept.read`
   * draws it again, and answers undefined if that HTML no longer has the hash (then it is written as drawn).
   */
  redirectPage(file: string, data: unknown, draw: () => string): KeptOrDrawn;
  /**
   * What the last build wrote to `destination`, to write only what changed. `legacy` also accepts a
   * manifest of a version whose manifests carried no hash: only to recognise its output, whose files are
   * then each checked against it (destination.ts), never to skip writing one.
   */
  outputManifest(destination: string, legacy?: boolean): OutputManifest | undefined;
  /**
   * Saves the stored renders and the output manifest, and drops the entries of pages that no longer
   * exist. Called only after a successful build: a failed build calls `discard`, which leaves the site
   * folder as it was.
   */
  save(pages: readonly Page[], manifest: OutputManifest): void;
  discard(): void;
}

export interface BuildCacheOptions {
  /** Build options that change what pages look like (drafts included or not). */
  readonly renderOptions: Readonly<Record<string, unknown>>;
  /** siteModulesFingerprint(), taken before the site's modules were loaded. */
  readonly siteModules: string;
}

/**
 * The site's own theme/ and shortcodes/ files. Taken before the build loads them, so an edit racing the
 * build can only make the key older than the render (a needless re-render next time), never newer.
 */
export function siteModulesFingerprint(siteDir: string): string {
  return hashOf(folderFingerprint(siteDir, 'theme'), siteShortcodesFingerprint(siteDir));
}

/**
 * The site's own shortcodes/ files: of the site's modules, the only ones a page's body depends on; and
 * the package.json files that say whether a `.js` module is an ES module or CommonJS.
 */
export function siteShortcodesFingerprint(siteDir: string): string {
  return hashOf(folderFingerprint(siteDir, 'shortcodes'), packageScopeFingerprint(siteDir));
}

export function openBuildCache(model: SiteModel, options: BuildCacheOptions): BuildCache {
  const dir = path.join(model.config.siteDir, CACHE_FOLDER);
  // One folder per base URL: `serve` (localhost) and `build` (the real URL) keep their pages side by side.
  const pagesDir = path.join(dir, `pages-${hashOf(model.config.baseURL).slice(0, 12)}`);
  const siteKey = hashOf(
    FORMAT,
    codeFingerprint(),
    options.siteModules,
    model.config,
    options.renderOptions,
    navigationOf(model),
  );
  // Rule files are hashed now, before any page reads them, for the same reason as siteModulesFingerprint.
  const ruleHash = ruleHashesOf(model.config.siteDir, model.rules.rulesDir);
  const htmlDir = path.join(pagesDir, 'html');
  const htmlFile = (hash: string) => path.join(htmlDir, `${hash}.html`);
  const indexFile = path.join(pagesDir, 'index.json');
  const previous = readVerifiedJson<CacheIndex>(indexFile);
  const entries = previous?.format === FORMAT ? previous.entries : {};
  const { lastmodOf } = pageDataBuilder(model);
  const keyOf = (page: Page) => textsHashOf(siteKey, page, lastmodOf(page) ?? '');
  /** The entries of this build's pages: served from the cache or rendered now. */
  const live = new Map<string, CacheEntry>();
  const generated = previous?.format === FORMAT ? (previous.generated ?? {}) : {};
  const liveGenerated = new Map<string, string>();
  const redirects = previous?.format === FORMAT ? (previous.redirects ?? {}) : {};
  const liveRedirects = new Map<string, string>();
  let staging: string | undefined;
  removeDeadStaging(dir);
  /** HTML files that failed verification in `lookup`: `store` writes them again. */
  const damaged = new Set<string>();
  const discard = () => {
    if (staging) rmSync(staging, { recursive: true, force: true });
    staging = undefined;
  };
  /** Puts HTML named by its hash in the staging folder unless the cache holds it intact; false when it cannot. */
  const stageHtml = (htmlHash: string, html: string): boolean => {
    if (existsSync(htmlFile(htmlHash)) && !damaged.has(htmlHash)) return true;
    try {
      staging ??= mkdtempSync(`${dir}.staging-${process.pid}-`);
      writeFileSync(path.join(staging, `${htmlHash}.html`), html);
      return true;
    } catch {
      return false;
    }
  };
  const manifestFile = (destination: string) => path.join(dir, `output-${hashOf(destination).slice(0, 16)}.json`);

  return {
    dir,
    lookup(page) {
      const entry = entries[page.file];
      if (!entry || entry.key !== keyOf(page) || !existsSync(htmlFile(entry.html))) return undefined;
      if (Object.entries(entry.rules).some(([rulePath, hash]) => ruleHash(rulePath) !== hash)) return undefined;
      live.set(page.file, entry);
      const html = () => {
        const text = readVerifiedText(htmlFile(entry.html), entry.html);
        if (text === undefined) damaged.add(entry.html);
        return text;
      };
      return { warnings: entry.warnings, ruleFiles: Object.keys(entry.rules), htmlHash: entry.html, html };
    },
    store(page, rendered, htmlHash) {
      const rules = Object.fromEntries(rendered.ruleFiles.map((rulePath) => [rulePath, ruleHash(rulePath)]));
      const entry: CacheEntry = { key: keyOf(page), rules, warnings: rendered.warnings, html: htmlHash };
      live.set(page.file, entry);
      // Not cached, rendered again next time (see save).
      if (!stageHtml(entry.html, rendered.html)) live.delete(page.file);
    },
    generatedPage(file, page, draw) {
      const key = hashOf(siteKey, file, page);
      const drawAndKeep = () => {
        const html = draw();
        const htmlHash = contentHash(html);
        if (stageHtml(htmlHash, html)) liveGenerated.set(key, htmlHash);
        return html;
      };
      const known = generated[key];
      if (known === undefined || !existsSync(htmlFile(known))) return { html: drawAndKeep() };
      liveGenerated.set(key, known);
      const read = () => {
        const text = readVerifiedText(htmlFile(known), known);
        if (text === undefined) {
          damaged.add(known);
          liveGenerated.delete(key);
        }
        return text;
      };
      return { kept: { hash: known, read }, draw: drawAndKeep };
    },
    redirectPage(file, data, draw) {
      const key = hashOf(siteKey, file, data);
      const known = redirects[key];
      if (known === undefined) {
        const html = draw();
        liveRedirects.set(key, contentHash(html));
        return { html };
      }
      liveRedirects.set(key, known);
      const read = () => {
        const html = draw();
        if (contentHash(html) === known) return html;
        liveRedirects.delete(key);
        return undefined;
      };
      return { kept: { hash: known, read }, draw };
    },
    outputManifest: (destination, legacy) => readVerifiedJson<OutputManifest>(manifestFile(destination), legacy),
    save(pages, manifest) {
      try {
        mkdirSync(htmlDir, { recursive: true });
        for (const name of staging ? readdirSync(staging) : []) {
          // A damaged entry may be a folder, which a rename cannot replace.
          if (damaged.has(name.replace(/\.html$/, ''))) rmSync(path.join(htmlDir, name), { recursive: true, force: true });
          renameSync(path.join(staging!, name), path.join(htmlDir, name));
        }
        const index: CacheIndex = {
          format: FORMAT,
          entries: Object.fromEntries(pages.flatMap((page) => (live.has(page.file) ? [[page.file, live.get(page.file)!]] : []))),
          generated: Object.fromEntries(liveGenerated),
          redirects: Object.fromEntries(liveRedirects),
        };
        writeVerifiedJson(indexFile, index);
        const used = new Set([...Object.values(index.entries).map((entry) => entry.html), ...liveGenerated.values()].map((hash) => `${hash}.html`));
        for (const name of readdirSync(htmlDir)) if (!used.has(name)) rmSync(path.join(htmlDir, name), { force: true });
        // Entries of an older format (one file per page) are never read again.
        for (const name of readdirSync(pagesDir)) if (name !== 'html' && name !== 'index.json') rmSync(path.join(pagesDir, name), { recursive: true, force: true });
        writeVerifiedJson(manifestFile(manifest.destination), manifest);
        // serve on a random port, and builds into temporary folders, make a base URL and an output
        // folder per run: the caches of all but the newest few would pile up (~65 MB per corpus base URL).
        keepNewest(dir, 'pages-', KEPT_BASE_URLS);
        keepNewest(dir, 'output-', KEPT_OUTPUT_MANIFESTS);
      } catch {
        // A cache that cannot be written (read-only site, full disk) costs a rebuild next time, never this build.
      } finally {
        discard();
      }
    },
    discard,
  };
}

/** Base URLs whose pages are kept (`pages-<hash>`), the newest first: build's, serve's and a few more. */
const KEPT_BASE_URLS = 4;
/** Output folders whose manifest is kept (`output-<hash>.json`); a folder without one is swapped in whole. */
const KEPT_OUTPUT_MANIFESTS = 8;

/** Removes the entries of `dir` starting with `prefix` beyond the `count` last modified. */
function keepNewest(dir: string, prefix: string, count: number): void {
  const entries = readdirSync(dir).filter((name) => name.startsWith(prefix)).map((name) => {
    const file = path.join(dir, name);
    return { file, modified: statSync(file).mtimeMs };
  });
  entries.sort((a, b) => b.modified - a.modified);
  for (const { file } of entries.slice(count)) rmSync(file, { recursive: true, force: true });
}

/** Removes the staging folders (`<cache>.staging-<pid>-*`) of builds that were killed. */
function removeDeadStaging(cacheDir: string): void {
  const prefix = `${path.basename(cacheDir)}.staging-`;
  for (const name of readdirSync(path.dirname(cacheDir))) {
    const owner = Number.parseInt(name.slice(prefix.length), 10);
    if (!name.startsWith(prefix) || (owner > 0 && isRunning(owner))) continue;
    try {
      rmSync(path.join(path.dirname(cacheDir), name), { recursive: true, force: true });
    } catch {
      // A read-only site keeps it; it is never read.
    }
  }
}

/** What layouts may draw of every page (menus, children, breadcrumbs, prev/next): any change re-renders all. */
function navigationOf(model: SiteModel): unknown {
  return model.site.pages.map((page) => navigationKeyOf(model, page));
}

/**
 * What other pages' menus, breadcrumbs, children lists, prev/next and ref links may show of a page (all
 * of its front matter, to be safe, and its entry in a section's or tag page's child list, which shows the
 * severity and summary of the first rule its body references): shared by the cache key and by `serve`'s
 * page-edit fast path. A body whose shortcodes do not parse gets no child list entry: its render reports
 * the error, in page order.
 */
export function navigationKeyOf(model: SiteModel, page: Page): string {
  return JSON.stringify([page.file, page.kind, page.path, page.title, page.frontMatter, childListEntryOf(model, page)]);
}

function childListEntryOf(model: SiteModel, page: Page): ChildLink | undefined {
  try {
    return pageDataBuilder(model).childLinkOf(page);
  } catch (error) {
    if (error instanceof SiteError) return undefined;
    throw error;
  }
}

/**
 * The content hash of every rule file (`.yml`/`.yaml`) under the rules folder, taken when a cache is
 * opened, as the page and body caches check a page's rule dependencies: by the path the page asked for,
 * `/`-normalised, 'missing' for an absent file, and ALL_RULE_FILES for the listing of them all.
 */
export function ruleHashesOf(siteDir: string, rulesDir: string): (rulePath: string) => string {
  const ruleFiles = listSiteFiles(siteDir, path.relative(siteDir, rulesDir)).filter((name) => /\.ya?ml$/i.test(name));
  const hashes = new Map(ruleFiles.map((rulePath) => [rulePath, fileHash(path.join(rulesDir, rulePath))]));
  hashes.set(ALL_RULE_FILES, hashOf([...hashes]));
  return (rulePath) => {
    const normalised = path.relative(rulesDir, path.resolve(rulesDir, rulePath)).split(path.sep).join('/');
    return hashes.get(rulePath) ?? hashes.get(normalised) ?? 'missing';
  };
}
