// Which folders a build may replace: only an empty or missing one, or a previous runbook-site output
// (it holds OUTPUT_MARKER, or, written before the marker existed, every file in it is one the last
// build's output manifest lists with the same content). A destination that is, holds or lies inside the
// site's sources, or holds anyone else's files, is refused before anything is written.

import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SiteError } from '../util/diagnostics.js';
import { contentHash } from '../util/content-hash.js';
import { OUTPUT_MARKER, type OutputManifest } from './output-update.js';

/**
 * The folder a build writes for `destination` (absolute): the folder a symlink there leads to (`public ->
 * /var/www/runbooks`, made when missing), since a build swapping in a new folder would otherwise replace
 * the link and leave the folder it served stale; else `destination`.
 */
export function destinationFolder(destination: string): string {
  let folder = destination;
  // A chain of links to nowhere is followed to its last link's target.
  for (let links = 0; isSymlink(folder); links += 1) {
    if (existsSync(folder)) return realpathSync(folder);
    if (links === MAX_LINKS) {
      throw new SiteError({ file: '', reason: `--destination ${destination} is a loop of symlinks`, hint: 'remove the symlinks or point them at a folder', ruleId: 'output/unsafe-destination' });
    }
    folder = path.resolve(path.dirname(folder), readlinkSync(folder));
  }
  return folder;
}

/** False too for a path that cannot be one (below a file: `--source` a file is reported later). */
function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Links followed at most, as the kernel's own limit for a path (Linux: 40). */
const MAX_LINKS = 40;

/** A source folder or file of the site, for the check and its message ("the site's content folder"). */
export interface SiteSource {
  readonly path: string;
  readonly what: string;
}

/**
 * Throws a SiteError unless a build may replace `destination` (absolute, destinationFolder's); `given`
 * is the destination as the user named it, for the message.
 */
export function assertReplaceableDestination(destination: string, siteDir: string, sources: readonly SiteSource[], manifest: OutputManifest | undefined, given = destination): void {
  const target = realPath(destination);
  const site = realPath(siteDir);
  const refuse = (what: string, hint = `choose a folder outside the site's sources, e.g. ${path.join(siteDir, 'public')}`) => {
    throw new SiteError({ file: '', reason: `--destination ${given} ${what}`, hint, ruleId: 'output/unsafe-destination' });
  };
  if (target === site) refuse(`is the site folder ${siteDir}`);
  if (isInside(site, target)) refuse(`holds the site folder ${siteDir}`);
  for (const source of sources) {
    const real = realPath(source.path);
    if (real === target) refuse(`is ${source.what}`);
    if (isInside(target, real)) refuse(`lies inside ${source.what}`);
    if (isInside(real, target)) refuse(`holds ${source.what}`);
  }
  const stats = statSync(target, { throwIfNoEntry: false });
  if (!stats) return;
  if (!stats.isDirectory()) refuse('is a file, not a folder', 'give a folder');
  if (readdirSync(target).length === 0 || statSync(path.join(target, OUTPUT_MARKER), { throwIfNoEntry: false })?.isFile()) return;
  if (manifest?.destination === destination && isManifestOutput(destination, manifest)) return;
  refuse('holds files runbook-site did not write', 'empty it or choose another folder');
}

/** True when every file in `folder` is one the manifest lists, with the same content. */
function isManifestOutput(folder: string, manifest: OutputManifest): boolean {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).every((entry) => {
    if (entry.isDirectory()) return true;
    const file = path.join(entry.parentPath, entry.name);
    const known = manifest.files[path.relative(folder, file).split(path.sep).join('/')];
    return entry.isFile() && known !== undefined && contentHash(readFileSync(file)) === known.hash;
  });
}

/** `file` with symlinks resolved as far as it exists (the rest appended), so a link cannot hide a source. */
function realPath(file: string): string {
  const absolute = path.resolve(file);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(realPath(parent), path.basename(absolute));
}

function isInside(child: string, parent: string): boolean {
  return child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}
