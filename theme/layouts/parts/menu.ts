// The left menu (navigation landmark): draws the menu entries of PageData as nested lists. A closed
// section is a link to its section page (which lists its pages), so the menu works without JavaScript;
// flat sections (`bookFlatSection`) draw their title as a heading over unindented children.
// The menu is the largest part drawn on every page, so it is kept cheap: entries are built as plain hast
// objects rather than with `h` (no property parsing), and each entry's item is serialised once and put
// in as a raw node. src/layout/menu.ts shares every entry off the current page's path between the pages
// of a section, so a section's menu is serialised once, not once per page (it was most of a page's
// serialisation time); the document is serialised with raw nodes allowed (src/layout/serialize.ts).

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { themeHtml } from '../../../src/layout/serialize.js';
import { breakableName } from '../../../src/layout/word-breaks.js';
import type { MenuEntry, PageData } from '../../../src/theme-api/types.js';

export const MENU_ID = 'site-menu';

export function menu(data: PageData): Element {
  return h('nav', { id: MENU_ID, className: ['site-menu'], 'aria-label': 'Runbooks' }, [entryList(data.menu)]);
}

function entryList(entries: readonly MenuEntry[]): Element {
  return { type: 'element', tagName: 'ul', properties: {}, children: entries.map(entryItem) };
}

/** Serialised items by entry: an entry object is shared only while its item (and its children) is unchanged. */
const drawnItems = new WeakMap<MenuEntry, ElementContent>();

function entryItem(entry: MenuEntry): ElementContent {
  let drawn = drawnItems.get(entry);
  if (!drawn) drawnItems.set(entry, (drawn = { type: 'raw', value: themeHtml(itemElement(entry)) }));
  return drawn;
}

function itemElement(entry: MenuEntry): Element {
  const className = [entry.section ? 'menu-section' : 'menu-page'];
  if (entry.flat) className.push('flat');
  if (entry.collapsible) className.push('collapsible');
  if (entry.section) className.push(entry.children ? 'open' : 'closed');
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: entry.current ? { href: entry.url, ariaCurrent: 'page' } : { href: entry.url },
    children: breakableName(entry.title),
  };
  const children = entry.children && entry.children.length > 0 ? [link, entryList(entry.children)] : [link];
  return { type: 'element', tagName: 'li', properties: { className }, children };
}
