// Leaf bundle resources: the files beside a bundle's `index.md` (images, attachments) are published in
// the page's own folder, as Hugo does, so `![diagram](diagram.png)` in the page works.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEAF_BUNDLE_INDEX } from '../content/discover.js';
import { listSiteFiles } from '../util/list-files.js';
import { outputFileOf } from '../content/urls.js';
import type { OutputGenerator } from './types.js';

export const bundleResources: OutputGenerator = (model) =>
  model.site.pages
    .filter((page) => page.kind === 'page' && path.posix.basename(page.contentPath) === LEAF_BUNDLE_INDEX)
    .flatMap((page) => {
      const bundleFolder = path.join(model.config.contentDir, path.posix.dirname(page.contentPath));
      const bundleDir = path.join(model.config.siteDir, bundleFolder);
      const pageDir = path.posix.dirname(outputFileOf(page.path));
      return listSiteFiles(model.config.siteDir, bundleFolder)
        .filter((file) => !/\.(md|markdown)$/i.test(file))
        .map((file) => ({
          path: path.posix.join(pageDir, file),
          content: readFileSync(path.join(bundleDir, file)),
          source: { file: page.file, what: `the bundle file ${file} of ${page.file}` },
        }));
    });
