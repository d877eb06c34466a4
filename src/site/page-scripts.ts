// Third-party browser libraries that some pages need (mermaid, for `mermaid` diagrams): each is copied
// from its npm package into the output only when a page uses it, and linked only from those pages.
// Whether a page uses one is read from its shortcode calls (the lexer finds them as expansion does, so
// escaped calls do not count); page data and the output generator
// (outputs/page-script-files.ts) both ask here, so they agree without sharing rendering state. It renders nothing.

import { createRequire } from 'node:module';
import type { Page } from '../content/discover.js';
import { lexShortcodes, mayContainShortcodes } from '../shortcodes/lexer.js';

export interface PageScript {
  /** The shortcode whose output the library draws. */
  readonly shortcode: string;
  /** Path under the output folder; the version in the name lets browsers cache it for good. */
  readonly outputPath: string;
  /** The library's file, resolved from runbook-site's own dependencies. */
  readonly sourceFile: string;
}

const require = createRequire(import.meta.url);
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

export const pageScripts: readonly PageScript[] = [
  // The self-contained browser build: it draws every `pre.mermaid` on load (startOnLoad defaults to true).
  { shortcode: 'mermaid', outputPath: `assets/mermaid-${mermaidVersion}.min.js`, sourceFile: require.resolve('mermaid/dist/mermaid.min.js') },
];

/** The libraries a page's content needs, in `pageScripts` order. */
export function pageScriptsOf(page: Page): PageScript[] {
  if (!mayContainShortcodes(page.body)) return [];
  const names = new Set(
    lexShortcodes(page.body)
      .filter((item) => item.type === 'name')
      .map((item) => page.body.slice(item.low, item.high)),
  );
  return pageScripts.filter((script) => names.has(script.shortcode));
}
