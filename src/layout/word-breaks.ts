// Where a long name may wrap: alert names (`HaproxyBackendConnectionErrors`), metric names, rule file
// paths. A `<wbr>` goes at each CamelCase boundary and after `_`, `-`, `.`, `/` (and before `(`), so a
// narrow column wraps the name between its words, never inside one. Text is hast: `<wbr>` elements
// between text nodes, so the HTML stays escaped and copy-and-paste gives the name unchanged.

import type { Element, ElementContent, Root } from 'hast';
import { eachElement, SKIP } from '../util/tree-walk.js';

/** Text pieces of `name`, split where it may wrap (words of a few letters are not split off). */
export function nameParts(name: string): string[] {
  return name
    .split(/(?<=[a-z0-9](?=[A-Z]))|(?<=[A-Z](?=[A-Z][a-z]))|(?<=[_\-./])(?=[^_\-./])|(?=\()/)
    .reduce<string[]>((parts, part) => {
      // `Io` or a file's `yml` alone on a line helps nobody: such pieces stay with the one before.
      const previous = parts.at(-1);
      if (previous !== undefined && (part.length < 3 || (previous.endsWith('.') && part.length <= 4))) parts[parts.length - 1] += part;
      else parts.push(part);
      return parts;
    }, []);
}

const WBR: Element = { type: 'element', tagName: 'wbr', properties: {}, children: [] };

/** `name` as text nodes with a `<wbr>` at each place it may wrap. */
export function breakableName(name: string): ElementContent[] {
  const parts = nameParts(name);
  return parts.flatMap((part, index): ElementContent[] => (index === 0 ? [{ type: 'text', value: part }] : [{ ...WBR }, { type: 'text', value: part }]));
}

/**
 * Inline code of the content (a metric, a selector) longer than a short word gets a `<wbr>` after each
 * `_`, `,`, `/`, `.`, `=` and `}`, so a table cell or a phone's line wraps it there. Code blocks are left alone.
 */
export function addInlineCodeBreaks(content: Root): void {
  eachElement(content, (element: Element) => {
    if (element.tagName === 'pre') return SKIP;
    if (element.tagName !== 'code') return undefined;
    element.children = element.children.flatMap((child): ElementContent[] => {
      if (child.type !== 'text' || child.value.length <= 20) return [child];
      return child.value.split(/(?<=[_,/.=}])(?=.)/).flatMap((part, index): ElementContent[] => (index === 0 ? [{ type: 'text', value: part }] : [{ ...WBR }, { type: 'text', value: part }]));
    });
    return SKIP;
  });
}
