// Code blocks are highlighted at build time (src/markdown/code-highlight.ts): highlight.js's grammars,
// registered when a page first needs one, and PromQL with Prometheus's grammar. The first test must stay
// first: the module is fresh for this file, and a grammar that embeds another (`shell` embeds `bash`)
// is highlighted whole only when the one it embeds was registered with it.

import { toHtml } from 'hast-util-to-html';
import { describe, expect, test } from 'vitest';
import { highlightCode } from '../src/markdown/code-highlight.js';
import { createMarkdownRenderer } from '../src/markdown/processor.js';

function render(markdown: string): string {
  return toHtml(createMarkdownRenderer({ unsafeHtml: true })(markdown, new Map()));
}

describe('code highlighting', () => {
  test('the first block of a run, in a grammar embedding others, highlights the embedded languages too', () => {
    expect(render('```shell\n$ ls -la\n```')).toContain('<span class="hljs-meta prompt_">$ </span><span class="bash"><span class="hljs-built_in">ls</span> -la</span>');
    expect(render('```xml\n<a><script>var x = 1;</script></a>\n```')).toContain('<span class="javascript"><span class="hljs-keyword">var</span>');
  });

  test('a fenced block gets the `hljs` class first and its tokens; `yml` is YAML', () => {
    expect(render('```yml\na: 1\n```')).toBe('<pre><code class="hljs language-yml"><span class="hljs-attr">a:</span> <span class="hljs-number">1</span>\n</code></pre>');
  });

  test('a language highlight.js does not know stays plain text, marked `hljs`', () => {
    expect(render('```nosuchlanguage\nfoo <bar>\n```')).toBe('<pre><code class="hljs language-nosuchlanguage">foo &#x3C;bar>\n</code></pre>');
    expect(highlightCode('zzz', 'nosuchlanguage')).toBeUndefined();
  });

  test('raw HTML code blocks: `lang-*` is highlighted, `no-highlight` and code outside `pre` are not', () => {
    expect(render('<pre><code class="lang-python">def f(): pass</code></pre>')).toContain('<code class="hljs lang-python"><span class="hljs-keyword">def</span>');
    expect(render('<pre><code class="language-yaml no-highlight">a: 1</code></pre>')).toContain('<code class="language-yaml no-highlight">a: 1</code>');
    expect(render('<p><code class="language-yaml">a: 1</code></p>')).toContain('<code class="language-yaml">a: 1</code>');
  });

  test('PromQL is highlighted with Prometheus\'s grammar, in a fenced block and in inline code of its class', () => {
    expect(render('```promql\nup == 0\n```')).toBe('<pre><code class="language-promql hljs"><span class="pql-metric">up</span> <span class="pql-operator">==</span> <span class="pql-number">0</span>\n</code></pre>');
    expect(render('<p><code class="language-promql">up</code></p>')).toContain('<code class="language-promql hljs"><span class="pql-metric">up</span></code>');
  });
});
