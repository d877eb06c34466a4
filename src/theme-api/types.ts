// The contract between the build and the theme's layouts: one plain, typed PageData per output page,
// built in one place (page-data.ts). Layouts draw it; they compute no navigation and read no files.

import type { Root } from 'hast';

export interface Link {
  readonly title: string;
  /** Root-relative URL under the base path (`/repo/runbooks/x/`). */
  readonly url: string;
}

export interface ChildLink extends Link {
  /** The page's description; absent when it only repeats the title ("Troubleshooting for alert X"). */
  readonly description?: string;
  /** Severity of the first alert rule the page shows. */
  readonly severity?: string;
  /** `summary` annotation of that rule, as written. */
  readonly summary?: string;
  /** Title of the page's section (tag pages group by it). */
  readonly section?: string;
}

/** An entry of the left menu (built by menu.ts). */
export interface MenuEntry extends Link {
  /** A section (its page lists its children) rather than a runbook page. */
  readonly section: boolean;
  readonly current: boolean;
  /** `bookCollapseSection`: closed unless it holds the current page. */
  readonly collapsible: boolean;
  /** `bookFlatSection`: drawn as a heading over unindented children. */
  readonly flat: boolean;
  /** Entries drawn under an open section; absent for pages and closed sections. */
  readonly children?: readonly MenuEntry[];
}

/** A heading of the on-page table of contents (h2, with its h3s). */
export interface TocEntry {
  readonly id: string;
  readonly title: string;
  readonly children: readonly TocEntry[];
}

/** An alert rule shown on the page by the `rule` shortcode. */
export interface RuleSummary {
  readonly alert: string;
  /** Rule file, relative to the rules folder. */
  readonly file: string;
  readonly group: string;
  readonly severity?: string;
  readonly for?: string;
  /** The `summary` annotation, as written (`{{ $labels.x }}` kept). */
  readonly summary?: string;
}

/**
 * A link drawn in a rule block's action bar (a dashboard, the expression in Prometheus, a metric's
 * page), by theme/layouts/parts/rule-block.ts.
 */
export interface RuleAction extends Link {
  /** What kind of link it is, as a class name (`graph`, `metric`...). */
  readonly kind: string;
}

/** An alert rule shown on the page, as its rule block draws it (`div.rule-block[data-rule-index]`). */
export interface PageRule extends RuleSummary {
  /** Links of the rule block's action bar: the tools the config's `links:` section sets up (none by default). */
  readonly actions: readonly RuleAction[];
}

/** A row of the alerts index: one alert rule of the rules folder. */
export interface AlertIndexRow extends RuleSummary {
  /** Its runbook page (with the title of the runbook's section), or null when no page shows the rule. */
  readonly runbook: (Link & { readonly section?: string }) | null;
}

/** The alerts index's coverage row of one rule file (src/site/coverage.ts). */
export interface RuleFileCoverage {
  /** Rule file, relative to the rules folder. */
  readonly file: string;
  readonly alerts: number;
  readonly withRunbook: number;
  /** Alerts whose rule a page keeps a drifted copy of. */
  readonly withDrift: number;
  /** Alerts with a runbook lacking a required section; absent when not known (the build does not check sections). */
  readonly withMissingSections?: number;
}

/** A tag of the taxonomy list page. */
export interface TermLink extends Link {
  readonly count: number;
}

export interface SiteData {
  readonly title: string;
  readonly languageCode: string;
  readonly baseURL: string;
  /** Base URL's path, ending with `/`. */
  readonly basePath: string;
  /** URL of the home page. */
  readonly homeUrl: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface PageData {
  readonly site: SiteData;
  readonly page: {
    /** Picks the layout: content pages (home, section, page), and generated ones. */
    readonly kind: PageKindName;
    readonly title: string;
    readonly description?: string;
    /** Root-relative URL of the page. */
    readonly url: string;
    /** Absolute URL (for the canonical link). */
    readonly permalink: string;
    /** Site-relative source path (`content/runbooks/x/Foo.md`). */
    readonly file: string;
    readonly tags: readonly string[];
    /** The tags with the URL of their taxonomy page. */
    readonly tagLinks: readonly Link[];
    readonly params: Readonly<Record<string, unknown>>;
  };
  /** The page's rendered Markdown. */
  readonly content: Root;
  /** Home first, down to the page's parent section. */
  readonly breadcrumbs: readonly Link[];
  /** The section holding the page (its parent section for a section page). */
  readonly section?: Link;
  /** Direct children of a section or home page: sub-sections, then pages. */
  readonly children: readonly ChildLink[];
  /** The left menu: the section list, open sections' entries, the current page marked. */
  readonly menu: readonly MenuEntry[];
  /** h2 headings of the content with their h3s. */
  readonly toc: readonly TocEntry[];
  /** Neighbour pages in the section, in menu order. */
  readonly previous?: Link;
  readonly next?: Link;
  /** "Edit this page" link from `params.BookRepo` and `params.BookEditPath`. */
  readonly editUrl?: string;
  /** Last modified date (ISO 8601): front matter `lastmod`, `date`, or git's last commit of the file. */
  readonly lastmod?: string;
  /** Alert rules the page shows, in page order (`data-rule-index` of each rule block is its index here). */
  readonly rules: readonly PageRule[];
  /** Taxonomy page: every tag with its page count. */
  readonly terms?: readonly TermLink[];
  /** Alerts index page: one row per alert rule. */
  readonly alerts?: readonly AlertIndexRow[];
  /** Alerts index page: runbook coverage per rule file. */
  readonly coverage?: readonly RuleFileCoverage[];
  /** URLs of the theme's assets by their path under theme/assets (`style.css` → `/repo/assets/style.4f2a.css`). */
  readonly assets: Readonly<Record<string, string>>;
  /** URLs of the third-party scripts the page's content needs (mermaid), to load after the content. */
  readonly scripts?: readonly string[];
}

/** Layout names by page kind; `term` is one tag's page (its pages are `children`). */
export type PageKindName = 'home' | 'section' | 'page' | 'taxonomy' | 'term' | 'alerts' | 'search' | '404';

export type Layout = (data: PageData) => Root;
