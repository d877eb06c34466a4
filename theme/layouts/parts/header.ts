// The site header (banner): the menu button for narrow screens, the site title, the search slot and the
// colour-scheme toggle. Both buttons only work with JavaScript, so the CSS shows them only when the
// theme script has run (`html.js`).

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';
import { MENU_ID } from './menu.js';
import { search } from './search.js';

export function header(data: PageData): Element {
  return h('header', { className: ['site-header'] }, [
    h('button', { type: 'button', className: ['menu-button'], 'aria-controls': MENU_ID, 'aria-expanded': 'false' }, 'Menu'),
    h('a', { className: ['site-title'], href: data.site.homeUrl }, data.site.title),
    search(data),
    h('button', { type: 'button', className: ['scheme-toggle'], 'aria-pressed': 'false', title: 'Switch between light and dark colours' }, 'Dark mode'),
  ]);
}
