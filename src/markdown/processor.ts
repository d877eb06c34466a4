// The Markdown step: one unified processor per build (configured once, frozen, then run per page) that
// turns a page's shortcode-expanded Markdown into a hast tree: GFM (parsed by processors of their own,
// gfm.ts says why), raw HTML re-parsed (so a `<details>` block wraps the code block between its tags),
// the HTML output of `{{< >}}` shortcodes put back in place of their placeholder tokens, heading ids and
// build-time highlighting. It does not lay out the page or serialise it.

import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { mayHoldAutolinkLiteral, remarkGfmWithoutAutolinkLiterals } from './gfm.js';
import { rehypeHighlightCode } from './code-highlight.js';
import { rehypeRawStretch } from './raw-html.js';
import { eachNode, SKIP } from '../util/tree-walk.js';

export interface MarkdownOptions {
  /** Keep raw HTML as written (Hugo's `unsafe: true`); false sanitises it. */
  unsafeHtml: boolean;
}

export type MarkdownRenderer = (markdown: string, shortcodeHtml: ReadonlyMap<string, string>) => Root;

const PLACEHOLDER = /RBSHORTCODE\d+X/g;
const HAS_PLACEHOLDER = /RBSHORTCODE\d+X/;

/** One renderer per option set for the process: serve makes a page renderer per edit. */
const renderers = new Map<boolean, MarkdownRenderer>();

export function createMarkdownRenderer(options: MarkdownOptions): MarkdownRenderer {
  let renderer = renderers.get(options.unsafeHtml);
  if (!renderer) renderers.set(options.unsafeHtml, (renderer = markdownRenderer(options)));
  return renderer;
}

function markdownRenderer(options: MarkdownOptions): MarkdownRenderer {
  const processor = unified()
    .use(remarkRehype, { allowDangerousHtml: true })
    // `unsafe: false` is about the author's raw HTML, as in Hugo: it is parsed and sanitised before the
    // `{{< >}}` shortcodes' own HTML (built by them, arguments escaped) is put in, so theirs keeps its classes.
    .use(options.unsafeHtml ? [] : [rehypeSanitizeAuthorHtml])
    .use(rehypeShortcodeHtml)
    .use(rehypeRawStretch)
    .use(rehypeSlug)
    .use(rehypeHighlightCode)
    .freeze();
  return (markdown, shortcodeHtml) => {
    const file = new VFile({ value: markdown, data: { shortcodeHtml } });
    return processor.runSync(parseMarkdown(file), file) as Root;
  };
}

const parserWithAutolinkLiterals = unified().use(remarkParse).use(remarkGfm).freeze();
const parserWithoutAutolinkLiterals = unified().use(remarkParse).use(remarkGfmWithoutAutolinkLiterals).freeze();

/** GFM's mdast of a page; parsed a second time, with autolink literals, only when it may hold one (gfm.ts says why). */
export function parseMarkdown(file: VFile): MdastRoot {
  const tree = parserWithoutAutolinkLiterals.parse(file);
  return mayHoldAutolinkLiteral(tree) ? parserWithAutolinkLiterals.parse(file) : tree;
}

/** Keeps the classes highlighting and our own markup rely on when raw HTML is sanitised. */
const sanitizeSchema: Schema = {
  ...defaultSchema,
  attributes: { ...defaultSchema.attributes, code: [...(defaultSchema.attributes?.code ?? []), ['className', /^language-/]] },
};

/**
 * Parses the raw HTML Markdown left in (the author's) and sanitises the tree; the shortcodes' placeholder
 * tokens are plain text and pass. One plugin of its own, since unified runs a plugin used twice only once.
 */
function rehypeSanitizeAuthorHtml() {
  const parseRawHtml = rehypeRawStretch();
  const sanitize = rehypeSanitize(sanitizeSchema);
  return (tree: Root, file: VFile) => sanitize(parseRawHtml(tree, file));
}

declare module 'vfile' {
  interface DataMap {
    shortcodeHtml: ReadonlyMap<string, string>;
  }
}

/**
 * Swaps each `RBSHORTCODE<n>X` token for its shortcode's HTML, as a raw node that rehype-raw parses next.
 * A paragraph holding only a token is replaced whole, so block HTML is not wrapped in `<p>`.
 */
function rehypeShortcodeHtml() {
  return (tree: Root, file: VFile) => {
    const html = file.data.shortcodeHtml;
    if (!html || html.size === 0) return;
    const substitute = (text: string) => text.replace(PLACEHOLDER, (token) => html.get(token) ?? token);
    eachNode<RootContent>(tree, (node, index, parent) => {
      if (node.type === 'raw') {
        node.value = substitute(node.value);
        return;
      }
      if (node.type === 'element') substituteInProperties(node, substitute);
      if (node.type === 'element' && node.tagName === 'p' && isLonePlaceholder(node)) {
        const value = substitute((node.children[0] as { value: string }).value.trim());
        parent.children.splice(index, 1, { type: 'raw', value } as RootContent & ElementContent);
        return SKIP;
      }
      if (node.type === 'text' && HAS_PLACEHOLDER.test(node.value)) {
        parent.children.splice(index, 1, { type: 'raw', value: substitute(escapeText(node.value)) } as ElementContent);
        return SKIP;
      }
      return undefined;
    });
  };
}

/**
 * Tokens in attributes: `[runbook]({{< relref "x" >}})` puts one in a link's href, and Hugo, substituting
 * into the finished HTML, links it. The shortcode's output goes in as the attribute's text.
 */
function substituteInProperties(element: Element, substitute: (text: string) => string): void {
  for (const [name, value] of Object.entries(element.properties)) {
    if (typeof value === 'string' && HAS_PLACEHOLDER.test(value)) element.properties[name] = substitute(value);
  }
}

function isLonePlaceholder(paragraph: Element): boolean {
  const only = paragraph.children.length === 1 ? paragraph.children[0] : undefined;
  return only?.type === 'text' && /^\s*RBSHORTCODE\d+X\s*$/.test(only.value);
}

/** Text around a token becomes part of a raw node, so it must be escaped as text would be. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
