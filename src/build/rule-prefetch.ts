// A render worker's first job, while the build reads the site: every rule file of the rules folder
// parsed, as the rule index parses it, into seeds for derived values (cache/derived-seeds.ts). On
// 10,000 synthetic pages the build's thread spent ~1.3 s parsing 200 rule files for the alert index
// while the worker waited ~1.9 s for the site; each worker parsed them all again for its pages.

import { createRuleIndex, listRuleFilePaths, RULE_FILE_TABLE } from '../rules/rule-index.js';
import { type DerivedSeeds, recordingValues } from '../cache/derived-seeds.js';

/** What a worker needs to parse the rule files as the build's rule index would. */
export interface RulePrefetch {
  readonly rulesDir: string;
  readonly siteDir: string;
  readonly maxFileSize: number;
}

/** Every rule file that parses, as seeds; a file that does not is left to whoever reads it to report. */
export function prefetchRuleFiles({ rulesDir, siteDir, maxFileSize }: RulePrefetch): DerivedSeeds {
  const values = recordingValues(RULE_FILE_TABLE);
  const index = createRuleIndex(rulesDir, { siteDir, derived: values, maxFileSize });
  let paths: string[] = [];
  try {
    paths = listRuleFilePaths(rulesDir);
  } catch {
    // An unreadable rules folder: the build reports it.
  }
  for (const relative of paths) {
    try {
      index.load(relative);
    } catch {
      // Reported by the build when a page or an output reads it.
    }
  }
  return values.recorded();
}
