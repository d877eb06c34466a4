// Where a path of the site really leads, symlinks followed. The site's folders may hold symlinks, but one
// leading out of the site would let a build publish a file from anywhere (`content/passwd.md ->
// /etc/passwd`) and a command that writes into the site (`check --fix`, `init`) write one anywhere.

import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** True when `target` (a real path) is not `folder` (a real path) or inside it. */
export function leavesFolder(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * Where `absolute` really leads when that is outside `folder` (really), else undefined; either may not
 * exist yet (`init DIR`): the nearest existing entry decides, since a file made there goes where that
 * entry leads (a symlink leading nowhere: where it points, as writing through it creates that).
 */
export function outsideTarget(absolute: string, folder: string): string | undefined {
  const real = realPathOfNew(absolute);
  return leavesFolder(realPathOfNew(folder), real) ? real : undefined;
}

function realPathOfNew(file: string): string {
  let existing = file;
  while (!lstatSync(existing, { throwIfNoEntry: false }) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return path.join(realTarget(existing), path.relative(existing, file));
}

/** The real path of an existing entry; of a symlink leading nowhere, where it points. */
export function realTarget(absolute: string): string {
  try {
    return realpathSync(absolute);
  } catch {
    return path.resolve(realpathSync(path.dirname(absolute)), readlinkSync(absolute));
  }
}
