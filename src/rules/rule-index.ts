// The rule index: finds, reads and parses the site's Prometheus rule files, once per index, and hands out
// their alert rules with each rule's own source text (sliced out of the file, dedented), so a page shows
// the rule exactly as written. Both plain rule files (`groups[].rules[]`) and PrometheusRule resources
// (`spec.groups[].rules[]`, one or more YAML documents a file) are understood; recording rules are skipped.
// It confines every path to the rules folder. It does not render anything; the `rule` shortcode does.

import fs from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { SiteError } from '../util/diagnostics.js';
import { readUtf8File } from '../util/read-utf8.js';
import type { AlertRule, RuleFile, RuleIndex } from './types.js';

export interface RuleIndexOptions {
  /**
   * Folder that error messages name files relative to (the site root), so they read `rules/x.yml:12:3`.
   * Defaults to the parent of the rules folder.
   */
  siteDir?: string;
  /** Rule files parsed by earlier builds (the build cache's), by path and text. */
  parsed?: ParsedRuleFiles;
}

/** Parsed rule files by path (relative to the rules folder) and text; see cache/parsed-rules.ts. */
export interface ParsedRuleFiles {
  get(relative: string, text: string): RuleFile | undefined;
  set(relative: string, text: string, parsed: RuleFile): void;
}

/** What loading one path came to; kept per index so each file is read and parsed at most once. */
type LoadOutcome = { file: RuleFile } | { missing: true } | { error: unknown };

export function createRuleIndex(rulesDir: string, options: RuleIndexOptions = {}): RuleIndex {
  const absoluteRulesDir = path.resolve(rulesDir);
  const siteDir = path.resolve(options.siteDir ?? path.dirname(absoluteRulesDir));
  const displayPath = (absolute: string) => toPosix(path.relative(siteDir, absolute));
  const outcomes = new Map<string, LoadOutcome>();
  let realRulesDir: string | undefined;

  function load(relativePath: string): RuleFile | undefined {
    const relative = relativePathInside(absoluteRulesDir, relativePath, displayPath(absoluteRulesDir));
    let outcome = outcomes.get(relative);
    if (outcome === undefined) {
      realRulesDir ??= realPathOrUndefined(absoluteRulesDir);
      outcome = loadOutcome(realRulesDir, absoluteRulesDir, relative, displayPath, options.parsed);
      outcomes.set(relative, outcome);
    }
    if ('error' in outcome) throw outcome.error;
    return 'file' in outcome ? outcome.file : undefined;
  }

  function all(): readonly RuleFile[] {
    const files: RuleFile[] = [];
    for (const relative of listRuleFilePaths(absoluteRulesDir)) {
      const file = load(relative);
      if (file) files.push(file);
    }
    return files;
  }

  return { rulesDir: absoluteRulesDir, load, all };
}

// ---------------------------------------------------------------------------------------------------
// Paths: a rule path names a file inside the rules folder, never outside it (DESIGN.md, shortcode grammar).

function pathOutsideRulesDir(requested: string, rulesDirDisplay: string, why: string): SiteError {
  return new SiteError({
    file: rulesDirDisplay,
    reason: `Unexpected rule file path \`${requested}\`: ${why}, expected a path inside the rules folder`,
    hint: `write the path relative to the rules folder \`${rulesDirDisplay}\`, e.g. \`haproxy/haproxy.yml\`, and keep rule files inside it`,
    ruleId: 'rule/path-outside-rules-dir',
  });
}

/** The requested path as a normalised posix path relative to the rules folder; throws if it leaves it. */
function relativePathInside(rulesDir: string, requested: string, rulesDirDisplay: string): string {
  if (path.isAbsolute(requested) || path.posix.isAbsolute(requested) || path.win32.isAbsolute(requested)) {
    throw pathOutsideRulesDir(requested, rulesDirDisplay, 'it is absolute');
  }
  const relative = path.relative(rulesDir, path.resolve(rulesDir, requested));
  if (leavesFolder(relative)) throw pathOutsideRulesDir(requested, rulesDirDisplay, 'it leaves the rules folder');
  return toPosix(relative);
}

