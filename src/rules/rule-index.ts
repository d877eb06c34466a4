// The rule index: finds, reads and parses the site's Prometheus rule files, once per index, and hands out
// their alert rules with each rule's own source text (sliced out of the file, dedented), so a page shows
// the rule exactly as written. Both plain rule files (`groups[].rules[]`) and PrometheusRule resources
// (`spec.groups[].rules[]`, one or more YAML documents a file) are understood; recording rules are skipped.
// It confines every path to the rules folder. It does not render anything; the `rule` shortcode does.

import fs from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, visit } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { defaultInputLimits, raiseLimitHint } from '../config/limits.js';
import { SiteError } from '../util/diagnostics.js';
import { readUtf8File } from '../util/read-utf8.js';
import { leavesFolder } from '../util/real-path.js';
import { assertAliasesBounded } from '../util/yaml-values.js';
import { deriveAlways, type DerivedValues } from '../util/derived-values.js';
import type { AlertRule, ExprPlace, RuleFile, RuleIndex } from './types.js';

export interface RuleIndexOptions {
  /**
   * Folder that error messages name files relative to (the site root), so they read `rules/x.yml:12:3`.
   * Defaults to the parent of the rules folder.
   */
  siteDir?: string;
  /** Rule files parsed by earlier builds (the build cache's), by path and text. */
  derived?: DerivedValues;
  /** Bytes a rule file may have (config `limits.ruleFileSize`). */
  maxFileSize?: number;
}

/** What loading one path came to; kept per index so each file is read and parsed at most once. */
type LoadOutcome = { file: RuleFile } | { missing: true } | { error: unknown };

/** The table of derived values parsed rule files are kept under, by their path and text. */
export const RULE_FILE_TABLE = 'rule-file';

