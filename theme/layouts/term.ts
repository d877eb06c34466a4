// The term layout (`/tags/<tag>/`): the pages carrying one tag.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { PageData } from '../../src/theme-api/types.js';
import { breadcrumbs } from './parts/breadcrumbs.js';
import { childList } from './parts/child-list.js';
import { document } from './parts/document.js';

export default function term(data: PageData): Root {
  return document(data, [
    breadcrumbs(data),
    h('article', { className: ['markdown'] }, [h('h1', `Tag: ${data.page.title}`), childList(data.children, `Pages tagged ${data.page.title}`)]),
  ]);
}
