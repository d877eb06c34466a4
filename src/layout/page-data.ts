// Builds the PageData a layout draws, from the site model: links under the base path, the menu,
// breadcrumbs, table of contents, previous/next, edit link, last-modified date and the alert rules a
// page shows. The one place navigation is computed; layouts only draw. One builder per site model
// (memoised), so the menu tree, the alert references and the git dates are computed once per build.
// It does not render Markdown or serialise HTML.

import path from 'node:path';
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { pageReferencesOf } from '../site/alert-runbooks.js';
import type { SiteConfig } from '../config/config.js';
import type { Page, Section } from '../content/discover.js';
import type { AlertRule } from '../rules/types.js';
import { gitLastModified } from '../content/git-lastmod.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { memoised } from '../util/memoise.js';
import { pageScriptsOf } from '../site/page-scripts.js';
import type { SiteModel } from '../site/site.js';
import { tagPath } from '../content/taxonomy.js';
import type { SiteLinks } from '../content/urls.js';
import { createSiteMenu } from './menu.js';
import { addRuleBlocks } from './rule-block.js';
import { addInlineCodeBreaks } from './word-breaks.js';
import type { ChildLink, Link, PageData, PageKindName, PageRule, SiteData, TocEntry } from '../theme-api/types.js';
import { actionLinks, addMetricLinks } from './rule-links.js';
import { metricNamesOf, metricPath } from '../site/metrics-index.js';

/** URLs of the theme's assets by their path under theme/assets. */
export function assetUrls(model: SiteModel): Record<string, string> {
  return Object.fromEntries([...model.theme.assets].map(([name, asset]) => [name, model.links.relative(`/${asset.outputPath}`)]));
}

export function siteData(config: SiteConfig, links: SiteLinks): SiteData {
  return {
    title: config.title,
    languageCode: config.languageCode,
    baseURL: config.baseURL,
    basePath: links.basePath,
    homeUrl: links.relative('/'),
    params: config.params,
  };
}

/** A page made by an output generator (taxonomy, alerts index, 404): no source file, not in the menu. */
export interface GeneratedPage {
  readonly kind: Exclude<PageKindName, 'home' | 'section' | 'page'>;
  readonly title: string;
  /** Site path (`/tags/`). */
  readonly path: string;
  readonly description?: string;
  /** Sections above it, as links (home is always first). */
  readonly trail?: readonly Link[];
  readonly children?: readonly ChildLink[];
  readonly terms?: PageData['terms'];
  readonly alerts?: PageData['alerts'];
  readonly coverage?: PageData['coverage'];
}

export interface PageDataBuilder {
  /**
   * Data of a content page; turns the rule code blocks of `content` into rule blocks, with metric and
   * action links (in place), and
   * reports, through `warn`, each rule expression that does not parse, at its rule file line.
   */
  forPage(page: Page, content: Root, warn?: (warning: Diagnostic) => void): PageData;
  forGenerated(generated: GeneratedPage): PageData;
  /** A page as listed by a section or tag page: link, description, severity and summary of its rule. */
  childLinkOf(page: Page): ChildLink;
  /** The page's last modified date: front matter `lastmod`, `date`, else git's, else undefined. */
  lastmodOf(page: Page): string | undefined;
}

/** The site's page-data builder, made once per site model (menus and indexes are built inside it once). */
export const pageDataBuilder: (model: SiteModel) => PageDataBuilder = memoised(createPageDataBuilder);

