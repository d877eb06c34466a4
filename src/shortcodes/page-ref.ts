// Resolution of a Hugo ref path (`runbooks/x/Foo.md#anchor`) from a shortcode to the target page's URLs,
// shared by `ref`, `relref` and `button`. An unknown or ambiguous target fails at the shortcode's place.

import type { PageTarget, ShortcodeContext } from './types.js';

export type PageUrls = Pick<PageTarget, 'url' | 'permalink'>;

export function resolvePageRef(target: string | undefined, context: ShortcodeContext): PageUrls {
  if (target === undefined) {
    context.fail({ reason: `Missing page path in \`${context.name}\``, hint: `write {{< ${context.name} "path/to/page.md" >}}`, ruleId: 'ref/bad-arguments' });
  }
  const hash = target.indexOf('#');
  const pathPart = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? '' : safeUrl(target.slice(hash));
  const [page, ...others] = context.pages.find(pathPart, context.page.file);
  if (!page) {
    context.fail({
      reason: `Unexpected \`${context.name}\` target \`${target}\`: no page found`,
      hint: 'give the page\'s path relative to this page\'s folder or to the content folder, e.g. `runbooks/haproxy/HaproxyDown.md`',
      ruleId: 'ref/not-found',
    });
  }
  if (others.length > 0) {
    context.fail({
      reason: `Unexpected \`${context.name}\` target \`${target}\`: ${others.length + 1} pages have that name (${[page, ...others].map((candidate) => candidate.file).join(', ')})`,
      hint: 'give the path from the content folder, e.g. `/runbooks/haproxy/HaproxyDown.md`',
      ruleId: 'ref/ambiguous',
    });
  }
  return { url: safeUrl(page.url) + anchor, permalink: safeUrl(page.permalink) + anchor };
}

/**
 * Percent-encodes what a URL may not hold as is (spaces, quotes, `<`, `&`, non-ASCII), so the URL is safe
 * both as HTML text and inside an attribute, where a `{{< relref >}}` in a Markdown link ends up.
 */
function safeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$()*+,;=%]/gu, (character) => encodeURIComponent(character));
}
