// Shortcode expansion: replaces every shortcode in a page's Markdown source by its output, as Hugo does.
// `{{% %}}` output is Markdown, spliced into the source (and not scanned again for shortcodes);
// `{{< >}}` output is HTML, left in the Markdown as an alphanumeric placeholder token that Markdown
// leaves alone, and returned in `html` for the step after the Markdown one to put back.
// It neither parses Markdown nor substitutes the tokens into rendered HTML.

import { SiteError, type Diagnostic } from '../diagnostics.js';
import type { RuleIndex } from '../rules/types.js';
import { lexShortcodes, mayContainShortcodes } from './lexer.js';
import { parseShortcodes, placeOf, type ContentNode, type ShortcodeCall, type SourceOrigin } from './parser.js';
import type { Shortcode, ShortcodeContext } from './types.js';

export interface ExpandOptions {
  /** Site-relative path of the page, used in errors. */
  readonly file: string;
  /** Lines of the file before `source` starts (front matter); added to reported lines. */
  readonly lineOffset: number;
  readonly shortcodes: ReadonlyMap<string, Shortcode>;
  readonly page: ShortcodeContext['page'];
  readonly site: ShortcodeContext['site'];
  readonly rules: RuleIndex;
  onWarning(diagnostic: Diagnostic): void;
}

export interface ExpandResult {
  /** The source with shortcodes replaced: Markdown output inline, HTML output as placeholder tokens. */
  readonly markdown: string;
  /** Placeholder token → the HTML it stands for. */
  readonly html: Map<string, string>;
}

/** Shortcodes whose inner content is not scanned for shortcodes (see LexOptions.rawInnerNames). */
export const rawInnerNames: ReadonlySet<string> = new Set(['comment']);

const tokenPattern = /RBSHORTCODE\d+X/g;

export function expandShortcodes(source: string, options: ExpandOptions): ExpandResult {
  if (!mayContainShortcodes(source)) return { markdown: source, html: new Map() };
  const origin: SourceOrigin = { source, file: options.file, lineOffset: options.lineOffset };
  const items = lexShortcodes(source, { rawInnerNames });
  const nodes = parseShortcodes(origin, items, new Set(options.shortcodes.keys()));
  const expansion = new Expansion(origin, options);
  return { markdown: expansion.render(nodes), html: expansion.html };
}

interface RenderFrame {
  readonly nodes: readonly ContentNode[];
  next: number;
  readonly parts: string[];
  /** The paired call whose inner content this frame renders; none for the page itself. */
  readonly call?: ShortcodeCall;
}

class Expansion {
  readonly html = new Map<string, string>();
  /** Not `html.size`: spent tokens are deleted, and a number must never be reused. */
  private tokenCount = 0;

  constructor(
    private readonly origin: SourceOrigin,
    private readonly options: ExpandOptions,
  ) {}

  /** Renders inner content before its call (as Hugo), iteratively, so deep nesting cannot overflow the stack. */
  render(nodes: readonly ContentNode[]): string {
    const stack: RenderFrame[] = [{ nodes, next: 0, parts: [] }];
    for (;;) {
      const frame = stack.at(-1)!;
      const node = frame.nodes[frame.next];
      frame.next += 1;
      if (node === undefined) {
        stack.pop();
        const text = frame.parts.join('');
        if (!frame.call) return text;
        stack.at(-1)!.parts.push(this.expand(frame.call, text));
      } else if (node.kind === 'text') {
        frame.parts.push(this.origin.source.slice(node.low, node.high));
      } else if (node.inner) {
        stack.push({ nodes: node.inner.nodes, next: 0, parts: [], call: node });
      } else {
        frame.parts.push(this.expand(node, undefined));
      }
    }
  }

  private expand(call: ShortcodeCall, inner: string | undefined): string {
    const output = this.callShortcode(call, call.markdown || inner === undefined ? inner : this.takeTokens(inner));
    if (call.markdown) return output;
    const token = `RBSHORTCODE${this.tokenCount}X`;
    this.tokenCount += 1;
    this.html.set(token, output);
    return token;
  }

  /**
   * An HTML shortcode gets the HTML of the HTML shortcodes nested in it, not their tokens (as Hugo passes
   * rendered inner content); those tokens are then spent, since only the outer output reaches the page.
   */
  private takeTokens(inner: string): string {
    return inner.replace(tokenPattern, (token) => {
      const html = this.html.get(token);
      if (html === undefined) return token;
      this.html.delete(token);
      return html;
    });
  }

  private callShortcode(call: ShortcodeCall, inner: string | undefined): string {
    const shortcode = this.options.shortcodes.get(call.name)!;
    const place = () => placeOf(this.origin, call.offset);
    const { onWarning } = this.options;
    const context: ShortcodeContext = {
      name: call.name,
      markdown: call.markdown,
      page: this.options.page,
      site: this.options.site,
      rules: this.options.rules,
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