export function createRuleIndex(rulesDir: string, options: RuleIndexOptions = {}): RuleIndex {
  const absoluteRulesDir = path.resolve(rulesDir);
  const siteDir = path.resolve(options.siteDir ?? path.dirname(absoluteRulesDir));
  const displayPath = (absolute: string) => toPosix(path.relative(siteDir, absolute));
  const outcomes = new Map<string, LoadOutcome>();
  let realRulesDir: string | undefined;
  /** The rules folder's own outcome when it leads out of the site, taken with realRulesDir. */
  let folderOutcome: LoadOutcome | undefined;
  // Listed once per index, like each file is read once: the output generators and every page's metric
  // links ask for all rule files, and walking the folder each time was ~38,000 opens on the corpus.
  let allFiles: readonly RuleFile[] | undefined;

  /**
   * Each path as asked for, normalised (or the error it is): the shortcodes, the alerts index, the
   * redirects and the page data ask for one file thousands of times, and resolving the path each time
   * was ~170 ms of a one-page rebuild of 10,000 pages.
   */
  const normalised = new Map<string, string | SiteError>();

  function load(relativePath: string): RuleFile | undefined {
    let relative = normalised.get(relativePath);
    if (relative === undefined) {
      try {
        relative = relativePathInside(absoluteRulesDir, relativePath, displayPath(absoluteRulesDir));
      } catch (error) {
        relative = error as SiteError;
      }
      normalised.set(relativePath, relative);
    }
    if (typeof relative !== 'string') throw relative;
    let outcome = outcomes.get(relative);
    if (outcome === undefined) {
      if (realRulesDir === undefined) {
        realRulesDir = realPathOrUndefined(absoluteRulesDir);
        folderOutcome = outsideSite(realRulesDir);
      }
      outcome = folderOutcome ?? loadOutcome(realRulesDir, absoluteRulesDir, relative, displayPath, options);
      outcomes.set(relative, outcome);
    }
    if ('error' in outcome) throw outcome.error;
    return 'file' in outcome ? outcome.file : undefined;
  }

  /**
   * The rules folder may be a symlink, but within the site: `annotate` writes rule files, and must not
   * write outside it (the content folder is held to the same).
   */
  function outsideSite(realRules: string | undefined): LoadOutcome | undefined {
    if (realRules === undefined || !leavesFolder(fs.realpathSync(siteDir), realRules)) return undefined;
    return {
      error: new SiteError({
        file: displayPath(absoluteRulesDir),
        reason: `Unexpected rules folder leading out of the site, to \`${realRules}\``,
        hint: 'move the rule files into the site, or point the symlink at a folder inside it',
        ruleId: 'rule/folder-outside-site',
      }),
    };
  }

  function all(): readonly RuleFile[] {
    if (allFiles) return allFiles;
    const files: RuleFile[] = [];
    for (const relative of listRuleFilePaths(absoluteRulesDir)) {
      const file = load(relative);
      if (file) files.push(file);
    }
    allFiles = files;
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
  const resolved = path.resolve(rulesDir, requested);
  if (leavesFolder(rulesDir, resolved)) throw pathOutsideRulesDir(requested, rulesDirDisplay, 'it leaves the rules folder');
  return toPosix(path.relative(rulesDir, resolved));
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
  { derived = deriveAlways, maxFileSize = defaultInputLimits.ruleFileSize }: RuleIndexOptions,
): LoadOutcome {
  const absolute = path.join(rulesDir, relative);
  // The lexical check passed; a symlink can still point elsewhere, so the real path decides.
  const realPath = realRulesDir === undefined ? undefined : realPathOrUndefined(absolute);
  if (realRulesDir === undefined || realPath === undefined) return { missing: true };
  if (leavesFolder(realRulesDir, realPath)) {
    return { error: pathOutsideRulesDir(relative, displayPath(rulesDir), 'through a symlink it leads to a file outside the rules folder') };
  }
  const stats = fs.statSync(realPath);
  if (!stats.isFile()) return { missing: true };
  // The yaml package's document nodes take ~60 bytes a byte of text: a 50 MB file needs 3 GB and 75 s.
  if (stats.size > maxFileSize) {
    return {
      error: new SiteError({
        file: displayPath(absolute),
        reason: `Unexpected rule file of ${stats.size.toLocaleString('en')} bytes, expected at most ${maxFileSize.toLocaleString('en')}`,
        hint: raiseLimitHint('ruleFileSize', 'split its groups into several files'),
        ruleId: 'rule/file-too-large',
      }),
    };
  }
  try {
    const text = readUtf8File(realPath, displayPath(absolute));
    return { file: derived.value(RULE_FILE_TABLE, [relative, text], () => parseRuleFile(text, relative, displayPath(absolute))) };
  } catch (error) {
    return { error };
  }
}

/**
 * Posix paths, relative to the rules folder and sorted, of every `.yml`/`.yaml` file under it.
 * Dot-folders and dot-files are skipped (a rules folder that is a repository holds `.github/*.yml`), and
 * symlinked folders are not entered, so a link cycle cannot make the walk endless.
 */
/** Every alert rule of the rules folder, file by file. */
export function allRules(rules: RuleIndex): AlertRule[] {
  return rules.all().flatMap((file) => file.rules);
}

export function listRuleFilePaths(rulesDir: string): string[] {
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

/** A file's context with the document being read and its anchored nodes, to resolve `*alias` references. */
interface DocumentContext extends ParseContext {
  /** Anchored nodes by anchor name, in document order (a name may be anchored again further on). */
  readonly anchors: ReadonlyMap<string, readonly Node[]>;
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
  const rules = documents.flatMap((document) => {
    assertAliasesBounded(document, (offset) => placeAt(context, offset));
    return alertRulesOfDocument({ ...context, anchors: anchorsOf(document) }, document);
  });
  return { path: relative, rules };
}

// Anchors and aliases: Prometheus (Go's yaml.v3) reads `&name`/`*name` and `<<: *name` merge keys, so they
// are followed here; the rule's text on the page stays as written (`labels: *common`).

function anchorsOf(document: Document.Parsed): Map<string, Node[]> {
  const anchors = new Map<string, Node[]>();
  visit(document, (_key, node) => {
    if (!isNode(node) || !node.anchor) return;
    const nodes = anchors.get(node.anchor) ?? [];
    nodes.push(node);
    anchors.set(node.anchor, nodes);
  });
  return anchors;
}

/** The node an alias stands for (the last one anchored with its name before it, as YAML says); other values as they are. */
function resolved(context: DocumentContext, node: unknown): unknown {
  if (!isAlias(node)) return node;
  const at = node.range?.[0] ?? Infinity;
  return context.anchors.get(node.source)?.findLast((anchored) => (anchored.range?.[0] ?? 0) < at) ?? node;
}

/** `map[key]`, aliases resolved, looking into `<<` merge keys (a mapping or a list of them) when the map has no such key. */
function valueAt(context: DocumentContext, map: YAMLMap, key: string): unknown {
  if (map.has(key)) return resolved(context, map.get(key, true)) ?? null;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value !== '<<') continue;
    const merged = resolved(context, pair.value);
    for (const source of isSeq(merged) ? merged.items.map((item) => resolved(context, item)) : [merged]) {
      if (isMap(source) && source.has(key)) return resolved(context, source.get(key, true)) ?? null;
    }
  }
  return undefined;
}

