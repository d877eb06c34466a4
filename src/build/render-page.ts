// Renders one content page to a whole HTML document: shortcodes, then Markdown, then the theme's layout;
// on a runbook, the alert-template placeholders (`{{ $labels.x }}`) are then marked for the theme's
// labels script.
// A pure function of the site model and the page, apart from the warnings it reports.

import type { Root } from 'hast';
import type { Diagnostic } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { assertParsableBlocks } from '../markdown/block-limits.js';
import { createMarkdownRenderer } from '../markdown/processor.js';
import { createPageLookup } from '../shortcodes/page-lookup.js';
import { expandShortcodes } from '../shortcodes/expand.js';
import type { SiteModel } from '../site/site.js';
import { pageDataBuilder } from '../layout/page-data.js';
import { markTemplatePlaceholders } from '../layout/placeholder-marks.js';
import { themeHtml } from '../layout/serialize.js';

export type PageRenderer = (page: Page) => string;

/** A page's content alone (shortcodes, then Markdown), as a hast tree; `check` reads links and ids from it. */
export type ContentRenderer = (page: Page) => Root;

export function createPageRenderer(model: SiteModel, warn: (warning: Diagnostic) => void): PageRenderer {
  const renderContent = createContentRenderer(model, warn);
  const pageData = pageDataBuilder(model);
  return (page) => {
    const data = pageData.forPage(page, renderContent(page), warn);
    const document = model.theme.layouts[page.kind](data);
    if (page.kind === 'page') markTemplatePlaceholders(document);
    return themeHtml(document);
  };
}

export function createContentRenderer(model: SiteModel, warn: (warning: Diagnostic) => void): ContentRenderer {
  const renderMarkdown = createMarkdownRenderer({ unsafeHtml: model.config.unsafeHtml });
  const site = { baseURL: model.config.baseURL, params: model.config.params };
  const pages = createPageLookup(model.site.pages, model.links);
  return (page) => {
    assertParsableBlocks(page.body, { file: page.file, lineOffset: page.bodyLineOffset }, model.config.limits);
    const { markdown, html } = expandShortcodes(page.body, {
      file: page.file,
      lineOffset: page.bodyLineOffset,
      shortcodes: model.shortcodes,
      page: { file: page.file, params: page.frontMatter },
      site,
      rules: model.rules,
      pages,
      renderMarkdown,
      onWarning: warn,
    });
    return renderMarkdown(markdown, html);
  };
}
