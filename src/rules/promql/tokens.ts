// The highlighting tokens of a PromQL expression: each a range of the expression with the class of what
// it is (function, aggregation, metric name, label, string, number, duration, operator, keyword,
// comment, syntax error), from the parse tree. Ranges are ordered and never overlap; text between them
// (brackets, commas, spaces) has no class. The theme colours the classes (theme/assets/style.css).

import type { SyntaxNodeRef } from '@lezer/common';
import { parse, type ParsedPromql } from './parse.js';

export type PromqlTokenKind =
  | 'function' | 'aggregation' | 'metric' | 'label' | 'match' | 'string' | 'number' | 'duration'
  | 'operator' | 'keyword' | 'comment' | 'error';

export interface PromqlToken {
  readonly from: number;
  readonly to: number;
  readonly kind: PromqlTokenKind;
}

/** The class name of a token kind in the HTML (`pql-metric`). */
export function tokenClass(kind: PromqlTokenKind): string {
  return `pql-${kind}`;
}

const kindByNode: Readonly<Record<string, PromqlTokenKind>> = {
  FunctionIdentifier: 'function', DurationStep: 'function', DurationRange: 'function', DurationMinOf: 'function', DurationMaxOf: 'function',
  AggregateOp: 'aggregation',
  Identifier: 'metric',
  LabelName: 'label', QuotedLabelName: 'label',
  MatchOp: 'match',
  StringLiteral: 'string',
  LineComment: 'comment',
  And: 'operator', Or: 'operator', Unless: 'operator', Atan2: 'operator', UnaryOp: 'operator',
  Pow: 'operator', Mul: 'operator', Div: 'operator', Mod: 'operator', Add: 'operator', Sub: 'operator',
  Eql: 'operator', Neq: 'operator', Lte: 'operator', Lss: 'operator', Gte: 'operator', Gtr: 'operator', TrimUpper: 'operator', TrimLower: 'operator',
  By: 'keyword', Without: 'keyword', Bool: 'keyword', On: 'keyword', Ignoring: 'keyword', GroupLeft: 'keyword', GroupRight: 'keyword',
  Offset: 'keyword', At: 'keyword', AtModifierPreprocessors: 'keyword', Smoothed: 'keyword', Anchored: 'keyword',
  Fill: 'keyword', FillLeft: 'keyword', FillRight: 'keyword',
};

const DURATION = /^\d+(ms|[smhdwy])(\d+(ms|[smhdwy]))*$/;

/** Tokens of `expr` (or of an expression already parsed), in order. */
export function promqlTokens(expr: string | ParsedPromql): PromqlToken[] {
  const parsed = typeof expr === 'string' ? parse(expr) : expr;
  const tokens: PromqlToken[] = [];
  parsed.tree.iterate({
    enter(node) {
      const kind = kindOf(node, parsed.expr);
      if (!kind) return undefined;
      // A zero-width error node marks a place (a missing token); it has no text to colour.
      if (node.to > node.from) tokens.push({ from: node.from, to: node.to, kind });
      return false;
    },
  });
  return tokens;
}

function kindOf(node: SyntaxNodeRef, expr: string): PromqlTokenKind | undefined {
  if (node.type.isError) return 'error';
  if (node.name === 'NumberDurationLiteral' || node.name === 'NumberDurationLiteralInDurationContext') {
    return DURATION.test(expr.slice(node.from, node.to).replace(/^[-+]/, '')) ? 'duration' : 'number';
  }
  return kindByNode[node.name];
}
