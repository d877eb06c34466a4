// Stale runbooks: a page showing an alert rule whose last commit is older than a commit that changed the
// rule's `expr`, `for` or labels (annotations may change freely). Committed history only: the working
// tree's uncommitted edits are not looked at. It stays fast on a large site by reading git twice in all
// (see content/git-history.ts): one log of the content and rules folders, then, in one batch, only the
// versions of rule files committed after the oldest runbook showing them (plus the one before), each
// parsed once. A rule is followed through versions by its name and its place among its file's rules of that name.

import path from 'node:path';
import type { Page } from '../content/discover.js';
import { gitFileCommits, gitFileVersions, type FileCommit } from '../content/git-history.js';
import { parseRuleFile } from '../rules/rule-index.js';
import type { AlertRule, RuleFile } from '../rules/types.js';
import type { RawFinding } from '../config/check-findings.js';
import { normaliseExpr } from '../site/rule-copies.js';

export interface StaleInput {
  readonly siteDir: string;
  readonly contentDir: string;
  readonly rulesDir: string;
  /** Pages showing alert rules, with the rules each shows and each one's place among its file's rules of that name. */
  readonly runbooks: readonly { page: Page; rules: readonly { rule: AlertRule; ordinal: number }[] }[];
}

export interface StaleRunbook {
  readonly page: Page;
  readonly rule: AlertRule;
  /** The runbook's last commit date. */
  readonly pageDate: string;
  /** Date of the newest commit that changed the rule's expr, for or labels. */
  readonly ruleDate: string;
}

export function staleRunbooks(input: StaleInput): StaleRunbook[] {
  if (input.runbooks.length === 0) return [];
  const history = gitFileCommits(input.siteDir, [input.contentDir, input.rulesDir]);
  if (history.size === 0) return [];
  const ruleFilePath = (rule: AlertRule) => path.posix.join(input.rulesDir, rule.file);

  // The versions needed: each rule file's commits after its oldest runbook's date, and one before.
  const oldestPageDate = new Map<string, number>();
  for (const { page, rules } of input.runbooks) {
    const pageDate = dateOf(history.get(page.file)?.[0]);
    if (pageDate === undefined) continue;
    for (const { rule } of rules) {
      const file = ruleFilePath(rule);
      oldestPageDate.set(file, Math.min(oldestPageDate.get(file) ?? Infinity, pageDate));
    }
  }
  // A file not committed since its oldest runbook cannot have changed after it: no version of it is read.
  const needed = [...oldestPageDate].flatMap(([file, since]) => {
    const commits = commitsSince(history.get(file) ?? [], since);
    return commits.length > 1 ? commits.map(({ commit }) => ({ commit, file })) : [];
  });
  const texts = gitFileVersions(input.siteDir, needed);
  const parsed = new Map<string, RuleFile | undefined>();
  const versionOf = (commit: string, file: string, relative: string): RuleFile | undefined => {
    const key = `${commit}:${file}`;
    if (!parsed.has(key)) parsed.set(key, parseQuietly(texts.get(key), relative, file));
    return parsed.get(key);
  };

  return input.runbooks.flatMap(({ page, rules }) => {
    const pageCommit = history.get(page.file)?.[0];
    const pageDate = dateOf(pageCommit);
    if (pageCommit === undefined || pageDate === undefined) return [];
    return rules.flatMap(({ rule, ordinal }): StaleRunbook[] => {
      const file = ruleFilePath(rule);
      const commits = commitsSince(history.get(file) ?? [], pageDate);
      const keys = commits.map(({ commit }) => fieldsKey(versionOf(commit, file, rule.file), rule.alert, ordinal));
      // Commits newest first: commit i changed the rule when its version differs from the one before it.
      const changed = commits.findIndex((commit, index) => {
        const before = keys[index + 1];
        return (dateOf(commit) ?? 0) > pageDate && keys[index] !== undefined && before !== undefined && keys[index] !== before;
      });
      return changed === -1 ? [] : [{ page, rule, pageDate: pageCommit.date, ruleDate: commits[changed]!.date }];
    });
  });
}

/** Commits (newest first) dated after `since`, and the newest one at or before it. */
function commitsSince(commits: readonly FileCommit[], since: number): FileCommit[] {
  const after = commits.findIndex((commit) => (dateOf(commit) ?? 0) <= since);
  return after === -1 ? [...commits] : commits.slice(0, after + 1);
}

function dateOf(commit: FileCommit | undefined): number | undefined {
  return commit === undefined ? undefined : Date.parse(commit.date);
}

/** What staleness is judged on; undefined when the version has no such rule (added, or the file unreadable). */
function fieldsKey(file: RuleFile | undefined, alert: string, ordinal: number): string | undefined {
  const rule = file?.rules.filter((candidate) => candidate.alert === alert)[ordinal];
  if (!rule) return undefined;
  return JSON.stringify([normaliseExpr(rule.expr), rule.for ?? '', Object.entries(rule.labels).sort(([a], [b]) => (a < b ? -1 : 1))]);
}

function parseQuietly(text: string | undefined, relative: string, display: string): RuleFile | undefined {
  if (text === undefined) return undefined;
  try {
    return parseRuleFile(text, relative, display);
  } catch {
    return undefined;
  }
}

export function staleFinding(stale: StaleRunbook, rulesDir: string): RawFinding {
  const ruleFile = path.posix.join(rulesDir, stale.rule.file);
  return {
    kind: 'stale-runbook',
    file: stale.page.file,
    line: 1,
    message: `Runbook last committed ${stale.pageDate}, before alert \`${stale.rule.alert}\` changed in ${ruleFile} (expr, for or labels) on ${stale.ruleDate}`,
    hint: `see that the runbook still fits the rule (\`git log -p ${ruleFile}\`), then commit the page`,
  };
}
