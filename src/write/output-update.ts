// Writing a build's output as it is produced, one file at a time, so no build holds every page in memory.
// Files go to a staging folder next to the destination (output.ts); at the end either the staging folder
// replaces the destination (the atomic swap) or, when the previous build's output is intact (it matches
// the manifest of content hash, size and mtime recorded for each file), only the files whose content
// changed are moved into it and the files no longer produced are deleted. Either way nothing touches the
// destination before `commit`, so a content error found late leaves the previous site as it was.
// It does not render anything.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../util/list-files.js';
import { stageOutput } from './output.js';

export interface OutputManifest {
  readonly destination: string;
  readonly files: Readonly<Record<string, { readonly hash: string; readonly size: number; readonly mtimeMs: number }>>;
}

export interface OutputWriter {
  /** Writes a file by its `/`-separated path under the output folder; a later write of a path replaces an earlier one. */
  write(file: string, content: string | Uint8Array): void;
  /** Writes a file whose contentHash is known: `content` is called only when the file must be written. */
  writeKnown(file: string, hash: string, content: () => string | Uint8Array): void;
  /** Writes a folder's files (e.g. static/; `files`: which, default all, symlinks followed as a copy would); nothing when it does not exist. */
  writeFolder(source: string, files?: readonly string[]): void;
  /** Makes the files written the whole content of the destination; returns the new manifest. */
  commit(): OutputManifest;
  /** Drops what was written; the destination is left as it was. */
  abort(): void;
}

/** The hash the manifest records for a file's content (strings as UTF-8). */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Output for `destination`, updated in place when `previous` describes it, else swapped in whole. */
export function openOutput(destination: string, previous: OutputManifest | undefined): OutputWriter {
  const inPlace = previous?.destination === destination && existsSync(destination) ? previous : undefined;
  const staged = stageOutput(destination);
  const hashes = new Map<string, string>();
  /** Files in the staging folder that the destination needs. */
  const written = new Set<string>();
  const writeKnown = (file: string, hash: string, content: () => string | Uint8Array) => {
    hashes.set(file, hash);
    const known = inPlace?.files[file];
    if (known?.hash === hash && unchangedOnDisk(path.join(destination, file), known)) {
      written.delete(file);
      return;
    }
    staged.write(file, content());
    written.add(file);
  };
  const write = (file: string, content: string | Uint8Array) => writeKnown(file, contentHash(content), () => content);
  return {
    write,
    writeKnown,
    writeFolder(source, files = listFiles(source)) {
      for (const name of files) write(name, readFileSync(path.join(source, name)));
    },
    commit() {
      if (!inPlace) {
        staged.commit();
        return manifestOf(destination, hashes, written, {});
      }
      removeStale(destination, hashes);
      for (const file of written) {
        const target = path.join(destination, file);
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(path.join(staged.dir, file), target);
      }
      staged.abort();
      return manifestOf(destination, hashes, written, inPlace.files);
    },
    abort: () => staged.abort(),
  };
}

/** Deletes the destination's files that the build did not produce, and the folders that leaves empty. */
function removeStale(destination: string, produced: ReadonlyMap<string, string>): void {
  const emptied = new Set<string>();
  for (const entry of readdirSync(destination, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    if (produced.has(path.relative(destination, absolute).split(path.sep).join('/'))) continue;
    rmSync(absolute, { force: true });
    emptied.add(entry.parentPath);
  }
  for (const folder of emptied) removeEmptyFolders(folder, destination);
}

function unchangedOnDisk(file: string, known: { size: number; mtimeMs: number }): boolean {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() === true && stats.size === known.size && stats.mtimeMs === known.mtimeMs;
}

/** Removes `folder` and its parents up to (not including) `root` while they are empty. */
function removeEmptyFolders(folder: string, root: string): void {
  for (let current = folder; current !== root && current.startsWith(root); current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
  }
}

function manifestOf(destination: string, hashes: Map<string, string>, written: Set<string>, previous: OutputManifest['files']): OutputManifest {
  const files: Record<string, { hash: string; size: number; mtimeMs: number }> = {};
  for (const [file, hash] of hashes) {
    const known = previous[file];
    if (!written.has(file) && known) files[file] = known;
    else {
      const stats = statSync(path.join(destination, file));
      files[file] = { hash, size: stats.size, mtimeMs: stats.mtimeMs };
    }
  }
  return { destination, files };
}
