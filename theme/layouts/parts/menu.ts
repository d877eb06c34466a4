// The left menu (navigation landmark): draws the menu entries of PageData as nested lists. A closed
// section is a link to its section page (which lists its pages), so the menu works without JavaScript;
// flat sections (`bookFlatSection`) draw their title as a heading over unindented children.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { MenuEntry, PageData } from '../../../src/theme/types.js';

export const MENU_ID = 'site-menu';

export function menu(data: PageData): Element {
  return h('nav', { id: MENU_ID, className: ['site-menu'], 'aria-label': 'Runbooks' }, [entryList(data.menu)]);
}

function entryList(entries: readonly MenuEntry[]): Element {
  return h('ul', entries.map(entryItem));
}

function entryItem(entry: MenuEntry): Element {
  const className = [
    entry.section ? 'menu-section' : 'menu-page',
    ...(entry.flat ? ['flat'] : []),
    ...(entry.section && !entry.children ? ['closed'] : []),
    ...(entry.section && entry.children ? ['open'] : []),
  ];
  return h('li', { className }, [
    h('a', { href: entry.url, 'aria-current': entry.current ? 'page' : undefined }, entry.title),
    entry.children && entry.children.length > 0 ? entryList(entry.children) : undefined,
  ]);
}
