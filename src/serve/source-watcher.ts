// Watches a site's sources for `serve` and reports each changed path (site-relative). chokidar, not
// Node's recursive fs.watch: on Linux that one watches inodes, so after a rename-save (sed -i, vim's
// default backupcopy, emacs, gedit, JetBrains safe-write) it keeps watching the replaced file and never
// reports the new one again; chokidar watches each folder and re-attaches to whatever a name holds after
// a rename, reports folders that appear, move or vanish (content/ itself included), and behaves the same
// on macOS. Our own output, caches, staging folders and editors' temporary files are not watched, so a
// `build` beside a running `serve` triggers nothing. chokidar drops a file's change events for 50 ms
// after one (no trailing event), so a save within that window would never be seen: each reported file is
// looked at again after it and reported again if it changed meanwhile. It decides nothing about what a
// change means.

import { watch } from 'chokidar';
import { statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/config-files.js';

export interface SourceWatcher {
  /** Resolves once the folders are watched (changes after this are reported). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Top-level names that are never sources: output, packages, version control (dot names are skipped anyway). */
const ignoredTopLevel = new Set(['public', 'resources', 'node_modules']);

/** chokidar's window after a file's change event in which it drops further ones (its _throttle(CHANGE, 50)), plus a margin. */
const DROPPED_CHANGES_MS = 60;

/**
 * Whether a site-relative path is a source worth a rebuild. Not: dot files and folders anywhere (the
 * build cache `.runbook-site-cache*`, staging `.public.staging-*`, `.git`, vim's `.x.swp`, emacs' `.#x`
 * lock), backups `x~`, emacs' autosave `#x#`, JetBrains' `x___jb_tmp___`/`x___jb_old___`, and `4913`
 * (the file vim creates to test that a folder is writable).
 */
export function isWatchedSource(relative: string): boolean {
  if (relative === '') return true;
  const parts = relative.split(path.sep);
  if (ignoredTopLevel.has(parts[0]!)) return false;
  return parts.every((name) => !name.startsWith('.') && !name.endsWith('~') && !/^#.*#$/.test(name) && !/___jb_(tmp|old)___$/.test(name) && name !== '4913');
}

export function watchSources(siteDir: string, onChange: (relative: string) => void): SourceWatcher {
  const watcher = watch(siteDir, {
    ignoreInitial: true,
    ignored: (file) => !isWatchedSource(path.relative(siteDir, file)),
  });
  const report = (file: string, folder: boolean) => {
    const relative = path.relative(siteDir, file);
    // At the top level only folders (content, rules, static, theme, shortcodes...) and the config count.
    const topLevelFile = !folder && !relative.includes(path.sep);
    if (isWatchedSource(relative) && (!topLevelFile || (CONFIG_FILE_NAMES as readonly string[]).includes(relative))) onChange(relative);
  };
  const rechecks = new Set<NodeJS.Timeout>();
  /** Reports a written file, then again while writes keep coming in the window chokidar drops them in. */
  const reportWritten = (file: string) => {
    const written = fileVersion(file);
    report(file, false);
    const recheck = setTimeout(() => {
      rechecks.delete(recheck);
      if (fileVersion(file) !== written) reportWritten(file);
    }, DROPPED_CHANGES_MS);
    rechecks.add(recheck);
  };
  for (const event of ['add', 'change'] as const) watcher.on(event, reportWritten);
  watcher.on('unlink', (file) => report(file, false));
  for (const event of ['addDir', 'unlinkDir'] as const) watcher.on(event, (file) => report(file, true));
  // A watch error (a folder removed while being read) is followed by the unlink events that matter.
  watcher.on('error', () => {});
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: () => {
      rechecks.forEach(clearTimeout);
      rechecks.clear();
      return watcher.close();
    },
  };
}

/** What tells one write of a file from the next (a rename-save gives a new inode); undefined once it is gone. */
function fileVersion(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false, bigint: true });
  return stats && `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}
