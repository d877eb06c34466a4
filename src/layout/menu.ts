// The left menu as plain data, as hugo-book draws it: the section tree under the menu root
// (`params.BookSection`, else the home section), ordered by `weight` then title, without `bookHidden`
// pages, with `bookCollapseSection` sections closed unless they hold the current page, and
// `bookFlatSection` sections marked for drawing without indentation. A closed section carries no
// children, so a page's menu holds the section list and only the open sections' pages. hugo-book also
// opens every section without `bookCollapseSection` on every page, which on a site of thousands of
// pages makes each page carry the whole site (output growing with the square of the page count), so
// such a section off the current page's path opens only while the menu stays within a link budget
// (openSections); beyond it, it is drawn closed like a collapsed one. The sorted tree is built once per build and each section's menu once; pages of a section share
// it and only the current entry is marked per page. It draws nothing (the theme's menu part does).

import type { Page, Section } from '../content/discover.js';
import type { SiteModel } from '../site/site.js';
import type { Link, MenuEntry } from '../theme-api/types.js';

export interface MenuOptions {
  /** Folder of the section the menu starts at (hugo-book's `BookSection`); the home section when unset or not found. */
  readonly bookSection?: string;
  /** The page's root-relative URL. */
  readonly url: (page: Page) => string;
  /** Links a menu may hold before sections off the page's path stay closed (default MENU_LINK_BUDGET). */
  readonly linkBudget?: number;
}

/** Large enough for every section of a usual runbook site to stay open, as hugo-book draws it. */
export const MENU_LINK_BUDGET = 400;

export interface SiteMenu {
  /** The menu drawn on `page`: open sections expanded, the page's entry marked current. */
  menuFor(page: Page): readonly MenuEntry[];
  /** Previous and next pages of the page's section, in menu order (sub-sections and hidden pages skipped). */
  neighboursOf(page: Page): { readonly previous?: Link; readonly next?: Link };
}

/** A page of the sorted tree: what every page's menu is drawn from. */
export interface MenuNode {
  readonly page: Page;
  readonly section?: Section;
}

export function createSiteMenu({ site, sectionByPage }: Pick<SiteModel, 'site' | 'sectionByPage'>, options: MenuOptions): SiteMenu {
  const menuRoot = findSection(site.root, options.bookSection) ?? site.root;
  const rootNodes = sortedChildren(menuRoot);
  const nodesBySection = new Map<Section, readonly MenuNode[]>([[menuRoot, rootNodes]]);
  const nodesOf = (section: Section) => {
    let nodes = nodesBySection.get(section);
    if (!nodes) nodesBySection.set(section, (nodes = sortedChildren(section)));
    return nodes;
  };
  const entriesByOpenSection = new Map<Section | undefined, readonly MenuEntry[]>();

  /** The page's path: its own section (for a section page) and every section above it, always open. */
  const pathOf = (page: Page): Set<Section> => {
    const open = new Set<Section>();
    for (let section = sectionByPage.get(page) ?? site.sectionOf.get(page); section; section = section.parent) open.add(section);
    return open;
  };

  const entriesFor = (nodes: readonly MenuNode[], open: ReadonlySet<Section>): MenuEntry[] =>
    nodes.map(({ page, section }) => {
      const expanded = section !== undefined && open.has(section);
      const collapsible = section?.page.frontMatter.bookCollapseSection === true;
      return {
        title: page.title,
        url: options.url(page),
        section: section !== undefined,
        current: false,
        collapsible,
        flat: section?.page.frontMatter.bookFlatSection === true,
        ...(expanded ? { children: entriesFor(nodesOf(section), open) } : {}),
      };
    });

  return {
    menuFor(page) {
      const deepestOpen = sectionByPage.get(page) ?? site.sectionOf.get(page);
      let entries = entriesByOpenSection.get(deepestOpen);
      if (!entries) {
        entries = entriesFor(rootNodes, openSections(rootNodes, pathOf(page), nodesOf, options.linkBudget ?? MENU_LINK_BUDGET));
        entriesByOpenSection.set(deepestOpen, entries);
      }
      return markCurrent(entries, options.url(page));
    },
    neighboursOf(page) {
      const parent = site.sectionOf.get(page);
      if (!parent || page.kind !== 'page') return {};
      const pages = nodesOf(parent).filter((node) => !node.section).map((node) => node.page);
      const index = pages.indexOf(page);
      if (index === -1) return {};
      const link = (neighbour: Page | undefined) => (neighbour ? { title: neighbour.title, url: options.url(neighbour) } : undefined);
      return { previous: link(pages[index - 1]), next: link(pages[index + 1]) };
    },
  };
}

