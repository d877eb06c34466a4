// The shortcode grammar, as a table: one row per input and its expansion, or its exact `file:line:col`
// error. Small fake shortcodes stand in for real ones, so the rows test the engine, not a shortcode.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatPlace, SiteError, type Diagnostic } from '../src/util/diagnostics.js';
import type { RuleIndex } from '../src/rules/types.js';
import { expandShortcodes, type ExpandResult } from '../src/shortcodes/expand.js';
import { builtinShortcodeNames, loadShortcodes } from '../src/shortcodes/registry.js';
import type { Shortcode } from '../src/shortcodes/types.js';
import comment from '../shortcodes/comment.js';

/** `[positional|key=value:inner]`: shows exactly what the engine passed. */
const echo: Shortcode = (args, inner) => {
  const named = Object.entries(args.named).map(([key, value]) => `${key}=${value}`);
  return `[${[...args.positional, ...named].join('|')}${inner === undefined ? '' : `:${inner}`}]`;
};

const fakeShortcodes: ReadonlyMap<string, Shortcode> = new Map<string, Shortcode>([
  ['echo', echo],
  ['upper', (_args, inner) => (inner ?? '').toUpperCase()],
  ['kind', (_args, _inner, context) => (context.markdown ? 'markdown' : '<b>html</b>')],
  ['emit', (args) => args.positional.join(' ')],
  ['comment', comment],
  ['warn', (_args, _inner, context) => {
    context.warn({ reason: 'Unexpected thing, expected other thing', ruleId: 'test/warned' });
    return 'warned';
  }],
  ['fail', (_args, _inner, context) => context.fail({ reason: 'Unexpected alert, expected another', hint: 'pick another', ruleId: 'test/failed' })],
  ['boom', () => {
    throw new Error('kaboom');
  }],
  ['number', () => 42 as unknown as string],
]);

const fakeRules: RuleIndex = { rulesDir: '/nonexistent/rules', load: () => undefined, all: () => [] };

function expand(source: string, lineOffset = 0, onWarning: (d: Diagnostic) => void = () => {}): ExpandResult {
  return expandShortcodes(source, {
    file: 'content/x.md',
    lineOffset,
    shortcodes: fakeShortcodes,
    page: { file: 'content/x.md', params: {} },
    site: { baseURL: 'https://example.org/', params: {} },
    rules: fakeRules,
    pages: { find: () => [] },
    renderMarkdown: () => ({ type: 'root', children: [] }),
    highlightCode: () => undefined,
    onWarning,
  });
}

/** The page as it reads once the HTML step has put every token back. */
function expandAndResolve(source: string): string {
  const { markdown, html } = expand(source);
  return markdown.replace(/RBSHORTCODE\d+X/g, (token) => html.get(token) ?? `<missing ${token}>`);
}

function errorOf(run: () => unknown): SiteError {
  try {
    run();
  } catch (error) {
    if (error instanceof SiteError) return error;
    throw error;
  }
  throw new Error('expected a SiteError');
}

