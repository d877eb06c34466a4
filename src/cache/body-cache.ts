// The body cache (`<site>/.runbook-site-cache/bodies/`): each page's content (shortcodes expanded,
// Markdown to hast) kept by what it depends on, so Markdown is rendered once per content, not once per
// build, base URL or navigation change. A body's key hashes runbook-site's code, the site's shortcodes/
// files, the config values shortcodes and Markdown read (params, unsafe HTML) and the page's file and
// body; and, checked per entry, what its render read: each rule file's content, each page looked up by a
// `ref`/`relref` (the fields it used of the answer), each front-matter key read, the base URL if read.
// So `build` (real base URL), `serve` (localhost) and `check` share entries, and a title, weight or
// front-matter edit re-assembles layouts from cached bodies. Trees are files named by their content
// hash, verified on every read; anything unreadable, inconsistent or of another format is a miss.

import type { Root } from 'hast';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import type { SiteModel } from '../site/site.js';
import { createPageLookup } from '../shortcodes/page-lookup.js';
import type { PageLookup, PageTarget } from '../shortcodes/types.js';
import { contentHash } from '../util/content-hash.js';
import { ruleHashesOf } from './build-cache.js';
import { CACHE_FOLDER } from './cache-folder.js';
import { codeFingerprint, hashOf } from './fingerprints.js';
import type { BodyReads, RecordedRef, StoredBody } from './rendered-page.js';

/** Bumped when the entry or tree format changes. */
const FORMAT = 1;

/** A body served from the cache. */
export interface CachedBody {
  readonly tree: Root;
  readonly warnings: readonly Diagnostic[];
  readonly ruleFiles: readonly string[];
}

/** What a renderer needs of the body cache (a render worker has this much of it). */
export interface BodyLookup {
  lookup(page: Page): CachedBody | undefined;
}

export interface BodyCache extends BodyLookup {
  /** Keeps a body rendered now (its tree goes to a staging folder beside the cache folder until `save`). */
  keep(page: Page, body: StoredBody): void;
  /** Keeps the bodies rendered now and drops the entries of pages not in `pages`; only after a successful run. */
  save(pages: readonly Page[]): void;
  discard(): void;
}

interface BodyEntry {
  readonly key: string;
  /** contentHash of the tree file. */
  readonly tree: string;
  readonly warnings: readonly Diagnostic[];
  /** Rule file path → content hash when the body was rendered. */
  readonly rules: Readonly<Record<string, string>>;
  readonly refs: readonly RecordedRef[];
  readonly params?: Readonly<Record<string, string>>;
  readonly baseURL?: string;
  readonly frontMatter?: string;
}

interface BodyIndex {
  readonly format: number;
  readonly entries: Readonly<Record<string, BodyEntry>>;
}

export interface BodyCacheOptions {
  /** siteShortcodesFingerprint() (build-cache.ts), taken before the site's shortcodes were loaded. */
  readonly siteShortcodes: string;
}

export function openBodyCache(model: SiteModel, options: BodyCacheOptions): BodyCache {
  const dir = path.join(model.config.siteDir, CACHE_FOLDER);
  const bodiesDir = path.join(dir, 'bodies');
  const treesDir = path.join(bodiesDir, 'trees');
  const indexFile = path.join(bodiesDir, 'index.json');
  const treeFile = (hash: string) => path.join(treesDir, `${hash}.json`);
  // limits: a body within the old limits may be past the new ones, which fail the page.
  const baseKey = hashOf(FORMAT, codeFingerprint(), options.siteShortcodes, { unsafeHtml: model.config.unsafeHtml, params: model.config.params, limits: model.config.limits });
  const keyOf = (page: Page) => hashOf(baseKey, page.file, page.bodyLineOffset, page.body);
  const ruleHash = ruleHashesOf(model.config.siteDir, model.rules.rulesDir);
  let pages: PageLookup | undefined;
  const stillFound = (ref: RecordedRef) => {
    pages ??= createPageLookup(model.site.pages, model.links);
    const now = pages.find(ref.target, ref.from);
    return now.length === ref.found.length && ref.found.every((used, index) => Object.entries(used).every(([field, value]) => now[index]![field as keyof PageTarget] === value));
  };
  const unchanged = (entry: BodyEntry, page: Page) =>
    entry.key === keyOf(page) &&
    (entry.baseURL === undefined || entry.baseURL === model.config.baseURL) &&
    (entry.params ? Object.entries(entry.params).every(([name, value]) => jsonOf(page.frontMatter[name]) === value) : entry.frontMatter === jsonOf(page.frontMatter)) &&
    Object.entries(entry.rules).every(([rulePath, hash]) => ruleHash(rulePath) === hash) &&
    entry.refs.every(stillFound);
  const previous = readIndex(indexFile);
  const live = new Map<string, BodyEntry>();
  let staging: string | undefined;
  const discard = () => {
    if (staging) rmSync(staging, { recursive: true, force: true });
    staging = undefined;
  };

  return {
    lookup(page) {
      const entry = previous[page.file];
      if (!entry || !unchanged(entry, page)) return undefined;
      const tree = verifiedTree(treeFile(entry.tree), entry.tree);
      if (!tree) return undefined;
      live.set(page.file, entry);
      return { tree, warnings: entry.warnings, ruleFiles: Object.keys(entry.rules) };
    },
    keep(page, body) {
      const { rules, refs, params, baseURL } = body.reads;
      const hash = contentHash(body.tree);
      const entry: BodyEntry = {
        key: keyOf(page),
        tree: hash,
        warnings: body.warnings,
        rules: Object.fromEntries(rules.map((rulePath) => [rulePath, ruleHash(rulePath)])),
        refs,
        params,
        baseURL,
        frontMatter: params ? undefined : jsonOf(page.frontMatter),
      };
      try {
        staging ??= mkdtempSync(`${dir}.staging-${process.pid}-`);
        writeFileSync(path.join(staging, `${hash}.json`), body.tree);
        live.set(page.file, entry);
      } catch {
        // Not cached: rendered again next time.
      }
    },
    save(sitePages) {
      try {
        mkdirSync(treesDir, { recursive: true });
        for (const name of staging ? readdirSync(staging) : []) renameSync(path.join(staging!, name), path.join(treesDir, name));
        // A page served whole from the page cache never asked for its body: its entry stays as it was.
        const entries = Object.fromEntries(sitePages.flatMap((page) => {
          const entry = live.get(page.file) ?? previous[page.file];
          return entry ? [[page.file, entry]] : [];
        }));
        writeFileSync(indexFile, JSON.stringify({ format: FORMAT, entries } satisfies BodyIndex));
        const used = new Set(Object.values(entries).map((entry) => `${entry.tree}.json`));
        for (const name of readdirSync(treesDir)) if (!used.has(name)) rmSync(path.join(treesDir, name), { force: true });
      } catch {
        // A cache that cannot be written costs renders next time, never this run.
      } finally {
        discard();
      }
    },
    discard,
  };
}

