// Where a path of the site really leads, symlinks followed. The site's folders may hold symlinks, but one
// leading out of the site would let a build publish a file from anywhere (`content/passwd.md ->
// /etc/passwd`) and a command that rewrites pages (`check --fix`) write one anywhere.

import { readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** True when `target` (a real path) is not `folder` (a real path) or inside it. */
export function leavesFolder(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * Where the existing entry `absolute` really leads when that is outside `folder` (really), else
 * undefined. A symlink leading nowhere is judged by where it points: writing through it creates that.
 */
export function outsideTarget(absolute: string, folder: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    real = path.resolve(realpathSync(path.dirname(absolute)), readlinkSync(absolute));
  }
  return leavesFolder(realpathSync(folder), real) ? real : undefined;
}
