// GFM is parsed without its autolink-literal tokenizer unless a text of the page may hold an autolink
// literal (src/markdown/gfm.ts): the tree must be remark-gfm's own, node for node and position for
// position, on pages with and without autolinks and on random Markdown mixing every construct near one.

import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../src/markdown/processor.js';

const remarkGfmItself = unified().use(remarkParse).use(remarkGfm).freeze();

function both(markdown: string): { ours: Root; reference: Root } {
  return { ours: parseMarkdown(new VFile(markdown)), reference: remarkGfmItself.parse(markdown) };
}

function linkUrls(tree: Root): string[] {
  const urls: string[] = [];
  const walk = (node: { type: string; url?: string; children?: unknown[] }) => {
    if (node.type === 'link' && node.url) urls.push(node.url);
    (node.children as (typeof node)[] | undefined)?.forEach(walk);
  };
  walk(tree);
  return urls;
}

/** Pieces that start, end or sit next to autolink literals and every construct that could hide one. */
const PIECES = [
  'www.example.com', 'http://a.b/c_d', 'https://x.y/(z)', 'a@b.co', 'mailto:x@y.z', 'xmpp:a@b.c/d', 'HTTPS://UP.PER', 'wwW.mixed.case',
  '`', '```', '~~~', '<', '>', '<div>', '</div>', '<http://x.y>', '<a href="http://h.i">', '</a>', '<!--', '-->', '[', ']', '(', ')', '![',
  '*', '**', '_', '~', '~~', '|', '| --- |', '---', '- ', '1. ', '> ', '#', '\n', '\n', '\n\n', '    ', 'word', ' ', ' ', '&amp;', '&#64;',
  '\\', '[^1]', '[^1]: note', ':', '[x]: http://q.r', '[ ] ', '@', '.', '/',
];

/** A deterministic pseudo-random generator, so a failure names a seed that reproduces it. */
function randomPage(seed: number): string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: 5 + Math.floor(next() * 40) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
}

describe('GFM parse', () => {
  test('a page whose text holds autolink literals gets them linked, as remark-gfm links them', () => {
    const { ours, reference } = both('# A\n\nSee www.example.com, https://x.y/z and ops@example.com.\n\n```yaml\nrunbook: https://in.code/\n```\n');
    expect(linkUrls(ours)).toEqual(['http://www.example.com', 'https://x.y/z', 'mailto:ops@example.com']);
    expect(ours).toEqual(reference);
  });

  test('a page whose only URL is in code or HTML gets the tree remark-gfm gives it', () => {
    const { ours, reference } = both('# A\n\n<details>\n  <summary>Rule</summary>\n\n```yaml\nrunbook: https://in.code/\n```\n\n</details>\n\nRun `curl http://localhost:9090/`, then | a | b |\n|---|---|\n| ~~c~~ | d[^1] |\n\n[^1]: note\n');
    expect(linkUrls(ours)).toEqual([]);
    expect(ours).toEqual(reference);
  });

  test('random Markdown around autolink literals parses to remark-gfm\'s tree', () => {
    const differing: number[] = [];
    for (let seed = 1; seed <= 1500; seed += 1) {
      const { ours, reference } = both(randomPage(seed));
      if (JSON.stringify(ours) !== JSON.stringify(reference)) differing.push(seed);
    }
    expect(differing).toEqual([]);
  });
});
