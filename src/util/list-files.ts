// Lists the files of a folder tree (theme assets, static/, templates, rule files, bundles) in one
// stable form: `/`-separated paths relative to the folder, sorted, symlinked files and folders included.
// A symlink whose target lies outside `within` (the site, for the site's folders) is left out and
// reported, so `static/passwd.txt -> /etc/passwd` is not published and a linked `/usr` is not walked;
// broken links and loops are SiteErrors naming the link.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { leavesFolder } from './real-path.js';
import { folderLoopError, statEntry } from './stat-entry.js';

export interface ListFilesOptions {
  /** Folder the files' real paths must stay in (default: anywhere). */
  readonly within?: string;
  /** Site-relative path of `root`, for errors and reports (default: `root`). */
  readonly label?: string;
  /** Called for each symlink left out because it leads outside `within`. */
  readonly onOutside?: (file: string, target: string) => void;
  /** Called for each entry left out because it is neither a file nor a folder (a FIFO, a socket, a device). */
  readonly onSpecial?: (file: string) => void;
  /** Called for each symlink followed, with its real target. */
  readonly onLink?: (file: string, target: string) => void;
}

/** Files under `root`, recursively, as sorted `/`-separated relative paths; none when it does not exist. */
export function listFiles(root: string, options: ListFilesOptions = {}): string[] {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) return [];
  const within = options.within === undefined ? undefined : realpathSync(options.within);
  const label = options.label ?? root;
  // The folder itself may be a symlink too (`rules -> /etc`): then nothing in it is listed, or walked.
  const realRoot = realpathSync(root);
  if (within !== undefined && leavesFolder(within, realRoot)) {
    options.onOutside?.('', realRoot);
    return [];
  }
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (folder: string, prefix: string) => {
    const real = realpathSync(folder);
    if (visited.has(real)) throw folderLoopError(`${label}/${prefix.slice(0, -1)}`, `${label}/`);
    visited.add(real);
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = prefix + entry.name;
      const absolute = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        const stats = statEntry(absolute, `${label}/${relative}`);
        const target = realpathSync(absolute);
        if (within !== undefined && leavesFolder(within, target)) {
          options.onOutside?.(relative, target);
          continue;
        }
        options.onLink?.(relative, target);
        if (stats.isDirectory()) walk(absolute, `${relative}/`);
        else if (stats.isFile()) found.push(relative);
        else options.onSpecial?.(relative);
      } else if (entry.isDirectory()) walk(absolute, `${relative}/`);
      else if (entry.isFile()) found.push(relative);
      else options.onSpecial?.(relative);
    }
  };
  walk(root, '');
  return found.sort();
}

/** The files of one of the site's own folders (`static`, `rules`, ...): symlinks leading out of the site are left out. */
export function listSiteFiles(siteDir: string, folder: string, onOutside?: (warning: Diagnostic) => void, onSpecial?: (file: string) => void): string[] {
  const label = folder.split(path.sep).join('/');
  return listFiles(path.join(siteDir, folder), {
    within: siteDir,
    label,
    onSpecial,
    onOutside: (file, target) => onOutside?.({
      file: file === '' ? label : `${label}/${file}`,
      reason: `Unexpected symlink to \`${target}\`, outside the site: it is not published`,
      hint: 'copy the file into the site if it is meant to be public',
      ruleId: 'site/symlink-outside-site',
    }),
  });
}
