// PromQL laid out as `promtool promql format` prints it (Prometheus's promql/parser/prettier.go): a node
// whose one-line form is longer than 100 characters is split (binary operator on its own line between
// its operands, one level deeper; function arguments, aggregation and parenthesis bodies on their own
// lines), selectors and numbers never are, each level indented two spaces. Unlike promtool, tokens stay
// as written (label matchers are not sorted, `sum(x) by (job)` keeps its order, numbers and durations are
// not rewritten): the page shows the author's query, only laid out. An expression with a syntax error or
// a comment (promtool drops comments) is returned as written.

import type { SyntaxNode } from '@lezer/common';
import { parse, type ParsedPromql } from './parse.js';

export const MAX_LINE = 100;
const INDENT = '  ';

/** The expression laid out over lines; `expr` itself when it cannot be laid out safely. */
export function format(expr: string | ParsedPromql): string {
  const parsed = typeof expr === 'string' ? parse(expr) : expr;
  if (parsed.errors.length > 0 || hasComment(parsed)) return parsed.expr;
  const root = parsed.tree.topNode.firstChild;
  return root ? new Printer(parsed.expr).pretty(root, 0) : parsed.expr;
}

function hasComment(parsed: ParsedPromql): boolean {
  let found = false;
  parsed.tree.iterate({ enter: (node) => { if (node.name === 'LineComment') found = true; return !found; } });
  return found;
}

/** A node's named children (the tree keeps no punctuation: it lies in the source text between them). */
function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

/** Nodes whose parts are separated by one space (`a > bool 1`, `by (job)`, `x offset 5m`). */
const SPACED = new Set(['BinaryExpr', 'AggregateExpr', 'AggregateModifier', 'MatchingModifierClause', 'OffsetExpr', 'StepInvariantExpr',
  'FillModifier', 'AnchoredExpr', 'SmoothedExpr', 'BoolModifier']);

class Printer {
  constructor(private readonly source: string) {}

  /**
   * The node's parts: its children's one-line forms and the punctuation between them (the source text
   * between two children, whitespace removed: brackets, braces, commas, `:`), in order.
   */
  private parts(node: SyntaxNode): { text: string; child?: SyntaxNode }[] {
    const parts: { text: string; child?: SyntaxNode }[] = [];
    let at = node.from;
    const gap = (to: number) => {
      const text = this.source.slice(at, to).replace(/\s+/g, '');
      if (text) parts.push({ text });
    };
    for (const child of childrenOf(node)) {
      gap(child.from);
      parts.push({ text: this.flat(child), child });
      at = child.to;
    }
    gap(node.to);
    return parts;
  }

  /** The node on one line with canonical spacing (as Prometheus's String()). */
  flat(node: SyntaxNode): string {
    if (!node.firstChild || node.name === 'DurationExpr' || node.name === 'OffsetDurationExpr' || node.name === 'StringLiteral') {
      return this.source.slice(node.from, node.to).replace(/^\s+|\s+$/g, '');
    }
    return this.join(node, this.parts(node));
  }

  private join(node: SyntaxNode, parts: readonly { text: string; child?: SyntaxNode }[]): string {
    let text = '';
    parts.forEach((part, index) => {
      const previous = parts[index - 1];
      // Punctuation sticks to what precedes it; an aggregation's `(` to its operator (`sum(`).
      const attached = !previous || !part.child || previous.child?.name === 'AggregateOp' && part.child.name === 'FunctionCallBody';
      const spaced = SPACED.has(node.name) && !(previous?.child?.name === 'AggregateOp' && part.child?.name === 'FunctionCallBody') && !/^[()\],]/.test(part.text);
      text += (index > 0 && (spaced || (!attached && SPACED.has(node.name))) ? ' ' : '') + (part.child ? part.text : part.text.replace(/,(?=.)/g, ', ').replace(/, (?=[)}\]])/g, ','));
      if (!part.child && part.text.endsWith(',') && index < parts.length - 1) text += ' ';
    });
    return text;
  }

  /** The node at `level`, split over lines when its one-line form is too long. */
  pretty(node: SyntaxNode, level: number): string {
    const indent = INDENT.repeat(level);
    const flat = this.flat(node);
    if (flat.length <= MAX_LINE) return indent + flat;
    const parts = this.parts(node);
    const first = parts[0]?.child;
    switch (node.name) {
      case 'BinaryExpr': {
        const rhs = parts.at(-1)!.child!;
        const operator = this.join(node, parts.slice(1, -1));
        return `${this.pretty(first!, level + 1)}\n${indent}${operator}\n${this.pretty(rhs, level + 1)}`;
      }
      case 'AggregateExpr': {
        const pieces = parts.map((part) => (part.child?.name === 'FunctionCallBody' ? { text: this.body(part.child, level), child: part.child } : part));
        return indent + this.join(node, pieces);
      }
      case 'FunctionCall':
        return `${indent}${parts[0]!.text}${this.body(parts[1]!.child!, level)}`;
      case 'ParenExpr':
        return `${indent}(\n${this.pretty(parts[1]!.child!, level + 1)}\n${indent})`;
      case 'SubqueryExpr':
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        // The inner expression is laid out; its suffix (`[1h:5m]`, `offset 5m`) follows its last line.
        return `${this.pretty(first!, level)}${flat.slice(parts[0]!.text.length)}`;
      case 'UnaryExpr':
        return `${indent}${parts[0]!.text}${this.pretty(parts[1]!.child!, level).trimStart()}`;
      default:
        return indent + flat;
    }
  }

  /** `(` arguments `)` of a call or an aggregation, one argument a line, one level deeper. */
  private body(node: SyntaxNode, level: number): string {
    const args = childrenOf(node);
    if (args.length === 0) return '()';
    return `(\n${args.map((arg) => this.pretty(arg, level + 1)).join(',\n')}\n${INDENT.repeat(level)})`;
  }
}
