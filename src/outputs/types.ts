// Output generators: the files of a site besides its content pages (theme assets, and later redirects,
// sitemap, search index...). Each is a function of the site model to files; build.ts writes them.

import type { SiteModel } from '../site/site.js';
import type { GeneratedPageRenderer } from './generated-page.js';
import type { OutputSource } from '../write/output-paths.js';

export interface OutputFile {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly content: string | Uint8Array;
  /** Who writes it, for collision errors; default: the generated file itself. */
  readonly source?: OutputSource;
}

/** `render` draws the generated pages (renderGeneratedPage, or a build's cached version of it). */
export type OutputGenerator = (model: SiteModel, render: GeneratedPageRenderer) => Iterable<OutputFile>;
