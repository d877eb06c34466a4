// Imports a site's own module (shortcode, layout) as it is on disk now. Node caches ES modules by URL
// for the life of the process, so `serve` would keep running the first version of an edited module;
// a query made of the file's modification time and size gives each version its own URL.

import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function importFresh(absolutePath: string): Promise<unknown> {
  const stats = statSync(absolutePath);
  return import(`${pathToFileURL(absolutePath).href}?version=${stats.mtimeMs}-${stats.size}`);
}