describe('expansion', () => {
  test.each([
    ['no shortcode', 'plain {{ $labels.instance }} text', 'plain {{ $labels.instance }} text'],
    ['positional bare words', 'a {{% echo x y/z %}} b', 'a [x|y/z] b'],
    ['named', '{{% echo key="v" other=w %}}', '[key=v|other=w]'],
    ['quoted with escapes', String.raw`{{% echo "a b" "say \"hi\"" "c:\\d" "\d+" %}}`, String.raw`[a b|say "hi"|c:\d|\d+]`],
    ['raw string', '{{% echo `a "b" \\n` %}}', '[a "b" \\n]'],
    ['arguments over several lines', '{{% echo\n  a\n  key %}}', '[a|key]'],
    ['no spaces inside delimiters', '{{%echo a%}}', '[a]'],
    ['paired', '{{% echo %}}inner{{% /echo %}}', '[:inner]'],
    ['paired with spaced closing tag', '{{% echo %}}in{{%/ echo%}}', '[:in]'],
    ['nested, inner first', '{{% upper %}}x {{% echo y %}} z{{% /upper %}}', 'X [Y] Z'],
    ['nested, same name', '{{% echo 1 %}}a{{% echo 2 %}}b{{% /echo %}}c{{% /echo %}}', '[1:a[2:b]c]'],
    ['standalone without closing tag', '{{% echo a %}} text {{% echo b %}}', '[a] text [b]'],
    ['standalone inside a pair', '{{% echo 1 %}}a{{% upper %}}b{{% /echo %}}', '[1:ab]'],
    ['self-closing HTML', '{{< echo x />}} after', '[x] after'],
    ['self-closing Markdown', '{{% echo x /%}} after', '[x] after'],
    ['HTML output', '{{< kind >}} and {{% kind %}}', '<b>html</b> and markdown'],
    ['HTML inside HTML gets HTML', '{{< echo >}}a {{< kind >}}{{< /echo >}}', '[:a <b>html</b>]'],
    ['escaped HTML form', 'see {{</* echo x */>}}', 'see {{< echo x >}}'],
    ['escaped Markdown form', 'see {{%/* echo "x" */%}}', 'see {{% echo "x" %}}'],
    ['escaped inside a pair', '{{% echo %}}{{</* nope */>}}{{% /echo %}}', '[:{{< nope >}}]'],
    ['<<% %>> synonym', '<<% echo x %>> and <<% echo %>>in<<% /echo %>>', '[x] and [:in]'],
    ['<<% %>> is Markdown', '<<% kind %>>', 'markdown'],
    ['inside fenced code', '```\n{{% echo x %}}\n```', '```\n[x]\n```'],
    ['inside inline code', 'run `{{< echo x >}}`', 'run `[x]`'],
    ['escaped inside fenced code', '```\n{{%/* echo x */%}}\n```', '```\n{{% echo x %}}\n```'],
    ['comment drops its content', 'a{{% comment %}}draft{{% /comment %}}b', 'ab'],
    [
      'comment content need not be valid',
      'a{{% comment %}}{{ $labels.instance }} {{% nope "x %}} {{< {{%{{% /comment %}}b',
      'ab',
    ],
    ['HTML comment', 'a{{< comment >}}{{ .Value }}{{< /comment >}}b', 'ab'],
    ['comment standalone', 'a{{% comment %}}b', 'ab'],
    ['output is not scanned again', '{{% emit "{{%" echo "%}}" %}}', '{{% echo %}}'],
  ])('%s', (_name, source, expected) => {
    expect(expandAndResolve(source)).toBe(expected);
  });

  test('HTML output stays out of the Markdown as alphanumeric tokens', () => {
    const result = expand('a {{< kind >}} b {{% kind %}} {{< echo x />}}');
    expect(result.markdown).toBe('a RBSHORTCODE0X b markdown RBSHORTCODE1X');
    expect([...result.html]).toEqual([
      ['RBSHORTCODE0X', '<b>html</b>'],
      ['RBSHORTCODE1X', '[x]'],
    ]);
  });

  test('tokens of HTML nested in HTML are spent, and numbers are not reused', () => {
    const result = expand('{{< echo >}}{{< kind >}}{{< /echo >}} {{< kind >}}');
    expect(result.markdown).toBe('RBSHORTCODE1X RBSHORTCODE2X');
    expect([...result.html.keys()]).toEqual(['RBSHORTCODE1X', 'RBSHORTCODE2X']);
  });

  test('Markdown output keeps the tokens of nested HTML', () => {
    const result = expand('{{% echo %}}{{< kind >}}{{% /echo %}}');
    expect(result.markdown).toBe('[:RBSHORTCODE0X]');
    expect(result.html.get('RBSHORTCODE0X')).toBe('<b>html</b>');
  });

  test('named argument keys are plain keys, even __proto__', () => {
    expect(expandAndResolve('{{% echo __proto__="x" %}}')).toBe('[__proto__=x]');
  });

  test('a document of 20,000 shortcodes', () => {
    const count = 20_000;
    const source = Array.from({ length: count }, (_, index) =>
      index % 2 === 0 ? `{{% echo ${index} %}}` : `{{< echo "${index}" />}}`,
    ).join('\n');
    const result = expand(source);
    expect(result.html.size).toBe(count / 2);
    expect(expandAndResolve(source).split('\n').at(-1)).toBe(`[${count - 1}]`);
  });

  test('20,000 standalone shortcodes before one pair, and 5,000 nested pairs', () => {
    const standalone = '{{% echo %}}'.repeat(20_000);
    expect(expandAndResolve(`${standalone}x{{% /echo %}}`)).toBe(`${'[]'.repeat(19_999)}[:x]`);
    const depth = 5_000;
    const nested = `${'{{% echo %}}'.repeat(depth)}x${'{{% /echo %}}'.repeat(depth)}`;
    expect(expandAndResolve(nested)).toBe(`${'[:'.repeat(depth)}x${']'.repeat(depth)}`);
  });
});

