// The not-found layout (404.html): says so, offers a search of the alerts (a form sent to the alerts
// index, whose filter reads `?q=`; the theme script fills it with the last part of the address, which
// is often an alert name) and links to the alerts index and the home page.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../src/theme-api/types.js';
import { document } from './parts/document.js';

export default function notFound(data: PageData): Root {
  const alertsUrl = `${data.site.homeUrl}alerts/`;
  return document(data, [
    h('article', { className: ['markdown', 'not-found'] }, [
      h('h1', data.page.title),
      h('p', 'There is no runbook at this address. Look the alert up by name:'),
      h('form', { className: ['not-found-search'], action: alertsUrl, method: 'get', role: 'search', 'aria-label': 'Find an alert' }, [
        h('label', { for: 'not-found-q' }, 'Alert, group or rule file'),
        h('input', { id: 'not-found-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false' }),
        h('button', { type: 'submit' }, 'Find'),
      ]),
      h('ul', [
        h('li', [h('a', { href: alertsUrl }, 'All alerts'), ': every alert rule with its runbook']),
        h('li', [h('a', { href: data.site.homeUrl }, 'Home page')]),
      ]),
    ]),
  ]);
}
