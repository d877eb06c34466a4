// Hugo's and hugo-book's built-in shortcodes, end to end: one small site holds a page per case, built
// once with the programmatic API; each row names the page's body and HTML fragments its output must
// (and must not) contain. Error rows build a site of their own and expect the exact `file:line:col`.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { maxNestingDepth } from '../src/shortcodes/parser.js';
import { SiteError } from '../src/util/diagnostics.js';
import { writeSite } from './helpers/site.js';

interface Case {
  readonly name: string;
  /** Folder of the page under content/ (default `cases`). */
  readonly folder?: string;
  readonly body: string;
  readonly contains: readonly string[];
  readonly lacks?: readonly string[];
}

const fence = '```';

const cases: readonly Case[] = [
  {
    name: 'relref-in-markdown-link',
    body: '[up]({{< relref "HaproxyUp" >}}) [section]({{< relref "/runbooks/haproxy" >}}) [home]({{< relref "/" >}})',
    contains: ['<a href="/repo/runbooks/haproxy/haproxyup/">up</a>', '<a href="/repo/runbooks/haproxy/">section</a>', '<a href="/repo/">home</a>'],
  },
  {
    name: 'ref-absolute-with-anchor',
    body: '[fix]({{< ref "/runbooks/haproxy/HaproxyUp.md#fix-it" >}}) and {{% ref "runbooks/haproxy/HaproxyUp.md" %}}',
    contains: ['<a href="https://org.github.io/repo/runbooks/haproxy/haproxyup/#fix-it">fix</a>', 'and <a href="https://org.github.io/repo/runbooks/haproxy/haproxyup/">'],
  },
  {
    name: 'relref-relative-folder-and-file-name',
    folder: 'runbooks/other',
    body: '[a]({{< relref "../haproxy/HaproxyUp.md" >}}) [b]({{< relref "UniqueName" >}}) [c]({{< relref "steps" >}}) [d]({{< relref "runbooks/haproxy/Steps.md" >}}) [self]({{< relref "#steps" >}})',
    contains: [
      '<a href="/repo/runbooks/haproxy/haproxyup/">a</a>',
      '<a href="/repo/runbooks/other/uniquename/">b</a>',
      '<a href="/repo/runbooks/other/steps/">c</a>',
      '<a href="/repo/runbooks/haproxy/steps/">d</a>',
      '<a href="/repo/runbooks/other/relref-relative-folder-and-file-name/#steps">self</a>',
    ],
  },
  {
    name: 'relref-escapes-anchor',
    body: '{{< relref "HaproxyUp#a b\\"<c>" >}}',
    contains: ['/repo/runbooks/haproxy/haproxyup/#a%20b%22%3Cc%3E'],
    lacks: ['<c>'],
  },
  {
    name: 'param-page-first-then-site-nested',
    body: 'owner={{< param "owner" >}} team={{< param "team.name" >}} shadowed={{% param "region" %}}',
    contains: ['owner=alice', 'team=SRE &#x26; Ops', 'shadowed=eu-west'],
  },
  {
    name: 'highlight-linenos-hl-lines',
    body: '{{< highlight yaml "linenos=table,hl_lines=2" >}}\na: 1\nb: "<x>"\n{{< /highlight >}}',
    contains: [
      '<pre class="highlight"><code class="hljs" data-lang="yaml">',
      '<span class="line"><span class="ln" aria-hidden="true">1</span><span class="hljs-attr">a:</span>',
      '<span class="line hl"><span class="ln" aria-hidden="true">2</span><span class="hljs-attr">b:</span> <span class="hljs-string">"&#x3C;x>"</span>',
    ],
  },
  {
    name: 'highlight-unknown-language-plain',
    body: '{{< highlight nosuchlang >}}\n<b>raw</b>\n{{< /highlight >}}',
    contains: ['<code class="hljs" data-lang="nosuchlang">&#x3C;b>raw&#x3C;/b></code>'],
  },
  {
    name: 'details-hugo-form',
    body: '{{< details summary="More <info>" open=true >}}\n*hidden*\n{{< /details >}}',
    contains: ['<details open><summary>More &#x3C;info></summary><p><em>hidden</em></p></details>'],
  },
  {
    name: 'details-hugo-book-form-markdown',
    body: '{{% details "Steps" %}}\n## Steps\n\n1. one\n{{% /details %}}',
    contains: ['<details><summary>Steps</summary>', '<h2 id="steps">Steps</h2>', '<li>one</li>'],
    lacks: ['<details open'],
  },
  {
    name: 'figure',
    body: '{{< figure src="/img/graph.png" caption="Latency \\"p99\\"" link="https://grafana.example/d/1" width="300" title="Graph" >}}',
    contains: [
      '<figure><a href="https://grafana.example/d/1"><img src="/repo/img/graph.png" alt="Latency &#x22;p99&#x22;" width="300"></a>',
      '<figcaption><h4 id="graph">Graph</h4><p>Latency "p99"</p></figcaption></figure>',
    ],
  },
  {
    name: 'hint-with-code-block',
    body: `{{< hint danger >}}\n**Careful**\n\n${fence}sh\nkill\n\nrestart\n${fence}\n{{< /hint >}}`,
    contains: ['<blockquote class="book-hint danger"><p><strong>Careful</strong>', 'kill</span>\n\nrestart'],
  },
  {
    name: 'tabs-radio-inputs',
    body: `{{< tabs "os" >}}\n{{% tab "Linux" %}}\n${fence}sh\nsystemctl restart x\n\nsystemctl status x\n${fence}\n{{% /tab %}}\n{{< tab "Mac <OS>" >}}\n**brew** services restart x\n{{< /tab >}}\n{{< tab "Windows" >}}\n${fence}\nnet stop x\n\nnet start x\n${fence}\n{{< /tab >}}\n{{< /tabs >}}`,
    contains: [
      '<div class="book-tabs"><input type="radio" class="toggle" name="tabs-os" id="tabs-os-0" checked>\n<label for="tabs-os-0">Linux</label>\n<div class="book-tabs-content markdown-inner">',
      'systemctl restart x\n\nsystemctl status x',
      '<input type="radio" class="toggle" name="tabs-os" id="tabs-os-1">\n<label for="tabs-os-1">Mac &#x3C;OS></label>\n<div class="book-tabs-content markdown-inner"><p><strong>brew</strong> services restart x</p></div>',
      '<label for="tabs-os-2">Windows</label>\n<div class="book-tabs-content markdown-inner"><pre><code>net stop x\n\nnet start x\n</code></pre></div></div>',
    ],
  },
  {
    name: 'columns',
    body: '{{< columns >}}\n**left**\n<--->\nright\n{{< /columns >}}',
    contains: ['<div class="book-columns flex flex-wrap"><div class="flex-even markdown-inner"><p><strong>left</strong></p></div><div class="flex-even markdown-inner"><p>right</p></div></div>'],
  },
  {
    name: 'button',
    body: '{{< button relref="/runbooks/haproxy/HaproxyUp.md" >}}**Up**{{< /button >}} {{< button href="https://example.org/?a=1&b=2" class="wide" >}}Docs{{< /button >}}',
    contains: [
      '<a href="/repo/runbooks/haproxy/haproxyup/" class="book-btn"><strong>Up</strong></a>',
      '<a href="https://example.org/?a=1&#x26;b=2" class="book-btn wide" target="_blank" rel="noopener">Docs</a>',
    ],
  },
  {
    name: 'mermaid',
    body: '{{< mermaid >}}\ngraph LR; A-->B\n{{< /mermaid >}}',
    contains: ['<pre class="mermaid">graph LR; A-->B</pre>'],
  },  {
    name: 'rule-in-list-item-stays-in-it',
    body: '1. Check:\n   {{% rule "evil.yml" "Evil" %}}\n2. Next',
    contains: ['<span class="hljs-string">"&#x3C;script>alert(1)&#x3C;/script>"</span>', '&#x3C;img</span>', '</code></pre></div>\n</li>\n<li>Next</li>\n</ol>'],
    lacks: ['<script>alert', '<img src=x'],
  },
  {
    name: 'rule-in-blockquote-in-list-item-stays-in-it',
    body: '> Quote:\n> {{% rule "evil.yml" "Evil" %}}\n\n- item\n  > {{% rule "evil.yml" "Evil" %}}\n  > after',
    contains: ['</code></pre></div>\n</blockquote>\n<ul>', '</code></pre></div>\n<p>after</p>\n</blockquote>\n</li>\n</ul>'],
    lacks: ['<script>alert', '<img src=x'],
  },
  {
    name: 'hint-in-list-item-keeps-its-code-block',
    body: `1. Step\n   {{% hint warning %}}\n   ${fence}sh\n   kill x\n   ${fence}\n   {{% /hint %}}\n2. Next`,
    contains: ['<li>\n<p>Step</p>\n<blockquote class="book-hint warning">', '<pre><code class="hljs language-sh"><span class="hljs-built_in">kill</span> x\n</code></pre>\n</blockquote>\n</li>'],
  },
  {
    name: 'url-arguments-drop-script-schemes',
    body: '{{< button href=" JaVa\tscript:alert(1)" >}}go{{< /button >}} {{% button href="data:text/html,x" %}}md{{% /button %}}\n\n{{< figure src="javascript:alert(2)" link="vbscript:msgbox" attrlink="data:x" attr="by" >}}',
    contains: ['<a href="#ZgotmplZ" class="book-btn" target="_blank" rel="noopener">go</a>', '<a href="#ZgotmplZ" class="book-btn" target="_blank" rel="noopener">md</a>', '<a href="#ZgotmplZ"><img src="#ZgotmplZ"></a>', '<a href="#ZgotmplZ">by</a>'],
    lacks: ['javascript:', 'vbscript:', 'data:'],
  },
  {
    name: 'literal-placeholder-text-stays-text',
    body: 'Tokens look like RBSHORTCODE0X and RBSHORTCODE1X. {{< button href="/x" >}}b{{< /button >}} {{< param "owner" >}}',
    contains: ['<p>Tokens look like RBSHORTCODE0X and RBSHORTCODE1X. <a href="/repo/x" class="book-btn"'],
  },
  {
    name: 'hints-nested-to-the-limit',
    body: `${'{{< hint >}}\n'.repeat(maxNestingDepth)}deep${'\n{{< /hint >}}'.repeat(maxNestingDepth)}`,
    contains: [`${'<blockquote class="book-hint">'.repeat(3)}`, '<p>deep</p>'],
  },
];

