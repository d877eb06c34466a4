// The `highlight` shortcode (Hugo's): `{{< highlight yaml "linenos=table,hl_lines=2 4-5,linenostart=10" >}}`
// highlights its inner code at build time with the site's highlighter (context.highlightCode, so that
// loading the shortcodes does not load every highlight.js grammar).
// `linenos` (any value but false) numbers the lines, `hl_lines` marks lines; Hugo's other options
// (anchorlinenos, style...) are ignored. An unknown language is shown as plain text, as in Hugo.

import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const highlight: Shortcode = (args, inner, context) => {
  const language = (args.positional[0] ?? args.named.lang ?? '').toLowerCase();
  const options = parseOptions(args.positional[1] ?? args.named.options ?? '');
  const code = (inner ?? '').replace(/^\r?\n/, '').replace(/\s+$/, '');
  const tokens: ElementContent[] = (language ? context.highlightCode(code, language) : undefined) ?? [{ type: 'text', value: code }];
  const numbered = options.linenos !== undefined && options.linenos !== 'false';
  const marked = markedLines(options.hl_lines ?? '');
  const start = Number.parseInt(options.linenostart ?? '1', 10) || 1;
  const children = numbered || marked.size > 0
    ? splitLines(tokens).map((line, index) =>
        h('span', { className: marked.has(index + 1) ? ['line', 'hl'] : ['line'] }, [
          numbered ? h('span', { className: ['ln'], ariaHidden: 'true' }, String(start + index)) : undefined,
          ...line,
          '\n',
        ]))
    : tokens;
  // `data-lang` rather than a `language-` class: the page's highlighting step skips code without one,
  // so it does not highlight these tokens a second time (and drop the line markup).
  const output = h('pre', { className: ['highlight'] }, [h('code', { className: ['hljs'], dataLang: language || undefined }, children)]);
  return serialise(output);
};

export default highlight;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;

/** `linenos=table,hl_lines=2 4-5` → { linenos: 'table', hl_lines: '2 4-5' }. */
function parseOptions(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map((pair) => pair.split('=').map((part) => part.trim())).filter(([key]) => key).map(([key, value]) => [key!.toLowerCase(), value ?? 'true']),
  );
}

/** `2 4-5` → {2, 4, 5} (1-based line numbers). */
function markedLines(spec: string): Set<number> {
  const lines = new Set<number>();
  for (const range of spec.split(/\s+/).filter(Boolean)) {
    const [from, to] = range.split('-').map((bound) => Number.parseInt(bound, 10));
    if (from === undefined || Number.isNaN(from)) continue;
    for (let line = from; line <= (to === undefined || Number.isNaN(to) ? from : to); line += 1) lines.add(line);
  }
  return lines;
}

/** The highlighted tokens cut at each newline; a token spanning lines (a block string) is split, its class kept. */
function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    const parts: ElementContent[][] = node.type === 'text'
      ? node.value.split('\n').map((value) => (value ? [{ type: 'text', value }] : []))
      : node.type === 'element'
        ? splitLines(node.children).map((children) => (children.length > 0 ? [{ ...node, children }] : []))
        : [[node]];
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      lines.at(-1)!.push(...part);
    });
  }
  return lines;
}