function leavesFolder(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function realPathOrUndefined(target: string): string | undefined {
  try {
    return fs.realpathSync(target);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function loadOutcome(
  realRulesDir: string | undefined,
  rulesDir: string,
  relative: string,
  displayPath: (absolute: string) => string,
  parsed: ParsedRuleFiles | undefined,
): LoadOutcome {
  const absolute = path.join(rulesDir, relative);
  // The lexical check passed; a symlink can still point elsewhere, so the real path decides.
  const realPath = realRulesDir === undefined ? undefined : realPathOrUndefined(absolute);
  if (realRulesDir === undefined || realPath === undefined) return { missing: true };
  if (leavesFolder(path.relative(realRulesDir, realPath))) {
    return { error: pathOutsideRulesDir(relative, displayPath(rulesDir), 'through a symlink it leads to a file outside the rules folder') };
  }
  if (!fs.statSync(realPath).isFile()) return { missing: true };
  try {
    const text = readUtf8File(realPath, displayPath(absolute));
    const known = parsed?.get(relative, text);
    if (known) return { file: known };
    const file = parseRuleFile(text, relative, displayPath(absolute));
    parsed?.set(relative, text, file);
    return { file };
  } catch (error) {
    return { error };
  }
}

/**
 * Posix paths, relative to the rules folder and sorted, of every `.yml`/`.yaml` file under it.
 * Dot-folders and dot-files are skipped (a rules folder that is a repository holds `.github/*.yml`), and
 * symlinked folders are not entered, so a link cycle cannot make the walk endless.
 */
function listRuleFilePaths(rulesDir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix + entry.name;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), `${relative}/`);
      else if (/\.ya?ml$/i.test(entry.name)) found.push(relative);
    }
  };
  walk(rulesDir, '');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------
// Parsing: YAML documents to alert rules, with every complaint placed at its line and column.

interface ParseContext {
  readonly text: string;
  readonly relative: string;
  readonly display: string;
  readonly lines: LineCounter;
}

export function parseRuleFile(text: string, relative: string, display: string): RuleFile {
  const lines = new LineCounter();
  // prettyErrors off: the message stays one plain sentence and the position is reported our way.
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const context: ParseContext = { text, relative, display, lines };
  for (const document of documents) {
    const yamlError = document.errors[0];
    if (yamlError) {
      throw new SiteError(
        {
          ...placeAt(context, yamlError.pos[0]),
          reason: `Invalid YAML in rule file: ${yamlError.message}`,
          hint: 'fix the YAML syntax at this position; rule files must be valid YAML',
          ruleId: 'rule/invalid-yaml',
        },
        { cause: yamlError },
      );
    }
  }
  const rules = documents.flatMap((document) => alertRulesOfDocument(context, document));
  return { path: relative, rules };
}

function alertRulesOfDocument(context: ParseContext, document: Document.Parsed): AlertRule[] {
  const root = document.contents;
  // An empty document (a lone `---`, a file of comments) holds no rules, as for Prometheus.
  if (root === null || (isScalar(root) && root.value === null)) return [];
  const groups = isMap(root) ? groupsOf(root) : undefined;
  if (groups === undefined) {
    const reason = `Unexpected ${describeNode(root)} at the top of the rule file, expected a \`groups\` list (Prometheus rule file) or \`spec.groups\` (PrometheusRule resource)`;
    throw notARuleFile(context, root, reason, root);
  }
  if (!isSeq(groups)) {
    throw notARuleFile(context, groups, `Unexpected ${describeNode(groups)} as \`groups\`, expected a list of rule groups`, root);
  }
  return groups.items.flatMap((group) => alertRulesOfGroup(context, group, groups));
}

/** `groups` of a rule file, or `spec.groups` of a PrometheusRule resource; undefined when neither. */
function groupsOf(root: YAMLMap): unknown {
  if (root.has('groups')) return root.get('groups', true) ?? null;
  const spec = root.get('spec', true);
  if (isMap(spec) && spec.has('groups')) return spec.get('groups', true) ?? null;
  return undefined;
}

function alertRulesOfGroup(context: ParseContext, group: unknown, groups: Node): AlertRule[] {
  if (!isMap(group)) {
    throw notARuleFile(context, group, `Unexpected ${describeNode(group)} as rule group, expected a mapping with \`name\` and \`rules\``, groups);
  }
  const name = scalarText(group.get('name', true));
  if (!name) {
    throw notARuleFile(context, group, 'Unexpected rule group without a `name`, expected a group name', groups);
  }
  const rules = group.get('rules', true);
  if (!isSeq(rules)) {
    throw notARuleFile(context, rules ?? group, `Unexpected ${describeNode(rules)} as \`rules\` of group \`${name}\`, expected a list of rules`, group);
  }
  const alertRules: AlertRule[] = [];
  for (const rule of rules.items) {
    if (!isMap(rule)) {
      throw notARuleFile(context, rule, `Unexpected ${describeNode(rule)} as rule in group \`${name}\`, expected a mapping with \`alert\` (or \`record\`) and \`expr\``, rules);
    }
    if (rule.has('alert')) alertRules.push(alertRuleOf(context, rule, name));
    else if (!rule.has('record')) {
      throw notARuleFile(context, rule, `Unexpected rule without \`alert\` or \`record\` in group \`${name}\`, expected one of them`, rules);
    }
  }
  return alertRules;
}

