// Renders one content page to a whole HTML document: its body (shortcodes, then Markdown; or the body
// cache's copy when nothing it depends on changed), then the theme's layout around it; on a runbook, the
// alert-template placeholders (`{{ $labels.x }}`) are then marked for the theme's labels script.
// A pure function of the site model and the page, apart from the warnings it reports and the bodies it
// hands to `keep`.

import type { Root } from 'hast';
import type { Diagnostic } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { type BodyCache, recordBodyReads, treeJson } from '../cache/body-cache.js';
import type { RecordingSiteModel } from '../cache/rule-recording.js';
import { assertParsableBlocks } from '../markdown/block-limits.js';
import { assertRenderableNesting } from '../markdown/nesting-limit.js';
import { createMarkdownRenderer } from '../markdown/processor.js';
import { highlightCode } from '../markdown/code-highlight.js';
import { createPageLookup } from '../shortcodes/page-lookup.js';
import { expandShortcodes } from '../shortcodes/expand.js';
import type { PageLookup } from '../shortcodes/types.js';
import { pageDataBuilder } from '../layout/page-data.js';
import { markTemplatePlaceholders } from '../layout/placeholder-marks.js';
import { themeHtml } from '../layout/serialize.js';

export type PageRenderer = (page: Page) => string;

/** A page's content alone (shortcodes, then Markdown), as a hast tree; `check` reads links and ids from it. */
export type ContentRenderer = (page: Page) => Root;

/** The body cache as a renderer uses it: bodies are taken from it, and each body rendered now goes to `keep`. */
export type BodySource = Pick<BodyCache, 'lookup' | 'keep'>;

export function createPageRenderer(model: RecordingSiteModel, warn: (warning: Diagnostic) => void, bodies?: BodySource): PageRenderer {
  const renderContent = createContentRenderer(model, warn, bodies);
  const pageData = pageDataBuilder(model);
  return (page) => {
    const data = pageData.forPage(page, renderContent(page), warn);
    const document = model.theme.layouts[page.kind](data);
    if (page.kind === 'page') markTemplatePlaceholders(document);
    return themeHtml(document);
  };
}

/** Starts each page's rule recording (model.ruleRecorder): a page's render begins with its body. */
export function createContentRenderer(model: RecordingSiteModel, warn: (warning: Diagnostic) => void, bodies?: BodySource): ContentRenderer {
  const renderMarkdown = createMarkdownRenderer({ unsafeHtml: model.config.unsafeHtml });
  const site = { baseURL: model.config.baseURL, params: model.config.params };
  const pages = createPageLookup(model.site.pages, model.links);
  const renderBody = (page: Page, lookup: PageLookup, params: Page['frontMatter'], siteValues: typeof site, onWarning: typeof warn) => {
    assertParsableBlocks(page.body, { file: page.file, lineOffset: page.bodyLineOffset }, model.config.limits);
    assertRenderableNesting(page.body, { file: page.file, lineOffset: page.bodyLineOffset });
    const { markdown, html } = expandShortcodes(page.body, {
      file: page.file,
      lineOffset: page.bodyLineOffset,
      shortcodes: model.shortcodes,
      page: { file: page.file, params },
      site: siteValues,
      rules: model.rules,
      pages: lookup,
      renderMarkdown,
      highlightCode,
      onWarning,
    });
    return renderMarkdown(markdown, html);
  };
  return (page) => {
    model.ruleRecorder.reset();
    if (!bodies) return renderBody(page, pages, page.frontMatter, site, warn);
    const cached = bodies.lookup(page);
    if (cached) {
      model.ruleRecorder.note(cached.ruleFiles);
      cached.warnings.forEach(warn);
      return cached.tree;
    }
    const recording = recordBodyReads(pages, page.frontMatter, site);
    const warnings: Diagnostic[] = [];
    const tree = renderBody(page, recording.pages, recording.params, recording.site, (warning) => {
      warnings.push(warning);
      warn(warning);
    });
    bodies.keep(page, { tree: treeJson(tree), warnings, reads: recording.reads(model.ruleRecorder.read()) });
    return tree;
  };
}
