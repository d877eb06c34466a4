// Properties of the shortcode engine over generated documents: any text terminates with an expansion or
// a SiteError, text without shortcodes comes back unchanged, and well-formed shortcode trees expand to
// what a simple recursive reference says.

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { SiteError } from '../src/util/diagnostics.js';
import type { RuleIndex } from '../src/rules/types.js';
import { expandShortcodes, type ExpandResult } from '../src/shortcodes/expand.js';
import type { Shortcode, ShortcodeDefinition } from '../src/shortcodes/types.js';
import comment from '../shortcodes/comment.js';

const echo: Shortcode = (args, inner) => `[${args.positional.join('|')}${inner === undefined ? '' : `:${inner}`}]`;
const shortcodes = new Map<string, ShortcodeDefinition>([
  ['echo', { render: echo, takesInner: true }],
  ['arg', { render: echo, takesInner: false }],
  ['comment', { render: comment, takesInner: true }],
]);
const fakeRules: RuleIndex = { rulesDir: '/nonexistent/rules', load: () => undefined, all: () => [] };

function expand(source: string): ExpandResult {
  return expandShortcodes(source, {
    file: 'content/x.md',
    lineOffset: 0,
    shortcodes,
    page: { file: 'content/x.md', params: {} },
    site: { baseURL: '/', params: {} },
    rules: fakeRules,
    pages: { find: () => [] },
    renderMarkdown: () => ({ type: 'root', children: [] }),
    highlightCode: () => undefined,
    onWarning: () => {},
  });
}

function resolve({ markdown, html }: ExpandResult): string {
  return markdown.replace(/RBSHORTCODE\d+X/g, (token) => html.get(token) ?? `<missing ${token}>`);
}

const fragments = [
  '{{%', '{{<', '<<%', '%}}', '>}}', '%>>', '/*', '*/', '/', ' ', '\n', '"', '`', '=', '\\', '{{', '}}',
  'echo', 'arg', 'comment', 'nope', 'x', 'key', '{{ $labels.instance }}', 'é', '🙂',
];

test('any mix of text and shortcode fragments expands or fails with a SiteError', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 60 }), (parts) => {
      try {
        expand(parts.join(''));
      } catch (error) {
        if (!(error instanceof SiteError)) throw error;
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
      }
    }),
    { numRuns: 3000 },
  );
});

test('a document without shortcodes comes back unchanged', () => {
  const textWithBraces = fc
    .array(fc.oneof(fc.string(), fc.constantFrom('{{ $value }}', '{{', '<<', '%>>', '>}}', '%}}')), { maxLength: 20 })
    .map((parts) => parts.join(''))
    .filter((text) => !text.includes('{{%') && !text.includes('{{<') && !text.includes('<<%'));
  fc.assert(
    fc.property(textWithBraces, (text) => {
      const result = expand(text);
      expect(result.markdown).toBe(text);
      expect(result.html.size).toBe(0);
    }),
  );
});

/** A generated document: plain text and `echo` calls, paired ones holding more of the same. */
type GeneratedNode = string | { markdown: boolean; args: string[]; inner?: GeneratedNode[] };

// No text ends in indentation alone: a `{{% %}}` call after it would carry that indentation into its output's
// later lines (the list-item and blockquote rule, tested in shortcodes.test.ts), which the reference leaves out.
const plainText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '.', '{', '}', '%', '<') }).filter(
  (text) => !/\{\{[%<]|<<%|[{<]$/.test(text) && !/^[%}>]/.test(text) && !/(^|\n)[ \t]+$/.test(text),
);
const { node } = fc.letrec<{ node: GeneratedNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainText,
    fc.record(
      {
        markdown: fc.boolean(),
        args: fc.array(fc.constantFrom('x', 'y z', 'q"uote'), { maxLength: 3 }),
        inner: fc.array(tie('node'), { maxLength: 4 }),
      },
      { requiredKeys: ['markdown', 'args'] },
    ),
  ),
}));

function written(nodes: GeneratedNode[]): string {
  return nodes
    .map((item) => {
      if (typeof item === 'string') return item;
      const [left, right] = item.markdown ? ['{{%', '%}}'] : ['{{<', '>}}'];
      const args = item.args.map((arg) => ` "${arg.replaceAll('"', '\\"')}"`).join('');
      if (!item.inner) return `${left} echo${args} /${right}`;
      return `${left} echo${args} ${right}${written(item.inner)}${left} /echo ${right}`;
    })
    .join('');
}

function expected(nodes: GeneratedNode[]): string {
  return nodes
    .map((item) =>
      typeof item === 'string' ? item : `[${item.args.join('|')}${item.inner ? `:${expected(item.inner)}` : ''}]`,
    )
    .join('');
}

test('well-formed documents expand like a recursive reference', () => {
  fc.assert(
    fc.property(fc.array(node, { maxLength: 6 }), (nodes) => {
      expect(resolve(expand(written(nodes)))).toBe(expected(nodes));
    }),
    { numRuns: 1000 },
  );
});
