// Leaf bundle resources: the files beside a bundle's `index.md` (images, attachments) are published in
// the page's own folder, as Hugo does, so `![diagram](diagram.png)` in the page works.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEAF_BUNDLE_INDEX } from '../content/discover.js';
import { listFiles } from '../util/list-files.js';
import { outputFileOf } from '../content/urls.js';
import type { OutputGenerator } from './types.js';

export const bundleResources: OutputGenerator = (model) =>
  model.site.pages
    .filter((page) => page.kind === 'page' && path.posix.basename(page.contentPath) === LEAF_BUNDLE_INDEX)
    .flatMap((page) => {
      const bundleDir = path.join(model.config.siteDir, model.config.contentDir, path.posix.dirname(page.contentPath));
      const pageDir = path.posix.dirname(outputFileOf(page.path));
      return listFiles(bundleDir)
        .filter((file) => !/\.(md|markdown)$/i.test(file))
        .map((file) => ({
          path: path.posix.join(pageDir, file),
          content: readFileSync(path.join(bundleDir, file)),
          source: { file: page.file, what: `the bundle file ${file} of ${page.file}` },
        }));
    });
