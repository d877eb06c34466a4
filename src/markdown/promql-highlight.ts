// PromQL highlighted with Prometheus's own grammar (src/rules/promql tokens): hast spans of class
// `pql-<kind>` for the rule block's `expr:` value, fenced ```promql blocks and the `highlight` shortcode
// (it replaces the highlight.js PromQL grammar). Long tokens get `<wbr>`s where a narrow screen may wrap
// them. Text between tokens (brackets, spaces, a YAML value's quotes and indentation) stays plain text.

import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { promqlTokens, tokenClass } from '../rules/promql/index.js';

/**
 * `raw` (the value as written in YAML: quoted, or a block scalar with its indicator and indentation)
 * with the tokens of `expr` (the value YAML reads) marked. Each character of `expr` is found in order in
 * `raw`; what `raw` has in between (quotes, escapes' backslashes, indentation) stays plain text. For a
 * code block `expr` is `raw`.
 */
export function highlightPromql(raw: string, expr = raw): ElementContent[] {
  const map = alignment(raw, expr);
  if (!map) return [{ type: 'text', value: raw }];
  const out: ElementContent[] = [];
  let at = 0;
  for (const token of promqlTokens(expr)) {
    const from = map[token.from]!;
    const to = map[token.to - 1]! + 1;
    if (from > at) out.push({ type: 'text', value: raw.slice(at, from) });
    out.push(h('span', { className: [tokenClass(token.kind)] }, breakable(raw.slice(from, to))));
    at = to;
  }
  if (at < raw.length) out.push({ type: 'text', value: raw.slice(at) });
  return out;
}

/** Offsets in `raw` of each character of `expr` (plus its end), or undefined when `raw` does not hold it. */
export function alignment(raw: string, expr: string): number[] | undefined {
  const map: number[] = [];
  let j = 0;
  for (const character of expr) {
    for (let unit = 0; unit < character.length; unit += 1) {
      while (j < raw.length && raw[j] !== character[unit]) j += 1;
      if (j >= raw.length) return undefined;
      map.push(j);
      j += 1;
    }
  }
  map.push(j);
  return map;
}

/**
 * A long token (a metric name, a regular expression) with a `<wbr>` after each `_`, `|`, `,`, `.`, `/`,
 * `:` and `-`, so a narrow screen wraps it there rather than scrolling or breaking it mid-word.
 */
function breakable(text: string): ElementContent[] {
  if (text.length <= 24) return [{ type: 'text', value: text }];
  const out: ElementContent[] = [];
  for (const piece of text.split(/(?<=[_|,./:-])/)) {
    if (out.length > 0) out.push(h('wbr'));
    out.push({ type: 'text', value: piece });
  }
  return out;
}
