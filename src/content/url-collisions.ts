// URL collisions: two things published at one URL, where one would silently replace the other. URLs that
// differ only by case collide too, since they are one file on case-insensitive file systems (macOS,
// Windows). `build` stops at the first; `check` reports them all.

export interface PublishedUrl {
  /** Site path (`/runbooks/x/foo/`). */
  readonly path: string;
  /** Site-relative source file that publishes it. */
  readonly file: string;
  /** What at `file` publishes it, for messages: `page` or ``alias `/old/` ``. */
  readonly what: string;
}

export interface UrlCollision<Url extends PublishedUrl = PublishedUrl> {
  readonly url: Url;
  /** The one published first, in the order given. */
  readonly other: Url;
}

export function urlCollisions<Url extends PublishedUrl>(urls: Iterable<Url>): UrlCollision<Url>[] {
  const byPath = new Map<string, Url>();
  const collisions: UrlCollision<Url>[] = [];
  for (const url of urls) {
    const key = url.path.toLowerCase();
    const other = byPath.get(key);
    if (other) collisions.push({ url, other });
    else byPath.set(key, url);
  }
  return collisions;
}
