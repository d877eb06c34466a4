// Writing a build's output as it is produced, one file at a time, so no build holds every page in memory.
// Files go to a staging folder next to the destination (output.ts); at the end either the staging folder
// replaces the destination (the atomic swap) or, when the previous build's output is intact (it matches
// the manifest of content hash, size and mtime recorded for each file) and few of its files changed,
// only the files whose content changed are moved into it and the files no longer produced are deleted
// (journaled, rolled forward by the next command after a kill). When most changed, the unchanged ones
// are linked into the staging folder and it is swapped in.
// Either way nothing touches the destination before `commit`, so a content error found late leaves the
// previous site as it was. Every path written is checked: it stays inside the destination, and no two
// outputs share one path (output-paths.ts). The output always holds OUTPUT_MARKER, by which a later
// build knows the folder is its own to replace. It does not render anything.

import { contentHash } from '../util/content-hash.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../util/list-files.js';
import { type FolderTimes, folderTimesOf, outputEntries } from './output-listing.js';
import { type OutputSource, outputPathRegistry } from './output-paths.js';
import { stageOutput } from './output.js';

/** The file every output holds, by which a build knows a folder is a previous output it may replace. */
export const OUTPUT_MARKER = '.runbook-site-output';

export interface OutputManifest {
  readonly destination: string;
  readonly files: Readonly<Record<string, { readonly hash: string; readonly size: number; readonly mtimeMs: number }>>;
  /** Its folders' mtimes once written (output-listing.ts); absent in manifests of earlier versions. */
  readonly folders?: FolderTimes;
}

export interface OutputWriter {
  /** Writes a file by its `/`-separated path under the output folder; a second output at one path is an error naming both. */
  write(file: string, content: string | Uint8Array, source: OutputSource): void;
  /**
   * Writes a file whose contentHash is known: `content` is called only when the file must be written,
   * and may answer undefined (a cache entry that failed verification): then nothing is written and
   * writeKnown returns false.
   */
  writeKnown(file: string, hash: string, content: () => string | Uint8Array | undefined, source: OutputSource): boolean;
  /**
   * Writes a folder's files (e.g. static/, shown as `name` in messages; `files`: which, default all,
   * symlinks followed as a copy would); nothing when it does not exist.
   */
  writeFolder(source: string, name: string, files?: readonly string[]): void;
  /**
   * Makes the files written the whole content of the destination; returns the new manifest, taken on
   * the first call, and only then: it stats every file and folder written (~0.6 s of 10,000 pages'
   * cold build at its very end, when no other thread has work left), and a build that keeps no cache
   * has no use for it.
   */
  commit(): () => OutputManifest;
  /** Drops what was written; the destination is left as it was. */
  abort(): void;
}

/** Output for `destination`, updated in place when `previous` describes it, else swapped in whole. */
export function openOutput(destination: string, previous: OutputManifest | undefined): OutputWriter {
  const inPlace = previous?.destination === destination && existsSync(destination) ? previous : undefined;
  const staged = stageOutput(destination);
  const paths = outputPathRegistry();
  const hashes = new Map<string, string>();
  /** Files in the staging folder that the destination needs. */
  const written = new Set<string>();
  const writeKnown = (file: string, hash: string, content: () => string | Uint8Array | undefined, source: OutputSource): boolean => {
    const known = inPlace?.files[file];
    if (known?.hash === hash && unchangedOnDisk(path.join(destination, file), known)) {
      paths.add(file, hash, source);
      hashes.set(file, hash);
      written.delete(file);
      return true;
    }
    const bytes = content();
    if (bytes === undefined) return false;
    paths.add(file, hash, source);
    hashes.set(file, hash);
    staged.write(file, bytes);
    written.add(file);
    return true;
  };
  const write = (file: string, content: string | Uint8Array, source: OutputSource) => {
    writeKnown(file, contentHash(content), () => content, source);
  };
  return {
    write,
    writeKnown,
    writeFolder(source, name, files = listFiles(source)) {
      for (const file of files) write(file, readFileSync(path.join(source, file)), { file: `${name}/${file}`, what: `the static file ${name}/${file}` });
    },
    commit() {
      write(OUTPUT_MARKER, 'This folder is the output of runbook-site build: the next build replaces it whole.\n', { what: 'the output marker' });
      const kept = inPlace ? [...hashes.keys()].filter((file) => !written.has(file)) : [];
      // Moving files into the old output is not atomic: a kill part-way leaves old and new files side by
      // side until the next command rolls the journal forward. A swap is, but takes every kept file as a
      // link and deletes the old tree (the corpus: ~0.45 s for 2,981 files). So the update moves files in
      // when few changed (a one-page edit: ~20 moves, a millisecond's window), and swaps when most did.
      const swap = !inPlace || kept.length < written.size;
      if (swap) for (const file of kept) staged.link(file);
      staged.assertWritten();
      if (swap) staged.commit();
      else staged.commitInPlace([...written], outputEntries(destination, inPlace).filter((file) => !hashes.has(file)));
      let manifest: OutputManifest | undefined;
      return () => (manifest ??= manifestOf(destination, hashes, written, inPlace?.files ?? {}));
    },
    abort: () => staged.abort(),
  };
}

function unchangedOnDisk(file: string, known: { size: number; mtimeMs: number }): boolean {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size === known.size && stats.mtimeMs === known.mtimeMs;
  } catch {
    // Gone, or a folder above it replaced by a file (ENOTDIR): written again.
    return false;
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
  return { destination, files, folders: folderTimesOf(destination, hashes.keys()) };
}
