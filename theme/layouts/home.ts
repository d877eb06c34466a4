// The home layout: the text of content/_index.md and the top-level sections and pages.

import type { Root } from 'hast';
import type { PageData } from '../../src/theme-api/types.js';
import { article } from './parts/article.js';
import { childList } from './parts/child-list.js';
import { document } from './parts/document.js';

export default function home(data: PageData): Root {
  return document(data, [article(data, [childList(data.children, 'Sections')])]);
}
