// A guard in front of the Markdown step against nesting it cannot render: mdast-util-to-hast,
// hast-util-from-parse5 (rehype-raw), hast-util-to-html and the tree passes recurse once or more per
// level, so 5,000 nested `<div>`s, a line of 20,000 `>` or a list nested 700 levels deep ran out of
// stack ("Maximum call stack size exceeded", no file named) or took 17 s; all of it fits in the other
// input limits (block-limits.ts). This scans the body as written (one pass) and rejects, at the line
// where it passes MAX_NESTING, a page nested deeper: block quotes and list items by their markers and
// indentation (two columns a level, as a list's children indent under their marker), HTML elements
// by their open tags less their end tags, counted across the page as rehype-raw's parser nests them,
// and emphasis and strikethrough by their opening `*`/`_`/`~` runs less their closing ones in a block
// (10,000 levels of `*a _a` took micromark 85 s, 5,000 of `~~a` 16 s, before the renderers ran out of
// stack). It overestimates (a tag or a deep indentation in a code block counts too), which the limit,
// far above any real page's nesting, absorbs. It parses nothing and changes nothing.

import { SiteError } from '../util/diagnostics.js';
import { type BlockPlace, forEachLine } from './block-limits.js';

/** What browsers' HTML parsers keep (Blink nests no deeper than 512 elements); a page never needs more. */
export const MAX_NESTING = 512;

/** An open or end tag: a name followed by a blank, `/` or `>` (not `<https://…>`, `<a@b.c>` or `<pod_name>`). */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(\/?)>/y;

/** Elements without an end tag: they nest nothing. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

export function assertRenderableNesting(body: string, place: BlockPlace): void {
  let openElements = 0;
  let openEmphasis = 0;
  forEachLine(body, (start, end, line) => {
    const containers = containerDepth(body, start, end);
    const elements = elementsOf(body, start, end, openElements);
    openElements = elements.after;
    // Emphasis does not run past its block: a blank line closes what is open.
    const emphasis = isBlankLine(body, start, end) ? { after: 0, deepest: 0 } : emphasisOf(body, start, end, openEmphasis);
    openEmphasis = emphasis.after;
    const depth = containers + elements.deepest + emphasis.deepest;
    if (depth > MAX_NESTING) {
      throw new SiteError({
        file: place.file,
        line: place.lineOffset + line + 1,
        column: 1,
        reason: `Unexpected nesting ${depth.toLocaleString('en')} levels deep (block quotes, list items, HTML elements and emphasis, unclosed ones included), expected at most ${MAX_NESTING} (what a browser's HTML parser keeps)`,
        hint: 'flatten the nesting, or close the HTML elements this page opens',
        ruleId: 'markdown/nesting-too-deep',
      });
    }
  });
}

/** Block quotes and list items the line opens or continues: its leading `>` and list markers, and its indentation. */
function containerDepth(text: string, start: number, end: number): number {
  let markers = 0;
  let columns = 0;
  let index = start;
  for (;;) {
    while (index < end && (text.charCodeAt(index) === 0x20 || text.charCodeAt(index) === 0x09)) {
      columns += text.charCodeAt(index) === 0x09 ? 4 : 1;
      index += 1;
    }
    const marker = markerEnd(text, index, end);
    if (marker === index) return markers + Math.floor(columns / 2);
    markers += 1;
    index = marker;
  }
}

/** Where a block quote marker (`>`) or a list marker (`-`, `*`, `+`, `1.`, `1)` before a blank or the line's end) at `index` ends; `index` when there is none. */
function markerEnd(text: string, index: number, end: number): number {
  if (index >= end) return index;
  const char = text.charCodeAt(index);
  if (char === 0x3e) return index + 1;
  let after = index;
  if (char === 0x2d || char === 0x2a || char === 0x2b) after = index + 1;
  else {
    while (after < end && after - index < 9 && text.charCodeAt(after) >= 0x30 && text.charCodeAt(after) <= 0x39) after += 1;
    if (after === index || (text.charCodeAt(after) !== 0x2e && text.charCodeAt(after) !== 0x29)) return index;
    after += 1;
  }
  return after >= end || text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09 ? after : index;
}

/** Open HTML elements after the line's tags, and the most open at once on the line, from `open` before it. */
function elementsOf(text: string, start: number, end: number, open: number): { after: number; deepest: number } {
  let count = open;
  let deepest = open;
  for (let index = text.indexOf('<', start); index !== -1 && index < end; index = text.indexOf('<', index + 1)) {
    TAG.lastIndex = index;
    const tag = TAG.exec(text);
    if (!tag || tag.index + tag[0].length > end) continue;
    if (tag[1]) count = Math.max(0, count - 1);
    else if (!tag[3] && !VOID_ELEMENTS.has(tag[2]!.toLowerCase())) deepest = Math.max(deepest, (count += 1));
  }
  return { after: count, deepest };
}

/**
 * Emphasis (and GFM strikethrough) open after the line, and the most open at once on it, from `open`
 * before it: a run of `*`, `_` or `~` after a blank, the line's start or punctuation and before a
 * non-blank opens (CommonMark's left-flanking run), one after a non-blank and before a blank, the line's
 * end or punctuation closes; a run that could do either (`(*)`) or neither (`node_cpu`, `a * b`) counts
 * nothing.
 */
function emphasisOf(text: string, start: number, end: number, open: number): { after: number; deepest: number } {
  let count = open;
  let deepest = open;
  for (let index = start; index < end; index += 1) {
    const char = text.charCodeAt(index);
    if (char !== 0x2a && char !== 0x5f && char !== 0x7e) continue;
    let runEnd = index + 1;
    while (runEnd < end && text.charCodeAt(runEnd) === char) runEnd += 1;
    const before = index > start ? text.charCodeAt(index - 1) : 0x20;
    const after = runEnd < end ? text.charCodeAt(runEnd) : 0x20;
    const opens = !isBlank(after) && (isBlank(before) || !isAlphanumeric(before));
    const closes = !isBlank(before) && (isBlank(after) || !isAlphanumeric(after));
    if (opens && !closes) deepest = Math.max(deepest, (count += 1));
    else if (closes && !opens) count = Math.max(0, count - 1);
    index = runEnd - 1;
  }
  return { after: count, deepest };
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (!isBlank(text.charCodeAt(index)) && text.charCodeAt(index) !== 0x0d) return false;
  return true;
}

function isBlank(char: number): boolean {
  return char === 0x20 || char === 0x09;
}

/** ASCII letters and digits, and every non-ASCII character (a letter more often than not). */
function isAlphanumeric(char: number): boolean {
  return (char >= 0x30 && char <= 0x39) || (char >= 0x41 && char <= 0x5a) || (char >= 0x61 && char <= 0x7a) || char > 0x7f;
}
