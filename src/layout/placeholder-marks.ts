// Marks the alert-template placeholders of a drawn page (`{{ $labels.fqdn }}` in prose, in code blocks,
// in the rule block's YAML, in the title) as `<span class="rb-label" data-label="fqdn">{{ $labels.fqdn }}</span>`,
// so the theme's labels script can fill them in from the page's URL. The text is unchanged: without the
// script the page reads as before. A placeholder the highlighter split over several of its spans is
// wrapped whole, the spans cut at its edges. Chrome the reader did not write to be filled in (head,
// header, footer, navigation: other pages' titles) and text that is not drawn as text (script, style,
// textarea, mermaid sources) are left alone. A pure transform of the hast tree; recognition is
// rules/template-placeholders.ts.

import type { Element, ElementContent, Root, RootContent } from 'hast';
import { findTemplatePlaceholders, type TemplatePlaceholder } from '../rules/template-placeholders.js';

export const PLACEHOLDER_CLASS = 'rb-label';

const skippedTags = new Set(['head', 'header', 'footer', 'nav', 'script', 'style', 'textarea', 'template', 'noscript', 'svg', 'math', 'select']);

type Parent = Root | Element;
type Child = RootContent;

/** Wraps every placeholder under `tree` in place. */
export function markTemplatePlaceholders(tree: Root): void {
  const textOf = textsOf();
  markWithin(tree, textOf(tree), textOf);
}

function markWithin(parent: Parent, text: string, textOf: TextOf): void {
  if (parent.type === 'element' && isSkipped(parent)) return;
  const placeholders = findTemplatePlaceholders(text);
  if (placeholders.length === 0) return;
  const { children } = parent;
  const texts = children.map(textOf);
  const ends: number[] = [];
  texts.reduce((offset, childText) => (ends.push(offset + childText.length), offset + childText.length), 0);
  const here: TemplatePlaceholder[] = [];
  const inChild = new Set<number>();
  // One sweep: placeholders and children are both in text order (a page can hold thousands of each).
  let first = 0;
  for (const placeholder of placeholders) {
    while (ends[first]! <= placeholder.start) first += 1;
    let last = first;
    while (ends[last]! < placeholder.end) last += 1;
    if (first === last && children[first]!.type === 'element') inChild.add(first);
    else if (first === last || children.slice(first, last + 1).every(canBeCut)) here.push(placeholder);
    first = last;
  }
  for (const index of inChild) markWithin(children[index] as Element, texts[index]!, textOf);
  if (here.length > 0) parent.children = wrapped(children, texts, here, textOf) as typeof parent.children;
}

function isSkipped(element: Element): boolean {
  const classes = element.properties.className;
  const classList = Array.isArray(classes) ? classes : [];
  return skippedTags.has(element.tagName) || classList.includes('mermaid') || classList.includes(PLACEHOLDER_CLASS);
}

/**
 * A placeholder running over several children is wrapped only when the elements it touches are plain
 * spans (the highlighter's) or word-break opportunities (`<wbr>`, which the theme puts in long titles):
 * cutting a span in two copies it, which an id, a block or a link must not be.
 */
function canBeCut(child: Child): boolean {
  if (child.type !== 'element') return true;
  return child.tagName === 'wbr' || (child.tagName === 'span' && child.properties.id === undefined && !isSkipped(child));
}

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly placeholder?: TemplatePlaceholder;
}

/** `children` cut at the placeholders' edges, each placeholder's pieces in a marking span. */
function wrapped(children: readonly Child[], texts: readonly string[], placeholders: readonly TemplatePlaceholder[], textOf: TextOf): Child[] {
  const total = texts.reduce((length, text) => length + text.length, 0);
  const segments: Segment[] = [];
  let offset = 0;
  for (const placeholder of placeholders) {
    segments.push({ from: offset, to: placeholder.start }, { from: placeholder.start, to: placeholder.end, placeholder });
    offset = placeholder.end;
  }
  segments.push({ from: offset, to: total });
  const pieces = segments.map(() => [] as Child[]);
  let start = 0;
  let at = 0;
  children.forEach((child, index) => {
    const end = start + texts[index]!.length;
    if (start === end) {
      // Text-less nodes (comments, <br>) stay outside placeholders unless wholly inside one.
      while (segments[at]!.to < start) at += 1;
      const segment = segments[at]!;
      pieces[segment.placeholder && segment.to === start ? at + 1 : at]!.push(child);
    } else {
      while (segments[at]!.to <= start) at += 1;
      for (let cut = at; cut < segments.length && segments[cut]!.from < end; cut += 1) {
        const from = Math.max(segments[cut]!.from, start);
        const to = Math.min(segments[cut]!.to, end);
        if (from < to) pieces[cut]!.push(slice(child, from - start, to - start, texts[index]!.length, textOf));
      }
    }
    start = end;
  });
  return segments.flatMap((segment, index) => segment.placeholder
    ? [{ type: 'element', tagName: 'span', properties: { className: [PLACEHOLDER_CLASS], dataLabel: segment.placeholder.param }, children: pieces[index] as ElementContent[] }]
    : pieces[index]!);
}

/** The part of `node` whose text lies in [from, to) of its own text (`length` long). */
function slice(node: Child, from: number, to: number, length: number, textOf: TextOf): Child {
  if (from === 0 && to === length) return node;
  if (node.type === 'text') return { type: 'text', value: node.value.slice(from, to) };
  if (node.type !== 'element') return node;
  const texts = node.children.map(textOf);
  const children: Child[] = [];
  let start = 0;
  node.children.forEach((child, index) => {
    const end = start + texts[index]!.length;
    const lo = Math.max(from, start);
    const hi = Math.min(to, end);
    if (lo < hi) children.push(slice(child, lo - start, hi - start, texts[index]!.length, textOf));
    else if (start === end && from <= start && start < to) children.push(child);
    start = end;
  });
  return { ...node, properties: { ...node.properties }, children: children as ElementContent[] };
}

type TextOf = (node: Root | Child) => string;

/**
 * The text a node draws, as its text nodes hold it (comments and doctypes hold none), each node's
 * worked out once per marking: every level of the walk asks for its children's, and the page's menu
 * is most of its text.
 */
function textsOf(): TextOf {
  const known = new Map<Root | Child, string>();
  const textOf: TextOf = (node) => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element' && node.type !== 'root') return '';
    let text = known.get(node);
    if (text === undefined) known.set(node, (text = node.children.map(textOf).join('')));
    return text;
  };
  return textOf;
}
