// The shared PromQL module: expressions parsed by Prometheus's own grammar, their metric names and their
// highlighting tokens, the labels its result keeps. Used by search (metric names), the rule block's
// highlighting, `check` and `annotate` (kept labels).

export { parse, type ParsedPromql, type PromqlSyntaxError } from './parse.js';
export { keepsLabel } from './kept-labels.js';
export { metricNames } from './metric-names.js';
export { promqlTokens, tokenClass, type PromqlToken, type PromqlTokenKind } from './tokens.js';
export { format, MAX_LINE } from './format.js';
