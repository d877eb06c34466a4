// Raw HTML in Markdown: kept as written by default (authors are trusted, as Hugo with `unsafe: true`),
// sanitised with rehype-sanitize under `markup.unsafe: false` or Hugo's `markup.goldmark.renderer.unsafe:
// false`. Sanitising is about the author's raw HTML: the HTML of `{{< >}}` shortcodes (built by the
// shortcodes, with their arguments escaped) keeps its classes, as Hugo's does.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { writeSite } from './helpers/site.js';

const page = `
-- content/Raw.md --
# Raw

<script>window.__xss = 1</script>
<img src="x" onerror="window.__xss = 2">
<a href="javascript:window.__xss = 3">a link</a>
<p style="position:fixed" onclick="window.__xss = 4">styled</p>
<iframe src="https://example.com/"></iframe>

<details><summary>More</summary>

Inner **text**

</details>

{{< hint warning >}}Careful{{< /hint >}}

{{< rule "app.yml" "AppDown" >}}
-- rules/app.yml --
groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up == 0
`;

async function builtPage(config: string): Promise<string> {
  const site = writeSite(`-- config.yaml --\n${config}\n${page}`);
  await build({ source: site, strict: true });
  const html = readFileSync(path.join(site, 'public', 'raw', 'index.html'), 'utf8');
  return html.slice(html.indexOf('<h1'), html.lastIndexOf('</article>'));
}

describe.each([
  ['markup.unsafe: false', 'markup:\n  unsafe: false'],
  ["Hugo's markup.goldmark.renderer.unsafe: false", 'markup:\n  goldmark:\n    renderer:\n      unsafe: false'],
])('%s', (_name, config) => {
  test('sanitises the raw HTML of a page', async () => {
    const article = await builtPage(config);
    expect(article).not.toMatch(/<script|<iframe|onerror|onclick|javascript:|style=/);
    expect(article).toContain('<img src="x">');
    expect(article).toContain('<a>a link</a>');
    expect(article).toMatch(/<details><summary>More<\/summary>\s*<p>Inner <strong>text<\/strong><\/p>\s*<\/details>/);
  });

  test("keeps the shortcodes' own HTML", async () => {
    const article = await builtPage(config);
    expect(article).toMatch(/<blockquote class="book-hint warning">\s*<p>Careful<\/p>\s*<\/blockquote>/);
    expect(article).toMatch(/<pre class="rule-yaml"><code class="[^"]*language-yaml[^"]*"[^>]*><span class="line indent-0"><span class="hljs-attr">alert:<\/span>/);
  });
});

test('raw HTML is kept as written by default', async () => {
  const article = await builtPage('title: Raw');
  expect(article).toContain(`<script>window.__xss = 1</script>`);
  expect(article).toContain(`<img src="x" onerror="window.__xss = 2">`);
  expect(article).toContain(`<iframe src="https://example.com/"></iframe>`);
});
