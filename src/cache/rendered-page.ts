// What one page's render produces, as the build cache keeps it: the page's HTML, the warnings it raised
// (in order) and the rule files it read, which the cache keys the page on; and its body as the body
// cache keeps it, when rendered now. Plain types, shared by the page job (build/) and the caches, so
// neither imports the other.

import type { Diagnostic } from '../util/diagnostics.js';

/** The rule dependency recorded when a page lists every rule file (`rules.all()`). */
export const ALL_RULE_FILES = '*';

export interface RenderedPage {
  readonly html: string;
  readonly warnings: readonly Diagnostic[];
  /** Rule file paths (relative to the rules folder) the page read, or ALL_RULE_FILES, sorted. */
  readonly ruleFiles: readonly string[];
  /** True when the page's body came from the body cache (only the layout was drawn). */
  readonly cachedBody: boolean;
  /** The page's body, when it was rendered now (not taken from the body cache) and a body cache is kept. */
  readonly body?: StoredBody;
}

/** A `ref` lookup a body made: its arguments and, per page found, the fields the shortcode used. */
export interface RecordedRef {
  readonly target: string;
  readonly from: string;
  readonly found: readonly Readonly<Record<string, string>>[];
}

/** What a body's render read besides its own source. */
export interface BodyReads {
  /** Rule file paths read (rule-recording.ts), sorted. */
  readonly rules: readonly string[];
  readonly refs: readonly RecordedRef[];
  /** Front matter keys read → their value (JSON); undefined: the whole front matter was listed. */
  readonly params?: Readonly<Record<string, string>>;
  /** The base URL, when the render read it. */
  readonly baseURL?: string;
}

/** A body rendered now, to keep: its tree as JSON (positions dropped), the warnings it raised, its reads. */
export interface StoredBody {
  readonly tree: string;
  readonly warnings: readonly Diagnostic[];
  readonly reads: BodyReads;
}
