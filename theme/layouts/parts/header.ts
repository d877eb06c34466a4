// The site header (banner), sticky at the top of every page: the menu button for narrow screens, the
// site title, links to the alerts index and the tags, the search slot and the colour-scheme toggle. Both
// buttons only work with JavaScript, so the CSS shows them only when the theme script has run
// (`html.js`). The toggle is an icon button of a fixed width: its name ("Dark mode") does not change, its
// state is aria-pressed, and the icon shows the scheme it turns on.

import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';
import { MENU_ID } from './menu.js';
import { search } from './search.js';

export function header(data: PageData): Element {
  const current = (kind: string) => (data.page.kind === kind ? { ariaCurrent: 'page' } : {});
  return h('header', { className: ['site-header'] }, [
    h('button', { type: 'button', className: ['menu-button'], 'aria-controls': MENU_ID, 'aria-expanded': 'false' }, 'Menu'),
    h('a', { className: ['site-title'], href: data.site.homeUrl }, data.site.title),
    h('nav', { className: ['site-links'], 'aria-label': 'Site' }, [
      h('a', { href: `${data.site.homeUrl}alerts/`, ...current('alerts') }, 'Alerts'),
      h('a', { href: `${data.site.homeUrl}tags/`, ...current('taxonomy') }, 'Tags'),
    ]),
    search(data),
    h('button', { type: 'button', className: ['scheme-toggle'], 'aria-pressed': 'false', 'aria-label': 'Dark mode', title: 'Switch between light and dark colours' }, [
      h('span', { className: ['scheme-icon', 'scheme-icon-dark'], 'aria-hidden': 'true' }, '☾'),
      h('span', { className: ['scheme-icon', 'scheme-icon-light'], 'aria-hidden': 'true' }, '☀'),
    ]),
  ]);
}
