// A render worker parses the rule files while the build reads the site (src/build/rule-prefetch.ts) and
// hands them over as derived-value seeds (src/cache/derived-seeds.ts): a rule index fed the seeds gives
// the files it would parse itself, without parsing them, and still reports a file that does not parse.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { prefetchRuleFiles } from '../src/build/rule-prefetch.js';
import { seededValues } from '../src/cache/derived-seeds.js';
import { createRuleIndex, RULE_FILE_TABLE } from '../src/rules/rule-index.js';
import type { DerivedValues } from '../src/util/derived-values.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ruleFile = (alert: string) => `groups:\n  - name: g\n    rules:\n      - alert: ${alert}\n        expr: up == 0\n        for: 5m\n`;

function siteWithRules(files: Record<string, string>): { siteDir: string; rulesDir: string } {
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'runbook-site-prefetch-'));
  made.push(siteDir);
  const rulesDir = path.join(siteDir, 'rules');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(rulesDir, name)), { recursive: true });
    writeFileSync(path.join(rulesDir, name), text);
  }
  return { siteDir, rulesDir };
}

/** Derives every value anew, counting the computations of `table`. */
function counting(table: string): DerivedValues & { count(): number } {
  let count = 0;
  return {
    value: (name, _input, compute) => {
      if (name === table) count += 1;
      return compute();
    },
    count: () => count,
  };
}

test('seeded rule files are the files the index parses itself, taken without parsing, each once', () => {
  const { siteDir, rulesDir } = siteWithRules({ 'a/one.yml': ruleFile('One'), 'b/two.yaml': ruleFile('Two'), 'broken.yml': 'groups: [\n' });
  const seeds = prefetchRuleFiles({ rulesDir, siteDir, maxFileSize: 1_000_000 });
  // The broken file is not seeded: the build parses it and reports it where a page or output reads it.
  expect(seeds.size).toBe(2);

  const plain = createRuleIndex(rulesDir, { siteDir });
  const parsing = counting(RULE_FILE_TABLE);
  const seeded = createRuleIndex(rulesDir, { siteDir, derived: seededValues(parsing, RULE_FILE_TABLE, seeds) });
  for (const file of ['a/one.yml', 'b/two.yaml']) expect(seeded.load(file)).toEqual(plain.load(file));
  // The seeded index asked its inner values for both files, and each seed was used up.
  expect(parsing.count()).toBe(2);
  expect(seeds.size).toBe(0);
  expect(() => seeded.load('broken.yml')).toThrow(/broken\.yml/);
});

test('a seed is used only for the very input it was derived from', () => {
  const { siteDir, rulesDir } = siteWithRules({ 'one.yml': ruleFile('One') });
  const seeds = prefetchRuleFiles({ rulesDir, siteDir, maxFileSize: 1_000_000 });
  // The file changes after the worker parsed it: the build parses what it reads now.
  writeFileSync(path.join(rulesDir, 'one.yml'), ruleFile('Changed'));
  const seeded = createRuleIndex(rulesDir, { siteDir, derived: seededValues(counting(RULE_FILE_TABLE), RULE_FILE_TABLE, seeds) });
  expect(seeded.load('one.yml')?.rules.map((rule) => rule.alert)).toEqual(['Changed']);
  expect(seeds.size).toBe(1);
});
