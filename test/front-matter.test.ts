import { describe, expect, test } from 'vitest';
import { SiteError } from '../src/util/diagnostics.js';
import { normaliseSource, pageTitle, splitFrontMatter } from '../src/content/front-matter.js';

describe('front matter forms', () => {
  test.each([
    ['YAML', '---\ntitle: Disk full\nweight: 3\ntags: [disk, node]\n---\n\n# Body\n'],
    ['TOML', '+++\ntitle = "Disk full"\nweight = 3\ntags = ["disk", "node"]\n+++\n\n# Body\n'],
    ['JSON', '{\n  "title": "Disk full",\n  "weight": 3,\n  "tags": ["disk", "node"]\n}\n\n# Body\n'],
  ])('%s', (_form, source) => {
    const split = splitFrontMatter(source, 'content/x.md');
    expect(split.frontMatter).toMatchObject({ title: 'Disk full', weight: 3, tags: ['disk', 'node'] });
    expect(split.body.trim()).toBe('# Body');
    // `# Body` is line 7 of the file in every form.
    expect(split.bodyLineOffset + split.body.split('\n').indexOf('# Body') + 1).toBe(7);
  });

  test('a page without front matter is all body', () => {
    expect(splitFrontMatter('# Only body\n', 'content/x.md')).toEqual({ frontMatter: {}, body: '# Only body\n', bodyLineOffset: 0 });
  });

  test('unknown keys are kept, hugo-book keys typed', () => {
    const { frontMatter } = splitFrontMatter('---\neditor: markdown\nbookCollapseSection: true\n---\n', 'content/x.md');
    expect(frontMatter).toEqual({ editor: 'markdown', bookCollapseSection: true });
  });

  test('BOM and CRLF are normalised', () => {
    const source = normaliseSource('\ufeff---\r\ntitle: T\r\n---\r\nbody\r\n');
    expect(splitFrontMatter(source, 'content/x.md')).toMatchObject({ frontMatter: { title: 'T' }, body: 'body\n' });
  });
});

describe('front matter errors name file, line and what to do', () => {
  test.each([
    ['invalid YAML', '---\ntitle: ok\ndescription: "unterminated\n---\n', /^content\/bad\.md:3:\d+: Invalid YAML front matter/],
    ['invalid TOML', '+++\ntitle = \n+++\n', /^content\/bad\.md:2:\d+: Invalid TOML front matter/],
    ['invalid JSON', '{\n "title": oops\n}\n', /^content\/bad\.md:2:\d+: Invalid JSON front matter/],
    ['not a mapping', '---\n- a\n- b\n---\n', /^content\/bad\.md:2:1: Unexpected list as YAML front matter, expected a mapping/],
    ['wrong type', '---\ntitle: ok\nweight: heavy\n---\n', /^content\/bad\.md:3:1: Unexpected value for front matter key `weight`/],
    ['unclosed', '---\ntitle: ok\n', /^content\/bad\.md:1:1: Unexpected end of file, expected a closing `---`/],
  ])('%s', (_case, source, message) => {
    let error: unknown;
    try {
      splitFrontMatter(source, 'content/bad.md');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SiteError);
    expect((error as SiteError).message).toMatch(message);
    expect((error as SiteError).hint).toBeTruthy();
  });
});

describe('pageTitle', () => {
  test('front matter title wins', () => expect(pageTitle({ title: 'T' }, '# H\n', 'file')).toBe('T'));
  test('else the first # heading outside code fences', () => {
    expect(pageTitle({}, '```\n# not this\n```\n\n# HostDown\n', 'file')).toBe('HostDown');
  });
  test('else the file name', () => expect(pageTitle({}, '', 'HostDown')).toBe('HostDown'));
});
