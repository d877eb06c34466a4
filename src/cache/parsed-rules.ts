// Parsed rule files kept between builds (`<site>/.runbook-site-cache/rules.json`): parsing YAML is most of
// what reading the rules costs, and every build reads all of them (alerts index, redirects), so a rule
// file whose path and text are unchanged is taken as parsed last time. Keyed by a hash of both; files
// that fail to parse are never kept (the rule index reports them each build). Saved only after a
// successful build, with just the entries this build used.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ParsedRuleFiles } from '../rules/rule-index.js';
import type { RuleFile } from '../rules/types.js';
import { CACHE_FOLDER } from './cache-folder.js';
import { hashOf } from './fingerprints.js';
import { readVerifiedJson, writeVerifiedJson } from './verified-file.js';

/** Bumped when RuleFile's shape changes. */
const FORMAT = 1;

export interface ParsedRuleCache extends ParsedRuleFiles {
  save(): void;
}

export function openParsedRuleCache(siteDir: string): ParsedRuleCache {
  const file = path.join(siteDir, CACHE_FOLDER, 'rules.json');
  const previous = readEntries(file);
  const used = new Map<string, RuleFile>();
  const keyOf = (relative: string, text: string) => hashOf(relative, text);
  return {
    get(relative, text) {
      const key = keyOf(relative, text);
      const parsed = previous[key];
      if (parsed) used.set(key, parsed);
      return parsed;
    },
    set(relative, text, parsed) {
      used.set(keyOf(relative, text), parsed);
    },
    save() {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeVerifiedJson(file, { format: FORMAT, entries: Object.fromEntries(used) });
      } catch {
        // Parsed again next time.
      }
    },
  };
}

function readEntries(file: string): Record<string, RuleFile> {
  const stored = readVerifiedJson<{ format: number; entries: Record<string, RuleFile> }>(file);
  return stored?.format === FORMAT ? stored.entries : {};
}
