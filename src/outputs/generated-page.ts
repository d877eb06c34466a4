// Renders a page an output generator makes (taxonomy, alerts index, 404) with the theme's layout of
// its kind, from the same PageData builder as content pages, so it has the same header and menu. A build
// draws them through its cache: a one-page edit draws again only those whose data it changed, not 580 metric pages;
// redirect pages likewise.

import type { SiteModel } from '../site/site.js';
import { type GeneratedPage, pageDataBuilder } from '../layout/page-data.js';
import { themeHtml } from '../layout/serialize.js';
import { outputFileOf } from '../content/urls.js';
import type { OutputFile } from './types.js';
import type { BuildCache, KeptOrDrawn } from '../cache/build-cache.js';
import type { RedirectData } from '../theme-api/redirect-data.js';

/** Draws a generated page as the output file `file` (default: the one of its path). */
export type GeneratedPageRenderer = (model: SiteModel, generated: GeneratedPage, file?: string) => OutputFile;

export const renderGeneratedPage: GeneratedPageRenderer = (model, generated, file = outputFileOf(generated.path)) => ({ path: file, content: generatedHtml(model, generated) });

/** Draws a redirect page as the output file `file`: `draw` draws it from `data`, all it reads but the theme. */
export type RedirectRenderer = (file: string, data: RedirectData, draw: () => string) => OutputFile;

export const renderRedirect: RedirectRenderer = (file, _data, draw) => ({ path: file, content: draw() });

/**
 * renderGeneratedPage through the build cache: a page whose data and layouts are unchanged is not drawn
 * again, nor read back when the output already holds it.
 */
export function cachedGeneratedPages(cache: BuildCache): GeneratedPageRenderer {
  return (model, generated, file = outputFileOf(generated.path)) => outputOf(file, cache.generatedPage(file, generated, () => generatedHtml(model, generated)));
}

/** renderRedirect through the build cache: a redirect whose data and layout are unchanged is drawn only if the output lacks it. */
export function cachedRedirects(cache: BuildCache): RedirectRenderer {
  return (file, data, draw) => outputOf(file, cache.redirectPage(file, data, draw));
}

function outputOf(file: string, page: KeptOrDrawn): OutputFile {
  return page.kept ? { path: file, kept: page.kept, draw: page.draw } : { path: file, content: page.html };
}

function generatedHtml(model: SiteModel, generated: GeneratedPage): string {
  return themeHtml(model.theme.layouts[generated.kind](pageDataBuilder(model).forGenerated(generated)));
}
