// The contract between the build and the theme's layouts: one plain, typed PageData per output page,
// built in one place (page-data.ts). Layouts draw it; they compute no navigation and read no files.

import type { Root } from 'hast';

export interface Link {
  readonly title: string;
  /** Root-relative URL under the base path (`/repo/runbooks/x/`). */
  readonly url: string;
}

export interface ChildLink extends Link {
  readonly description?: string;
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
    readonly kind: 'home' | 'section' | 'page';
    readonly title: string;
    readonly description?: string;
    /** Root-relative URL of the page. */
    readonly url: string;
    /** Absolute URL (for the canonical link). */
    readonly permalink: string;
    /** Site-relative source path (`content/runbooks/x/Foo.md`). */
    readonly file: string;
    readonly tags: readonly string[];
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
  /** URLs of the theme's assets by their path under theme/assets (`style.css` → `/repo/assets/style.4f2a.css`). */
  readonly assets: Readonly<Record<string, string>>;
}

export type Layout = (data: PageData) => Root;
