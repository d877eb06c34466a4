// Copies of alert rules kept on a page: the YAML of a rule pasted into a `{{% comment %}}` block (fenced
// or bare) or into a plain ```yaml fence, holding `alert: NAME`. They are found in the page source with
// the shortcode lexer and parser, so text inside a `comment` counts (its inner content is parsed as nested
// shortcodes; only its text parts are read), and escaped shortcodes do not confuse it.
// Fences are found with remark's Markdown parser. Each copy carries its fields as written and the exact
// source range of its YAML mapping, so a fix can replace that range and nothing else.
// A copy drifts when it differs from the rule file in `expr`, `for`, `labels` or an annotation other than
// the runbook link. `expr` is compared with runs of whitespace outside quoted strings made one space (a
// rule moved to an `expr: |` block or re-wrapped is the same query; whitespace inside a string literal is
// part of it); annotation values without trailing whitespace (`|` and `|-` differ only by the final line
// break). The copy is compared with the rules of its name that the page shows (else the site's one rule
// of that name), the closest one when there are several. check reports drifts, /alerts/ counts them.

import type { RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isMap, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';
import type { Page } from '../content/discover.js';
import { lineColumnAt } from '../util/diagnostics.js';
import { memoised } from '../util/memoise.js';
import { lexShortcodes, mayContainShortcodes } from '../shortcodes/lexer.js';
import { parseShortcodes, shortcodeKindsKey, type ContentNode, type ShortcodeKinds } from '../shortcodes/parser.js';
import { allRules, scalarText } from '../rules/rule-index.js';
import type { AlertRule } from '../rules/types.js';
import { alertRunbooksOf } from './alert-runbooks.js';
import type { SiteModel } from './site.js';
import { deriveAlways, type DerivedValues } from '../util/derived-values.js';
import { eachNode } from '../util/tree-walk.js';

/** The fields of a rule that a copy is compared on. */
export interface RuleFields {
  readonly expr?: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleCopy extends RuleFields {
  readonly alert: string;
  /** Offsets in the page body of the copy's YAML mapping, from its first key to the end of its last value. */
  readonly low: number;
  readonly high: number;
  /** 1-based line of the copy's first key in the page file. */
  readonly line: number;
  /** Column (0-based) the mapping starts at in its line: the indentation a rewrite keeps. */
  readonly indent: number;
}

/**
 * Finds fences only: the inline constructs (emphasis, links, code spans, inline HTML, autolinks, hard
 * breaks) are turned off, since no inline construct can change where a block such as a fence starts or
 * ends, and a fence search need not pay for them (~8% of the drift check on the corpus). Escapes and
 * character references stay: they can spell a fence's language.
 */
const markdownParser = unified().use(remarkParse).data('micromarkExtensions', [{
  disable: { null: ['attention', 'autolink', 'codeText', 'hardBreakEscape', 'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd'] },
}]);

/** The rule copies of a page, in source order. Throws the shortcode parser's SiteError on bad syntax. */
export function ruleCopies(page: Page, shortcodes: ShortcodeKinds): RuleCopy[] {
  const copies: RuleCopy[] = [];
  // Most of a page holds no `alert:` line; Markdown is parsed only where one is (on the corpus this cut
  // the drift check from 34 s to 5.6 s, both measured at a load average of 25 on 2 cores).
  if (!alertLine.test(page.body)) return copies;
  for (const region of textRegions(page.body, shortcodes)) {
    const text = page.body.slice(region.low, region.high);
    if (!alertLine.test(text)) continue;
    const fences = yamlFences(text);
    for (const fence of fences) copies.push(...copiesInYaml(page, fence.content, region.low + fence.low));
    // A comment may hold the rule's YAML without a fence.
    if (region.inComment && fences.length === 0) copies.push(...copiesInYaml(page, text, region.low));
  }
  return copies;
}

/** A line holding a rule's `alert` key (also as a list item). */
const alertLine = /^\s*-?\s*alert\s*:/m;

interface TextRegion {
  readonly low: number;
  readonly high: number;
  readonly inComment: boolean;
}

/** The page body's text outside shortcode tags, each part marked by whether it lies inside a `comment`. */
function textRegions(body: string, shortcodes: ShortcodeKinds): TextRegion[] {
  if (!mayContainShortcodes(body)) return [{ low: 0, high: body.length, inComment: false }];
  const nodes = parseShortcodes({ source: body, file: '', lineOffset: 0 }, lexShortcodes(body), shortcodes);
  const regions: TextRegion[] = [];
  const walk = (list: readonly ContentNode[], inComment: boolean) => {
    for (const node of list) {
      if (node.kind === 'text') regions.push({ low: node.low, high: node.high, inComment });
      else if (node.inner) walk(node.inner.nodes, inComment || node.name === 'comment');
    }
  };
  walk(nodes, false);
  return regions;
}

/** A fenced block's content and its offset in the text searched. */
export interface YamlFence {
  readonly low: number;
  readonly content: string;
}

/** Fenced code blocks of language yaml/yml, as offsets of their content in `text`. */
export function yamlFences(text: string): YamlFence[] {
  const single = soleYamlFence(text);
  return single ? [single] : parsedYamlFences(text);
}

/**
 * The common case without a parse (a `comment` holding one rule's fenced YAML: ~1,000 of the corpus's
 * pages, 0.15 s of a cold build): `text` is blank lines, one ```yaml or ~~~yaml fence opened at the
 * start of a line and closed by the last line that is not blank, and blank lines. Anything else
 * (indented, unclosed, closed early, text around it) is left to the parse.
 */
export function soleYamlFence(text: string): YamlFence | undefined {
  const opening = /^(?:[ \t]*\n)* {0,3}(`{3,}|~{3,})[ \t]*ya?ml[ \t]*\n/i.exec(text);
  if (!opening) return undefined;
  const marker = opening[1]!;
  const low = opening[0].length;
  const end = text.trimEnd().length;
  const lastLine = text.lastIndexOf('\n', end - 1) + 1;
  if (lastLine < low) return undefined;
  const closing = new RegExp(`^ {0,3}${marker[0]}{${marker.length},}[ \\t]*$`, 'm');
  const body = text.slice(low, end);
  const first = closing.exec(body);
  // The first closing line must be the last line (it may be the only one: an empty fence).
  if (!first || low + first.index !== lastLine) return undefined;
  return { low, content: text.slice(low, lastLine) };
}

/** yamlFences by remark's parse of `text`. */
export function parsedYamlFences(text: string): YamlFence[] {
  const fences: YamlFence[] = [];
  eachNode<RootContent>(markdownParser.parse(text), (code) => {
    if (code.type !== 'code' || !/^ya?ml$/i.test(code.lang ?? '')) return;
    const start = code.position?.start.offset;
    const end = code.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const contentLow = text.indexOf('\n', start) + 1;
    if (contentLow === 0 || contentLow > end) return;
    // The closing fence line is not content; an unclosed fence runs to the end.
    const lastLine = text.lastIndexOf('\n', end - 1) + 1;
    const closed = /^\s*(`{3,}|~{3,})\s*$/.test(text.slice(lastLine, end)) && lastLine >= contentLow;
    const contentHigh = closed ? lastLine : end;
    fences.push({ low: contentLow, content: text.slice(contentLow, contentHigh) });
  });
  return fences;
}

