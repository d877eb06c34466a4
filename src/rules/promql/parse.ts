// PromQL parsed by the Prometheus UI's own grammar (@prometheus-io/lezer-promql): the syntax tree of an
// expression and its syntax errors, placed by line and column within the expression. It checks syntax
// only (not function arities or types: that is Prometheus's to do when it loads the rule file).

import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

export interface PromqlSyntaxError {
  /** UTF-16 offset in the expression. */
  readonly offset: number;
  /** 1-based line within the expression. */
  readonly line: number;
  /** 1-based column within the expression. */
  readonly column: number;
  /** "Unexpected X" (vfile-message wording). */
  readonly message: string;
}

export interface ParsedPromql {
  readonly expr: string;
  readonly tree: Tree;
  /** Empty when the grammar accepts the expression. */
  readonly errors: readonly PromqlSyntaxError[];
}

/** The tree of `expr` and its syntax errors; never throws (the grammar recovers from errors). */
export function parse(expr: string): ParsedPromql {
  const tree = parser.parse(expr);
  const errors: PromqlSyntaxError[] = [];
  tree.iterate({
    enter(node) {
      if (!node.type.isError) return undefined;
      const { line, column } = lineAndColumn(expr, node.from);
      errors.push({ offset: node.from, line, column, message: unexpected(expr, node.node) });
      return false;
    },
  });
  return { expr, tree, errors };
}

/** What the parser stumbled on: the error node's own text, else the text right after it. */
function unexpected(expr: string, node: SyntaxNode): string {
  const text = expr.slice(node.from, node.to).trim() || /^\s*(\S+)/.exec(expr.slice(node.to))?.[1];
  return text ? `Unexpected \`${text.length > 20 ? `${text.slice(0, 20)}…` : text}\`` : 'Unexpected end of expression';
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
