// The theme: the built-in layouts and assets, each overridable by a site file of the same name
// (`<site>/theme/layouts/page.js`, `<site>/theme/assets/style.css`). Loads them once per build; assets are
// fingerprinted (CSS and JS) so they can be cached forever. It does not render pages.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import notFoundLayout from '../../theme/layouts/404.js';
import alertsLayout from '../../theme/layouts/alerts.js';
import homeLayout from '../../theme/layouts/home.js';
import pageLayout from '../../theme/layouts/page.js';
import sectionLayout from '../../theme/layouts/section.js';
import taxonomyLayout from '../../theme/layouts/taxonomy.js';
import termLayout from '../../theme/layouts/term.js';
import redirectLayout from '../../theme/layouts/redirect.js';
import searchLayout from '../../theme/layouts/search.js';
import { contentHash } from '../util/content-hash.js';
import { SiteError } from '../util/diagnostics.js';
import { importSiteFunction } from '../util/fresh-import.js';
import { listFiles, listSiteFiles } from '../util/list-files.js';
import { packageRoot } from '../util/package-root.js';
import type { RedirectLayout } from './redirect-data.js';
import type { Layout, PageKindName } from './types.js';

/** A layout per page kind (home, section, page, taxonomy, term, alerts, search, 404), and the redirect page's. */
export interface Layouts extends Readonly<Record<PageKindName, Layout>> {
  readonly redirect: RedirectLayout;
}

const builtinLayouts: Layouts = {
  home: homeLayout,
  section: sectionLayout,
  page: pageLayout,
  taxonomy: taxonomyLayout,
  term: termLayout,
  alerts: alertsLayout,
  search: searchLayout,
  '404': notFoundLayout,
  redirect: redirectLayout,
};

export type LayoutName = keyof Layouts;

export interface ThemeAsset {
  /** Path under the output folder (`assets/style.1a2b3c4d.css`). */
  readonly outputPath: string;
  readonly content: Buffer;
}

export interface Theme {
  readonly layouts: Layouts;
  /** Assets by their path under theme/assets. */
  readonly assets: ReadonlyMap<string, ThemeAsset>;
}

export async function loadTheme(siteDir: string): Promise<Theme> {
  const layouts: Record<string, unknown> = { ...builtinLayouts };
  const siteLayouts = path.join(siteDir, 'theme', 'layouts');
  // Only top-level modules are layouts; sub-folders (the built-in theme's parts/) hold their own modules.
  for (const file of listSiteFiles(siteDir, path.join('theme', 'layouts')).filter((name) => /^[^/]+\.m?js$/.test(name))) {
    const name = file.replace(/\.m?js$/, '');
    const layout = await importSiteFunction<Layout>(path.join(siteLayouts, file), `theme/layouts/${file}`, {
      what: 'layout',
      example: 'export default function (data) { return /* a hast Root */ }',
      ruleId: 'theme/invalid-layout',
    });
    layouts[name] = reportingFailures(layout, `theme/layouts/${file}`);
  }
  const assets = new Map<string, ThemeAsset>();
  const siteAssets = path.join('theme', 'assets');
  for (const [root, files] of [
    [path.join(packageRoot, siteAssets), listFiles(path.join(packageRoot, siteAssets))],
    [path.join(siteDir, siteAssets), listSiteFiles(siteDir, siteAssets)],
  ] as const) {
    for (const file of files) assets.set(file, fingerprinted(file, readFileSync(path.join(root, file))));
  }
  return { layouts: layouts as unknown as Layouts, assets };
}

/**
 * A site layout whose error names its file, as a shortcode's names the page calling it: an error of the
 * site's own code is the author's to fix, not runbook-site's to be reported as a bug; so is a value that
 * is no hast tree (undefined, a Promise). A SiteError it throws on purpose (`runbook-site`'s own) passes
 * as it is.
 */
function reportingFailures<Data>(layout: (data: Data) => unknown, file: string): (data: Data) => unknown {
  const fail = (reason: string, cause?: unknown) =>
    new SiteError({ file, reason, hint: 'fix the layout; run with --debug for its stack', ruleId: 'theme/layout-failed' }, { cause });
  return (data) => {
    let tree: unknown;
    try {
      tree = layout(data);
    } catch (error) {
      if (error instanceof SiteError) throw error;
      throw fail(`Unexpected error in the layout: ${messageOf(error)}`, error);
    }
    const type = typeof tree === 'object' && tree !== null ? (tree as { type?: unknown }).type : undefined;
    if (type !== 'root' && type !== 'element') throw fail(`Unexpected ${describeValue(tree)} returned by the layout, expected a hast tree (\`document()\` of runbook-site/theme makes one)`);
    return tree;
  };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return typeof value;
  return value instanceof Promise ? 'Promise (a layout is synchronous)' : 'object that is no hast node';
}

function fingerprinted(file: string, content: Buffer): ThemeAsset {
  const extension = path.posix.extname(file);
  if (extension !== '.css' && extension !== '.js') return { outputPath: `assets/${file}`, content };
  const hash = contentHash(content).slice(0, 10);
  return { outputPath: `assets/${file.slice(0, -extension.length)}.${hash}${extension}`, content };
}
