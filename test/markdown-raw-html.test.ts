// Raw HTML in a page's Markdown is parsed as the HTML parser would parse the whole page, even though only
// the stretch holding raw HTML goes through parse5 (src/markdown/raw-html.ts): what the HTML leaves open
// still takes in the Markdown after it, and the Markdown after closed HTML stays as it is.

import { toHtml } from 'hast-util-to-html';
import { describe, expect, test } from 'vitest';
import { createMarkdownRenderer } from '../src/markdown/processor.js';

function render(markdown: string, unsafeHtml = true): string {
  return toHtml(createMarkdownRenderer({ unsafeHtml })(markdown, new Map())).replace(/\n/g, '');
}

describe.each([true, false])('raw HTML with unsafe %s', (unsafeHtml) => {
  test('a closed <details> wraps the rule block between its tags; the prose after it stays outside', () => {
    const html = render('# Alert\n\nIntro.\n\n<details>\n  <summary>Alert Rule</summary>\n\n```yaml\nalert: A\n```\n\n</details>\n\n## Meaning\n\nText.', unsafeHtml);
    expect(html).toMatch(/<details>\s*<summary>Alert Rule<\/summary><pre><code class="hljs language-yaml">.*<\/code><\/pre><\/details><h2 id="meaning">Meaning<\/h2><p>Text.<\/p>$/);
  });

  test('an element the HTML leaves open takes in every paragraph after it', () => {
    expect(render('# Alert\n\nIntro.\n\n<div>\n\nFirst.\n\nSecond.', unsafeHtml)).toContain('<div><p>First.</p><p>Second.</p></div>');
  });

  test('a formatting element left open is reopened in the next paragraph, as browsers do', () => {
    expect(render('# Alert\n\nSome <b>bold\n\nNext.', unsafeHtml)).toContain('<p>Some <b>bold</b></p><b><p>Next.</p></b>');
  });
});
