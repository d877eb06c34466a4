// A folder entry's stats with symlinks followed, where a link leading nowhere or back to itself is the
// author's to fix (a SiteError naming it), not a crash. Shared by content discovery and the file lister.

import { type Stats, readlinkSync, statSync } from 'node:fs';
import { SiteError } from './diagnostics.js';

/** `file` is the entry's site-relative path, for the error. */
export function statEntry(absolutePath: string, file: string): Stats {
  try {
    return statSync(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new SiteError({
        file,
        reason: 'Unexpected symlink loop: this symlink leads back to itself',
        hint: 'remove the symlink or point it at a real file or folder',
        ruleId: 'content/symlink-loop',
      }, { cause: error });
    }
    if (code === 'ENOENT') {
      throw new SiteError({
        file,
        reason: `Unexpected broken symlink: its target \`${readlinkSync(absolutePath)}\` does not exist`,
        hint: 'remove the symlink or point it at an existing file',
        ruleId: 'content/broken-symlink',
      }, { cause: error });
    }
    throw error;
  }
}

/** A symlink loop through folders (`static/up -> ..`): the folder was already walked. */
export function folderLoopError(file: string, folderKind: string): SiteError {
  return new SiteError({
    file,
    reason: 'Unexpected symlink loop: this folder was already visited',
    hint: `remove the symlink that points back into ${folderKind}`,
    ruleId: 'content/symlink-loop',
  });
}
