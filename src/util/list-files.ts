// Lists the files of a folder tree (theme assets, static/, templates, rule files, bundles) in one
// stable form: `/`-separated paths relative to the folder, sorted, symlinked files included.

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files under `root`, recursively, as sorted `/`-separated relative paths; none when it does not exist. */
export function listFiles(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(path.join(root, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}
