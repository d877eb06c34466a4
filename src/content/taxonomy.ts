// Tags as Hugo publishes them: `/tags/` lists every tag, `/tags/<tag>/` its pages. A tag's URL segment is
// the tag sanitised and lowercased as Hugo's urlize does (the same rule as page paths). Pure functions.

import type { Page } from './discover.js';
import { cleanSitePath, sanitizePathSegment } from './urls.js';

export const TAGS_PATH = '/tags/';

/** Site path of a tag's page: `/tags/on-call/` for `On call`. */
export function tagPath(tag: string): string {
  // A `/` would nest folders; a tag of symbols only sanitises to nothing and still needs a page; `..`
  // climbs as Hugo's path.Join does (to the home page, where the page collision is an error).
  return cleanSitePath(`${TAGS_PATH}${sanitizePathSegment(tag.replaceAll('/', '-')).toLowerCase() || '-'}/`);
}

/** Pages by tag, keyed by the tag's path (tags differing only by case share a page), in source order. */
export function pagesByTag(pages: readonly Page[]): Map<string, { tag: string; pages: Page[] }> {
  const byPath = new Map<string, { tag: string; pages: Page[] }>();
  for (const page of pages) {
    for (const tag of page.frontMatter.tags ?? []) {
      const key = tagPath(tag);
      const entry = byPath.get(key) ?? { tag, pages: [] };
      // Pages come one at a time: a page repeating a tag (or a case variant of it) was the last one added.
      if (entry.pages.at(-1) !== page) entry.pages.push(page);
      byPath.set(key, entry);
    }
  }
  return byPath;
}