/** The pairs of a mapping, merged ones (`<<: *name`) first and overridden by the map's own. */
function pairsOf(context: DocumentContext, map: YAMLMap): { key: unknown; value: unknown }[] {
  const pairs = new Map<unknown, { key: unknown; value: unknown }>();
  for (const pair of map.items) {
    const merged = isScalar(pair.key) && pair.key.value === '<<' ? resolved(context, pair.value) : undefined;
    if (merged === undefined) continue;
    for (const source of isSeq(merged) ? merged.items.map((item) => resolved(context, item)) : [merged]) {
      if (isMap(source)) for (const inner of pairsOf(context, source)) pairs.set(scalarText(inner.key) ?? inner.key, inner);
    }
  }
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === '<<') continue;
    const key = resolved(context, pair.key);
    pairs.set(scalarText(key) ?? key, { key, value: resolved(context, pair.value) });
  }
  return [...pairs.values()];
}

function alertRulesOfDocument(context: DocumentContext, document: Document.Parsed): AlertRule[] {
  const root = resolved(context, document.contents) as Document.Parsed['contents'];
  // An empty document (a lone `---`, a file of comments) holds no rules, as for Prometheus.
  if (root === null || (isScalar(root) && root.value === null)) return [];
  const groups = isMap(root) ? groupsOf(context, root) : undefined;
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
function groupsOf(context: DocumentContext, root: YAMLMap): unknown {
  const groups = valueAt(context, root, 'groups');
  if (groups !== undefined) return groups;
  const spec = valueAt(context, root, 'spec');
  return isMap(spec) ? valueAt(context, spec, 'groups') : undefined;
}

function alertRulesOfGroup(context: DocumentContext, item: unknown, groups: Node): AlertRule[] {
  const group = resolved(context, item);
  if (!isMap(group)) {
    throw notARuleFile(context, group, `Unexpected ${describeNode(group)} as rule group, expected a mapping with \`name\` and \`rules\``, groups);
  }
  const name = scalarText(valueAt(context, group, 'name'));
  if (!name) {
    throw notARuleFile(context, group, 'Unexpected rule group without a `name`, expected a group name', groups);
  }
  const rules = valueAt(context, group, 'rules');
  if (!isSeq(rules)) {
    throw notARuleFile(context, rules ?? group, `Unexpected ${describeNode(rules)} as \`rules\` of group \`${name}\`, expected a list of rules`, group);
  }
  const alertRules: AlertRule[] = [];
  for (const item of rules.items) {
    const rule = resolved(context, item);
    if (!isMap(rule)) {
      throw notARuleFile(context, rule, `Unexpected ${describeNode(rule)} as rule in group \`${name}\`, expected a mapping with \`alert\` (or \`record\`) and \`expr\``, rules);
    }
    if (valueAt(context, rule, 'alert') !== undefined) alertRules.push(alertRuleOf(context, rule, name));
    else if (valueAt(context, rule, 'record') === undefined) {
      throw notARuleFile(context, rule, `Unexpected rule without \`alert\` or \`record\` in group \`${name}\`, expected one of them`, rules);
    }
  }
  return alertRules;
}

function alertRuleOf(context: DocumentContext, rule: YAMLMap, group: string): AlertRule {
  const alertNode = valueAt(context, rule, 'alert');
  const alert = scalarText(alertNode);
  if (!alert) {
    throw notARuleFile(context, alertNode, `Unexpected ${describeNode(alertNode)} as \`alert\` in group \`${group}\`, expected an alert name`, rule);
  }
  assertAlertNameUsable(context, alertNode, alert);
  const expr = scalarText(valueAt(context, rule, 'expr'));
  if (expr === undefined) {
    throw notARuleFile(context, rule, `Unexpected alert rule \`${alert}\` without an \`expr\`, expected a PromQL expression`, rule);
  }
  const labels = stringMapOf(context, rule, 'labels', alert);
  const range = rangeOf(rule);
  const source = ruleSource(context.text, range);
  return {
    alert,
    file: context.relative,
    group,
    expr,
    for: scalarText(valueAt(context, rule, 'for')),
    labels,
    annotations: stringMapOf(context, rule, 'annotations', alert),
    severity: labels.severity,
    sourceText: source.sourceText,
    exprPlace: exprPlaceOf(rule, source),
    line: context.lines.linePos(range[0]).line,
  };
}

/** Longest alert name whose runbook file name (`<alert>.md`) a file system takes: NAME_MAX, 255 bytes. */
const MAX_ALERT_NAME_BYTES = 255 - '.md'.length;

/** An alert name becomes file names (its runbook `<alert>.md`, `/alerts/<alert>/`): no control characters, none too long. */
function assertAlertNameUsable(context: DocumentContext, node: unknown, alert: string): void {
  const control = /[\u0000-\u001f\u007f]/.exec(alert);
  const bytes = Buffer.byteLength(alert);
  if (!control && bytes <= MAX_ALERT_NAME_BYTES) return;
  const reason = control
    ? `Unexpected control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in alert name ${JSON.stringify(alert)}, expected printable characters`
    : `Unexpected alert name of ${bytes} bytes, expected at most ${MAX_ALERT_NAME_BYTES} (its runbook \`<alert>.md\` must fit a file name's 255 bytes)`;
  throw new SiteError({ ...placeAt(context, rangeStart(node) ?? 0), reason, hint: 'rename the alert', ruleId: 'rule/unusable-alert-name' });
}

/** `labels` or `annotations`: a mapping of names to scalar values (an empty value reads as ''). */
function stringMapOf(context: DocumentContext, rule: YAMLMap, key: string, alert: string): Record<string, string> {
  const node = valueAt(context, rule, key);
  const values: Record<string, string> = {};
  if (node === undefined || (isScalar(node) && node.value === null)) return values;
  if (!isMap(node)) {
    throw notARuleFile(context, node, `Unexpected ${describeNode(node)} as \`${key}\` of alert \`${alert}\`, expected a mapping of names to values`, rule);
  }
  for (const pair of pairsOf(context, node)) {
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
 * `placeOf` tells where an offset of the file's text (inside the rule) lands in it.
 */
function ruleSource(text: string, [start, valueEnd]: readonly [number, number, number]): { sourceText: string; placeOf(offset: number): number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = start - lineStart;
  /** Per line: where it starts in the file, the spaces it loses, where it starts in the source text, its length there. */
  const lines: { from: number; removed: number; to: number; length: number }[] = [];
  let from = start;
  let to = 0;
  const dedented = text.slice(start, valueEnd).split('\n').map((line, index) => {
    const withoutCarriageReturn = line.endsWith('\r') ? line.slice(0, -1) : line;
    let spaces = 0;
    while (index > 0 && spaces < indent && withoutCarriageReturn[spaces] === ' ') spaces += 1;
    const kept = withoutCarriageReturn.slice(spaces);
    lines.push({ from, removed: spaces, to, length: kept.length });
    from += line.length + 1;
    to += kept.length + 1;
    return kept;
  });
  const sourceText = dedented.join('\n').trimEnd();
  const placeOf = (offset: number) => {
    const line = lines.findLast((candidate) => candidate.from <= offset) ?? lines[0]!;
    return Math.min(sourceText.length, line.to + Math.min(line.length, Math.max(0, offset - line.from - line.removed)));
  };
  return { sourceText, placeOf };
}

/** Where the rule's own `expr` scalar is written in its source text (not one merged in or an alias). */
function exprPlaceOf(rule: YAMLMap, source: { sourceText: string; placeOf(offset: number): number }): ExprPlace | undefined {
  const pair = rule.items.find((item) => isScalar(item.key) && item.key.value === 'expr');
  if (!pair || !isScalar(pair.value) || !pair.value.range || !isScalar(pair.key) || !pair.key.range) return undefined;
  const start = source.placeOf(pair.value.range[0]);
  const keyStart = source.placeOf(pair.key.range[0]);
  const block = pair.value.type === Scalar.BLOCK_LITERAL || pair.value.type === Scalar.BLOCK_FOLDED;
  return {
    start,
    end: source.placeOf(pair.value.range[1]),
    keyColumn: keyStart - (source.sourceText.lastIndexOf('\n', keyStart - 1) + 1),
    indicator: block ? /^[|>][-+0-9]*/.exec(source.sourceText.slice(start))![0] : '',
  };
}
