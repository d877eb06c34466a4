// The Alert Rule block: each code block showing one of the page's alert rules (the `rule` shortcode's
// YAML, usually inside a `<details>`) becomes a rule block, a hast tree:
//
//   div.rule-block[data-rule-index]           (index into PageData.rules; theme parts add to it)
//     p.rule-warning                           (only when the expression does not parse)
//     pre.rule-yaml
//       code[data-view=formatted]              (only when `promtool promql format` would split it)
//       code[data-view=source]                 (the rule exactly as in the file; hidden when formatted)
//
// The YAML is highlighted as YAML, its `expr:` value as PromQL (Prometheus's grammar, src/rules/promql).
// The summary line (`<summary>` of the enclosing `<details>`, else a row before the block) shows the
// rule's severity badge, `for` and `summary` annotation, so the reader sees them without opening it.
// A code block is recognised by its text being exactly the rule's source text, so a YAML block the
// author wrote by hand is left alone. Works on the hast tree in place, as a rehype plugin would.

import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { highlightCode } from '../markdown/code-highlight.js';
import { alignment, highlightPromql } from '../markdown/promql-highlight.js';
import { format, parse } from '../rules/promql/index.js';
import type { AlertRule, ExprPlace } from '../rules/types.js';
import { deriveAlways, type DerivedValues } from '../util/derived-values.js';
import { eachElement, SKIP } from '../util/tree-walk.js';

/** Severity names the theme colours; anything else is drawn as `other`. */
const severityClasses: Readonly<Record<string, string>> = {
  critical: 'critical', error: 'critical', page: 'critical',
  warning: 'warning', warn: 'warning',
  info: 'info', informational: 'info', notice: 'info', none: 'info',
};

export function severityClass(severity: string | undefined): string {
  return severityClasses[severity?.toLowerCase() ?? ''] ?? 'other';
}

export interface RuleBlockOptions {
  /** Alert Rule `<details>` open when the page loads (config `params.RuleBlockOpen`). */
  readonly open: boolean;
  /**
   * Rule blocks as earlier builds drew them (the build cache's): a block depends on its rule alone, and
   * a navigation change (a title) draws every page's layout again.
   */
  readonly derived?: DerivedValues;
}

/** The deepest indentation the theme's CSS has a hanging indent for (`.indent-0` to `.indent-24`). */
const MAX_INDENT = 24;

/** A PromQL syntax error of a rule's `expr`, placed in the rule file. */
export interface ExprProblem {
  readonly rule: AlertRule;
  /** 1-based line in the rule file. */
  readonly line: number;
  readonly message: string;
}

/** Turns the page's rule code blocks into rule blocks (in place); returns the expressions that do not parse. */
export function addRuleBlocks(content: Root, rules: readonly AlertRule[], options: RuleBlockOptions): ExprProblem[] {
  if (rules.length === 0) return [];
  const bySource = new Map(rules.map((rule, index) => [rule.sourceText.trimEnd(), { rule, index }]));
  const problems: ExprProblem[] = [];
  // Blocks are put in once per parent after the walk: a splice per block into the article's children
  // would be quadratic on a page showing thousands of rules.
  const replacement = new Map<ElementContent, ElementContent[]>();
  const parents = new Set<Root | Element>();
  eachElement(content, (element: Element, _index, parent) => {
    if (element.tagName !== 'pre') return undefined;
    const code = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    const found = code ? bySource.get(toString(code).trimEnd()) : undefined;
    if (!found) return SKIP;
    const { block, problem } = keptRuleBlock(found.rule, found.index, options.derived ?? deriveAlways);
    if (problem) problems.push(problem);
    const summary = parent.type === 'element' && parent.tagName === 'details' ? summaryOf(parent) : undefined;
    if (summary && parent.type === 'element') {
      summary.children.push(summaryLine(found.rule));
      if (options.open) parent.properties.open = true;
      replacement.set(element, [block]);
    } else {
      replacement.set(element, [h('div', { className: ['rule-summary'] }, [summaryLine(found.rule)]), block]);
    }
    parents.add(parent);
    return SKIP;
  });
  for (const parent of parents) {
    parent.children = parent.children.flatMap((child) => replacement.get(child as ElementContent) ?? [child]) as typeof parent.children;
  }
  return problems;
}

function summaryOf(details: Element): Element | undefined {
  return details.children.find((child): child is Element => child.type === 'element' && child.tagName === 'summary');
}

/** Severity badge, `for` and the summary annotation, as written (its `{{ $labels.x }}` is text). */
function summaryLine(rule: AlertRule): Element {
  return h('span', { className: ['rule-glance'] }, [
    h('span', { className: ['severity', `severity-${severityClass(rule.severity)}`] }, rule.severity ?? 'none'),
    h('span', { className: ['rule-for'] }, [h('span', { className: ['visually-hidden'] }, 'for '), `for ${rule.for ?? '0s'}`]),
    rule.annotations.summary ? h('span', { className: ['rule-summary-text'] }, rule.annotations.summary) : undefined,
  ]);
}

