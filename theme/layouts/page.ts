// The runbook page layout: breadcrumbs, the runbook (with its Alert Rule block), tags, last modified
// date, edit link and the previous/next runbooks of the section.

import type { Root } from 'hast';
import type { PageData } from '../../src/theme-api/types.js';
import { article } from './parts/article.js';
import { breadcrumbs } from './parts/breadcrumbs.js';
import { document } from './parts/document.js';
import { pageMeta, pagination } from './parts/page-meta.js';

export default function page(data: PageData): Root {
  return document(data, [breadcrumbs(data), article(data), pageMeta(data), pagination(data)]);
}
