// The shortcode parser: turns the lexer's items into a tree of text and shortcode calls, with each call's
// name, arguments, delimiter kind and, for paired calls, its inner content. Like Hugo, a call is paired
// when its shortcode takes inner content (and then must be closed or self-closed), standalone otherwise.
// Every problem (a lexing error, an unknown name, mixed arguments, a stray or mis-nested closing tag)
// is thrown as a SiteError at the shortcode's line and column. It does not call shortcodes.

import { memoised } from '../util/memoise.js';
import { lineColumnAt, SiteError, type SourcePlace } from '../util/diagnostics.js';
import type { LexedItem } from './lexer.js';
import type { ShortcodeArgs, ShortcodeDefinition } from './types.js';

export interface TextNode {
  readonly kind: 'text';
  readonly low: number;
  readonly high: number;
}

export interface ShortcodeCall {
  readonly kind: 'call';
  readonly name: string;
  /** True for `{{% %}}` and `<<% %>>` (output is Markdown), false for `{{< >}}` (output is HTML). */
  readonly markdown: boolean;
  readonly args: ShortcodeArgs;
  /** Offset of the opening tag's left delimiter, where problems are reported. */
  readonly offset: number;
  /** Content between the opening and the closing tag; undefined for a standalone call. */
  readonly inner?: { readonly nodes: ContentNode[] };
}

export type ContentNode = TextNode | ShortcodeCall;

/** Where a source comes from, to turn offsets into `file:line:col`. */
export interface SourceOrigin {
  readonly source: string;
  /** Site-relative path of the file. */
  readonly file: string;
  /** Lines of the file before `source` starts (front matter). */
  readonly lineOffset: number;
}

export function placeOf(origin: SourceOrigin, offset: number): SourcePlace {
  const { line, column } = lineColumnAt(origin.source, offset);
  return { file: origin.file, line: line + origin.lineOffset, column };
}

/** What the parser needs to know of each shortcode: whether it takes inner content. */
export type ShortcodeKinds = ReadonlyMap<string, Pick<ShortcodeDefinition, 'takesInner'>>;

/** What a parse depends on besides the text, as a plain value (for the keys of values derived from a parse). */
export const shortcodeKindsKey: (kinds: ShortcodeKinds) => readonly (readonly [string, boolean])[] = memoised((kinds) =>
  [...kinds].map(([name, kind]) => [name, kind.takesInner] as const));

export function parseShortcodes(origin: SourceOrigin, items: readonly LexedItem[], shortcodes: ShortcodeKinds): ContentNode[] {
  const segments = readSegments(origin, items, shortcodes);
  const closingIndexOf = pairTags(origin, segments, shortcodes);
  return buildTree(segments, closingIndexOf);
}

interface Tag {
  readonly kind: 'open' | 'close';
  readonly name: string;
  readonly markdown: boolean;
  readonly selfClosing: boolean;
  readonly args: ShortcodeArgs;
  readonly low: number;
  readonly high: number;
  /** The tag's delimiters, to quote it in messages. */
  readonly leftDelim: string;
  readonly rightDelim: string;
}

type Segment = TextNode | Tag;

/** Groups items into text and whole tags, in source order. */
function readSegments(origin: SourceOrigin, items: readonly LexedItem[], shortcodes: ShortcodeKinds): Segment[] {
  const segments: Segment[] = [];
  let index = 0;
  while (index < items.length) {
    const item = items[index]!;
    if (item.type === 'error') throw siteError(origin, item.low, item);
    if (item.type === 'text') {
      segments.push({ kind: 'text', low: item.low, high: item.high });
      index += 1;
      continue;
    }
    const { tag, next } = readTag(origin, items, index);
    if (tag.kind === 'open' && !shortcodes.has(tag.name)) throw unknownShortcode(origin, tag, shortcodes);
    segments.push(tag);
    index = next;
  }
  return segments;
}

