// The section layout: breadcrumbs, the section's own text (from its _index.md) and its children
// (sub-sections, then runbooks) with their descriptions.

import type { Root } from 'hast';
import type { PageData } from '../../src/theme-api/types.js';
import { article } from './parts/article.js';
import { breadcrumbs } from './parts/breadcrumbs.js';
import { childList } from './parts/child-list.js';
import { document } from './parts/document.js';
import { pageMeta } from './parts/page-meta.js';

export default function section(data: PageData): Root {
  return document(data, [breadcrumbs(data), article(data, [childList(data.children, `Pages of ${data.page.title}`)]), pageMeta(data)]);
}
