// URL mapping: the URL contract of DESIGN.md, compatible with Hugo's defaults. Maps a content file (and
// its `url`/`slug` front matter) to the site path it is published at, and site paths to links under the
// base URL. Pure functions; nothing here touches the file system.

import path from 'node:path';

export interface PageLocation {
  /** Path of the source file relative to the content folder, with `/` separators. */
  contentPath: string;
  url?: string;
  slug?: string;
}

/**
 * Hugo's UnicodeSanitize (helpers/path.go): keep letters, digits, marks and `. / \ _ - # + ~ @`, a `%`
 * only when two hex digits follow; runs of white space become one `-`; everything else is dropped.
 */
export function sanitizePathSegment(text: string): string {
  // Most names keep every character: each page's path segments go through here in every build.
  if (KEPT_AS_IS.test(text)) return text;
  const characters = Array.from(text);
  let result = '';
  let prependHyphen = false;
  let wasHyphen = false;
  characters.forEach((character, index) => {
    const allowed = /[./\\_#+~@-]|[\p{L}\p{N}\p{M}]/u.test(character)
      || (character === '%' && isHex(characters[index + 1]) && isHex(characters[index + 2]));
    if (allowed) {
      wasHyphen = character === '-';
      if (prependHyphen && !wasHyphen) result += '-';
      prependHyphen = false;
      result += character;
    } else if (result.length > 0 && !wasHyphen && /\s/u.test(character)) {
      prependHyphen = true;
    }
  });
  return result;
}

/** Names of only ASCII characters sanitizePathSegment keeps (no `%`: it depends on what follows). */
const KEPT_AS_IS = /^[\w./\\#+~@-]*$/;

function isHex(character: string | undefined): boolean {
  return character !== undefined && /^[0-9a-fA-F]$/.test(character);
}

/** Site path (leading and trailing `/`, lowercased as Hugo does) a content file is published at. */
export function pagePath(location: PageLocation): string {
  if (location.url) return cleanSitePath(normaliseExplicitUrl(location.url));
  const segments = location.contentPath.split('/');
  const fileName = segments.pop()!;
  const isSectionIndex = fileName === '_index.md' || fileName === 'index.md';
  const leaf = isSectionIndex ? undefined : location.slug ?? fileName.replace(/\.(md|markdown)$/i, '');
  const parts = [...segments, ...(leaf === undefined ? [] : [leaf])]
    .map((segment) => sanitizePathSegment(segment).toLowerCase())
    .filter((segment) => segment.length > 0);
  return parts.length === 0 ? '/' : cleanSitePath(`/${parts.join('/')}/`);
}

/**
 * `.` and `..` segments (from a `url`, `slug` or tag) resolved as Hugo's path.Join does: `..` never climbs
 * above the site root, so `slug: ../../../../x` is `/x/` and `url: /../../tmp/x.html` is `/tmp/x.html`.
 */
export function cleanSitePath(sitePath: string): string {
  return path.posix.normalize(sitePath);
}

/** A front matter `url` is used as written, with a leading slash and, unless it names a file, a trailing one. */
function normaliseExplicitUrl(url: string): string {
  const withLeading = url.startsWith('/') ? url : `/${url}`;
  return /\.[a-z0-9]+$/i.test(withLeading) || withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

/** The output file a site path is written to, relative to the output folder. */
export function outputFileOf(sitePath: string): string {
  const relative = sitePath.replace(/^\/+/, '');
  if (relative === '') return 'index.html';
  return relative.endsWith('/') ? `${relative}index.html` : relative;
}

/** Links under a base URL: absolute ones (canonical, sitemap) and root-relative ones (Hugo's RelPermalink). */
export interface SiteLinks {
  /** `https://org.github.io/repo/runbooks/x/` for the site path `/runbooks/x/`. */
  absolute(sitePath: string): string;
  /** `/repo/runbooks/x/` for the site path `/runbooks/x/` (percent-encoded: encodeSitePath). */
  relative(sitePath: string): string;
  /** The base URL's path, always ending with `/` (`/repo/`). */
  readonly basePath: string;
}

export function siteLinks(baseURL: string): SiteLinks {
  const parsed = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseURL) ? new URL(baseURL) : undefined;
  const basePath = (parsed ? parsed.pathname : baseURL.startsWith('/') ? baseURL : `/${baseURL}`).replace(/\/?$/, '/');
  const origin = parsed ? parsed.origin : '';
  const relative = (sitePath: string) => basePath + encodeSitePath(sitePath.replace(/^\/+/, ''));
  return { basePath, relative, absolute: (sitePath) => origin + relative(sitePath) };
}

/**
 * A site path as a URL path: every character that a URL path does not hold literally is percent-encoded
 * (RFC 3986 pchar: `#`, `?`, `%`, `\`, spaces, non-ASCII...), so `/a#b/` links to `/a%23b/` and `/%41/`
 * (a file named `%41`) to `/%2541/`, which a server decodes back to the file's name.
 */
export function encodeSitePath(sitePath: string): string {
  // By UTF-8 byte, as encodeURIComponent does, without its URIError on a lone surrogate.
  return sitePath.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]+/gu, (run) => Array.from(Buffer.from(run, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
