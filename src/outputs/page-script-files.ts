// The third-party browser libraries some pages use (site/page-scripts.ts), copied from their npm
// packages into the output; none when no page needs one.

import { readFileSync } from 'node:fs';
import { pageScriptsOf } from '../site/page-scripts.js';
import type { OutputGenerator } from './types.js';

/** Writes each library some page uses. */
export const pageScriptFiles: OutputGenerator = (model) => {
  const used = new Set(model.site.pages.flatMap(pageScriptsOf));
  return [...used].map((script) => ({ path: script.outputPath, content: readFileSync(script.sourceFile) }));
};
