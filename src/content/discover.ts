// Discovery: walks the content folder and builds the site's pages and section tree (every folder is a
// section; its `_index.md`, when present, gives the section's front matter and text). It reads each
// Markdown file once and splits its front matter; it does not expand shortcodes or render anything.

import { existsSync, lstatSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { SiteError } from '../util/diagnostics.js';
import { type FrontMatter, normaliseSource, pageTitle, type SplitPage, splitFrontMatter } from './front-matter.js';
import { deriveAlways, type DerivedValues } from '../util/derived-values.js';
import { raiseLimitHint } from '../config/limits.js';
import { readUtf8File } from '../util/read-utf8.js';
import { leavesFolder, realTarget } from '../util/real-path.js';
import { OUTPUT_MARKER } from '../write/output-update.js';
import { listFiles } from '../util/list-files.js';
import { folderLoopError, statEntry } from '../util/stat-entry.js';
import { pagePath } from './urls.js';

export type PageKind = 'home' | 'section' | 'page';

export interface Page {
  readonly kind: PageKind;
  /** Site-relative path of the source file with `/` separators (`content/runbooks/x/Foo.md`); for a
   * section without `_index.md`, the path its `_index.md` would have. */
  readonly file: string;
  /** Path relative to the content folder (`runbooks/x/Foo.md`). */
  readonly contentPath: string;
  /** Site path the page is published at (`/runbooks/x/foo/`). */
  readonly path: string;
  readonly title: string;
  readonly frontMatter: FrontMatter;
  /** Markdown body after the front matter (BOM removed, line endings normalised). */
  readonly body: string;
  /** Lines of the file before the body, to report body positions as file lines. */
  readonly bodyLineOffset: number;
  /** True when the source file is empty (or only white space). */
  readonly empty: boolean;
  /** True for a section page made up from its folder (no `_index.md`): a generated page at its URL (`/alerts/`, `/tags/`) takes its place. */
  readonly implicit?: true;
}

export interface Section {
  /** The section's own page (from `_index.md`, or made up from the folder name). */
  readonly page: Page;
  /** Folder relative to the content folder ('' for the home section). */
  readonly dir: string;
  readonly pages: Page[];
  readonly sections: Section[];
  readonly parent?: Section;
}

export interface DiscoverOptions {
  siteDir: string;
  contentDir: string;
  buildDrafts: boolean;
  /** Characters of front matter a page may have (config `limits.frontMatterSize`). */
  maxFrontMatterSize: number;
  /** Bytes a page's file may have (config `limits.pageSize`). */
  maxPageSize: number;
  /**
   * Pages of an earlier discovery whose files have not changed since, by `file` (serve's session): taken
   * as they are instead of being read again. Discovery still walks the folders, so added, removed and
   * moved files are found.
   */
  unchanged?: ReadonlyMap<string, Page>;
  /** Front matter split by earlier builds (the build cache's), by page source. */
  derived?: DerivedValues;
}

export interface DiscoveredSite {
  /** The home section: content/ itself. */
  readonly root: Section;
  /** Every page, sections' own pages included, in a stable order (by source path). */
  readonly pages: readonly Page[];
  /** The section each page belongs to (a section page maps to its parent section). */
  readonly sectionOf: ReadonlyMap<Page, Section>;
}

export function discoverSite(options: DiscoverOptions): DiscoveredSite {
  const contentRoot = path.join(options.siteDir, options.contentDir);
  const contentPrefix = options.contentDir.split(path.sep).join('/');
  const pages: Page[] = [];
  const sectionOf = new Map<Page, Section>();
  const visitedFolders = new Set<string>();
  if (!statSync(contentRoot, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SiteError({
      file: contentPrefix,
      reason: 'Unexpected site without a content folder, expected a folder of Markdown pages',
      hint: `create \`${contentPrefix}/\` with an \`_index.md\`, set \`contentDir\` in the config, or pass the site's root with --source`,
      ruleId: 'content/no-content-folder',
    });
  }

  const realSite = realpathSync(options.siteDir);
  // The content folder itself may be a symlink, within the site like any other.
  assertLinkTarget(contentPrefix, realTarget(contentRoot), realSite);

  /** `checked`: the file's stats when the walk has taken them and checked it is no symlink out of the site. */
  const readPage = (contentPath: string, kind: PageKind, checked?: Stats): Page | undefined => {
    const file = `${contentPrefix}/${contentPath}`;
    const absolute = path.join(contentRoot, contentPath);
    assertPageFile(file, options, checked ?? linkCheckedStats(absolute, file, realSite));
    const known = options.unchanged?.get(file);
    if (known?.kind === kind) return known;
    const source = readUtf8File(absolute, file);
    const { frontMatter, body, bodyLineOffset } = splitPageSource(normaliseSource(source), file, options);
    if (frontMatter.draft && !options.buildDrafts) return undefined;
    // A section's page and a leaf bundle's `index.md` are named after their folder.
    const namedAfterFolder = kind !== 'page' || path.posix.basename(contentPath) === LEAF_BUNDLE_INDEX;
    const fileName = path.posix.basename(namedAfterFolder ? path.posix.dirname(contentPath) : contentPath);
    return {
      kind,
      file,
      contentPath,
      path: pagePath({ contentPath, url: frontMatter.url, slug: frontMatter.slug }),
      title: pageTitle(frontMatter, body, namedAfterFolder ? (fileName === '.' ? 'Home' : fileName) : fileName.replace(/\.(md|markdown)$/i, '')),
      frontMatter,
      body,
      bodyLineOffset,
      empty: source.trim() === '',
    };
  };

  const walk = (dir: string, parent: Section | undefined): Section => {
    const absolute = path.join(contentRoot, dir);
    const real = realpathSync(absolute);
    if (visitedFolders.has(real)) throw folderLoopError(`${contentPrefix}/${dir}`, 'content/');
    visitedFolders.add(real);
    // A build's output inside the content folder (`contentDir: .` with public/ in it) is no pages.
    if (existsSync(path.join(absolute, OUTPUT_MARKER))) {
      throw new SiteError({
        file: `${contentPrefix}/${dir}`,
        reason: 'Unexpected build output inside the content folder',
        hint: 'build into a folder outside the content folder (`--destination`), or set `contentDir` to the folder of the pages',
        ruleId: 'content/holds-output',
      });
    }
    const dirents = readdirSync(absolute, { withFileTypes: true });
    const links = new Set(dirents.filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name));
    const entries = dirents.map((entry) => entry.name).sort();
    const kind: PageKind = parent ? 'section' : 'home';
    const indexPath = path.posix.join(dir, '_index.md');
    const page = entries.includes('_index.md')
      ? readPage(indexPath, kind) ?? sectionPageFor(indexPath, kind, contentPrefix)
      : sectionPageFor(indexPath, kind, contentPrefix);
    const section: Section = { page, dir, pages: [], sections: [], parent };
    pages.push(page);
    if (parent) sectionOf.set(page, parent);
    for (const name of entries) {
      if (name.startsWith('.') || name === '_index.md') continue;
      const contentPath = path.posix.join(dir, name);
      if (links.has(name)) assertLinkTarget(`${contentPrefix}/${contentPath}`, realTarget(path.join(contentRoot, contentPath)), realSite);
      const stats = statEntry(path.join(contentRoot, contentPath), `${contentPrefix}/${contentPath}`);
      const leafBundle = stats.isDirectory() && isLeafBundle(path.join(contentRoot, contentPath));
      if (leafBundle) assertBundleLinks(path.join(contentRoot, contentPath), `${contentPrefix}/${contentPath}`, realSite);
      if (stats.isDirectory() && !leafBundle) section.sections.push(walk(contentPath, section));
      else if (leafBundle || /\.(md|markdown)$/i.test(name)) {
        const child = leafBundle ? readPage(path.posix.join(contentPath, LEAF_BUNDLE_INDEX), 'page') : readPage(contentPath, 'page', stats);
        if (child) {
          section.pages.push(child);
          pages.push(child);
          sectionOf.set(child, section);
        }
      }
    }
    return section;
  };

  const root = walk('', undefined);
  pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { root, pages, sectionOf };
}

/**
 * A symlink in the content folder may lead anywhere in the site's sources, not out of the site: the build
 * would publish whatever it leads to (`passwd.md -> /etc/passwd`), as static/ refuses to, and `check
 * --fix` would write there; nor into a build's output, which each build would publish again one level
 * deeper, or a hidden folder (the build cache, .git). The build cache's fingerprint of the folder notes
 * such links (fingerprints.ts). `target` is the symlink's real path (realTarget), `site` the site's.
 */
function assertLinkTarget(file: string, target: string, site: string): void {
  if (leavesFolder(site, target)) {
    throw new SiteError({
      file,
      reason: `Unexpected symlink to \`${target}\`, outside the site`,
      hint: 'copy the file into the site, or point the symlink at a file inside it',
      ruleId: 'content/symlink-outside-site',
    });
  }
  const generated = generatedFolderHolding(target, site);
  if (generated === undefined) return;
  throw new SiteError({
    file,
    reason: `Unexpected symlink into \`${path.relative(site, generated) || '.'}\`, a build's output or a hidden folder (the build cache)`,
    hint: 'point the symlink at a source file or folder of the site',
    ruleId: 'content/symlink-into-output',
  });
}

/** A leaf bundle's files are published beside its page (bundle-resources.ts): their symlinks are held to the same. */
function assertBundleLinks(bundleDir: string, label: string, site: string): void {
  const check = (file: string, target: string) => assertLinkTarget(`${label}/${file}`, target, site);
  listFiles(bundleDir, { within: site, label, onOutside: check, onLink: check });
}

/**
 * The folder holding `target` (inside `site`) that discovery never reads as content: a build's output (it
 * holds OUTPUT_MARKER) or a hidden folder, the build cache (`.runbook-site-cache`) and `.git` among them.
 */
function generatedFolderHolding(target: string, site: string): string | undefined {
  for (let folder = target; folder !== site && !leavesFolder(site, folder); folder = path.dirname(folder)) {
    if (path.basename(folder).startsWith('.') || existsSync(path.join(folder, OUTPUT_MARKER))) return folder;
  }
  return undefined;
}

/** The stats of a page file the walk has not looked at (a section's `_index.md`, a bundle's `index.md`), its link checked. */
function linkCheckedStats(absolute: string, file: string, site: string): Stats {
  if (lstatSync(absolute).isSymbolicLink()) assertLinkTarget(file, realTarget(absolute), site);
  return statEntry(absolute, file);
}

/**
 * A page is a regular file of the site, and not too large to render: a FIFO would hang the read, and a
 * page's Markdown takes ~300 MB of memory and 4 s a MB to render (10 MB: 2.6 GB, 94 s).
 */
function assertPageFile(file: string, options: DiscoverOptions, stats: Stats): void {
  if (!stats.isFile()) {
    throw new SiteError({
      file,
      reason: 'Unexpected special file (a FIFO, socket or device), expected a Markdown file',
      hint: 'remove it, or replace it with a regular file',
      ruleId: 'content/not-a-file',
    });
  }
  if (stats.size > options.maxPageSize) {
    throw new SiteError({
      file,
      line: 1,
      column: 1,
      reason: `Unexpected page of ${stats.size.toLocaleString('en')} bytes, expected at most ${options.maxPageSize.toLocaleString('en')}`,
      hint: raiseLimitHint('pageSize', 'split it into several pages'),
      ruleId: 'content/page-too-large',
    });
  }
}

/**
 * splitFrontMatter, or its answer for the same source last time. What is kept is the front matter and
 * where the body starts (the body is the rest of the source), not the body again.
 */
function splitPageSource(source: string, file: string, { maxFrontMatterSize, derived = deriveAlways }: DiscoverOptions): SplitPage {
  const { frontMatter, bodyStart, bodyLineOffset } = derived.value('front-matter', [source, maxFrontMatterSize], () => {
    const split = splitFrontMatter(source, file, maxFrontMatterSize);
    return { frontMatter: split.frontMatter, bodyStart: source.length - split.body.length, bodyLineOffset: split.bodyLineOffset };
  });
  return { frontMatter, body: source.slice(bodyStart), bodyLineOffset };
}

/** Hugo's leaf bundle: a folder whose `index.md` is one page (at the folder's URL) and whose other files are its resources. */
export const LEAF_BUNDLE_INDEX = 'index.md';

function isLeafBundle(folder: string): boolean {
  return existsSync(path.join(folder, LEAF_BUNDLE_INDEX)) && !existsSync(path.join(folder, '_index.md'));
}

function sectionPageFor(indexPath: string, kind: PageKind, contentPrefix: string): Page {
  const folderName = path.posix.basename(path.posix.dirname(indexPath));
  return {
    kind,
    file: `${contentPrefix}/${indexPath}`,
    contentPath: indexPath,
    path: pagePath({ contentPath: indexPath }),
    title: folderName === '.' ? 'Home' : folderName,
    frontMatter: {},
    body: '',
    bodyLineOffset: 0,
    empty: true,
    implicit: true,
  };
}
