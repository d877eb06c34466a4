// The menu tree (src/layout/menu.ts) on real sites written to disk: order by weight then title,
// bookCollapseSection, bookFlatSection, bookHidden, the params.BookSection root, the current page marked
// and its sections open, previous/next within a section, the link budget that keeps menus of large
// sites from holding every page.

import { describe, expect, test } from 'vitest';
import type { Page } from '../src/content/discover.js';
import { loadSite, type SiteModel } from '../src/site/site.js';
import { createSiteMenu } from '../src/layout/menu.js';
import type { MenuEntry } from '../src/theme-api/types.js';
import { writeSite } from './helpers/site.js';

const site = `
-- content/_index.md --
# Home
-- content/about.md --
---
title: About
---
-- content/runbooks/_index.md --
---
title: Runbooks
---
-- content/runbooks/zeta/_index.md --
---
title: zeta
weight: 1
bookCollapseSection: true
---
-- content/runbooks/zeta/b.md --
---
title: Bravo
---
-- content/runbooks/zeta/a.md --
---
title: alpha
---
-- content/runbooks/zeta/heavy.md --
---
title: Zulu first
weight: 5
---
-- content/runbooks/zeta/hidden.md --
---
title: Hidden
bookHidden: true
---
-- content/runbooks/alpha/_index.md --
---
title: Alpha
bookCollapseSection: true
bookFlatSection: true
weight: 2
---
-- content/runbooks/alpha/one.md --
---
title: One
---
-- content/runbooks/alpha/deep/_index.md --
---
title: Deep
---
-- content/runbooks/alpha/deep/leaf.md --
---
title: Leaf
---
-- content/runbooks/open/_index.md --
---
title: Open
---
-- content/runbooks/open/page.md --
---
title: Always shown
---
-- content/runbooks/gone/_index.md --
---
title: Gone
bookHidden: true
---
-- content/runbooks/gone/x.md --
# X
`;

async function menuOf(bookSection?: string): Promise<{ model: SiteModel; menuFor(file: string): readonly MenuEntry[]; page(file: string): Page }> {
  const model = await loadSite({ source: writeSite(site) });
  const menu = createSiteMenu(model, { bookSection, url: (page) => page.path });
  const page = (file: string) => model.site.pages.find((candidate) => candidate.file === `content/${file}`)!;
  return { model, page, menuFor: (file) => menu.menuFor(page(file)) };
}

/** The menu as indented lines: `title [flags]`, children under their section. */
function outline(entries: readonly MenuEntry[], depth = 0): string[] {
  return entries.flatMap((entry) => {
    const flags = [entry.current && 'current', entry.flat && 'flat', entry.section && (entry.children ? 'open' : 'closed')].filter(Boolean);
    return [`${'  '.repeat(depth)}${entry.title}${flags.length > 0 ? ` [${flags.join(' ')}]` : ''}`, ...outline(entry.children ?? [], depth + 1)];
  });
}

describe('menu tree', () => {
  test('from the home section: sections and pages by weight, then title; collapsed sections closed; hidden ones left out', async () => {
    const { menuFor } = await menuOf();
    expect(outline(menuFor('_index.md'))).toEqual([
      'About',
      'Runbooks [open]',
      '  zeta [closed]',
      '  Alpha [flat closed]',
      '  Open [open]',
      '    Always shown',
    ]);
  });

  test('params.BookSection sets the root; the current page is marked and its sections opened', async () => {
    const { menuFor } = await menuOf('runbooks');
    expect(outline(menuFor('runbooks/zeta/b.md'))).toEqual([
      'zeta [open]',
      '  Zulu first',
      '  alpha',
      '  Bravo [current]',
      'Alpha [flat closed]',
      'Open [open]',
      '  Always shown',
    ]);
    expect(outline(menuFor('runbooks/alpha/deep/leaf.md'))).toEqual([
      'zeta [closed]',
      'Alpha [flat open]',
      '  Deep [open]',
      '    Leaf [current]',
      '  One',
      'Open [open]',
      '  Always shown',
    ]);
  });

  test('a section page opens its own section and is marked; pages of one section share its menu but not the mark', async () => {
    const { menuFor } = await menuOf('/runbooks/');
    expect(outline(menuFor('runbooks/zeta/_index.md')).slice(0, 2)).toEqual(['zeta [current open]', '  Zulu first']);
    const first = menuFor('runbooks/zeta/a.md');
    const second = menuFor('runbooks/zeta/b.md');
    expect(outline(first)).toContain('  alpha [current]');
    expect(outline(second)).toContain('  alpha');
    expect(outline(first)).toContain('  Bravo');
  });

  test('an unknown BookSection falls back to the home section', async () => {
    const { menuFor } = await menuOf('nowhere');
    expect(outline(menuFor('about.md'))[0]).toBe('About [current]');
  });

  test('previous and next follow menu order inside the section, skipping hidden pages and sub-sections', async () => {
    const { model, page } = await menuOf('runbooks');
    const menu = createSiteMenu(model, { url: (p) => p.path });
    expect(menu.neighboursOf(page('runbooks/zeta/heavy.md'))).toEqual({ previous: undefined, next: { title: 'alpha', url: '/runbooks/zeta/a/' } });
    expect(menu.neighboursOf(page('runbooks/zeta/b.md'))).toEqual({ previous: { title: 'alpha', url: '/runbooks/zeta/a/' }, next: undefined });
    expect(menu.neighboursOf(page('runbooks/alpha/one.md'))).toEqual({ previous: undefined, next: undefined });
    expect(menu.neighboursOf(page('runbooks/zeta/hidden.md'))).toEqual({});
  });
});

describe('menu link budget', () => {
  const sections = ['a', 'b', 'c'].flatMap((name) => [
    `-- content/${name}/_index.md --\n---\ntitle: ${name.toUpperCase()}\n---`,
    ...[1, 2, 3].map((page) => `-- content/${name}/${name}${page}.md --\n---\ntitle: ${name}${page}\n---`),
  ]);
  const budgetSite = ['-- content/_index.md --', '# Home', ...sections].join('\n') + '\n';

  async function budgetMenu(linkBudget?: number) {
    const model = await loadSite({ source: writeSite(budgetSite) });
    const menu = createSiteMenu(model, { url: (page) => page.path, linkBudget });
    return (file: string) => outline(menu.menuFor(model.site.pages.find((page) => page.file === `content/${file}`)!));
  }

  test('under the budget, every section without bookCollapseSection is open, as in hugo-book', async () => {
    const menuFor = await budgetMenu();
    expect(menuFor('_index.md')).toEqual(['A [open]', '  a1', '  a2', '  a3', 'B [open]', '  b1', '  b2', '  b3', 'C [open]', '  c1', '  c2', '  c3']);
  });

  test('beyond it, sections off the page path open in menu order while they fit; the path always opens', async () => {
    const menuFor = await budgetMenu(9);
    expect(menuFor('_index.md')).toEqual(['A [open]', '  a1', '  a2', '  a3', 'B [open]', '  b1', '  b2', '  b3', 'C [closed]']);
    expect(menuFor('c/c2.md')).toEqual(['A [open]', '  a1', '  a2', '  a3', 'B [closed]', 'C [open]', '  c1', '  c2 [current]', '  c3']);
    const tiny = await budgetMenu(1);
    expect(tiny('b/b1.md')).toEqual(['A [closed]', 'B [open]', '  b1 [current]', '  b2', '  b3', 'C [closed]']);
  });
});
