// Shortcode expansion: replaces every shortcode in a page's Markdown source by its output, as Hugo does.
// `{{% %}}` output is Markdown, spliced into the source (and not scanned again for shortcodes);
// `{{< >}}` output is HTML, left in the Markdown as an alphanumeric placeholder token that Markdown
// leaves alone, and returned in `html` for the step after the Markdown one to put back.
// It neither parses Markdown nor substitutes the tokens into rendered HTML.

import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { contentHash } from '../util/content-hash.js';
import { SiteError, type Diagnostic } from '../util/diagnostics.js';
import type { RuleIndex } from '../rules/types.js';
import { continuationPrefix, withoutPrefix, withPrefix } from './block-context.js';
import { lexShortcodes, mayContainShortcodes } from './lexer.js';
import { parseShortcodes, placeOf, type ContentNode, type ShortcodeCall, type SourceOrigin } from './parser.js';
import type { PageLookup, ShortcodeContext, ShortcodeDefinition, ShortcodeParent } from './types.js';

export interface ExpandOptions {
  /** Site-relative path of the page, used in errors. */
  readonly file: string;
  /** Lines of the file before `source` starts (front matter); added to reported lines. */
  readonly lineOffset: number;
  readonly shortcodes: ReadonlyMap<string, ShortcodeDefinition>;
  readonly page: ShortcodeContext['page'];
  readonly site: ShortcodeContext['site'];
  readonly rules: RuleIndex;
  readonly pages: PageLookup;
  /** The site's Markdown step (src/markdown/processor.ts), for shortcodes that render their inner content. */
  renderMarkdown(markdown: string, shortcodeHtml: ReadonlyMap<string, string>): Root;
  readonly highlightCode: ShortcodeContext['highlightCode'];
  onWarning(diagnostic: Diagnostic): void;
}

export interface ExpandResult {
  /** The source with shortcodes replaced: Markdown output inline, HTML output as placeholder tokens. */
  readonly markdown: string;
  /** Placeholder token → the HTML it stands for. */
  readonly html: Map<string, string>;
}

const tokenPattern = /RBSHORTCODE\d+X/g;

export function expandShortcodes(source: string, options: ExpandOptions): ExpandResult {
  if (!mayContainShortcodes(source)) return { markdown: source, html: new Map() };
  const origin: SourceOrigin = { source, file: options.file, lineOffset: options.lineOffset };
  const nodes = parseShortcodes(origin, lexShortcodes(source), options.shortcodes);
  const expansion = new Expansion(origin, options);
  return { markdown: expansion.render(nodes), html: expansion.html };
}

interface RenderFrame {
  readonly nodes: readonly ContentNode[];
  next: number;
  readonly parts: string[];
  /** The paired call whose inner content this frame renders; none for the page itself. */
  readonly call?: ShortcodeCall;
  /** That call's own ordinal among its siblings. */
  readonly ordinal: number;
  /** Calls met so far in `nodes`: the ordinal of the next one. */
  calls: number;
}

class Expansion {
  readonly html = new Map<string, string>();
  /** Not `html.size`: spent tokens are deleted, and a number must never be reused. */
  private tokenCount = 0;
  /**
   * `RBSHORTCODE` and 13 digits drawn from a hash of the page source: a page cannot hold its own tokens,
   * so `RBSHORTCODE0X` written in a page stays text (the Markdown step only replaces tokens it was given).
   */
  private readonly tokenPrefix: string;

  constructor(
    private readonly origin: SourceOrigin,
    private readonly options: ExpandOptions,
  ) {
    const digits = Number.parseInt(contentHash(origin.source).slice(0, 10), 16);
    this.tokenPrefix = `RBSHORTCODE${String(digits).padStart(13, '0')}`;
  }

  /** Renders inner content before its call (as Hugo), iteratively, so deep nesting cannot overflow the stack. */
  render(nodes: readonly ContentNode[]): string {
    const stack: RenderFrame[] = [{ nodes, next: 0, parts: [], ordinal: 0, calls: 0 }];
    for (;;) {
      const frame = stack.at(-1)!;
      const node = frame.nodes[frame.next];
      frame.next += 1;
      if (node === undefined) {
        stack.pop();
        const text = frame.parts.join('');
        if (!frame.call) return text;
        const parentFrame = stack.at(-1)!;
        parentFrame.parts.push(this.expand(frame.call, text, frame.ordinal, parentOf(parentFrame)));
      } else if (node.kind === 'text') {
        frame.parts.push(this.origin.source.slice(node.low, node.high));
      } else {
        const ordinal = frame.calls;
        frame.calls += 1;
        if (node.inner) stack.push({ nodes: node.inner.nodes, next: 0, parts: [], call: node, ordinal, calls: 0 });
        else frame.parts.push(this.expand(node, undefined, ordinal, parentOf(frame)));
      }
    }
  }

