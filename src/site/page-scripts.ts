// Third-party browser libraries that some pages need (mermaid, for `mermaid` diagrams): each is copied
// from its npm package into the output only when a page uses it, and linked only from those pages.
// Whether a page uses one is read from its shortcode calls (the lexer finds them as expansion does, so
// escaped calls do not count); page data and the output generator
// (outputs/page-script-files.ts) both ask here, so they agree without sharing rendering state. It renders nothing.

import { readFileSync } from 'node:fs';
import type { Page } from '../content/discover.js';
import { lexShortcodes, mayContainShortcodes } from '../shortcodes/lexer.js';
import { requiredPackageFile } from '../util/optional-package.js';

export interface PageScript {
  /** The shortcode whose output the library draws. */
  readonly shortcode: string;
  /** Path under the output folder; the version in the name lets browsers cache it for good. */
  readonly outputPath: string;
  /** The library's file, resolved from the packages installed beside runbook-site. */
  readonly sourceFile: string;
}

interface ScriptSource {
  readonly shortcode: string;
  /** The optional peer dependency that holds it, and its file there. */
  readonly packageName: string;
  readonly file: string;
  outputName(version: string): string;
}

const scriptSources: readonly ScriptSource[] = [
  // The self-contained browser build: it draws every `pre.mermaid` on load (startOnLoad defaults to true).
  { shortcode: 'mermaid', packageName: 'mermaid', file: 'dist/mermaid.min.js', outputName: (version) => `assets/mermaid-${version}.min.js` },
];

/**
 * Resolved on first use, so a site that never draws a diagram needs no mermaid installed; without it, the
 * first page that needs it fails (the shortcode itself reports it first, at its call).
 */
const resolved = new Map<ScriptSource, PageScript>();
function resolveScript(source: ScriptSource, page: Page): PageScript {
  const known = resolved.get(source);
  if (known) return known;
  const feature = `the \`${source.shortcode}\` shortcode`;
  const manifest = requiredPackageFile(source.packageName, 'package.json', feature, page.file);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const script = { shortcode: source.shortcode, outputPath: source.outputName(version), sourceFile: requiredPackageFile(source.packageName, source.file, feature, page.file) };
  resolved.set(source, script);
  return script;
}

/** The libraries a page's content needs, in `scriptSources` order. */
export function pageScriptsOf(page: Page): PageScript[] {
  // A call names its shortcode in the body: most bodies hold none of these names and need no lexing
  // (lexing every body took ~19 ms of a one-page rebuild of the corpus, twice per page).
  if (!mayContainShortcodes(page.body) || !scriptSources.some((source) => page.body.includes(source.shortcode))) return [];
  const names = new Set(
    lexShortcodes(page.body)
      .filter((item) => item.type === 'name')
      .map((item) => page.body.slice(item.low, item.high)),
  );
  return scriptSources.filter((source) => names.has(source.shortcode)).map((source) => resolveScript(source, page));
}