describe('errors name the file, line and column of the shortcode', () => {
  test.each([
    ['unclosed at end of file', 'a\n{{% echo x', 0, 'shortcode/unclosed', 'content/x.md:2:1: Unexpected end of file in shortcode `{{% echo`, expected `%}}` or an argument'],
    ['unclosed, lines offset by front matter', 'a\n  {{% echo x', 3, 'shortcode/unclosed', 'content/x.md:5:3: Unexpected end of file in shortcode `{{% echo`, expected `%}}` or an argument'],
    ['unclosed before another shortcode', '{{% echo x\n{{% echo y %}}', 0, 'shortcode/syntax', 'content/x.md:1:1: Unexpected `{` in shortcode `{{% echo`, expected `%}}` or an argument'],
    ['unclosed <<%', 'x <<% echo %}}', 0, 'shortcode/syntax', 'content/x.md:1:3: Unexpected `%` in shortcode `<<% echo`, expected `%>>` or an argument'],
    ['unclosed closing tag', '{{% echo %}}a{{% /echo x %}}', 0, 'shortcode/syntax', 'content/x.md:1:14: Unexpected `x` in shortcode `{{% /echo`, expected `%}}` after the closing tag\'s name'],
    ['missing name', 'x\n{{% %}}', 0, 'shortcode/syntax', 'content/x.md:2:1: Unexpected `%`, expected a shortcode name'],
    ['closing tag without opening', 'text {{% /echo %}}', 1, 'shortcode/unexpected-closing', 'content/x.md:2:6: Unexpected closing tag `{{% /echo %}}`, expected an opening `{{% echo %}}` before it'],
    ['mis-nested pairs', '{{% echo %}}{{% upper %}}\n{{% /echo %}}{{% /upper %}}', 0, 'shortcode/mis-nested', 'content/x.md:2:1: Unexpected closing tag `{{% /echo %}}`, expected `{{% /upper %}}` first'],
    ['unknown shortcode', 'a\n  {{< nope x >}}', 2, 'shortcode/unknown', 'content/x.md:4:3: Unexpected shortcode `nope`, expected a known shortcode'],
    ['positional then named', '{{% echo a key="b" %}}', 0, 'shortcode/mixed-arguments', 'content/x.md:1:1: Unexpected argument `key` in shortcode `echo`, expected only positional or only named arguments'],
    ['named then positional', 'é {{% echo key="b" a %}}', 0, 'shortcode/mixed-arguments', 'content/x.md:1:3: Unexpected argument `a` in shortcode `echo`, expected only positional or only named arguments'],
    ['unterminated quoted string', '{{% echo "abc %}}\ntext', 0, 'shortcode/unterminated-string', 'content/x.md:1:1: Unexpected end of file in a quoted argument of shortcode `echo`, expected a closing `"`'],
    ['unterminated raw string', '\n{{< echo `abc >}}', 0, 'shortcode/unterminated-string', 'content/x.md:2:1: Unexpected end of file in a raw string argument of shortcode `echo`, expected a closing `` ` ``'],
    ['named argument without value', '{{% echo key= %}}', 0, 'shortcode/syntax', 'content/x.md:1:1: Unexpected ` ` after `key=`, expected a value'],
    ['two equals signs', '{{% echo a=b=c %}}', 0, 'shortcode/syntax', 'content/x.md:1:1: Unexpected `=` at column 13 in shortcode `echo`, expected whitespace between arguments'],
    ['unclosed escaped form', 'x {{</* echo */%}}', 0, 'shortcode/syntax', 'content/x.md:1:3: Unexpected end of file in an escaped shortcode, expected `*/>}}`'],
    ['shortcode fails', '\n\n   {{% fail %}}', 4, 'test/failed', 'content/x.md:7:4: Unexpected alert, expected another'],
    ['shortcode throws', '{{% echo %}}{{< boom >}}{{% /echo %}}', 0, 'shortcode/failed', 'content/x.md:1:13: Unexpected error in shortcode `boom`: kaboom'],
    ['shortcode returns no string', '{{% number %}}', 0, 'shortcode/failed', 'content/x.md:1:1: Unexpected number returned by shortcode `number`, expected a string'],
  ])('%s', (_name, source, lineOffset, ruleId, expected) => {
    const error = errorOf(() => expand(source, lineOffset));
    expect(`${formatPlace(error)}: ${error.reason}`).toBe(expected);
    expect(error.ruleId).toBe(ruleId);
    expect(error.hint).toBeTruthy();
  });

  test('the unknown-shortcode hint lists the known names', () => {
    expect(errorOf(() => expand('{{% nope %}}')).hint).toBe(
      'known shortcodes: boom, comment, echo, emit, fail, kind, number, upper, warn; a site adds one as shortcodes/nope.mjs',
    );
  });

  test('an error wrapping a thrown one keeps it as the cause', () => {
    expect((errorOf(() => expand('{{< boom >}}')).cause as Error).message).toBe('kaboom');
  });

  test('warnings carry the place and do not stop the page', () => {
    const warnings: Diagnostic[] = [];
    expect(expand('x\n {{% warn %}}', 10, (warning) => warnings.push(warning)).markdown).toBe('x\n warned');
    expect(warnings).toEqual([
      { file: 'content/x.md', line: 12, column: 2, reason: 'Unexpected thing, expected other thing', ruleId: 'test/warned' },
    ]);
  });
});

