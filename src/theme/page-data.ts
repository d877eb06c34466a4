// Builds the PageData a layout draws for one page, from the discovered site: links under the base
// path, breadcrumbs, the page's section and a section's children. The one place navigation is computed.

import type { Root } from 'hast';
import type { SiteConfig } from '../config.js';
import type { Page, Section } from '../discover.js';
import type { SiteModel } from '../site.js';
import type { SiteLinks } from '../urls.js';
import type { ChildLink, Link, PageData, SiteData } from './types.js';

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

export function buildPageData(page: Page, content: Root, model: SiteModel, assets: Readonly<Record<string, string>>): PageData {
  const { links } = model;
  const parent = model.site.sectionOf.get(page);
  const ownSection = model.sectionByPage.get(page);
  return {
    site: siteData(model.config, links),
    page: {
      kind: page.kind,
      title: page.title,
      description: page.frontMatter.description,
      url: links.relative(page.path),
      permalink: links.absolute(page.path),
      file: page.file,
      tags: page.frontMatter.tags ?? [],
      params: page.frontMatter,
    },
    content,
    breadcrumbs: ancestorsOf(parent).map((section) => linkTo(section.page, links)),
    section: parent ? linkTo(parent.page, links) : undefined,
    children: ownSection ? childrenOf(ownSection, links) : [],
    assets,
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

function childrenOf(section: Section, links: SiteLinks): ChildLink[] {
  return [...section.sections.map((child) => child.page), ...section.pages].map((page) => ({
    ...linkTo(page, links),
    description: page.frontMatter.description,
  }));
}
