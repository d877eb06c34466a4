// Copies of alert rules kept on a page: the YAML of a rule pasted into a `{{% comment %}}` block (fenced
// or bare) or into a plain ```yaml fence, holding `alert: NAME`. They are found in the page source with
// the shortcode lexer and parser, so text inside a `comment` counts (its inner content is parsed as nested
// shortcodes; only its text parts are read), and escaped shortcodes do not confuse it.
// Fences are found with remark's Markdown parser. Each copy carries its fields as written and the exact
// source range of its YAML mapping, so a fix can replace that range and nothing else. It compares nothing.

import type { Code } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { isMap, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';
import type { Page } from '../content/discover.js';
import { lineColumnAt } from '../util/diagnostics.js';
import { lexShortcodes, mayContainShortcodes } from '../shortcodes/lexer.js';
import { parseShortcodes, type ContentNode, type ShortcodeKinds } from '../shortcodes/parser.js';
import { scalarText } from '../rules/rule-index.js';

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

const markdownParser = unified().use(remarkParse);

/** The rule copies of a page, in source order. Throws the shortcode parser's SiteError on bad syntax. */
export function ruleCopies(page: Page, shortcodes: ShortcodeKinds): RuleCopy[] {
  const copies: RuleCopy[] = [];
  for (const region of textRegions(page.body, shortcodes)) {
    const text = page.body.slice(region.low, region.high);
    const fences = yamlFences(text);
    for (const fence of fences) copies.push(...copiesInYaml(page, fence.content, region.low + fence.low));
    // A comment may hold the rule's YAML without a fence.
    if (region.inComment && fences.length === 0 && /^\s*-?\s*alert\s*:/m.test(text)) copies.push(...copiesInYaml(page, text, region.low));
  }
  return copies;
}

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

/** Fenced code blocks of language yaml/yml, as offsets of their content in `text`. */
function yamlFences(text: string): { low: number; content: string }[] {
  const fences: { low: number; content: string }[] = [];
  visit(markdownParser.parse(text), 'code', (code: Code) => {
    if (!/^ya?ml$/i.test(code.lang ?? '')) return;
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