  private expand(call: ShortcodeCall, inner: string | undefined, ordinal: number, parent: ShortcodeParent | undefined): string {
    const taken = new Map<string, string>();
    if (call.markdown) {
      // Markdown output is spliced where the call stands: inside a list item or blockquote, its lines
      // after the first carry the container's prefix (and the inner content is handed over without it).
      const prefix = continuationPrefix(this.origin.source, call.offset);
      const output = this.callShortcode(call, inner === undefined ? inner : withoutPrefix(inner, prefix), { ordinal, parent, taken });
      return withPrefix(output, prefix);
    }
    const output = this.callShortcode(call, inner === undefined ? inner : this.takeTokens(inner, taken), { ordinal, parent, taken });
    const token = `${this.tokenPrefix}${this.tokenCount}X`;
    this.tokenCount += 1;
    this.html.set(token, output);
    return token;
  }

  /**
   * An HTML shortcode gets the HTML of the HTML shortcodes nested in it, not their tokens (as Hugo passes
   * rendered inner content); those tokens are then spent, since only the outer output reaches the page.
   */
  private takeTokens(inner: string, taken: Map<string, string>): string {
    return inner.replace(tokenPattern, (token) => {
      const html = this.html.get(token);
      if (html === undefined) return token;
      this.html.delete(token);
      taken.set(token, html);
      return html;
    });
  }

  /**
   * Markdown to HTML for a shortcode. The HTML of nested shortcodes (`taken` from its inner content) is
   * swapped back to its tokens first, so Markdown cannot re-interpret it (a blank line in a nested code
   * block would otherwise end the HTML block), and put back after the Markdown step, as for the page.
   */
  private renderMarkdown(markdown: string, taken: ReadonlyMap<string, string>, inline: boolean): string {
    let source = markdown;
    for (const [token, html] of taken) if (html !== '') source = source.split(html).join(token);
    const tree = this.options.renderMarkdown(source, new Map([...this.html, ...taken]));
    const blocks = tree.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
    const only = blocks.length === 1 ? blocks[0] : undefined;
    const unwrapped = inline && only?.type === 'element' && only.tagName === 'p' ? only.children : tree.children;
    return toHtml({ type: 'root', children: unwrapped }, { allowDangerousHtml: true });
  }

  private callShortcode(
    call: ShortcodeCall,
    inner: string | undefined,
    nesting: { ordinal: number; parent: ShortcodeParent | undefined; taken: ReadonlyMap<string, string> },
  ): string {
    const shortcode = this.options.shortcodes.get(call.name)!.render;
    const place = () => placeOf(this.origin, call.offset);
    const { onWarning } = this.options;
    const context: ShortcodeContext = {
      name: call.name,
      markdown: call.markdown,
      page: this.options.page,
      site: this.options.site,
      rules: this.options.rules,
      pages: this.options.pages,
      parent: nesting.parent,
      ordinal: nesting.ordinal,
      renderMarkdown: (markdown, renderOptions) => this.renderMarkdown(markdown, nesting.taken, renderOptions?.inline ?? false),
      highlightCode: this.options.highlightCode,
      warn: (problem) => onWarning({ ...problem, ...place() }),
      fail: (problem) => {
        throw new SiteError({ ...problem, ...place() });
      },
    };
    let output: unknown;
    try {
      output = shortcode(call.args, inner, context);
    } catch (error) {
      if (error instanceof SiteError) throw error;
      throw new SiteError(
        {
          ...place(),
          reason: `Unexpected error in shortcode \`${call.name}\`: ${error instanceof Error ? error.message : String(error)}`,
          hint: 'the shortcode threw an unexpected error: check its arguments, or fix the shortcode module',
          ruleId: 'shortcode/failed',
        },
        { cause: error },
      );
    }
    if (typeof output !== 'string') {
      throw new SiteError({
        ...place(),
        reason: `Unexpected ${output === null ? 'null' : typeof output} returned by shortcode \`${call.name}\`, expected a string`,
        hint: 'a shortcode function returns the Markdown or HTML to put in its place, as a string',
        ruleId: 'shortcode/failed',
      });
    }
    return output;
  }
}

function parentOf(frame: RenderFrame): ShortcodeParent | undefined {
  return frame.call ? { name: frame.call.name, args: frame.call.args, ordinal: frame.ordinal } : undefined;
}
