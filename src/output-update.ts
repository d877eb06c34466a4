// Incremental output: brings an existing output folder up to date with a build's complete file set by
// writing only the files whose content changed and deleting the ones no longer produced, using the
// manifest (content hash, size, mtime of each file) recorded by the previous build. Every page has been
// rendered before the first write, so a content error never touches the folder. When the folder does not
// match its manifest (first build, files changed by hand, another destination) it falls back to the
// atomic swap of output.ts. It does not render anything.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stageOutput } from './output.js';

export interface OutputManifest {
  readonly destination: string;
  readonly files: Readonly<Record<string, { readonly hash: string; readonly size: number; readonly mtimeMs: number }>>;
}

/** The files of a build by `/`-separated path under the output folder; a later file replaces an earlier one. */
export type OutputFiles = Map<string, string | Uint8Array>;

/** Adds a folder's files (e.g. static/), following symlinks as a copy would; nothing when it does not exist. */
export function addFolder(files: OutputFiles, source: string): void {
  if (!existsSync(source)) return;
  for (const name of readdirSync(source, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(source, name);
    if (statSync(file).isFile()) files.set(name.split(path.sep).join('/'), readFileSync(file));
  }
}

/** Writes `files` as the whole content of `destination` and returns the new manifest. */
export function writeOutput(destination: string, files: OutputFiles, previous: OutputManifest | undefined): OutputManifest {
  const hashes = new Map([...files].map(([file, content]) => [file, createHash('sha256').update(content).digest('hex')]));
  if (previous?.destination === destination && existsSync(destination)) {
    return updateInPlace(destination, files, hashes, previous);
  }
  const output = stageOutput(destination);
  try {
    for (const [file, content] of files) output.write(file, content);
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
  return manifestOf(destination, hashes, new Set(hashes.keys()), {});
}

function updateInPlace(destination: string, files: OutputFiles, hashes: Map<string, string>, previous: OutputManifest): OutputManifest {
  const existing = new Set<string>();
  const emptied = new Set<string>();
  for (const entry of readdirSync(destination, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const file = path.relative(destination, absolute).split(path.sep).join('/');
    if (files.has(file)) existing.add(file);
    else {
      rmSync(absolute, { force: true });
      emptied.add(entry.parentPath);
    }
  }
  const written = new Set<string>();
  for (const [file, content] of files) {
    const known = previous.files[file];
    if (existing.has(file) && known?.hash === hashes.get(file) && unchangedOnDisk(path.join(destination, file), known)) continue;
    const target = path.join(destination, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    written.add(file);
  }
  for (const folder of emptied) removeEmptyFolders(folder, destination);
  return manifestOf(destination, hashes, written, previous.files);
}

function unchangedOnDisk(file: string, known: { size: number; mtimeMs: number }): boolean {
  const stats = statSync(file);
  return stats.size === known.size && stats.mtimeMs === known.mtimeMs;
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