/**
 * Wraps what a body's shortcodes can read (the page lookup, the page's front matter, the site values)
 * so that each read is noted; `reads` gives them with the rule files read.
 */
export function recordBodyReads(
  lookup: PageLookup,
  frontMatter: Readonly<Record<string, unknown>>,
  site: { readonly baseURL: string; readonly params: Readonly<Record<string, unknown>> },
) {
  const refs: RecordedRef[] = [];
  let params: Record<string, string> | undefined = {};
  let baseURL: string | undefined;
  const note = (name: string | symbol, target: Readonly<Record<string, unknown>>) => {
    if (params && typeof name === 'string') params[name] = jsonOf(target[name]);
  };
  return {
    pages: {
      find(target: string, fromFile: string) {
        const found = lookup.find(target, fromFile);
        const used: Record<string, string>[] = found.map(() => ({}));
        refs.push({ target, from: fromFile, found: used });
        return found.map((page, index): PageTarget => ({
          get file() {
            return (used[index]!.file = page.file);
          },
          get url() {
            return (used[index]!.url = page.url);
          },
          get permalink() {
            return (used[index]!.permalink = page.permalink);
          },
        }));
      },
    } satisfies PageLookup,
    params: new Proxy(frontMatter, {
      get(target, name, receiver) {
        note(name, target);
        return Reflect.get(target, name, receiver);
      },
      has(target, name) {
        note(name, target);
        return Reflect.has(target, name);
      },
      ownKeys(target) {
        params = undefined; // listed whole: the body depends on all of it
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor(target, name) {
        note(name, target);
        return Reflect.getOwnPropertyDescriptor(target, name);
      },
    }),
    site: {
      get baseURL() {
        return (baseURL = site.baseURL);
      },
      params: site.params,
    },
    reads: (rules: readonly string[]): BodyReads => ({ rules, refs, params, baseURL }),
  };
}

/** A tree as kept: JSON without the source positions (nothing after the Markdown step reads them). */
export function treeJson(tree: Root): string {
  return JSON.stringify(tree, function (this: Record<string, unknown>, name, value: unknown) {
    return name === 'position' && typeof this.type === 'string' && typeof (value as { start?: unknown } | undefined)?.start === 'object' ? undefined : value;
  });
}

function jsonOf(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

function readIndex(file: string): Readonly<Record<string, BodyEntry>> {
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as BodyIndex;
    return index.format === FORMAT && typeof index.entries === 'object' && index.entries ? index.entries : {};
  } catch {
    return {};
  }
}

/** The tree in `file` when its content hash is `hash`; undefined when missing, altered or unreadable. */
function verifiedTree(file: string, hash: string): Root | undefined {
  try {
    const text = readFileSync(file);
    if (contentHash(text) !== hash) return undefined;
    const tree = JSON.parse(text.toString('utf8')) as Root;
    return tree?.type === 'root' && Array.isArray(tree.children) ? tree : undefined;
  } catch {
    return undefined;
  }
}