/**
 * The sections drawn open: those on the page's path (`path`: always) and, in menu order, each section
 * without `bookCollapseSection` reached through open ones, while the links drawn stay within `budget`
 * (the path's links count first). Under the budget this is hugo-book's menu exactly.
 */
export function openSections(
  rootNodes: readonly MenuNode[],
  path: ReadonlySet<Section>,
  nodesOf: (section: Section) => readonly MenuNode[],
  budget: number,
): Set<Section> {
  const pathLinks = (nodes: readonly MenuNode[]): number =>
    nodes.reduce((links, { section }) => links + (section && path.has(section) ? pathLinks(nodesOf(section)) : 0), nodes.length);
  let spare = budget - pathLinks(rootNodes);
  const open = new Set<Section>();
  const visit = (nodes: readonly MenuNode[]) => {
    for (const { section } of nodes) {
      if (!section) continue;
      if (path.has(section)) open.add(section);
      else if (section.page.frontMatter.bookCollapseSection !== true && nodesOf(section).length <= spare) {
        spare -= nodesOf(section).length;
        open.add(section);
      } else continue;
      visit(nodesOf(section));
    }
  };
  visit(rootNodes);
  return open;
}

/** Copies only the entries on the way to the current one, so a section's cached menu is shared, not mutated. */
function markCurrent(entries: readonly MenuEntry[], url: string): readonly MenuEntry[] {
  let changed = false;
  const marked = entries.map((entry) => {
    if (entry.url === url) {
      changed = true;
      return { ...entry, current: true };
    }
    if (!entry.children) return entry;
    const children = markCurrent(entry.children, url);
    if (children === entry.children) return entry;
    changed = true;
    return { ...entry, children };
  });
  return changed ? marked : entries;
}

/** A section's visible children, sections and pages mixed as Hugo's `.Pages` does, in menu order. */
function sortedChildren(section: Section): MenuNode[] {
  const nodes: MenuNode[] = [
    ...section.sections.map((child) => ({ page: child.page, section: child })),
    ...section.pages.map((page) => ({ page })),
  ];
  return nodes.filter((node) => node.page.frontMatter.bookHidden !== true).sort((a, b) => compareMenuOrder(a.page, b.page));
}

/** Hugo's default order: by weight (unweighted, i.e. 0 or unset, last), then title, then source path. */
export function compareMenuOrder(a: Page, b: Page): number {
  const weightA = a.frontMatter.weight || Number.POSITIVE_INFINITY;
  const weightB = b.frontMatter.weight || Number.POSITIVE_INFINITY;
  if (weightA !== weightB) return weightA < weightB ? -1 : 1;
  return titleOrder.compare(a.title, b.title) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** One collator for every comparison: `localeCompare` with options builds a new one per call. */
const titleOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The section at content folder `dir` (`runbooks`, `/runbooks/`), or undefined. */
function findSection(root: Section, dir: string | undefined): Section | undefined {
  const wanted = dir?.replace(/^\/+|\/+$/g, '');
  if (!wanted) return undefined;
  const search = (section: Section): Section | undefined =>
    section.dir === wanted ? section : section.sections.map(search).find((found) => found !== undefined);
  return search(root);
}