describe('loadShortcodes', () => {
  async function withSite(files: Record<string, string>, run: (siteDir: string) => Promise<void>): Promise<void> {
    const siteDir = await mkdtemp(path.join(tmpdir(), 'runbook-site-shortcodes-'));
    try {
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(siteDir, file)), { recursive: true });
        await writeFile(path.join(siteDir, file), text);
      }
      await run(siteDir);
    } finally {
      await rm(siteDir, { recursive: true, force: true });
    }
  }

  test('built-ins only, when the site has no shortcodes folder', async () => {
    await withSite({}, async (siteDir) => {
      expect([...(await loadShortcodes(siteDir)).keys()]).toEqual([...builtinShortcodeNames]);
      expect(builtinShortcodeNames).toEqual(['button', 'columns', 'comment', 'details', 'figure', 'highlight', 'hint', 'mermaid', 'param', 'ref', 'relref', 'rule', 'tab', 'tabs']);
    });
  });

  test('site modules add shortcodes and override built-ins by file name', async () => {
    const files = {
      'shortcodes/hello.mjs': 'export default (args) => `hello ${args.positional[0]}`;',
      'shortcodes/comment.js': 'export default (args, inner) => `kept: ${inner}`;',
      'shortcodes/notes.txt': 'not a module',
    };
    await withSite(files, async (siteDir) => {
      const shortcodes = await loadShortcodes(siteDir);
      expect([...shortcodes.keys()].sort()).toEqual([...builtinShortcodeNames, 'hello'].sort());
      expect(shortcodes.get('hello')!({ positional: ['you'], named: {} }, undefined, {} as never)).toBe('hello you');
      expect(shortcodes.get('comment')!({ positional: [], named: {} }, 'x', {} as never)).toBe('kept: x');
    });
  });

  test.each([
    ['a module without a default function', { 'shortcodes/bad.mjs': 'export const x = 1;' }, 'shortcodes/bad.mjs: Unexpected default export of type undefined, expected a shortcode function'],
    ['a module that does not load', { 'shortcodes/broken.mjs': 'export default (' }, 'shortcodes/broken.mjs: Unexpected error loading shortcode module'],
    ['two modules of one name', { 'shortcodes/x.js': 'export default () => "";', 'shortcodes/x.mjs': 'export default () => "";' }, 'shortcodes/x.mjs: Unexpected second module for shortcode `x`, expected one (also shortcodes/x.js)'],
  ])('%s is a SiteError', async (_name, files, expected) => {
    await withSite(files, async (siteDir) => {
      const error = await loadShortcodes(siteDir).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(SiteError);
      expect(`${formatPlace(error as SiteError)}: ${(error as SiteError).reason}`).toContain(expected);
    });
  });
});
