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
import { maxNestingDepth } from '../src/shortcodes/parser.js';
import type { Shortcode, ShortcodeDefinition } from '../src/shortcodes/types.js';
import comment from '../shortcodes/comment.js';

/** `[positional|key=value:inner]`: shows exactly what the engine passed. */
const echo: Shortcode = (args, inner) => {
  const named = Object.entries(args.named).map(([key, value]) => `${key}=${value}`);
  return `[${[...args.positional, ...named].join('|')}${inner === undefined ? '' : `:${inner}`}]`;
};

/** Paired ones take inner content (must be closed or self-closed); the others are standalone. */
const fakeShortcodes: ReadonlyMap<string, ShortcodeDefinition> = new Map<string, ShortcodeDefinition>([
  ['echo', paired(echo)],
  ['arg', standalone(echo)],
  ['upper', paired((_args, inner) => (inner ?? '').toUpperCase())],
  ['kind', standalone((_args, _inner, context) => (context.markdown ? 'markdown' : '<b>html</b>'))],
  ['emit', standalone((args) => args.positional.join(' '))],
  ['comment', paired(comment)],
  ['warn', standalone((_args, _inner, context) => {
    context.warn({ reason: 'Unexpected thing, expected other thing', ruleId: 'test/warned' });
    return 'warned';
  })],
  ['fail', standalone((_args, _inner, context) => context.fail({ reason: 'Unexpected alert, expected another', hint: 'pick another', ruleId: 'test/failed' }))],
  ['boom', standalone(() => {
    throw new Error('kaboom');
  })],
  ['number', standalone(() => 42 as unknown as string)],
]);

function paired(render: Shortcode): ShortcodeDefinition {
  return { render, takesInner: true };
}

