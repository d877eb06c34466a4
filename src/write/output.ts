// Atomic output: a build writes into a fresh staging folder next to the destination and swaps it in
// only when everything succeeded, so a failed build leaves the previous site untouched. A kill (SIGKILL,
// power loss) can interrupt the swap between its two renames or an in-place update between its file
// moves; the next build's `recoverOutput` finishes or undoes what was interrupted before anything else,
// so the destination is always one build's complete output. One build at a time writes a destination
// (`lockOutput`). Everything here lives beside the destination (`.<name>.staging-*`, `.<name>.lock`,
// `.<name>.journal`) and is gone when a build ends.

import {
  chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { SiteError } from '../util/diagnostics.js';
import { isRunning } from '../util/running.js';
import { isConfinedPath } from './output-paths.js';

export interface StagedOutput {
  /** The staging folder being written. */
  readonly dir: string;
  /**
   * Writes a file into the staging folder, synchronously: on two cores the build's thread blocking on
   * each write measured faster than handing the writes to libuv's thread pool, whose threads competed
   * with the render worker for the cores (10,000 synthetic pages cold: 33.7 s against 37.5 s wall, 3.3
   * against 5.3 s system CPU; the corpus 6.2 against 6.9 s, and no slower without workers). A failure
   * (a full disk) is kept for `assertWritten`, since a write made in a worker's message handler
   * cannot throw into the build; the writes after it are skipped.
   */
  write(relativePath: string, content: string | Uint8Array): void;
  /**
   * Puts the destination's file `relativePath` in the staging folder as a hard link (its inode, size and
   * mtime kept), so that the staging folder becomes a whole output that `commit` swaps in.
   */
  link(relativePath: string): void;
  /** Throws the first write's failure, if any. */
  assertWritten(): void;
  /** Replaces the destination with the staging folder. */
  commit(): void;
  /**
   * Moves the staged files `moves` into the destination and deletes its files `deletes` (all relative
   * paths), all or nothing across a kill: the plan is journaled first and `recoverOutput` completes it.
   */
  commitInPlace(moves: readonly string[], deletes: readonly string[]): void;
  /** Removes the staging folder; the destination is left as it was. */
  abort(): void;
}

/** An in-place update under way: written before the destination changes, removed once it is done. */
interface Journal {
  readonly staging: string;
  readonly moves: readonly string[];
  readonly deletes: readonly string[];
}

/** The names beside `destination` that the build uses. */
function siblingsOf(destination: string) {
  const absolute = path.resolve(destination);
  const parent = path.dirname(absolute);
  const name = path.basename(absolute);
  return {
    absolute,
    parent,
    stagingPrefix: `.${name}.staging-`,
    lock: path.join(parent, `.${name}.lock`),
    journal: path.join(parent, `.${name}.journal`),
  };
}

/** A failed write (a full disk, a folder made read-only meanwhile), as the destination's file it was for. */
function writeFailure(file: string, error: unknown): SiteError {
  return new SiteError({
    file,
    reason: `Cannot write the output file: ${(error as Error).message}`,
    hint: 'check the free space and permissions where the destination is; the previous site is left as it was',
    ruleId: 'output/write-failed',
  }, { cause: error });
}

export function stageOutput(destination: string): StagedOutput {
  const { absolute, parent, stagingPrefix, journal } = siblingsOf(destination);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, stagingPrefix));
  // mkdtemp makes the folder private (0700): a web server running as another user must read the site.
  chmodSync(dir, 0o755);
  /** Folders made in the staging folder: one mkdir a folder, its parent's first. */
  const folders = new Set([dir]);
  const makeFolder = (folder: string): void => {
    if (folders.has(folder)) return;
    const parent = path.dirname(folder);
    // Every target lies under `dir` (the path registry confines them), so the climb ends there; at the
    // filesystem's root it would not.
    if (parent !== folder) makeFolder(parent);
    mkdirSync(folder, { recursive: parent === folder });
    folders.add(folder);
  };
  let failure: SiteError | undefined;
  /** Puts a file at `relativePath` in the staging folder with `put`; a failure is kept for assertWritten. */
  const stage = (relativePath: string, put: (target: string) => void): void => {
    if (failure) return;
    const target = path.join(dir, relativePath);
    try {
      makeFolder(path.dirname(target));
      put(target);
    } catch (error) {
      failure = writeFailure(path.join(destination, relativePath), error);
    }
  };
  return {
    dir,
    write(relativePath, content) {
      stage(relativePath, (target) => writeFileSync(target, content));
    },
    link(relativePath) {
      stage(relativePath, (target) => linkSync(path.join(absolute, relativePath), target));
    },
    assertWritten() {
      if (failure) throw failure;
    },
    commit() {
      // Two renames: the old site stays complete until the new one is in place; a kill between them
      // leaves the old one beside the destination, which recoverOutput puts back.
      const previous = existsSync(absolute) ? `${dir}.previous` : undefined;
      if (previous) renameSync(absolute, previous);
      renameSync(dir, absolute);
      if (previous) rmSync(previous, { recursive: true, force: true });
    },
    commitInPlace(moves, deletes) {
      const plan: Journal = { staging: dir, moves, deletes };
      const pending = `${journal}.${process.pid}`;
      writeFileSync(pending, JSON.stringify(plan));
      renameSync(pending, journal);
      applyJournal(absolute, plan);
      rmSync(journal, { force: true });
    },
    abort() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Carries out an in-place update; safe to run again after a kill part-way (a file already moved is no
 * longer in the staging folder). Deletes come first, so a file can replace a folder and a folder a file.
 */
function applyJournal(destination: string, plan: Journal): void {
  const emptied = new Set<string>();
  for (const file of plan.deletes) {
    const target = path.join(destination, file);
    // A folder is never a stale file (a manifest from the cache folder may say otherwise): left alone.
    if (lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) continue;
    rmSync(target, { force: true });
    emptied.add(path.dirname(target));
  }
  for (const folder of emptied) removeEmptyFolders(folder, destination);
  const real = new Set<string>();
  for (const file of plan.moves) {
    const staged = path.join(plan.staging, file);
    if (!existsSync(staged)) continue;
    realFolders(destination, path.posix.dirname(file), real);
    renameSync(staged, path.join(destination, file));
  }
  rmSync(plan.staging, { recursive: true, force: true });
}

/**
 * Makes `folder` (`/`-separated, under `destination`) and each folder above it a real folder: a symlink
 * or a file in the way is removed, so that no file moved in is written through a link to somewhere
 * outside the output. `real` holds the folders already made so.
 */
function realFolders(destination: string, folder: string, real: Set<string>): void {
  if (folder === '.' || real.has(folder)) return;
  realFolders(destination, path.posix.dirname(folder), real);
  const absolute = path.join(destination, folder);
  const stats = lstatSync(absolute, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) rmSync(absolute, { force: true });
  if (!stats?.isDirectory()) mkdirSync(absolute);
  real.add(folder);
}

/** Removes `folder` and its parents up to (not including) `root` while they are empty. */
export function removeEmptyFolders(folder: string, root: string): void {
  for (let current = folder; current !== root && current.startsWith(root + path.sep); current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
  }
}

/**
 * Finishes or undoes what a killed build left beside `destination`, under its lock: an in-place update
 * is rolled forward from its journal (its staged files are complete), a swap killed between its renames
 * gets the previous output back, and staging folders are removed.
 */
export function recoverOutput(destination: string): void {
  const { absolute, parent, stagingPrefix, journal } = siblingsOf(destination);
  const plan = readJournal(journal);
  if (plan && path.dirname(plan.staging) === parent && path.basename(plan.staging).startsWith(stagingPrefix)) applyJournal(absolute, plan);
  rmSync(journal, { force: true });
  const leftovers = entriesOf(parent).filter((name) => name.startsWith(stagingPrefix)).sort();
  const previous = leftovers.filter((name) => name.endsWith('.previous'));
  if (previous.length > 0 && !existsSync(absolute)) renameSync(path.join(parent, previous.at(-1)!), absolute);
  for (const name of leftovers) rmSync(path.join(parent, name), { recursive: true, force: true });
  for (const name of entriesOf(parent)) {
    if (name.startsWith(`${path.basename(journal)}.`)) rmSync(path.join(parent, name), { force: true });
  }
}

/**
 * True when anything of a build is beside `destination`: its lock (a build under way, or a dead one's),
 * a staging folder or a journal (a killed build's, for recoverOutput).
 */
export function buildTracesBeside(destination: string): boolean {
  return entryBeside(destination, true);
}

/**
 * recoverOutput under the destination's lock, run first thing by a build (before it reads the site, so
 * even a build that then fails on bad content puts the previous output back); nothing is written when
 * no killed build left anything beside the destination.
 */
export function recoverKilledBuild(destination: string): void {
  if (!entryBeside(destination, false)) return;
  const unlock = lockOutput(destination);
  try {
    recoverOutput(destination);
  } finally {
    unlock();
  }
}

/** Whether a name beside `destination` starts with a staging folder's or the journal's (and, `withLock`, the lock's). */
function entryBeside(destination: string, withLock: boolean): boolean {
  const { parent, stagingPrefix, lock, journal } = siblingsOf(destination);
  const prefixes = [stagingPrefix, path.basename(journal), ...(withLock ? [path.basename(lock)] : [])];
  return entriesOf(parent).some((entry) => prefixes.some((prefix) => entry.startsWith(prefix)));
}

/** The names in `folder`; none when it is missing or not a folder (`--source package.json`). */
function entriesOf(folder: string): string[] {
  return statSync(folder, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(folder) : [];
}

function readJournal(file: string): Journal | undefined {
  try {
    const plan = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    // The journal is a file in the destination's parent (often the site root, a cloned repository): one
    // naming anything but plain paths inside the destination is not ours, and is ignored.
    const confined = (files: unknown) => Array.isArray(files) && files.every(isConfinedPath);
    return typeof plan.staging === 'string' && confined(plan.moves) && confined(plan.deletes) ? plan : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the destination's lock (a file beside it holding the owner's pid) and returns its release; a
 * lock whose owner is no longer running is taken over, a live one is an error naming the owner.
 */
export function lockOutput(destination: string): () => void {
  const { absolute, parent, lock } = siblingsOf(destination);
  mkdirSync(parent, { recursive: true });
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(absolute, lock, error);
      const owner = Number.parseInt(readLockOwner(lock), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new SiteError({
          file: '',
          reason: `another runbook-site build (pid ${owner}) is writing ${absolute}`,
          hint: `wait for it to finish; if no build is running, delete ${lock}`,
          ruleId: 'output/locked',
        });
      }
      rmSync(lock, { force: true });
    }
  }
}

function lockError(destination: string, lock: string, cause: unknown): Error {
  if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
    return new SiteError({ file: '', reason: `another runbook-site build is writing ${destination}`, hint: `wait for it to finish; if none is running, delete ${lock}`, ruleId: 'output/locked' }, { cause });
  }
  return cause as Error;
}

function readLockOwner(lock: string): string {
  try {
    return readFileSync(lock, 'utf8');
  } catch {
    return '';
  }
}