function alertRuleOf(context: ParseContext, rule: YAMLMap, group: string): AlertRule {
  const alert = scalarText(rule.get('alert', true));
  if (!alert) {
    throw notARuleFile(context, rule.get('alert', true), `Unexpected ${describeNode(rule.get('alert', true))} as \`alert\` in group \`${group}\`, expected an alert name`, rule);
  }
  const expr = scalarText(rule.get('expr', true));
  if (expr === undefined) {
    throw notARuleFile(context, rule, `Unexpected alert rule \`${alert}\` without an \`expr\`, expected a PromQL expression`, rule);
  }
  const labels = stringMapOf(context, rule, 'labels', alert);
  const range = rangeOf(rule);
  return {
    alert,
    file: context.relative,
    group,
    expr,
    for: scalarText(rule.get('for', true)),
    labels,
    annotations: stringMapOf(context, rule, 'annotations', alert),
    severity: labels.severity,
    sourceText: ruleSourceText(context.text, range),
    line: context.lines.linePos(range[0]).line,
  };
}

/** `labels` or `annotations`: a mapping of names to scalar values (an empty value reads as ''). */
function stringMapOf(context: ParseContext, rule: YAMLMap, key: string, alert: string): Record<string, string> {
  const node = rule.get(key, true);
  const values: Record<string, string> = {};
  if (node === undefined || (isScalar(node) && node.value === null)) return values;
  if (!isMap(node)) {
    throw notARuleFile(context, node, `Unexpected ${describeNode(node)} as \`${key}\` of alert \`${alert}\`, expected a mapping of names to values`, rule);
  }
  for (const pair of node.items) {
    const name = scalarText(pair.key);
    if (name === undefined || (pair.value !== null && !isScalar(pair.value))) {
      throw notARuleFile(context, pair.value ?? pair.key, `Unexpected ${describeNode(pair.value)} in \`${key}\` of alert \`${alert}\`, expected a name and a text value`, node);
    }
    values[name] = scalarText(pair.value) ?? '';
  }
  return values;
}

/** A scalar's text as written (`0.50` stays `0.50`), or undefined for no value or a non-scalar. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

function describeNode(node: unknown): string {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return 'empty value';
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isAlias(node)) return 'alias';
  if (isScalar(node)) return `scalar \`${scalarText(node)}\``;
  return 'value';
}

/** A SiteError for YAML that is not a rule file, placed at `node` (or at `fallback` when it has no range). */
function notARuleFile(context: ParseContext, node: unknown, reason: string, fallback: unknown): SiteError {
  const offset = rangeStart(node) ?? rangeStart(fallback) ?? 0;
  return new SiteError({
    ...placeAt(context, offset),
    reason,
    hint: 'a rule file is `groups:` with items `- name: ...` holding `rules:` with items `- alert: ...` and `expr: ...` (or a PrometheusRule with `spec.groups`); move other YAML out of the rules folder',
    ruleId: 'rule/not-a-rule-file',
  });
}

function rangeStart(node: unknown): number | undefined {
  return (node as Partial<Node> | null | undefined)?.range?.[0];
}

/** Every node of a parsed document has a source range; the node types just do not say so. */
function rangeOf(node: Node): readonly [number, number, number] {
  if (!node.range) throw new Error('yaml node without a source range: parse with parseAllDocuments');
  return node.range;
}

function placeAt(context: ParseContext, offset: number): { file: string; line: number; column: number } {
  const { line, col } = context.lines.linePos(offset);
  return { file: context.display, line, column: col };
}

// ---------------------------------------------------------------------------------------------------
// Source text: the rule as written, re-indented as if it were a top-level mapping.

/**
 * The text of the rule's mapping from its first key to the end of its last value (trailing comments
 * belong to the next rule, as the `yaml` package reads them), with the rule's own indentation (the
 * `- ` marker and the columns before it) removed from every line. Lines indented less than the rule
 * (a stray comment) lose only the spaces they have. Line ends become `\n`; trailing blank lines go.
 */
function ruleSourceText(text: string, [start, valueEnd]: readonly [number, number, number]): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = start - lineStart;
  const lines = text.slice(start, valueEnd).split('\n');
  const dedented = lines.map((line, index) => {
    const withoutCarriageReturn = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (index === 0) return withoutCarriageReturn;
    let spaces = 0;
    while (spaces < indent && withoutCarriageReturn[spaces] === ' ') spaces += 1;
    return withoutCarriageReturn.slice(spaces);
  });
  return dedented.join('\n').trimEnd();
}
