// The site model: everything a build knows before rendering a page (config, pages and sections, rule
// index, shortcodes, theme, links), loaded once per build. Renderers and output generators read it.

import path from 'node:path';
import { loadConfig, type SiteConfig } from '../config/config.js';
import { type DiscoveredSite, type Page, type Section, discoverSite } from '../content/discover.js';
import { createRuleIndex } from '../rules/rule-index.js';
import { deriveAlways, type DerivedValues } from '../util/derived-values.js';
import type { RuleIndex } from '../rules/types.js';
import { loadShortcodes } from '../shortcodes/registry.js';
import type { ShortcodeDefinition } from '../shortcodes/types.js';
import { loadTheme, type Theme } from '../theme-api/theme.js';
import { siteLinks, type SiteLinks } from '../content/urls.js';

export interface SiteModel {
  readonly config: SiteConfig;
  readonly site: DiscoveredSite;
  readonly rules: RuleIndex;
  readonly shortcodes: ReadonlyMap<string, ShortcodeDefinition>;
  readonly theme: Theme;
  readonly links: SiteLinks;
  /** Sections by their own page, to find a section page's children. */
  readonly sectionByPage: ReadonlyMap<Page, Section>;
  /** Values derived from one page or file each, kept between builds when the build keeps a cache. */
  readonly derived: DerivedValues;
}

export interface LoadSiteOptions {
  source: string;
  baseURL?: string;
  buildDrafts?: boolean;
  /** Values derived by earlier builds (the build cache's): front matter, parsed rule files and the like. */
  derived?: DerivedValues;
}

export async function loadSite(options: LoadSiteOptions): Promise<SiteModel> {
  const config = loadConfig(options.source, { baseURL: options.baseURL });
  const site = discoverSite({ siteDir: config.siteDir, contentDir: config.contentDir, buildDrafts: options.buildDrafts ?? false, maxFrontMatterSize: config.limits.frontMatterSize, maxPageSize: config.limits.pageSize, derived: options.derived });
  return siteModelOf(config, site, options.derived);
}

/**
 * The site model of an already discovered site. A render worker calls it with the config and pages the
 * build sends it (cheaper than discovering the site again); everything else is derived or loaded here.
 */
export async function siteModelOf(config: SiteConfig, site: DiscoveredSite, derived: DerivedValues = deriveAlways): Promise<SiteModel> {
  const [shortcodes, theme] = await Promise.all([loadShortcodes(config.siteDir), loadTheme(config.siteDir)]);
  return {
    config,
    site,
    rules: createRuleIndex(path.join(config.siteDir, config.rulesDir), { siteDir: config.siteDir, derived, maxFileSize: config.limits.ruleFileSize }),
    shortcodes,
    theme,
    links: siteLinks(config.baseURL),
    sectionByPage: sectionsByPage(site.root),
    derived,
  };
}

/** Sections by their own page (SiteModel.sectionByPage). */
export function sectionsByPage(root: Section): Map<Page, Section> {
  const byPage = new Map<Page, Section>();
  const visit = (section: Section) => {
    byPage.set(section.page, section);
    section.sections.forEach(visit);
  };
  visit(root);
  return byPage;
}
