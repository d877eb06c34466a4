// What `serve` answers while its output folder is behind the site: during a complete build (the first
// one, or after an edit that changes what other pages show), a content page is rendered on request from
// the newest site model, with the theme's assets and page scripts beside it, so a reader sees the page
// (its new title, its new menu) at once rather than when the whole site is written, styled by the
// theme's assets, which are answered too. Everything else (the generated indexes, search, redirects,
// page scripts) waits for the build. The page is rendered by the same page job
// as the build's, so it is the page the build then writes.

import type { Page } from '../content/discover.js';
import { outputFileOf } from '../content/urls.js';
import type { PageJob } from '../build/page-job.js';
import type { RecordingSiteModel } from '../cache/rule-recording.js';
import { themeAssets } from '../outputs/theme-assets.js';
import { renderGeneratedPage, renderRedirect } from '../outputs/generated-page.js';
import { contentOf } from '../outputs/types.js';

/** A file of the output by its `/`-separated path (`runbooks/x/index.html`), or undefined to wait for the build. */
export type FilesAhead = (outputFile: string) => string | Uint8Array | undefined;

/** The files of `model` answered ahead, its pages rendered by `render` (the session's page job for it). */
export function filesAhead(model: RecordingSiteModel, render: PageJob): FilesAhead {
  let pages: Map<string, Page> | undefined;
  let assets: Map<string, string | Uint8Array> | undefined;
  return (outputFile) => {
    assets ??= new Map([...themeAssets(model, renderGeneratedPage, renderRedirect)].map((file) => [file.path, contentOf(file)]));
    const asset = assets.get(outputFile);
    if (asset !== undefined) return asset;
    pages ??= new Map(model.site.pages.map((page) => [outputFileOf(page.path), page]));
    const page = pages.get(outputFile);
    if (!page) return undefined;
    try {
      return render(page).html;
    } catch {
      // A page that fails to render is the build's to report; the request waits for its outcome.
      return undefined;
    }
  };
}