/** ruleBlock, or the block drawn last time for the same rule text and place. */
function keptRuleBlock(rule: AlertRule, index: number, derived: DerivedValues): { block: Element; problem?: ExprProblem } {
  const input = [rule.sourceText, rule.expr, rule.alert, rule.file, rule.line, index];
  const drawn = derived.value('rule-block', input, () => {
    const { block, problem } = ruleBlock(rule, index);
    return { block, problem: problem ? { line: problem.line, message: problem.message } : null };
  });
  return { block: drawn.block, problem: drawn.problem ? { rule, ...drawn.problem } : undefined };
}

function ruleBlock(rule: AlertRule, index: number): { block: Element; problem?: ExprProblem } {
  const place = rule.exprPlace;
  const parsed = parse(rule.expr);
  const source = place ? highlightedRule(rule.sourceText, place, rule.expr) : highlightYaml(rule.sourceText);
  const formatted = format(parsed);
  const views: Element[] = [];
  if (place && parsed.errors.length === 0 && formatted.includes('\n')) {
    const indent = ' '.repeat(place.keyColumn + 2);
    const value = `${place.indicator || '|'}\n${formatted.split('\n').map((line) => indent + line).join('\n')}`;
    const text = rule.sourceText.slice(0, place.start) + value + rule.sourceText.slice(place.end).replace(/^[ \t]*(?=\n|$)/, '');
    const formattedPlace = { ...place, end: place.start + value.length };
    views.push(codeView('formatted', highlightedRule(text, formattedPlace, formatted), false));
  }
  views.push(codeView('source', source, views.length > 0));
  const problem = parsed.errors[0] && place ? problemOf(rule, place, parsed.errors[0]) : undefined;
  const block = h('div', { className: ['rule-block'], dataRuleIndex: String(index), dataAlert: rule.alert }, [
    problem ? h('p', { className: ['rule-warning'], role: 'note' }, [
      h('strong', 'PromQL syntax error'), ` at ${rule.file}:${problem.line}: ${problem.message}. The expression is shown as written.`,
    ]) : undefined,
    h('pre', { className: ['rule-yaml'] }, views),
  ]);
  return { block, problem };
}

function codeView(view: 'formatted' | 'source', children: ElementContent[], hidden: boolean): Element {
  return h('code', { className: ['hljs', 'language-yaml'], dataView: view, hidden }, hangingLines(children));
}

/**
 * The highlighted YAML one `span.line` a line, each with its indentation as a class (`indent-4`: a class,
 * not a style attribute, so a page under a strict Content-Security-Policy keeps it), so a line too long
 * for the screen wraps under its own start (hanging indent, in the CSS) rather than at the left edge.
 * The line ends stay text between the spans: the code's text is unchanged.
 */
function hangingLines(children: ElementContent[]): ElementContent[] {
  return splitLines(children).flatMap((line, index): ElementContent[] => {
    const indent = /^ */.exec(toString({ type: 'root', children: line }))![0].length;
    const span = h('span', { className: ['line', `indent-${Math.min(indent, MAX_INDENT)}`] }, line);
    return index === 0 ? [span] : [{ type: 'text', value: '\n' }, span];
  });
}

/** Nodes split at their line ends; an element spanning lines (a block string) is cut into one per line. */
function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    const pieces: ElementContent[][] = node.type === 'text'
      ? node.value.split('\n').map((value) => (value ? [{ type: 'text', value }] : []))
      : node.type === 'element' && toString(node).includes('\n')
        ? splitLines(node.children).map((children) => (children.length > 0 ? [{ ...node, children }] : []))
        : [[node]];
    pieces.forEach((piece, index) => {
      if (index > 0) lines.push([]);
      lines.at(-1)!.push(...piece);
    });
  }
  return lines;
}

function problemOf(rule: AlertRule, place: ExprPlace, error: { offset: number; message: string }): ExprProblem {
  const at = alignment(rule.sourceText.slice(place.start, place.end), rule.expr)?.[error.offset] ?? 0;
  const lineInRule = rule.sourceText.slice(0, place.start + at).split('\n').length;
  return { rule, line: rule.line + lineInRule - 1, message: error.message };
}

/** The rule's YAML highlighted as YAML, with its `expr` value (at `place`) highlighted as the PromQL `expr`. */
function highlightedRule(text: string, place: ExprPlace, expr: string): ElementContent[] {
  const raw = text.slice(place.start, place.end);
  return [...highlightYaml(text.slice(0, place.start)), ...highlightPromql(raw, expr), ...highlightYaml(text.slice(place.end))];
}

function highlightYaml(text: string): ElementContent[] {
  return text ? (highlightCode(text, 'yaml') ?? []) : [];
}
