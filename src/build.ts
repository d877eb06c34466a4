// The build orchestrator: wires the pipeline steps of DESIGN.md (config, discover, rule index,
// shortcodes, markdown, layout, atomic write) and nothing else. The CLI and the tests call `build`.

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { toHtml } from 'hast-util-to-html';
import { loadConfig, type SiteConfig } from './config.js';
import { type Diagnostic, SiteError } from './diagnostics.js';
import { type DiscoveredSite, type Page, type Section, discoverSite } from './discover.js';
import { createMarkdownRenderer } from './markdown/processor.js';
import { stageOutput } from './output.js';
import { createRuleIndex } from './rules/rule-index.js';
import { expandShortcodes } from './shortcodes/expand.js';
import { loadShortcodes } from './shortcodes/registry.js';
import { buildPageData, type PageDataContext } from './theme/page-data.js';
import { loadTheme } from './theme/theme.js';
import { outputFileOf, siteLinks } from './urls.js';

export interface BuildOptions {
  /** Site root (default: the current folder). */
  source?: string;
  /** Output folder (default: `<source>/public`). */
  destination?: string;
  /** Overrides the config's `baseURL`. */
  baseURL?: string;
  /** Turn warnings into errors. */
  strict?: boolean;
  /** Include pages with `draft: true`. */
  buildDrafts?: boolean;
  /** Called for each warning as it is found. */
  onWarning?: (warning: Diagnostic) => void;
}

export interface BuildResult {
  readonly destination: string;
  /** Pages rendered (home, sections and runbooks). */
  readonly pages: number;
  readonly warnings: readonly Diagnostic[];
  readonly durationMs: number;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const siteDir = path.resolve(options.source ?? '.');
  const destination = path.resolve(options.destination ?? path.join(siteDir, 'public'));
  const config = loadConfig(siteDir, { baseURL: options.baseURL });
  const warnings: Diagnostic[] = [];
  const warn = (warning: Diagnostic) => {
    warnings.push(warning);
    options.onWarning?.(warning);
  };

  const site = discoverSite({ siteDir, contentDir: config.contentDir, buildDrafts: options.buildDrafts ?? false });
  assertUniqueUrls(site.pages);
  const renderPage = await createPageRenderer(config, site, warn);

  const output = stageOutput(destination);
  try {
    for (const page of site.pages) output.write(outputFileOf(page.path), renderPage(page));
    if (options.strict && warnings.length > 0) {
      throw new SiteError({ ...warnings[0]!, hint: `${warnings[0]!.hint ?? ''}; --strict turns the ${warnings.length} warning(s) into errors`.replace(/^; /, '') });
    }
    output.copyFolder(path.join(siteDir, config.staticDir));
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
  return { destination, pages: site.pages.length, warnings, durationMs: performance.now() - started };
}

type PageRenderer = (page: Page) => string;

async function createPageRenderer(config: SiteConfig, site: DiscoveredSite, warn: (warning: Diagnostic) => void): Promise<PageRenderer> {
  const [shortcodes, theme] = await Promise.all([loadShortcodes(config.siteDir), loadTheme(config.siteDir)]);
  const rules = createRuleIndex(path.join(config.siteDir, config.rulesDir), { siteDir: config.siteDir });
  const renderMarkdown = createMarkdownRenderer({ unsafeHtml: config.unsafeHtml });
  const links = siteLinks(config.baseURL);
  const context: PageDataContext = {
    config,
    site,
    links,
    assets: Object.fromEntries([...theme.assets].map(([name, asset]) => [name, links.relative(`/${asset.outputPath}`)])),
    sectionByPage: sectionsByPage(site.root),
  };
  const siteContext = { baseURL: config.baseURL, params: config.params };
  return (page) => {
    const { markdown, html } = expandShortcodes(page.body, {
      file: page.file,
      lineOffset: page.bodyLineOffset,
      shortcodes,
      page: { file: page.file, params: page.frontMatter },
      site: siteContext,
      rules,
      onWarning: warn,
    });
    const data = buildPageData(page, renderMarkdown(markdown, html), context);
    return toHtml(theme.layouts.page(data));
  };
}

function sectionsByPage(root: Section): Map<Page, Section> {
  const byPage = new Map<Page, Section>();
  const visit = (section: Section) => {
    byPage.set(section.page, section);
    section.sections.forEach(visit);
  };
  visit(root);
  return byPage;
}

/** Two pages writing one URL would silently lose one; URLs differing only by case collide on many file systems. */
function assertUniqueUrls(pages: readonly Page[]): void {
  const byUrl = new Map<string, Page>();
  for (const page of pages) {
    const key = page.path.toLowerCase();
    const other = byUrl.get(key);
    if (other) {
      throw new SiteError({
        file: page.file,
        line: 1,
        reason: `Unexpected second page for URL ${page.path}, already written by ${other.file}`,
        hint: 'rename one of the files or give one a different `url` or `slug`',
        ruleId: 'url/duplicate',
      });
    }
    byUrl.set(key, page);
  }
}