function standalone(render: Shortcode): ShortcodeDefinition {
  return { render, takesInner: false };
}

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
    ['positional bare words', 'a {{% arg x y/z %}} b', 'a [x|y/z] b'],
    ['named', '{{% arg key="v" other=w %}}', '[key=v|other=w]'],
    ['quoted with escapes', String.raw`{{% arg "a b" "say \"hi\"" "c:\\d" "\d+" %}}`, String.raw`[a b|say "hi"|c:\d|\d+]`],
    ['raw string', '{{% arg `a "b" \\n` %}}', '[a "b" \\n]'],
    ['arguments over several lines', '{{% arg\n  a\n  key %}}', '[a|key]'],
    ['no spaces inside delimiters', '{{%arg a%}}', '[a]'],
    ['paired', '{{% echo %}}inner{{% /echo %}}', '[:inner]'],
    ['paired with spaced closing tag', '{{% echo %}}in{{%/ echo%}}', '[:in]'],
    ['paired, empty', '{{< echo >}}{{< /echo >}}', '[:]'],
    ['nested, inner first', '{{% upper %}}x {{% arg y %}} z{{% /upper %}}', 'X [Y] Z'],
    ['nested, same name', '{{% echo 1 %}}a{{% echo 2 %}}b{{% /echo %}}c{{% /echo %}}', '[1:a[2:b]c]'],
    ['nested, mixed delimiters', '{{< echo 1 >}}a{{% echo 2 %}}b{{% /echo %}}c{{< /echo >}}', '[1:a[2:b]c]'],
    ['siblings in a pair', '{{% echo %}}{{% echo 1 %}}a{{% /echo %}}{{% echo 2 %}}b{{% /echo %}}{{% /echo %}}', '[:[1:a][2:b]]'],
    ['standalone, never paired', '{{% arg a %}} text {{% arg b %}}', '[a] text [b]'],
    ['standalone inside a pair', '{{% echo 1 %}}a{{% arg %}}b{{% /echo %}}', '[1:a[]b]'],
    ['self-closing HTML', '{{< echo x />}} after', '[x] after'],
    ['self-closing Markdown', '{{% echo x /%}} after', '[x] after'],
    ['self-closing a standalone one', '{{< arg x />}} after', '[x] after'],
    ['self-closing inside a pair', '{{< echo >}}a{{< echo b />}}c{{< /echo >}}', '[:a[b]c]'],
    ['HTML output', '{{< kind >}} and {{% kind %}}', '<b>html</b> and markdown'],
    ['HTML inside HTML gets HTML', '{{< echo >}}a {{< kind >}}{{< /echo >}}', '[:a <b>html</b>]'],
    ['escaped HTML form', 'see {{</* echo x */>}}', 'see {{< echo x >}}'],
    ['escaped Markdown form', 'see {{%/* echo "x" */%}}', 'see {{% echo "x" %}}'],
    ['escaped inside a pair', '{{% echo %}}{{</* nope */>}}{{% /echo %}}', '[:{{< nope >}}]'],
    ['escaped unclosed pair', 'see {{</* echo */>}} alone', 'see {{< echo >}} alone'],
    ['<<% %>> synonym', '<<% arg x %>> and <<% echo %>>in<<% /echo %>>', '[x] and [:in]'],
    ['<<% %>> is Markdown', '<<% kind %>>', 'markdown'],
    ['inside fenced code', '```\n{{% arg x %}}\n```', '```\n[x]\n```'],
    ['inside inline code', 'run `{{< arg x >}}`', 'run `[x]`'],
    ['escaped inside fenced code', '```\n{{%/* echo x */%}}\n```', '```\n{{% echo x %}}\n```'],
    ['comment drops its content', 'a{{% comment %}}draft{{% /comment %}}b', 'ab'],
    ['comment holding Go templates', 'a{{% comment %}}\n```yaml\nsummary: {{ $labels.instance }} {{ $value }}\n```\n{{% /comment %}}b', 'ab'],
    ['comments nest', 'a{{% comment %}}x{{% comment %}}y{{% /comment %}}z{{% /comment %}}b', 'ab'],
    ['comment holding shortcodes', 'a{{% comment %}}{{< echo >}}{{% arg %}}{{< /echo >}}{{% /comment %}}b', 'ab'],
    ['HTML comment', 'a{{< comment >}}{{ .Value }}{{< /comment >}}b', 'ab'],
    ['comment self-closed', 'a{{% comment /%}}b', 'ab'],
    ['output is not scanned again', '{{% emit "{{%" echo "%}}" %}}', '{{% echo %}}'],
  ])('%s', (_name, source, expected) => {
    expect(expandAndResolve(source)).toBe(expected);
  });

  /** The page's token prefix: `RBSHORTCODE` and 13 digits that depend on the page source. */
  const prefixOf = (markdown: string) => /RBSHORTCODE\d{13}/.exec(markdown)![0];

  test('HTML output stays out of the Markdown as alphanumeric tokens', () => {
    const result = expand('a {{< kind >}} b {{% kind %}} {{< echo x />}}');
    const prefix = prefixOf(result.markdown);
    expect(result.markdown).toBe(`a ${prefix}0X b markdown ${prefix}1X`);
    expect([...result.html]).toEqual([
      [`${prefix}0X`, '<b>html</b>'],
      [`${prefix}1X`, '[x]'],
    ]);
  });

  test('tokens of HTML nested in HTML are spent, and numbers are not reused', () => {
    const result = expand('{{< echo >}}{{< kind >}}{{< /echo >}} {{< kind >}}');
    const prefix = prefixOf(result.markdown);
    expect(result.markdown).toBe(`${prefix}1X ${prefix}2X`);
    expect([...result.html.keys()]).toEqual([`${prefix}1X`, `${prefix}2X`]);
  });

  test('Markdown output keeps the tokens of nested HTML', () => {
    const result = expand('{{% echo %}}{{< kind >}}{{% /echo %}}');
    const prefix = prefixOf(result.markdown);
    expect(result.markdown).toBe(`[:${prefix}0X]`);
    expect(result.html.get(`${prefix}0X`)).toBe('<b>html</b>');
  });

  test('token text written in the page is not a token: the prefix depends on the page', () => {
    const first = expand('RBSHORTCODE0X {{< kind >}}');
    const second = expand('RBSHORTCODE0X {{< kind >}} ');
    expect(prefixOf(first.markdown.slice(14))).not.toBe(prefixOf(second.markdown.slice(14)));
    expect(first.markdown.startsWith('RBSHORTCODE0X ')).toBe(true);
    expect(first.html.has('RBSHORTCODE0X')).toBe(false);
  });

  test.each([
    ['a list item', '1. Step:\n   {{% emit "a\nb" %}}\n2. Next', '1. Step:\n   a\n   b\n2. Next'],
    ['a blockquote in a list item', '- x\n  > {{% emit "a\n\nb" %}}', '- x\n  > a\n  > \n  > b'],
    ['a pair in a list item, its inner content handed over without the prefix', '1. Step\n   {{% echo %}}\n   in\n   {{% /echo %}}', '1. Step\n   [:\n   in\n   ]'],
    ['text before it on the line: inline, left alone', 'Text {{% emit "a\nb" %}}', 'Text a\nb'],
  ])('Markdown output of several lines carries the prefix of %s', (_name, source, expected) => {
    expect(expandAndResolve(source)).toBe(expected);
  });

  test('named argument keys are plain keys, even __proto__', () => {
    expect(expandAndResolve('{{% arg __proto__="x" %}}')).toBe('[__proto__=x]');
  });

  test('a document of 20,000 shortcodes', () => {
    const count = 20_000;
    const source = Array.from({ length: count }, (_, index) =>
      index % 2 === 0 ? `{{% arg ${index} %}}` : `{{< echo "${index}" />}}`,
    ).join('\n');
    const result = expand(source);
    expect(result.html.size).toBe(count / 2);
    expect(expandAndResolve(source).split('\n').at(-1)).toBe(`[${count - 1}]`);
  });

  test('20,000 standalone shortcodes before one pair, and pairs nested to the limit', () => {
    const standalone = '{{% arg %}}'.repeat(20_000);
    expect(expandAndResolve(`${standalone}{{% echo %}}x{{% /echo %}}`)).toBe(`${'[]'.repeat(20_000)}[:x]`);
    const nested = (depth: number) => `${'{{% echo %}}\n'.repeat(depth)}x${'{{% /echo %}}'.repeat(depth)}`;
    expect(expandAndResolve(nested(maxNestingDepth))).toBe(`${'[:\n'.repeat(maxNestingDepth)}x${']'.repeat(maxNestingDepth)}`);
  });

  test('5,000 nested pairs fail at the first pair past the nesting limit, naming it', () => {
    const error = errorOf(() => expand(`${'{{< echo >}}\n'.repeat(5_000)}x${'{{< /echo >}}'.repeat(5_000)}`));
    expect(`${formatPlace(error)}: ${error.reason}`).toBe(
      `content/x.md:${maxNestingDepth + 1}:1: Unexpected shortcode \`echo\` nested ${maxNestingDepth + 1} deep, expected at most ${maxNestingDepth} levels of nesting`,
    );
    expect(error.ruleId).toBe('shortcode/too-deep');
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
    ['mis-nested pairs', '{{% echo %}}{{% upper %}}\n{{% /echo %}}{{% /upper %}}', 0, 'shortcode/unclosed-pair', 'content/x.md:1:13: shortcode "upper" must be closed or self-closed'],
    ['paired shortcode never closed', 'a\n{{% comment %}}\nnotes', 5, 'shortcode/unclosed-pair', 'content/x.md:7:1: shortcode "comment" must be closed or self-closed'],
    ['outer pair never closed', '{{< echo >}}{{< echo >}}x{{< /echo >}}', 0, 'shortcode/unclosed-pair', 'content/x.md:1:1: shortcode "echo" must be closed or self-closed'],
    ['inner pair never closed', '{{% comment %}}\n  {{% echo %}}\n{{% /comment %}}', 0, 'shortcode/unclosed-pair', 'content/x.md:2:3: shortcode "echo" must be closed or self-closed'],
    ['closing tag for a standalone shortcode', '{{< kind >}}{{< /kind >}}', 0, 'shortcode/closing-without-inner', 'content/x.md:1:13: shortcode "kind" does not take inner content, yet a closing tag was provided'],
    ['closing tag of another name in a pair', '{{< echo >}}{{< /upper >}}', 0, 'shortcode/unexpected-closing', 'content/x.md:1:13: Unexpected closing tag `{{< /upper >}}`, expected an opening `{{< upper >}}` before it'],
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
      'known shortcodes: arg, boom, comment, echo, emit, fail, kind, number, upper, warn; a site adds one as shortcodes/nope.mjs',
    );
  });

  test.each([
    ['at the end of the page', 'a\n{{% comment %}}\nnotes', 'add {{% /comment %}}'],
    ['before an outer closing tag', '{{< echo >}}\n{{< upper >}}\n{{< /echo >}}', 'add {{< /upper >}} before `{{< /echo >}}` at 3:1'],
  ])('an unclosed pair says which closing tag to add, %s', (_name, source, hint) => {
    expect(errorOf(() => expand(source)).hint).toBe(hint);
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

describe('built-in pairing, as Hugo pairs by the use of .Inner', async () => {
  const builtins = await loadShortcodes(path.join(tmpdir(), 'runbook-site-no-such-site'));
  const expandBuiltin = (source: string) =>
    expandShortcodes(source, {
      file: 'content/x.md',
      lineOffset: 4,
      shortcodes: builtins,
      page: { file: 'content/x.md', params: {} },
      site: { baseURL: 'https://example.org/', params: {} },
      rules: fakeRules,
      pages: { find: () => [] },
      renderMarkdown: () => ({ type: 'root', children: [] }),
      highlightCode: () => undefined,
      onWarning: () => {},
    });
  const taking = ['button', 'columns', 'comment', 'details', 'highlight', 'hint', 'mermaid', 'tab', 'tabs'];

  test.each(taking.flatMap((name) => [[name, '{{<', '>}}'], [name, '{{%', '%}}']]))('%s opened with %s and never closed fails at its opening tag', (name, left, right) => {
    const error = errorOf(() => expandBuiltin(`Text.\n\n  ${left} ${name} "x" ${right}\nmore text`));
    expect(`${formatPlace(error)}: ${error.reason} (${error.hint})`).toBe(
      `content/x.md:7:3: shortcode "${name}" must be closed or self-closed (add ${left} /${name} ${right})`,
    );
  });

  test.each(['figure', 'param', 'ref', 'relref', 'rule'])('%s takes no inner content: a closing tag for it fails there', (name) => {
    const error = errorOf(() => expandBuiltin(`{{< ${name} "x" >}}\n{{< /${name} >}}`));
    expect(`${formatPlace(error)}: ${error.reason}`).toBe(`content/x.md:6:1: shortcode "${name}" does not take inner content, yet a closing tag was provided`);
  });

  test.each(taking)('%s self-closed is complete', (name) => {
    expect(() => expandBuiltin(`{{< ${name} />}}`)).not.toThrow(/closed/);
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
      'shortcodes/comment.js': 'export default (args, inner) => `kept: ${inner}`; export const takesInner = true;',
      'shortcodes/notes.txt': 'not a module',
    };
    await withSite(files, async (siteDir) => {
      const shortcodes = await loadShortcodes(siteDir);
      expect([...shortcodes.keys()].sort()).toEqual([...builtinShortcodeNames, 'hello'].sort());
      expect(shortcodes.get('hello')!.render({ positional: ['you'], named: {} }, undefined, {} as never)).toBe('hello you');
      expect(shortcodes.get('comment')!.render({ positional: [], named: {} }, 'x', {} as never)).toBe('kept: x');
    });
  });

  test('built-ins and site modules say whether they take inner content (takesInner, false when not exported)', async () => {
    const files = {
      'shortcodes/box.mjs': 'export default (args, inner) => inner; export const takesInner = true;',
      'shortcodes/badge.mjs': 'export default () => "badge";',
    };
    await withSite(files, async (siteDir) => {
      const shortcodes = await loadShortcodes(siteDir);
      const taking = [...shortcodes].filter(([, definition]) => definition.takesInner).map(([name]) => name);
      expect(taking).toEqual(['button', 'columns', 'comment', 'details', 'highlight', 'hint', 'mermaid', 'tab', 'tabs', 'box']);
    });
  });

  test.each([
    ['a takesInner export that is not a boolean', { 'shortcodes/box.mjs': 'export default () => ""; export const takesInner = "yes";' }, 'shortcodes/box.mjs: Unexpected `takesInner` export of type string, expected true or false'],
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