/** Reads the tag whose left delimiter is `items[start]`; the lexer guarantees its shape up to the arguments. */
function readTag(origin: SourceOrigin, items: readonly LexedItem[], start: number): { tag: Tag; next: number } {
  const { source } = origin;
  const itemAt = (index: number): LexedItem => {
    const item = items[index]!;
    if (item.type === 'error') throw siteError(origin, item.low, item);
    return item;
  };
  const leftDelim = itemAt(start);
  const low = leftDelim.low;
  let index = start + 1;
  const closing = itemAt(index).type === 'closingMark';
  if (closing) index += 1;
  const name = textOf(source, itemAt(index));
  index += 1;

  const positional: string[] = [];
  // Without a prototype, so a key like `__proto__` is just a key.
  const named: Record<string, string> = Object.create(null);
  let hasNamed = false;
  let selfClosing = false;
  for (let item = itemAt(index); item.type !== 'rightDelim'; item = itemAt(index)) {
    if (item.type === 'selfClosingMark') {
      selfClosing = true;
      index += 1;
    } else if (item.type === 'equals') {
      throw unexpectedEquals(origin, low, name, item.low);
    } else if (items[index + 1]?.type === 'equals') {
      if (positional.length > 0) throw mixedArguments(origin, low, name, textOf(source, item));
      named[textOf(source, item)] = argumentValue(source, itemAt(index + 2));
      hasNamed = true;
      index += 3;
    } else {
      if (hasNamed) throw mixedArguments(origin, low, name, textOf(source, item));
      positional.push(argumentValue(source, item));
      index += 1;
    }
  }
  const rightDelim = items[index]!;
  const tag: Tag = {
    kind: closing ? 'close' : 'open',
    name,
    markdown: source.charCodeAt(low + 2) === percent,
    selfClosing,
    args: { positional, named },
    low,
    high: rightDelim.high,
    leftDelim: textOf(source, leftDelim),
    rightDelim: textOf(source, rightDelim),
  };
  return { tag, next: index + 1 };
}

function argumentValue(source: string, item: LexedItem): string {
  if (item.type === 'quoted') return unescapeQuoted(source.slice(item.low + 1, item.high - 1));
  if (item.type === 'raw') return source.slice(item.low + 1, item.high - 1);
  return textOf(source, item);
}

/** `\"` is a quote and `\\` a backslash; any other backslash is kept, so `"\d+"` means what it shows. */
function unescapeQuoted(text: string): string {
  if (!text.includes('\\')) return text;
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    const next = text[index + 1];
    if (character === '\\' && (next === '"' || next === '\\')) {
      result += next;
      index += 1;
    } else result += character;
  }
  return result;
}

/** How deep pairs may nest: deeper is a positioned error rather than work that grows with depth squared. */
export const maxNestingDepth = 100;

/**
 * Matches closing tags to opening ones, as Hugo does, by what each shortcode declares: one that takes
 * inner content opens a pair that its closing tag must end (else it "must be closed or self-closed", an
 * error at its opening tag); one that does not is standalone, and a closing tag for it is an error.
 * Returns, per opening tag's segment index, its closing tag's.
 */
function pairTags(origin: SourceOrigin, segments: readonly Segment[], shortcodes: ShortcodeKinds): Map<number, number> {
  const closingIndexOf = new Map<number, number>();
  const open: Tag[] = [];
  const openIndices: number[] = [];
  segments.forEach((segment, index) => {
    if (segment.kind === 'text' || segment.selfClosing) return;
    if (segment.kind === 'open') {
      if (!shortcodes.get(segment.name)!.takesInner) return;
      if (open.length === maxNestingDepth) throw tooDeep(origin, segment);
      open.push(segment);
      openIndices.push(index);
      return;
    }
    const innermost = open.at(-1);
    if (innermost?.name === segment.name) {
      open.pop();
      closingIndexOf.set(openIndices.pop()!, index);
      return;
    }
    if (shortcodes.get(segment.name)?.takesInner === false) throw closingWithoutInner(origin, segment);
    if (innermost && open.some((tag) => tag.name === segment.name)) throw mustBeClosed(origin, innermost, segment);
    throw closingWithoutOpening(origin, segment);
  });
  const unclosed = open.at(-1);
  if (unclosed) throw mustBeClosed(origin, unclosed);
  return closingIndexOf;
}

/** Builds the tree iteratively, so deep nesting cannot overflow the call stack. */
function buildTree(segments: readonly Segment[], closingIndexOf: ReadonlyMap<number, number>): ContentNode[] {
  const root: ContentNode[] = [];
  const open: ContentNode[][] = [root];
  segments.forEach((segment, index) => {
    const siblings = open.at(-1)!;
    if (segment.kind === 'text') {
      siblings.push(segment);
      return;
    }
    if (segment.kind === 'close') {
      open.pop();
      return;
    }
    const paired = closingIndexOf.has(index);
    const innerNodes: ContentNode[] = [];
    siblings.push({
      kind: 'call',
      name: segment.name,
      markdown: segment.markdown,
      args: segment.args,
      offset: segment.low,
      ...(paired ? { inner: { nodes: innerNodes } } : {}),
    });
    if (paired) open.push(innerNodes);
  });
  return root;
}

