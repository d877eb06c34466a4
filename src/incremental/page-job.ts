// One page's render as a unit of work, the same in the build's own thread and in a render worker: the
// page's HTML, the warnings it raised (in order) and the rule files it read, which the build cache keys
// the page on. It wraps createPageRenderer; it does not decide which pages to render or write anything.

import type { Diagnostic } from '../diagnostics.js';
import type { Page } from '../discover.js';
import { createPageRenderer } from '../render-page.js';
import type { RuleFile, RuleIndex } from '../rules/types.js';
import type { SiteModel } from '../site.js';
import { ALL_RULE_FILES } from './build-cache.js';

export interface RenderedPage {
  readonly html: string;
  readonly warnings: readonly Diagnostic[];
  /** Rule file paths (relative to the rules folder) the page read, or ALL_RULE_FILES, sorted. */
  readonly ruleFiles: readonly string[];
}

export type PageJob = (page: Page) => RenderedPage;

export function createPageJob(model: SiteModel): PageJob {
  const recorder = recordingRuleIndex(model.rules);
  let warnings: Diagnostic[] = [];
  const renderPage = createPageRenderer({ ...model, rules: recorder.index }, (warning) => warnings.push(warning));
  return (page) => {
    warnings = [];
    recorder.reset();
    const html = renderPage(page);
    return { html, warnings, ruleFiles: recorder.read() };
  };
}

/**
 * A rule index that notes every path asked for (found or not: a page also depends on a file's absence).
 * The renderer's setup (before the first page) may index the rules every page references; a page's
 * render loads its own references again, so setup loads are not charged to every page, but a setup
 * listing of all rule files (`all()`) is: whatever it feeds may show on any page.
 */
function recordingRuleIndex(rules: RuleIndex): { index: RuleIndex; reset(): void; read(): string[] } {
  const everyPage = new Set<string>();
  let paths: Set<string> | undefined;
  const index: RuleIndex = {
    rulesDir: rules.rulesDir,
    load(relativePath: string): RuleFile | undefined {
      paths?.add(relativePath);
      return rules.load(relativePath);
    },
    all() {
      (paths ?? everyPage).add(ALL_RULE_FILES);
      return rules.all();
    },
  };
  return {
    index,
    reset: () => (paths = new Set(everyPage)),
    read: () => [...(paths ?? everyPage)].sort(),
  };
}
