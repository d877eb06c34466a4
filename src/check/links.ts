// Internal links: every link of a page's rendered content that stays on the site must lead to something
// the site publishes (a page, a redirect, a static or generated file), and a `#fragment` on a page link
// to an element id of that page's content (heading ids included). Links are read from the rendered hast
// (so links written by shortcodes and raw HTML count, and ids are the ones rehype-slug gives), and placed
// at the first line of the page source that holds the link's text. External links are not fetched.

import type { Root } from 'hast';
import path from 'node:path';
import { lineColumnAt } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { memoised } from '../util/memoise.js';
import type { SiteLinks } from '../content/urls.js';
import type { RawFinding } from '../config/check-findings.js';
import { eachElement } from '../util/tree-walk.js';

export interface RenderedPage {
  readonly page: Page;
  readonly content: Root;
}

export interface LinkCheckInput {
  readonly links: SiteLinks;
  readonly rendered: readonly RenderedPage[];
  /** True when the site publishes something other than a page at this site path (redirect, file). */
  isPublishedFile(sitePath: string): boolean;
}

const origin = 'http://site.invalid';

export function checkLinks(input: LinkCheckInput): RawFinding[] {
  const { links } = input;
  const siteRoot = links.absolute('/');
  const pageByPath = new Map(input.rendered.map((rendered) => [rendered.page.path, rendered]));
  const pageByContentPath = new Map(input.rendered.map((rendered) => [rendered.page.contentPath, rendered.page]));
  const idsOf = memoised((rendered: RenderedPage) => elementIds(rendered.content));
  const findings: RawFinding[] = [];

  for (const rendered of input.rendered) {
    const { page } = rendered;
    const placer = sourcePlacer(page);
    for (const href of linkTargets(rendered.content)) {
      const internal = internalUrl(href, siteRoot, links.relative(page.path));
      if (!internal) continue;
      const place = placer(href);
      const target = publishedTarget(internal.pathname, links.basePath);
      const targetPage = target === undefined ? undefined : pageByPath.get(target) ?? pageByPath.get(`${target}/`);
      if (target === undefined || (!targetPage && !input.isPublishedFile(target))) {
        const source = sourceFileLink(href, page, pageByContentPath);
        findings.push({
          kind: 'broken-link',
          ...place,
          message: `Link to ${href} leads to nothing the site publishes`,
          hint: source
            ? `link to the page's URL, not its source file: ${links.relative(source.path)}`
            : target === undefined ? `links inside the site start with its base path ${links.basePath}` : 'fix the link, or add the page it should lead to',
          url: href,
          suggestion: source ? links.relative(source.path) : undefined,
        });
        continue;
      }
      const fragment = decodeUrlPath(internal.hash.slice(1));
      if (targetPage && fragment && !idsOf(targetPage).has(fragment)) {
        findings.push({
          kind: 'broken-anchor',
          ...place,
          message: `Link to ${href}: ${targetPage.page.file} has no element with id \`${fragment}\``,
          hint: 'heading ids are the heading text lowercased, spaces as `-` (e.g. `## Some Title` → `#some-title`)',
          url: href,
        });
      }
    }
  }
  return findings;
}

function linkTargets(content: Root): string[] {
  const hrefs: string[] = [];
  eachElement(content, (element) => {
    const href = element.tagName === 'a' ? element.properties.href : undefined;
    if (typeof href === 'string' && href !== '' && href !== '#') hrefs.push(href);
  });
  return hrefs;
}

/** The link as a URL on the site, or undefined for a link elsewhere (other host, mailto:, ...). */
function internalUrl(href: string, siteRoot: string, pageUrl: string): URL | undefined {
  if (href.startsWith(siteRoot)) return new URL(href.slice(siteRoot.length), `${origin}${new URL(siteRoot, origin).pathname}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  try {
    return new URL(href, `${origin}${pageUrl}`);
  } catch {
    return undefined;
  }
}

/** Site path a URL path asks for (`index.html` dropped); undefined when it is outside the base path. */
function publishedTarget(pathname: string, basePath: string): string | undefined {
  if (!pathname.startsWith(basePath)) return undefined;
  return `/${decodeUrlPath(pathname.slice(basePath.length))}`.replace(/\/index\.html$/, '/');
}

/**
 * The page whose source file a link names (`Bar.md`, `../x/Foo.md`), a common slip when writing Markdown
 * as on GitHub: resolved as GitHub does, from the page's source folder (or content/ for `/...`).
 */
function sourceFileLink(href: string, page: Page, byContentPath: ReadonlyMap<string, Page>): Page | undefined {
  const linkPath = decodeUrlPath(href.split(/[?#]/, 1)[0]!);
  if (!/\.(md|markdown)$/i.test(linkPath)) return undefined;
  const from = linkPath.startsWith('/') ? '' : path.posix.dirname(page.contentPath);
  return byContentPath.get(path.posix.join(from, linkPath).replace(/^\//, ''));
}

function elementIds(content: Root): Set<string> {
  const ids = new Set<string>();
  eachElement(content, (element) => {
    const { id, name } = element.properties;
    if (typeof id === 'string') ids.add(id);
    if (element.tagName === 'a' && typeof name === 'string') ids.add(name);
  });
  return ids;
}

/** Places successive occurrences of a link's text in the page source, so a repeated link gets each line. */
function sourcePlacer(page: Page): (href: string) => { file: string; line?: number; column?: number } {
  const searchFrom = new Map<string, number>();
  return (href) => {
    const from = searchFrom.get(href) ?? 0;
    const offset = page.body.indexOf(href, from);
    if (offset === -1) return { file: page.file };
    searchFrom.set(href, offset + href.length);
    const { line, column } = lineColumnAt(page.body, offset);
    return { file: page.file, line: line + page.bodyLineOffset, column };
  };
}

/** Percent-decoded, or as is when it is not valid percent-encoding. */
export function decodeUrlPath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
