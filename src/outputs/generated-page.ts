// Renders a page an output generator makes (taxonomy, alerts index, 404) with the theme's layout of
// its kind, from the same PageData builder as content pages, so it has the same header and menu.

import type { SiteModel } from '../site/site.js';
import { type GeneratedPage, pageDataBuilder } from '../layout/page-data.js';
import { themeHtml } from '../layout/serialize.js';
import { outputFileOf } from '../content/urls.js';
import type { OutputFile } from './types.js';

export function renderGeneratedPage(model: SiteModel, generated: GeneratedPage, file = outputFileOf(generated.path)): OutputFile {
  const data = pageDataBuilder(model).forGenerated(generated);
  return { path: file, content: themeHtml(model.theme.layouts[generated.kind](data)) };
}
