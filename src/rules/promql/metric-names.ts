// Metric names of a PromQL expression, for search and links: the names of its series selectors (the
// `Identifier` of each `VectorSelector` of the parse tree, matrix and subquery selectors included), in
// the order they first appear. Label names, functions, keywords and strings are never names.

import { parse, type ParsedPromql } from './parse.js';

/** Distinct metric names in the order they first appear; from `expr` or an expression already parsed. */
export function metricNames(expr: string | ParsedPromql): string[] {
  const parsed = typeof expr === 'string' ? parse(expr) : expr;
  const names = new Set<string>();
  parsed.tree.iterate({
    enter(node) {
      if (node.name !== 'VectorSelector') return undefined;
      const identifier = node.node.getChild('Identifier');
      if (identifier) names.add(parsed.expr.slice(identifier.from, identifier.to));
      return false;
    },
  });
  return [...names];
}
