// The search slot of the header: empty in this theme. Site search (issue 5) draws its search box here;
// the header already leaves room for it between the site title and the colour-scheme toggle.

import type { ElementContent } from 'hast';
import type { PageData } from '../../../src/theme/types.js';

export function search(_data: PageData): ElementContent[] {
  return [];
}
