// A section's (or a tag's) pages: each a link with its description, for section, home and term pages.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { ChildLink } from '../../../src/theme-api/types.js';

export function childList(children: readonly ChildLink[], label: string): Element | undefined {
  if (children.length === 0) return undefined;
  return h('ul', { className: ['child-list'], 'aria-label': label }, children.map((child) => h('li', [
    h('a', { href: child.url }, child.title),
    child.description ? h('p', child.description) : undefined,
  ])));
}
