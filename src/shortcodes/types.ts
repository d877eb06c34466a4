// The contract between the shortcode engine and shortcode modules (built-in ones in shortcodes/ and a
// site's own). A shortcode is a pure function of its arguments, inner content and context to a string:
// Markdown for the `{{% %}}` form, HTML for the `{{< >}}` form. It reads files only through the context.

import type { Diagnostic } from '../diagnostics.js';
import type { RuleIndex } from '../rules/types.js';

export interface ShortcodeArgs {
  /** Positional arguments, in order (empty when named ones are used: Hugo does not allow both). */
  readonly positional: readonly string[];
  /** Named arguments (`key="value"`). */
  readonly named: Readonly<Record<string, string>>;
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
  /** Report a problem at this shortcode's position without failing the build (unless `--strict`). */
  warn(problem: Omit<Diagnostic, 'file' | 'line' | 'column'>): void;
  /** Fail the page with a problem at this shortcode's position. */
  fail(problem: Omit<Diagnostic, 'file' | 'line' | 'column'>): never;
}

export type Shortcode = (args: ShortcodeArgs, inner: string | undefined, context: ShortcodeContext) => string;