/** Copies in a piece of YAML: a mapping with `alert`, or a list of them. YAML that does not parse is no copy. */
function copiesInYaml(page: Page, yamlText: string, offset: number): RuleCopy[] {
  const documents = parseAllDocuments(yamlText, { prettyErrors: false });
  if (!Array.isArray(documents)) return [];
  return documents.flatMap((document) => {
    if (document.errors.length > 0) return [];
    const root = document.contents;
    const nodes: unknown[] = isSeq(root) ? root.items : [root];
    const maps = nodes.filter((node): node is YAMLMap => isMap(node));
    return maps.flatMap((map) => {
      const copy = copyOf(map, page, yamlText, offset);
      return copy ? [copy] : [];
    });
  });
}

function copyOf(map: YAMLMap, page: Page, yamlText: string, offset: number): RuleCopy | undefined {
  const alert = scalarText(map.get('alert', true));
  if (!alert || !map.range) return undefined;
  const [start, valueEnd] = map.range;
  const low = offset + start;
  return {
    alert,
    ...copyFields(map),
    low,
    // The mapping's range ends after its last value's line break; the copy ends at its last character.
    high: offset + yamlText.slice(0, valueEnd).trimEnd().length,
    line: lineColumnAt(page.body, low).line + page.bodyLineOffset,
    indent: start - (yamlText.lastIndexOf('\n', start - 1) + 1),
  };
}

function copyFields(map: YAMLMap): RuleFields {
  return {
    expr: scalarText(map.get('expr', true)),
    for: scalarText(map.get('for', true)),
    labels: scalarMap(map.get('labels', true)),
    annotations: scalarMap(map.get('annotations', true)),
  };
}

/** A mapping's scalar entries as text; anything else in a copy is left out of the comparison. */
function scalarMap(node: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!isMap(node)) return values;
  for (const pair of node.items) {
    const name = scalarText(pair.key);
    if (name !== undefined) values[name] = scalarText(pair.value) ?? '';
  }
  return values;
}

/** Annotations that hold the runbook link, which the copy need not repeat. */
export const runbookAnnotationKeys = ['runbook_url', 'runbook'] as const;

export interface FieldDifference {
  /** `expr`, `for`, `labels.NAME` or `annotations.NAME`. */
  readonly field: string;
  readonly copy: string | undefined;
  readonly rule: string | undefined;
}

