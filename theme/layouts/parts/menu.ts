// The left menu (navigation landmark): draws the menu entries of PageData as nested lists. A closed
// section is a link to its section page (which lists its pages), so the menu works without JavaScript;
// flat sections (`bookFlatSection`) draw their title as a heading over unindented children.
// Entries are built as plain hast objects rather than with `h`: the menu is the largest part drawn on
// every page, and skipping hastscript's property parsing keeps it cheap.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { MenuEntry, PageData } from '../../../src/theme/types.js';

export const MENU_ID = 'site-menu';

export function menu(data: PageData): Element {
  return h('nav', { id: MENU_ID, className: ['site-menu'], 'aria-label': 'Runbooks' }, [entryList(data.menu)]);
}

function entryList(entries: readonly MenuEntry[]): Element {
  return { type: 'element', tagName: 'ul', properties: {}, children: entries.map(entryItem) };
}

function entryItem(entry: MenuEntry): Element {
  const className = [entry.section ? 'menu-section' : 'menu-page'];
  if (entry.flat) className.push('flat');
  if (entry.collapsible) className.push('collapsible');
  if (entry.section) className.push(entry.children ? 'open' : 'closed');
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: entry.current ? { href: entry.url, ariaCurrent: 'page' } : { href: entry.url },
    children: [{ type: 'text', value: entry.title }],
  };
  const children = entry.children && entry.children.length > 0 ? [link, entryList(entry.children)] : [link];
  return { type: 'element', tagName: 'li', properties: { className }, children };
}
