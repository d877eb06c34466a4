// Metric names of a PromQL expression, for search: the series selectors' names, without functions,
// aggregation operators, keywords, label names (in `{...}` matchers and `by`/`without`/`on`/`ignoring`/
// `group_*` lists), strings and durations. A light scanner, not a PromQL parser: it never rejects an
// expression (the rule file is Prometheus's to validate), it only misses a name in odd ones.

const KEYWORDS = new Set([
  'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'atan2', 'inf', 'nan',
  // Aggregation operators may be followed by `by (...)` rather than their argument list.
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio',
]);

/** Identifiers followed by one of these open a list of label names, not series. */
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** Distinct metric names in the order they first appear. */
export function metricNames(expr: string): string[] {
  const code = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^{}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]');
  const names: string[] = [];
  const identifier = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;
  for (let match = identifier.exec(code); match; match = identifier.exec(code)) {
    const name = match[0];
    const rest = code.slice(identifier.lastIndex).trimStart();
    if (LABEL_LIST_KEYWORDS.has(name.toLowerCase()) && rest.startsWith('(')) {
      identifier.lastIndex = code.indexOf(')', identifier.lastIndex) + 1 || code.length;
      continue;
    }
    if (rest.startsWith('(') || KEYWORDS.has(name.toLowerCase()) || isNumberPart(code, match.index)) continue;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** `1e3`, `0x1f` and durations such as `5m` (outside brackets, after `offset`) are not names. */
function isNumberPart(code: string, index: number): boolean {
  return index > 0 && /[0-9.]/.test(code[index - 1]!);
}