export interface CopyDrift {
  readonly page: Page;
  readonly copy: RuleCopy;
  readonly rule: AlertRule;
  readonly differences: readonly FieldDifference[];
}

export interface DriftInput {
  readonly pages: readonly Page[];
  readonly shortcodes: ShortcodeKinds;
  /** The rules a page shows (its `rule` shortcodes). */
  rulesOf(page: Page): readonly AlertRule[];
  /** Every alert rule of the site, for copies on pages that do not show their rule. */
  readonly allRules: readonly AlertRule[];
  /** Annotation keys left out of the comparison besides runbook_url and runbook (the `annotate` key). */
  readonly runbookKeys?: readonly string[];
  /** Each page's copies as found by earlier builds (the build cache's). */
  readonly derived?: DerivedValues;
}

/** Every copy that differs from its rule; pages whose shortcodes do not parse are left to the page check. */
export function copyDrifts(input: DriftInput): CopyDrift[] {
  const ignored = new Set<string>([...runbookAnnotationKeys, ...(input.runbookKeys ?? [])]);
  const byName = new Map<string, AlertRule[]>();
  for (const rule of input.allRules) byName.set(rule.alert, [...(byName.get(rule.alert) ?? []), rule]);
  const derived = input.derived ?? deriveAlways;
  const kinds = shortcodeKindsKey(input.shortcodes);
  return input.pages.flatMap((page) => {
    const copies = derived.value('rule-copies', [page.body, page.bodyLineOffset, kinds], () => {
      try {
        return ruleCopies(page, input.shortcodes);
      } catch {
        return null;
      }
    });
    return (copies ?? []).flatMap((copy): CopyDrift[] => {
      const shown = input.rulesOf(page).filter((rule) => rule.alert === copy.alert);
      const site = byName.get(copy.alert) ?? [];
      const candidates = shown.length > 0 ? shown : site.length === 1 ? site : [];
      const closest = candidates
        .map((rule) => ({ rule, differences: differencesOf(copy, rule, ignored) }))
        .sort((a, b) => a.differences.length - b.differences.length)[0];
      return closest && closest.differences.length > 0 ? [{ page, copy, ...closest }] : [];
    });
  });
}

export function differencesOf(copy: RuleFields, rule: RuleFields, ignoredAnnotations: ReadonlySet<string>): FieldDifference[] {
  const differences: FieldDifference[] = [];
  if (normaliseExpr(copy.expr) !== normaliseExpr(rule.expr)) differences.push({ field: 'expr', copy: copy.expr, rule: rule.expr });
  if (copy.for?.trim() !== rule.for?.trim()) differences.push({ field: 'for', copy: copy.for, rule: rule.for });
  differences.push(...mapDifferences('labels', copy.labels, rule.labels, new Set()));
  differences.push(...mapDifferences('annotations', copy.annotations, rule.annotations, ignoredAnnotations));
  return differences;
}

function mapDifferences(
  name: string,
  copy: Readonly<Record<string, string>>,
  rule: Readonly<Record<string, string>>,
  ignored: ReadonlySet<string>,
): FieldDifference[] {
  const keys = [...new Set([...Object.keys(rule), ...Object.keys(copy)])].filter((key) => !ignored.has(key));
  return keys
    .filter((key) => copy[key]?.trimEnd() !== rule[key]?.trimEnd())
    .map((key) => ({ field: `${name}.${key}`, copy: copy[key], rule: rule[key] }));
}

/** The expression with whitespace runs outside quoted strings as one space, trimmed. */
export function normaliseExpr(expr: string | undefined): string | undefined {
  if (expr === undefined) return undefined;
  let result = '';
  let quote: string | undefined;
  let pendingSpace = false;
  for (let index = 0; index < expr.length; index += 1) {
    const character = expr[index]!;
    if (quote) {
      result += character;
      if (character === '\\' && quote !== '`') result += expr[++index] ?? '';
      else if (character === quote) quote = undefined;
      continue;
    }
    if (/\s/.test(character)) {
      pendingSpace = result.length > 0;
      continue;
    }
    if (pendingSpace) result += ' ';
    pendingSpace = false;
    if (character === '"' || character === "'" || character === '`') quote = character;
    result += character;
  }
  return result;
}

/**
 * The site's rule copies that differ from their rules (check, its fix, and the coverage of /alerts/),
 * found once per site model: check asks for them and then runs the alerts index generator, which asks again.
 */
export const ruleCopyDrifts = memoised((model: SiteModel): CopyDrift[] => {
  const index = alertRunbooksOf(model);
  return copyDrifts({
    pages: model.site.pages,
    shortcodes: model.shortcodes,
    rulesOf: (page) => index.referencesOf(page).flatMap((reference) => reference.rules),
    allRules: allRules(model.rules),
    runbookKeys: [model.config.annotate.key],
    derived: model.derived,
  });
});
