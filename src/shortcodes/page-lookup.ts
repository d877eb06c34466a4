// The page lookup behind `ref` and `relref`: every page of a build by its source path, resolved as Hugo
// resolves a ref path (hugolib/pagecollections.go): relative to the linking page's folder first, then to
// the content folder, `.md` optional, case-insensitive; a section by its folder or its `_index.md`; and,
// as a last resort, a file name alone when only one page has it. Built once per build; it reads no files.

import path from 'node:path';
import type { Page } from '../content/discover.js';
import type { PageLookup, PageTarget } from './types.js';
import type { SiteLinks } from '../content/urls.js';

export function createPageLookup(pages: readonly Page[], links: SiteLinks): PageLookup {
  const byKey = new Map<string, PageTarget>();
  const byBaseName = new Map<string, PageTarget[]>();
  const byFile = new Map<string, PageTarget>();
  const folderOf = new Map<string, string>();
  for (const page of pages) {
    const target: PageTarget = { file: page.file, url: links.relative(page.path), permalink: links.absolute(page.path) };
    const key = lookupKey(page.contentPath);
    byFile.set(page.file, target);
    folderOf.set(page.file, path.posix.dirname(page.contentPath));
    for (const alias of keysOf(key)) byKey.set(alias, target);
    const baseName = path.posix.basename(key);
    if (baseName !== '_index' && baseName !== 'index') byBaseName.set(baseName, [...(byBaseName.get(baseName) ?? []), target]);
  }
  return {
    find(target, fromFile) {
      if (target === '') return found(byFile.get(fromFile)) ?? [];
      const fromRoot = found(byKey.get(lookupKey(target)));
      if (target.startsWith('/')) return fromRoot ?? [];
      const fromFolder = found(byKey.get(lookupKey(path.posix.join(folderOf.get(fromFile) ?? '.', target))));
      return fromFolder ?? fromRoot ?? (target.includes('/') ? undefined : byBaseName.get(lookupKey(target))) ?? [];
    },
  };
}

function found(target: PageTarget | undefined): PageTarget[] | undefined {
  return target ? [target] : undefined;
}

/** `Runbooks/X/Foo.md` → `runbooks/x/foo`; `/` and `.` → `` (the content folder itself). */
function lookupKey(target: string): string {
  const normalised = path.posix.normalize(`/${target}`).replace(/\.(md|markdown)$/i, '').toLowerCase();
  return normalised.replace(/^\/+|\/+$/g, '');
}

/** A section page answers to its folder and to its `_index`; a leaf bundle's `index` to its folder. */
function keysOf(key: string): string[] {
  const baseName = path.posix.basename(key);
  if (baseName !== '_index' && baseName !== 'index') return [key];
  const folder = path.posix.dirname(key);
  return [key, folder === '.' ? '' : folder];
}
