// Output generators: the files of a site besides its content pages (theme assets, and later redirects,
// sitemap, search index...). Each is a function of the site model to files; build.ts writes them.

import type { SiteModel } from '../site/site.js';
import type { GeneratedPageRenderer, RedirectRenderer } from './generated-page.js';
import type { OutputSource } from '../write/output-paths.js';
import type { KeptHtml } from '../cache/build-cache.js';

interface OutputFileBase {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  /** Who writes it, for collision errors; default: the generated file itself. */
  readonly source?: OutputSource;
  /** A redirect page (the build summary counts them). */
  readonly redirect?: boolean;
}

/** A file drawn now. */
export interface DrawnFile extends OutputFileBase {
  readonly content: string | Uint8Array;
  readonly kept?: undefined;
}

/**
 * A file the build cache holds: a build whose output already holds it (by hash) neither reads nor draws
 * it; `draw` draws it when the cache's copy fails verification.
 */
export interface KeptFile extends OutputFileBase {
  readonly kept: KeptHtml;
  readonly draw: () => string;
  readonly content?: undefined;
}

export type OutputFile = DrawnFile | KeptFile;

/** The file's content, drawn now if the build cache holds it. */
export function contentOf(file: OutputFile): string | Uint8Array {
  return file.kept ? file.draw() : file.content;
}

/**
 * `render` draws the generated pages and `renderRedirect` the redirect pages (renderGeneratedPage and
 * renderRedirect, or a build's cached versions of them).
 */
export type OutputGenerator = (model: SiteModel, render: GeneratedPageRenderer, renderRedirect: RedirectRenderer) => Iterable<OutputFile>;
