// Which rule files each page reads, for the build cache: the site model with its rule index wrapped so
// that reads during a page's render are noted. The build and each render worker use this one model for
// everything (rendering and output generators), so what is memoised per model is computed once.

import type { RuleFile, RuleIndex } from '../rules/types.js';
import type { SiteModel } from '../site/site.js';
import { ALL_RULE_FILES } from './rendered-page.js';

export interface RuleRecorder {
  /** Starts a page: forgets the previous page's reads. */
  reset(): void;
  /** The rule file paths read since `reset` (ALL_RULE_FILES for a listing of all), sorted. */
  read(): string[];
  /** Counts these paths as read (a cached body's, which was not rendered again). */
  note(paths: readonly string[]): void;
  /** Runs `read` without noting its reads: a generated output drawn between pages (generated-ahead.ts). */
  aside<T>(read: () => T): T;
}

export interface RecordingSiteModel extends SiteModel {
  readonly ruleRecorder: RuleRecorder;
}

export function withRuleRecording(model: SiteModel): RecordingSiteModel {
  const { index, ...ruleRecorder } = recordingRuleIndex(model.rules);
  return { ...model, rules: index, ruleRecorder };
}

/**
 * A rule index that notes every path asked for (found or not: a page also depends on a file's absence).
 * The renderer's setup (before the first page) may index the rules every page references; a page's
 * render loads its own references again, so setup loads are not charged to every page, but a setup
 * listing of all rule files (`all()`) is: whatever it feeds may show on any page.
 */
function recordingRuleIndex(rules: RuleIndex): { index: RuleIndex } & RuleRecorder {
  const everyPage = new Set<string>();
  let paths: Set<string> | undefined;
  let noting = true;
  const index: RuleIndex = {
    rulesDir: rules.rulesDir,
    load(relativePath: string): RuleFile | undefined {
      if (noting) paths?.add(relativePath);
      return rules.load(relativePath);
    },
    all() {
      if (noting) (paths ?? everyPage).add(ALL_RULE_FILES);
      return rules.all();
    },
  };
  return {
    index,
    reset: () => (paths = new Set(everyPage)),
    read: () => [...(paths ?? everyPage)].sort(),
    note: (read) => read.forEach((rulePath) => paths?.add(rulePath)),
    aside(read) {
      const outer = noting;
      noting = false;
      try {
        return read();
      } finally {
        noting = outer;
      }
    },
  };
}
