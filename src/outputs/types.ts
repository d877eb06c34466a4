// Output generators: the files of a site besides its content pages (theme assets, and later redirects,
// sitemap, search index...). Each is a function of the site model to files; build.ts writes them.

import type { SiteModel } from '../site/site.js';

export interface OutputFile {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly content: string | Uint8Array;
}

export type OutputGenerator = (model: SiteModel) => Iterable<OutputFile>;