function createPageDataBuilder(model: SiteModel): PageDataBuilder {
  const { links } = model;
  const site = siteData(model.config, links);
  const assets = assetUrls(model);
  const url = (page: Page) => links.relative(page.path);
  const menu = createSiteMenu(model, { bookSection: model.config.params.BookSection, url });
  const referencesOf = pageReferencesOf(model);
  let gitDates: ReadonlyMap<string, string> | undefined;
  const lastmodOf = (page: Page) => {
    const { lastmod, date } = page.frontMatter;
    if (lastmod ?? date) return lastmod ?? date;
    gitDates ??= gitLastModified(model.config.siteDir, model.config.contentDir);
    return gitDates.get(page.file);
  };
  const childLink = (page: Page): ChildLink => {
    const rule = referencesOf(page).flatMap((reference) => reference.rules)[0];
    const description = page.frontMatter.description;
    return {
      ...linkTo(page, links),
      description: description && !repeatsTitle(description, page.title) ? description : undefined,
      severity: rule?.severity,
      summary: rule?.annotations.summary,
      section: model.site.sectionOf.get(page)?.page.title,
    };
  };
  const home = model.site.root.page;
  const homeLink = linkTo(home, links);

  return {
    lastmodOf,
    childLinkOf: childLink,
    forPage(page, content, warn) {
      const rules = referencesOf(page).flatMap((reference) => reference.rules);
      addInlineCodeBreaks(content);
      for (const problem of addRuleBlocks(content, rules, { open: model.config.params.RuleBlockOpen === true, derived: model.derived })) {
        warn?.({
          file: path.posix.join(model.config.rulesDir, problem.rule.file),
          line: problem.line,
          reason: `Unexpected PromQL in \`expr\` of alert \`${problem.rule.alert}\`: ${problem.message}`,
          hint: 'the page shows the expression as written; fix it in the rule file (`promtool check rules` tells more)',
          ruleId: 'rule/invalid-promql',
        });
      }
      // Every metric of every rule expression has a page (src/outputs/metric-pages.ts).
      addMetricLinks(content, rules, { metricUrl: (name) => links.relative(metricPath(name)), metricsOf: (rule) => metricNamesOf(model, rule) });
      const parent = model.site.sectionOf.get(page);
      const ownSection = model.sectionByPage.get(page);
      const { previous, next } = menu.neighboursOf(page);
      return {
        site,
        page: {
          kind: page.kind,
          title: page.title,
          description: page.frontMatter.description,
          url: url(page),
          permalink: links.absolute(page.path),
          file: page.file,
          tags: page.frontMatter.tags ?? [],
          tagLinks: (page.frontMatter.tags ?? []).map((tag) => ({ title: tag, url: links.relative(tagPath(tag)) })),
          params: page.frontMatter,
        },
        content,
        breadcrumbs: ancestorsOf(parent).map((section) => linkTo(section.page, links)),
        section: parent ? linkTo(parent.page, links) : undefined,
        children: ownSection ? childrenOf(ownSection, childLink) : [],
        menu: menu.menuFor(page),
        toc: tableOfContents(content),
        previous,
        next,
        editUrl: editUrl(model.config.params, page),
        lastmod: lastmodOf(page),
        rules: rules.map((rule) => pageRuleOf(rule, model.config.links)),
        assets,
        scripts: pageScriptsOf(page).map((script) => links.relative(`/${script.outputPath}`)),
      };
    },
    forGenerated(generated) {
      return {
        site,
        page: {
          kind: generated.kind,
          title: generated.title,
          description: generated.description,
          url: links.relative(generated.path),
          permalink: links.absolute(generated.path),
          file: '',
          tags: [],
          tagLinks: [],
          params: {},
        },
        content: { type: 'root', children: [] },
        breadcrumbs: generated.trail ?? [homeLink],
        children: generated.children ?? [],
        menu: menu.menuFor(home),
        toc: [],
        rules: [],
        terms: generated.terms,
        alerts: generated.alerts,
        coverage: generated.coverage,
        assets,
      };
    },
  };
}

function ancestorsOf(section: Section | undefined): Section[] {
  const chain: Section[] = [];
  for (let current = section; current; current = current.parent) chain.unshift(current);
  return chain;
}

function linkTo(page: Page, links: SiteLinks): Link {
  return { title: page.title, url: links.relative(page.path) };
}

function childrenOf(section: Section, childLink: (page: Page) => ChildLink): ChildLink[] {
  return [...section.sections.map((child) => child.page), ...section.pages]
    .filter((page) => page.frontMatter.bookHidden !== true)
    .map(childLink);
}

/** "Troubleshooting for alert HostDown" says nothing the title HostDown does not. */
function repeatsTitle(description: string, title: string): boolean {
  return /^troubleshooting for( the)?( alert)?\s+\S+\.?$/i.test(description.trim()) && description.includes(title);
}

/**
 * The page's own h2 headings with ids (rehype-slug gives them), each with the h3s that follow it. Only
 * top-level headings: Markdown headings are, and headings inside raw HTML blocks are not the outline.
 */
function tableOfContents(content: Root): TocEntry[] {
  const entries: { id: string; title: string; children: TocEntry[] }[] = [];
  for (const node of content.children) {
    if (node.type !== 'element' || (node.tagName !== 'h2' && node.tagName !== 'h3')) continue;
    const id = node.properties.id;
    if (typeof id !== 'string') continue;
    const entry = { id, title: toString(node), children: [] };
    if (node.tagName === 'h2' || entries.length === 0) entries.push(entry);
    else entries.at(-1)!.children.push(entry);
  }
  return entries;
}

/** hugo-book's edit link: `<BookRepo>/<BookEditPath>/<file>`; none for a section made up from a folder. */
function editUrl(params: SiteConfig['params'], page: Page): string | undefined {
  if (!params.BookRepo || page.empty) return undefined;
  const parts = [params.BookRepo.replace(/\/+$/, ''), params.BookEditPath?.replace(/^\/+|\/+$/g, ''), page.file];
  return parts.filter((part) => part).join('/');
}

function pageRuleOf(rule: AlertRule, links: SiteConfig['links']): PageRule {
  return {
    alert: rule.alert,
    file: rule.file,
    group: rule.group,
    severity: rule.severity,
    for: rule.for,
    summary: rule.annotations.summary,
    actions: actionLinks(rule, links),
  };
}
