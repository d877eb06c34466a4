// What one page's render produces, as the build cache keeps it: the page's HTML, the warnings it raised
// (in order) and the rule files it read, which the cache keys the page on. Plain types, shared by the
// page job (build/) and the cache, so neither imports the other.

import type { Diagnostic } from '../util/diagnostics.js';

/** The rule dependency recorded when a page lists every rule file (`rules.all()`). */
export const ALL_RULE_FILES = '*';

export interface RenderedPage {
  readonly html: string;
  readonly warnings: readonly Diagnostic[];
  /** Rule file paths (relative to the rules folder) the page read, or ALL_RULE_FILES, sorted. */
  readonly ruleFiles: readonly string[];
}
