// Atomic output: a build writes into a fresh staging folder next to the destination and swaps it in
// only when everything succeeded, so a failed build leaves the previous site untouched.

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface StagedOutput {
  /** The staging folder being written. */
  readonly dir: string;
  write(relativePath: string, content: string | Uint8Array): void;
  /** Replaces the destination with the staging folder. */
  commit(): void;
  /** Removes the staging folder; the destination is left as it was. */
  abort(): void;
}

export function stageOutput(destination: string): StagedOutput {
  const absolute = path.resolve(destination);
  const parent = path.dirname(absolute);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `.${path.basename(absolute)}.staging-`));
  const createdFolders = new Set<string>([dir]);
  return {
    dir,
    write(relativePath, content) {
      const target = path.join(dir, relativePath);
      const folder = path.dirname(target);
      if (!createdFolders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        createdFolders.add(folder);
      }
      writeFileSync(target, content);
    },
    commit() {
      // Two renames: the old site stays complete until the new one is in place.
      const previous = existsSync(absolute) ? `${dir}.previous` : undefined;
      if (previous) renameSync(absolute, previous);
      renameSync(dir, absolute);
      if (previous) rmSync(previous, { recursive: true, force: true });
    },
    abort() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
