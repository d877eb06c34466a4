// Every output generator of a build, in the order they are written (later files win on a clash).

import { alertsIndexPage } from './alerts-index-page.js';
import { alertsJson } from './alerts-json.js';
import { metricPages } from './metric-pages.js';
import { bundleResources } from './bundle-resources.js';
import { notFoundPage } from './not-found-page.js';
import { redirects } from './redirects.js';
import { pageScriptFiles } from './page-script-files.js';
import { noJekyll, robots } from './robots.js';
import { searchIndex } from './search-index.js';
import { sitemap } from './sitemap.js';
import { taxonomyPages } from './taxonomy-pages.js';
import { themeAssets } from './theme-assets.js';
import type { SiteModel } from '../site/site.js';
import { type GeneratedPageRenderer, type RedirectRenderer, renderGeneratedPage, renderRedirect } from './generated-page.js';
import type { OutputFile, OutputGenerator } from './types.js';

// Redirects come first, so that any generated page at the same URL replaces them.
export const outputGenerators: readonly OutputGenerator[] = [
  redirects, alertsJson, themeAssets, pageScriptFiles, bundleResources,
  taxonomyPages, alertsIndexPage, metricPages, notFoundPage, sitemap, robots, noJekyll, searchIndex,
];

/**
 * Every generator's files in write order, as they come (a kept file's content is drawn only when read);
 * `render` draws the generated pages, `renderRedirect` the redirect pages.
 */
export function* generatedOutputs(
  model: SiteModel,
  render: GeneratedPageRenderer = renderGeneratedPage,
  redirect: RedirectRenderer = renderRedirect,
): Generator<OutputFile> {
  for (const generate of outputGenerators) yield* generate(model, render, redirect);
}
