// The contract between the shortcode engine and shortcode modules (built-in ones in shortcodes/ and a
// site's own). A shortcode is a pure function of its arguments, inner content and context to a string:
// Markdown for the `{{% %}}` form, HTML for the `{{< >}}` form. It reads files only through the context.

import type { ElementContent } from 'hast';
import type { Diagnostic } from '../util/diagnostics.js';
import type { RuleIndex } from '../rules/types.js';

export interface ShortcodeArgs {
  /** Positional arguments, in order (empty when named ones are used: Hugo does not allow both). */
  readonly positional: readonly string[];
  /** Named arguments (`key="value"`). */
  readonly named: Readonly<Record<string, string>>;
}

/** A page a shortcode can link to (`ref`, `relref`). */
export interface PageTarget {
  /** Site-relative path of its source file. */
  readonly file: string;
  /** Root-relative URL under the base path (Hugo's RelPermalink). */
  readonly url: string;
  /** Absolute URL (Hugo's Permalink). */
  readonly permalink: string;
}

/** Every page of the site by its source path, built once per build. */
export interface PageLookup {
  /**
   * The pages a Hugo `ref` path names from the page `fromFile` (site-relative): a path relative to that
   * page's folder or to the content folder, with or without `.md`, or a file name alone when only one
   * page has it; `''` names `fromFile` itself. Empty when none does; several when the path is ambiguous.
   * No `#anchor` part.
   */
  find(target: string, fromFile: string): readonly PageTarget[];
}

/** The paired shortcode a shortcode is called inside (Hugo's `.Parent`). */
export interface ShortcodeParent {
  readonly name: string;
  readonly args: ShortcodeArgs;
  /** The parent's own position among its siblings (see ShortcodeContext.ordinal). */
  readonly ordinal: number;
}

export interface ShortcodeContext {
  /** Name the shortcode was called by. */
  readonly name: string;
  /** True for `{{% %}}` (output is Markdown), false for `{{< >}}` (output is HTML). */
  readonly markdown: boolean;
  /** The page being rendered. */
  readonly page: {
    /** Site-relative path of the page's source file, e.g. `content/runbooks/x/Foo.md`. */
    readonly file: string;
    /** The page's front matter. */
    readonly params: Readonly<Record<string, unknown>>;
  };
  /** Site-wide values (config `params`, base URL...). */
  readonly site: {
    readonly baseURL: string;
    readonly params: Readonly<Record<string, unknown>>;
  };
  /** Rule files of the site; each file is read and parsed once per build. */
  readonly rules: RuleIndex;
  /** Every page of the site, to link to one by its source path. */
  readonly pages: PageLookup;
  /** The shortcode this one is nested in, if any. */
  readonly parent?: ShortcodeParent;
  /** 0-based position among the shortcodes of the same parent (or of the page), as Hugo's `.Ordinal`. */
  readonly ordinal: number;
  /**
   * Markdown to HTML with the site's own Markdown processor (Hugo's `markdownify`); HTML of shortcodes
   * nested in it is kept as is. `inline` drops the `<p>` around a single paragraph (for link texts).
   */
  renderMarkdown(markdown: string, options?: { inline?: boolean }): string;
  /**
   * `code` highlighted by the site's highlighter (the one fenced code blocks get), as hast tokens;
   * undefined for a language it does not know. Hugo's `transform.Highlight`.
   */
  highlightCode(code: string, language: string): ElementContent[] | undefined;
  /** Report a problem at this shortcode's position without failing the build (unless `--strict`). */
  warn(problem: Omit<Diagnostic, 'file' | 'line' | 'column'>): void;
  /** Fail the page with a problem at this shortcode's position. */
  fail(problem: Omit<Diagnostic, 'file' | 'line' | 'column'>): never;
}

export type Shortcode = (args: ShortcodeArgs, inner: string | undefined, context: ShortcodeContext) => string;

/**
 * A shortcode as the engine knows it: its function and whether it takes inner content. A module says
 * so with `export const takesInner = true` beside its default export (Hugo decides it from the template's
 * use of `.Inner`). One that takes inner content must be closed (`{{% x %}}...{{% /x %}}`) or self-closed
 * (`{{< x />}}`); one that does not is always standalone, and a closing tag for it is an error.
 */
export interface ShortcodeDefinition {
  readonly render: Shortcode;
  readonly takesInner: boolean;
}