const site = writeSite(`
-- config.yaml --
baseURL: https://org.github.io/repo/
params:
  team:
    name: SRE & Ops
  region: us-east
-- rules/evil.yml --
groups:
  - name: evil
    rules:
      - alert: Evil
        expr: up == 0
        annotations:
          summary: "<script>alert(1)</script>"
          description: |
            line one

            <img src=x onerror=alert(2)>
-- content/_index.md --
# Home
-- content/runbooks/haproxy/_index.md --
# HAProxy
-- content/runbooks/haproxy/HaproxyUp.md --
# Up

## Fix it
-- content/runbooks/haproxy/Steps.md --
# Steps
-- content/runbooks/other/Steps.md --
# Steps
-- content/runbooks/other/UniqueName.md --
# Unique
${cases.map((row) => `-- content/${row.folder ?? 'cases'}/${row.name}.md --\n---\nowner: alice\nregion: eu-west\n---\n# ${row.name}\n\n${row.body}\n`).join('')}`);

function pageHtml(sitePath: string): string {
  return readFileSync(path.join(site, 'public', sitePath, 'index.html'), 'utf8');
}

beforeAll(async () => {
  await build({ source: site, strict: true });
});

describe('built-in shortcodes', () => {
  test.each(cases)('$name', ({ name, folder = 'cases', contains, lacks = [] }) => {
    const html = pageHtml(`${folder}/${name}`);
    for (const fragment of contains) expect(html).toContain(fragment);
    for (const fragment of lacks) expect(html).not.toContain(fragment);
  });

  test('the mermaid library is copied once and linked only from pages with a diagram', () => {
    const scripts = readdirSync(path.join(site, 'public', 'assets')).filter((file) => file.startsWith('mermaid-'));
    expect(scripts).toEqual([expect.stringMatching(/^mermaid-\d+\.\d+\.\d+\.min\.js$/)]);
    const script = `<script src="/repo/assets/${scripts[0]}" defer></script>`;
    expect(pageHtml('cases/mermaid')).toContain(script);
    expect(pageHtml('cases/figure')).not.toContain('mermaid-');
    expect(readFileSync(path.join(site, 'public', 'assets', scripts[0]!), 'utf8')).toContain('startOnLoad');
  });

  test('a site without diagrams gets no mermaid library', async () => {
    const plain = writeSite('-- content/_index.md --\n# Home\n\n{{</* mermaid */>}} is how you draw one.\n');
    await build({ source: plain });
    expect(existsSync(path.join(plain, 'public', 'assets'))).toBe(true);
    expect(readdirSync(path.join(plain, 'public', 'assets')).filter((file) => file.startsWith('mermaid-'))).toEqual([]);
  });
});

const errorCases: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['unknown relref target', 'Intro\n\nSee [x]({{< relref "runbooks/NoSuchPage.md" >}}).', /^content\/cases\/bad\.md:5:9: Unexpected `relref` target `runbooks\/NoSuchPage\.md`: no page found \(/],
  ['ambiguous ref by file name', '{{< ref "Same" >}}', /^content\/cases\/bad\.md:3:1: Unexpected `ref` target `Same`: 2 pages have that name \(content\/a\/Same\.md, content\/b\/Same\.md\)/],
  ['unknown button relref', '\n{{< button relref="Gone" >}}x{{< /button >}}', /^content\/cases\/bad\.md:4:1: Unexpected `button` target `Gone`/],
  ['unknown param', 'Owner: {{< param "nobody" >}}', /^content\/cases\/bad\.md:3:8: Param `nobody` not found/],
  ['tab outside tabs', '{{% tab "Linux" %}}x{{% /tab %}}', /^content\/cases\/bad\.md:3:1: Unexpected `tab` outside `tabs`/],
  ['figure without src', '{{< figure caption="x" >}}', /^content\/cases\/bad\.md:3:1: Missing `src` in `figure`/],
  ['2,000 nested hints', `${'{{< hint >}}\n'.repeat(2_000)}x${'{{< /hint >}}'.repeat(2_000)}`, /^content\/cases\/bad\.md:103:1: Unexpected shortcode `hint` nested 101 deep, expected at most 100 levels of nesting \(100 nested pairs is runbook-site's nesting limit/],
  ['5,000 nested shortcodes, mixed', `${'{{% details %}}{{< hint >}}'.repeat(2_500)}x`, /^content\/cases\/bad\.md:3:\d+: Unexpected shortcode `(hint|details)` nested 101 deep/],
  ['hint never closed', 'Intro\n\n{{< hint warning >}}\n**Careful**', /^content\/cases\/bad\.md:5:1: shortcode "hint" must be closed or self-closed \(add \{\{< \/hint >\}\}\)$/],
];

test('URL arguments drop script schemes with unsafe HTML off too', async () => {
  const safe = writeSite(`-- config.yaml --\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: false\n-- content/_index.md --\n# Home\n\n{{< button href="javascript:alert(1)" >}}go{{< /button >}}\n{{< figure src="data:image/svg+xml,x" link="javascript:x" >}}\n`);
  await build({ source: safe, cache: false });
  const html = readFileSync(path.join(safe, 'public', 'index.html'), 'utf8');
  expect(html).toContain('<a href="#ZgotmplZ" class="book-btn" target="_blank" rel="noopener">go</a>');
  expect(html).toContain('<a href="#ZgotmplZ"><img src="#ZgotmplZ"></a>');
  expect(html).not.toMatch(/javascript:|data:image/);
});

describe('shortcode errors name the page, line and column', () => {
  test.each(errorCases)('%s', async (_name, body, message) => {
    const bad = writeSite(`-- content/cases/bad.md --\n# Bad\n\n${body}\n-- content/a/Same.md --\n# A\n-- content/b/Same.md --\n# B\n`);
    const error = await build({ source: bad }).then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(SiteError);
    expect((error as SiteError).message).toMatch(message);
    expect(existsSync(path.join(bad, 'public'))).toBe(false);
  });
});
