// Fingerprints of a build's inputs, each a hash that changes when the input does: of values, of a file, of
// a folder's files (paths and content), of runbook-site's own code and of the site's git commit. The
// build, body and page caches key on them, and the unchanged-build record compares them. Kept apart from
// the caches so that checking a fingerprint loads no part of the render pipeline.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSiteFiles } from '../util/list-files.js';
import { packageRoot } from '../util/package-root.js';
import { contentHash } from '../util/content-hash.js';

export function hashOf(...parts: unknown[]): string {
  return contentHash(parts.map((part) => `${typeof part === 'string' ? part : (JSON.stringify(part) ?? 'undefined')}\0`).join(''));
}

/**
 * hashOf for keys of values that hold long texts (a page's body, a rule file): a long string inside the
 * parts is represented by its own hash, which is remembered, so a body that keys four derived tables
 * and its page's cache entry is hashed once per run, not escaped into JSON five times (~90 ms of a
 * one-page rebuild of the corpus). Every string is tagged, `s` and itself or `h` and its hash, so
 * none can pass for another's hash.
 */
export function textsHashOf(...parts: unknown[]): string {
  return hashOf(...parts.map((part) => JSON.stringify(part, (_key, value: unknown) => (typeof value === 'string' ? taggedText(value) : value)) ?? 'undefined'));
}

/** Texts at least this long are represented by their hash, remembered. */
const LONG_TEXT = 256;
/** At most this many remembered (serve runs for days): then forgotten all at once. */
const REMEMBERED_TEXTS = 50_000;
const rememberedHashes = new Map<string, string>();

function taggedText(text: string): string {
  if (text.length < LONG_TEXT) return `s${text}`;
  let hash = rememberedHashes.get(text);
  if (hash === undefined) {
    if (rememberedHashes.size >= REMEMBERED_TEXTS) rememberedHashes.clear();
    rememberedHashes.set(text, (hash = contentHash(text)));
  }
  return `h${hash}`;
}

/**
 * The package.json files of the site's folder and every folder above it: Node reads the nearest one to a
 * `.js` site module for its `type` (ES module or CommonJS), and a site in a repository's subfolder
 * (`docs/`) has it at the repository's root. (Those inside theme/ and shortcodes/ are in their folders'
 * fingerprints.)
 */
export function packageScopeFingerprint(siteDir: string): string {
  const hashes: string[] = [];
  for (let folder = path.resolve(siteDir); ; folder = path.dirname(folder)) {
    hashes.push(fileHash(path.join(folder, 'package.json')));
    if (path.dirname(folder) === folder) return hashOf(...hashes);
  }
}

/** The site's git commit (pages without a date show their last commit's); 'none' outside a repository. */
export function gitHead(siteDir: string): string {
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: siteDir, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : 'none';
}

export function fileHash(file: string): string {
  try {
    return contentHash(readFileSync(file));
  } catch {
    return 'missing';
  }
}

/**
 * Hash of every file's path and content under `parent/folder` (recursively); 'missing' when it does not
 * exist. The entries a listing leaves out count too, by name and target: a symlink leading out of the
 * site and a FIFO are errors in the content folder (discover.ts), and adding one must not pass for no change.
 */
export function folderFingerprint(parent: string, folder: string): string {
  const root = path.join(parent, folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) return 'missing';
  const hash = createHash('sha256');
  const leftOut: string[] = [];
  const files = listSiteFiles(parent, folder, (outside) => leftOut.push(`${outside.file}\0${outside.reason}`), (special) => leftOut.push(special));
  for (const name of files) hash.update(name).update('\0').update(readFileSync(path.join(root, name))).update('\0');
  for (const entry of leftOut) hash.update('\0left out\0').update(entry);
  return hash.digest('hex');
}

let code: string | undefined;

/**
 * The file scripts/bundle.mjs writes beside the bundled CLI: folderFingerprint of dist/src as it bundled
 * it, so that the bundled CLI need not hash the 4 MB of its code folder in every run (~20 ms of a
 * no-change rebuild). The package's files do not change once installed; a `tsc` without the bundle step
 * leaves the bundle as it was, and a site module then imports dist/src/theme-api as the bundle saw it.
 */
export const BUNDLED_CODE_FINGERPRINT = 'code-fingerprint.txt';

/**
 * runbook-site's own code, built-in theme and shortcodes: the running code folder (dist/ once compiled,
 * the sources under the tests), the theme's assets and the package and lock files (dependency versions).
 */
export function codeFingerprint(): string {
  const codeFolder = path.dirname(fileURLToPath(import.meta.url));
  const codeRoot = path.resolve(codeFolder, '..', '..');
  code ??= hashOf(
    bundledFingerprint(codeFolder) ?? folderFingerprint(codeRoot, 'src'),
    ...['theme', 'shortcodes'].map((folder) => folderFingerprint(codeRoot, folder)),
    folderFingerprint(packageRoot, path.join('theme', 'assets')),
    fileHash(path.join(packageRoot, 'package.json')),
    fileHash(path.join(packageRoot, 'package-lock.json')),
  );
  return code;
}

/** The code fingerprint the bundle was written with, when this module runs bundled. */
function bundledFingerprint(codeFolder: string): string | undefined {
  try {
    return readFileSync(path.join(codeFolder, BUNDLED_CODE_FINGERPRINT), 'utf8');
  } catch {
    return undefined;
  }
}
