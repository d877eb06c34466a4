// The search slot of the header: the site search box (issues 5 and 15), between the site title and the
// colour-scheme toggle. A form that submits `q` to the search page (`search/`), so without JavaScript
// Enter leads to a page that links the alerts index; theme/assets/search.js turns it into a combobox
// with results as you type, and finds the search files from the base path and the engine from its asset
// URL given here.

import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../../src/theme-api/types.js';

export function search(data: PageData): ElementContent[] {
  const { assets } = data;
  if (!assets['search.js'] || !assets['search-engine.js']) return [];
  return [
    h('form', { className: ['site-search'], role: 'search', action: `${data.site.basePath}search/`, method: 'get', dataBasePath: data.site.basePath, dataSearchEngine: assets['search-engine.js'] }, [
      h('input', {
        type: 'search',
        name: 'q',
        placeholder: 'Search runbooks, alerts, metrics… (/)',
        'aria-label': 'Search runbooks',
        autocomplete: 'off',
        spellcheck: 'false',
        role: 'combobox',
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': 'site-search-results',
      }),
      h('ul', { id: 'site-search-results', className: ['site-search-results'], role: 'listbox', 'aria-label': 'Search results', hidden: true }),
    ]),
    // A stylesheet link is allowed in the body; keeping it here keeps search in one part of the theme.
    assets['search.css'] ? h('link', { rel: 'stylesheet', href: assets['search.css'] }) : undefined,
    h('script', { type: 'module', src: assets['search.js'] }),
  ].filter((node) => node !== undefined);
}
