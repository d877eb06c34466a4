// Build-time highlighting of code: fenced code blocks (a rehype plugin) and the `highlight` shortcode
// alike, with highlight.js's common languages through lowlight, and PromQL with Prometheus's own grammar
// (promql-highlight.ts) instead of highlight.js's.
//
// The grammars are registered when a page first needs one: registering the 37 took ~21 ms of every
// build's start (and of each render worker's) though a rebuild's pages often hold no code to highlight,
// and rehype-highlight, which this plugin replaces, registered them all a second time for itself
// (~13 ms). All at once, not each on first use: a grammar may embed others (`shell` embeds `bash`,
// `xml` embeds `css` and `javascript`) and highlights them only when they are registered.

import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { toText } from 'hast-util-to-text';
import { common, createLowlight } from 'lowlight';
import { highlightPromql } from './promql-highlight.js';
import { eachElement, SKIP } from '../util/tree-walk.js';

let highlighter: ReturnType<typeof createLowlight> | undefined;

/** Tokens of `code` in `language`, undefined for a language highlight.js does not know. */
export function highlightCode(code: string, language: string): ElementContent[] | undefined {
  if (language === 'promql') return highlightPromql(code);
  if (!highlighter) {
    highlighter = createLowlight(common);
    highlighter.registerAlias({ yaml: ['yml'] });
  }
  return highlighter.registered(language) ? (highlighter.highlight(language, code).children as ElementContent[]) : undefined;
}

/**
 * Highlights code elements as rehype-highlight did: a `pre > code` of class `language-*` or `lang-*`
 * (not `no-highlight`) gets the `hljs` class first and, when highlight.js knows the language, its tokens.
 * A `code` of class `language-promql`, in a `pre` or not, gets PromQL's tokens and the `hljs` class last.
 */
export function rehypeHighlightCode() {
  return (tree: Root) => {
    eachElement(tree, (element, _index, parent) => {
      if (element.tagName !== 'code') return undefined;
      const classes = element.properties.className;
      if (Array.isArray(classes) && classes.includes('language-promql')) {
        element.children = highlightPromql(toString(element));
        if (!classes.includes('hljs')) classes.push('hljs');
        return SKIP;
      }
      const language = parent.type === 'element' && parent.tagName === 'pre' ? languageOf(element) : undefined;
      // `lang-promql` is left plain, as rehype-highlight (told PromQL is plain text) left it.
      if (!language || language === 'promql' || !Array.isArray(classes)) return undefined;
      if (!classes.includes('hljs')) classes.unshift('hljs');
      const tokens = highlightCode(toText(element, { whitespace: 'pre' }), language);
      if (tokens && tokens.length > 0) element.children = tokens;
      return SKIP;
    });
  };
}

/** The language a code element's classes name, as rehype-highlight reads them; undefined for `no-highlight`. */
function languageOf(code: Element): string | undefined {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return undefined;
  let language: string | undefined;
  for (const value of classes.map(String)) {
    if (value === 'no-highlight' || value === 'nohighlight') return undefined;
    if (!language && value.startsWith('lang-')) language = value.slice(5);
    if (!language && value.startsWith('language-')) language = value.slice(9);
  }
  return language;
}