function textOf(source: string, item: LexedItem): string {
  return source.slice(item.low, item.high);
}

function quoteTag(tag: Tag): string {
  return `\`${tag.leftDelim} ${tag.kind === 'close' ? '/' : ''}${tag.name} ${tag.rightDelim}\``;
}

function siteError(origin: SourceOrigin, offset: number, problem: { reason: string; hint?: string; ruleId: string }): SiteError {
  return new SiteError({ ...placeOf(origin, offset), reason: problem.reason, hint: problem.hint, ruleId: problem.ruleId });
}

function unknownShortcode(origin: SourceOrigin, tag: Tag, shortcodes: ShortcodeKinds): SiteError {
  return siteError(origin, tag.low, {
    reason: `Unexpected shortcode \`${tag.name}\`, expected a known shortcode`,
    hint: `known shortcodes: ${[...shortcodes.keys()].sort().join(', ')}; a site adds one as shortcodes/${tag.name}.mjs`,
    ruleId: 'shortcode/unknown',
  });
}

function mixedArguments(origin: SourceOrigin, offset: number, name: string, argument: string): SiteError {
  return siteError(origin, offset, {
    reason: `Unexpected argument \`${argument}\` in shortcode \`${name}\`, expected only positional or only named arguments`,
    hint: 'use either `{{% name "a" "b" %}}` or `{{% name key="a" other="b" %}}`, not both',
    ruleId: 'shortcode/mixed-arguments',
  });
}

function unexpectedEquals(origin: SourceOrigin, offset: number, name: string, equalsAt: number): SiteError {
  const { column } = placeOf(origin, equalsAt);
  return siteError(origin, offset, {
    reason: `Unexpected \`=\` at column ${column} in shortcode \`${name}\`, expected whitespace between arguments`,
    hint: 'quote a value that holds `=`, as in key="a=b"',
    ruleId: 'shortcode/syntax',
  });
}

function closingWithoutOpening(origin: SourceOrigin, tag: Tag): SiteError {
  return siteError(origin, tag.low, {
    reason: `Unexpected closing tag ${quoteTag(tag)}, expected an opening \`${tag.leftDelim} ${tag.name} ${tag.rightDelim}\` before it`,
    hint: 'remove the closing tag, or add the opening tag it closes',
    ruleId: 'shortcode/unexpected-closing',
  });
}

function closingWithoutInner(origin: SourceOrigin, tag: Tag): SiteError {
  return siteError(origin, tag.low, {
    reason: `shortcode "${tag.name}" does not take inner content, yet a closing tag was provided`,
    hint: `remove ${quoteTag(tag)}; a site shortcode that takes inner content says so with \`export const takesInner = true\``,
    ruleId: 'shortcode/closing-without-inner',
  });
}

/** An opening tag never closed; `before` is the closing tag of an outer pair met while it was still open. */
function mustBeClosed(origin: SourceOrigin, tag: Tag, before?: Tag): SiteError {
  const closing = `${tag.leftDelim} /${tag.name} ${tag.rightDelim}`;
  const where = before ? ` before ${quoteTag(before)} at ${formatLineColumn(placeOf(origin, before.low))}` : '';
  return siteError(origin, tag.low, {
    reason: `shortcode "${tag.name}" must be closed or self-closed`,
    hint: `add ${closing}${where}`,
    ruleId: 'shortcode/unclosed-pair',
  });
}

function tooDeep(origin: SourceOrigin, tag: Tag): SiteError {
  return siteError(origin, tag.low, {
    reason: `Unexpected shortcode \`${tag.name}\` nested ${maxNestingDepth + 1} deep, expected at most ${maxNestingDepth} levels of nesting`,
    hint: `${maxNestingDepth} nested pairs is runbook-site's nesting limit: close some pairs before opening more`,
    ruleId: 'shortcode/too-deep',
  });
}

function formatLineColumn(place: SourcePlace): string {
  return `${place.line}:${place.column}`;
}

const percent = 0x25;
