// Renders a page an output generator makes (taxonomy, alerts index, 404) with the theme's layout of
// its kind, from the same PageData builder as content pages, so it has the same header and menu. A build
// draws them through its cache: a one-page edit draws again only those whose data it changed, not 580 metric pages.

import type { SiteModel } from '../site/site.js';
import { type GeneratedPage, pageDataBuilder } from '../layout/page-data.js';
import { themeHtml } from '../layout/serialize.js';
import { outputFileOf } from '../content/urls.js';
import type { OutputFile } from './types.js';
import type { BuildCache } from '../cache/build-cache.js';

/** Draws a generated page as the output file `file` (default: the one of its path). */
export type GeneratedPageRenderer = (model: SiteModel, generated: GeneratedPage, file?: string) => OutputFile;

export const renderGeneratedPage: GeneratedPageRenderer = (model, generated, file = outputFileOf(generated.path)) => ({ path: file, content: generatedHtml(model, generated) });

/**
 * renderGeneratedPage through the build cache: a page whose data and layouts are unchanged is not drawn
 * again, nor read back when the output already holds it.
 */
export function cachedGeneratedPages(cache: BuildCache): GeneratedPageRenderer {
  return (model, generated, file = outputFileOf(generated.path)) => {
    const page = cache.generatedPage(file, generated, () => generatedHtml(model, generated));
    return page.kept ? { path: file, kept: page.kept, draw: page.draw } : { path: file, content: page.html };
  };
}

function generatedHtml(model: SiteModel, generated: GeneratedPage): string {
  return themeHtml(model.theme.layouts[generated.kind](pageDataBuilder(model).forGenerated(generated)));
}
