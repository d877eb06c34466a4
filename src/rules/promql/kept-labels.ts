// Whether the series an alert's expression returns still carry a label (`instance`, `job`): a selector's
// series carry every label; `sum by (fqdn)` keeps only fqdn, `sum without (cpu)` all but cpu, `count(x)`
// none; `a / on(job) b` keeps job, `ignoring(x)` drops x, `group_left(y)` keeps the left side's and y;
// `and`/`unless` keep the left side's, `or` what both sides keep; functions keep their vector argument's
// (label_replace/label_join add theirs, histogram_quantile drops `le`, absent keeps its selector's
// equality matchers, vector()/time() none). An expression the grammar rejects keeps nothing we know of.
// Used by `annotate` to pass only labels an alert has; it does not evaluate anything.

import type { SyntaxNode } from '@lezer/common';
import { parse, type ParsedPromql } from './parse.js';

/** The labels a result carries: every label but some, or only some. A scalar carries none. */
type LabelSet = { readonly every: true; readonly but: ReadonlySet<string> } | { readonly every: false; readonly only: ReadonlySet<string> };

const EVERY: LabelSet = { every: true, but: new Set() };
const NONE: LabelSet = { every: false, only: new Set() };

/** Does every series `expr` returns keep the label `name` (as far as the expression alone tells)? */
export function keepsLabel(expr: string | ParsedPromql, name: string): boolean {
  const parsed = typeof expr === 'string' ? parse(expr) : expr;
  if (parsed.errors.length > 0) return false;
  const top = expressions(parsed.tree.topNode)[0];
  const labels = top ? labelsOf(top, parsed.expr) : NONE;
  return has(labels ?? NONE, name);
}

const has = (labels: LabelSet, name: string) => (labels.every ? !labels.but.has(name) : labels.only.has(name));
const only = (labels: LabelSet, names: readonly string[]): LabelSet => ({ every: false, only: new Set(names.filter((name) => has(labels, name))) });
const without = (labels: LabelSet, names: readonly string[]): LabelSet => labels.every
  ? { every: true, but: new Set([...labels.but, ...names]) }
  : { every: false, only: new Set([...labels.only].filter((name) => !names.includes(name))) };
const adding = (labels: LabelSet, names: readonly string[]): LabelSet => labels.every
  ? { every: true, but: new Set([...labels.but].filter((name) => !names.includes(name))) }
  : { every: false, only: new Set([...labels.only, ...names]) };
const common = (a: LabelSet, b: LabelSet): LabelSet => {
  if (a.every && b.every) return { every: true, but: new Set([...a.but, ...b.but]) };
  const listed = a.every ? b : a;
  const other = a.every ? a : b;
  return { every: false, only: new Set([...(listed as { only: ReadonlySet<string> }).only].filter((name) => has(other, name))) };
};

const EXPRESSIONS = new Set(['AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr',
  'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr']);

function expressions(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (EXPRESSIONS.has(child.name)) found.push(child);
  return found;
}

const text = (node: SyntaxNode, expr: string) => expr.slice(node.from, node.to);
const unquoted = (literal: string) => literal.slice(1, -1);
const groupingLabels = (node: SyntaxNode | null, expr: string) => (node?.getChildren('LabelName') ?? []).map((label) => text(label, expr));

/** The labels of a node's result; undefined for a scalar or string (it constrains no binary operation). */
function labelsOf(node: SyntaxNode, expr: string): LabelSet | undefined {
  switch (node.name) {
    case 'VectorSelector':
    case 'MatrixSelector':
      return EVERY;
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return undefined;
    case 'AggregateExpr':
      return aggregateLabels(node, expr);
    case 'BinaryExpr':
      return binaryLabels(node, expr);
    case 'FunctionCall':
      return functionLabels(node, expr);
    default: {
      const inner = expressions(node)[0];
      return inner ? labelsOf(inner, expr) : undefined;
    }
  }
}

function aggregateLabels(node: SyntaxNode, expr: string): LabelSet {
  const operator = node.getChild('AggregateOp')?.firstChild?.name ?? '';
  const body = node.getChild('FunctionCallBody');
  const args = body ? expressions(body) : [];
  const inner = (args.length > 0 ? labelsOf(args.at(-1)!, expr) : undefined) ?? NONE;
  // These pick series, they do not merge them: each keeps its labels.
  if (['Topk', 'Bottomk', 'LimitK', 'LimitRatio'].includes(operator)) return inner;
  const modifier = node.getChild('AggregateModifier');
  const grouping = groupingLabels(modifier?.getChild('GroupingLabels') ?? null, expr);
  const counted = operator === 'CountValues' && args[0]?.name === 'StringLiteral' ? [unquoted(text(args[0], expr))] : [];
  if (modifier?.getChild('Without')) return adding(without(inner, grouping), counted);
  return adding(modifier?.getChild('By') ? only(inner, grouping) : NONE, counted);
}

function binaryLabels(node: SyntaxNode, expr: string): LabelSet | undefined {
  const sides = expressions(node);
  const left = sides[0] ? labelsOf(sides[0], expr) : undefined;
  const right = sides[1] ? labelsOf(sides[1], expr) : undefined;
  if (!left || !right) return left ?? right;
  if (node.getChild('And') || node.getChild('Unless')) return left;
  if (node.getChild('Or')) return common(left, right);
  const matching = node.getChild('MatchingModifierClause');
  if (!matching) return left;
  const [on, included] = matching.getChildren('GroupingLabels');
  const matchingLabels = groupingLabels(on ?? null, expr);
  if (matching.getChild('GroupLeft')) return adding(left, groupingLabels(included ?? null, expr));
  if (matching.getChild('GroupRight')) return adding(right, groupingLabels(included ?? null, expr));
  return matching.getChild('On') ? only(left, matchingLabels) : without(left, matchingLabels);
}

function functionLabels(node: SyntaxNode, expr: string): LabelSet | undefined {
  const name = node.getChild('FunctionIdentifier')?.firstChild?.name ?? '';
  const body = node.getChild('FunctionCallBody');
  const args = body ? expressions(body) : [];
  if (['Vector', 'Time', 'Scalar', 'Pi'].includes(name)) return name === 'Vector' ? NONE : undefined;
  if (name === 'Absent' || name === 'AbsentOverTime') return absentLabels(args[0], expr);
  const vectorArgument = args.map((arg) => labelsOf(arg, expr)).find((labels) => labels !== undefined);
  // Date functions without an argument work on vector(time()): no labels.
  if (!vectorArgument) return args.length === 0 ? NONE : undefined;
  if (name === 'LabelReplace' || name === 'LabelJoin') {
    return args[1]?.name === 'StringLiteral' ? adding(vectorArgument, [unquoted(text(args[1], expr))]) : vectorArgument;
  }
  if (name === 'HistogramQuantile' || name === 'HistogramFraction') return without(vectorArgument, ['le']);
  return vectorArgument;
}

/** `absent(up{job="x"})` returns one series labelled with the selector's equality matchers. */
function absentLabels(argument: SyntaxNode | undefined, expr: string): LabelSet {
  const selector = argument?.name === 'MatrixSelector' ? argument.getChild('VectorSelector') : argument;
  if (selector?.name !== 'VectorSelector') return NONE;
  const matchers = selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
  return {
    every: false,
    only: new Set(matchers.filter((matcher) => matcher.getChild('MatchOp')?.getChild('EqlSingle')).flatMap((matcher) => {
      const label = matcher.getChild('LabelName');
      return label ? [text(label, expr)] : [];
    })),
  };
}
