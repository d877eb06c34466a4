// Where runbook-site's own files (theme/, shortcodes/) are, both when run from source (tests) and from
// the compiled dist/ folder of an installed package.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'theme'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`runbook-site: cannot find its package folder above ${start}`);
  }
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
