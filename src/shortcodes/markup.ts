// HTML output of the built-in shortcodes: hast trees serialised by hast-util-to-html, so every value that
// comes from an argument is escaped, around inner content that is Markdown. It decides how that inner
// Markdown reaches the page; it draws nothing itself.

import type { ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { siteLinks } from '../content/urls.js';
import type { ShortcodeContext } from './types.js';

/** Serialises a shortcode's output; raw nodes (rendered HTML, or Markdown left for the page) go in as they are. */
export function serialise(nodes: ElementContent | readonly ElementContent[]): string {
  const root: Root = { type: 'root', children: Array.isArray(nodes) ? [...nodes] : [nodes as ElementContent] };
  return toHtml(root, { allowDangerousHtml: true });
}

/**
 * Inner Markdown of a block shortcode, as Hugo treats it. In the `{{% %}}` form it stays Markdown, between
 * blank lines, so the page's own Markdown step parses it (and rehype-raw nests it in the block's tags);
 * in the `{{< >}}` form it is rendered here (`.Inner | markdownify`).
 */
export function blockContent(inner: string, context: ShortcodeContext): ElementContent {
  return { type: 'raw', value: context.markdown ? `\n\n${inner}\n\n` : context.renderMarkdown(inner) };
}

/** Inner Markdown of an inline shortcode (a button's text): one line of Markdown, or its HTML. */
export function inlineContent(inner: string, context: ShortcodeContext): ElementContent {
  return { type: 'raw', value: context.markdown ? inner.trim() : context.renderMarkdown(inner, { inline: true }) };
}

/**
 * A URL argument (a button's `href`, a figure's `src`): root-relative ones (`/images/x.png`) moved under
 * the base URL's path, as Hugo's relURL; a `javascript:`, `data:` or `vbscript:` URL replaced by
 * `#ZgotmplZ`, as Hugo's templates do, whatever `markup.goldmark.renderer.unsafe` says.
 */
export function urlArgument(url: string, context: ShortcodeContext): string {
  if (unsafeScheme.test(url.replace(ignoredInScheme, ''))) return '#ZgotmplZ';
  // The author's URL is already a URL (percent-encoded as written): only the base path goes before it.
  return url.startsWith('/') && !url.startsWith('//') ? siteLinks(context.site.baseURL).basePath + url.slice(1) : url;
}

const unsafeScheme = /^(?:javascript|data|vbscript):/i;
/** What browsers skip when they read a URL's scheme: leading spaces and controls, tabs and line breaks anywhere. */
const ignoredInScheme = /^[\u0000-\u0020]+|[\t\n\r]/g;

/** The one argument a shortcode takes, positional or by `name`; fails on anything else. */
export function singleArgument(context: ShortcodeContext, args: { positional: readonly string[]; named: Readonly<Record<string, string>> }, name: string, usage: string): string | undefined {
  const extra = Object.keys(args.named).find((key) => key !== name);
  if (extra !== undefined || args.positional.length > 1) {
    context.fail({
      reason: `Unexpected ${extra !== undefined ? `argument \`${extra}\`` : 'second argument'} to \`${context.name}\`, expected only ${name}`,
      hint: usage,
      ruleId: `${context.name}/bad-arguments`,
    });
  }
  return args.named[name] ?? args.positional[0];
}
