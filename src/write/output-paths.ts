// The paths a build writes, checked as they are written: each stays inside the output folder (a plain
// relative path: no `..`, `.` or empty segment, no NUL), and no two outputs share one path, nor a file
// and a folder (pages, static files and generated files alike; paths that differ only by case are one
// file on macOS and Windows, so they collide too unless their content is the same). The URL mapping
// cleans `..` as Hugo does before this; what still fails here is an error naming both sources. An output
// marked replaceable gives way to a later one at its path.

import { SiteError } from '../util/diagnostics.js';

/** Who writes an output file, for messages: `what` reads "the page content/x.md", "the generated sitemap.xml". */
export interface OutputSource {
  /** Site-relative source file, when there is one. */
  readonly file?: string;
  readonly what: string;
  /** A later output at its path replaces it instead of colliding (a section page made up from its folder). */
  readonly replaceable?: true;
}

export interface OutputPathRegistry {
  /** Records `file` (a `/`-separated path under the output folder); throws a SiteError when it may not be written. */
  add(file: string, hash: string, source: OutputSource): void;
}

export function outputPathRegistry(): OutputPathRegistry {
  const files = new Map<string, { file: string; hash: string; source: OutputSource }>();
  /** Folders the outputs need (lowercased), with the first output below each. */
  const folders = new Map<string, OutputSource>();
  return {
    add(file, hash, source) {
      assertConfined(file, source);
      const key = file.toLowerCase();
      const other = files.get(key);
      if (other) {
        if (other.file !== file && other.hash === hash) return;
        if (other.file === file && other.source.replaceable) {
          files.set(key, { file, hash, source });
          return;
        }
        throw collision(file, source.file ?? other.source.file, `${source.what} and ${other.source.what} both write it`);
      }
      const below = folders.get(key);
      if (below) throw collision(file, source.file ?? below.file, `${source.what} writes it as a file, ${below.what} needs it as a folder`);
      for (const folder of foldersAbove(key)) {
        const clash = files.get(folder);
        if (clash) throw collision(clash.file, source.file ?? clash.source.file, `${clash.source.what} writes it as a file, ${source.what} needs it as a folder`);
        if (!folders.has(folder)) folders.set(folder, source);
      }
      files.set(key, { file, hash, source });
    },
  };
}

/**
 * A test of whether an output path stays clear of every one of `paths` as the registry sees them: not
 * one of them (in any case), not a folder one of them needs, not below one of them. An output clear of
 * all pages can be registered before or after them with the same outcome.
 */
export function clearOf(paths: Iterable<string>): (file: string) => boolean {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const file of paths) {
    const key = file.toLowerCase();
    files.add(key);
    for (const folder of foldersAbove(key)) folders.add(folder);
  }
  return (file) => {
    const key = file.toLowerCase();
    return !files.has(key) && !folders.has(key) && !foldersAbove(key).some((folder) => files.has(folder));
  };
}

/** The folders a `/`-separated path lies in, outermost first (`a/b/c.html`: `a`, `a/b`). */
export function foldersAbove(file: string): string[] {
  const folders: string[] = [];
  for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) folders.push(file.slice(0, slash));
  return folders;
}

/** True for a plain relative path under a folder: no `..`, `.` or empty segment (so no leading `/`), no NUL. */
export function isConfinedPath(file: unknown): file is string {
  return typeof file === 'string' && !file.includes('\0') && file.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function assertConfined(file: string, source: OutputSource): void {
  if (isConfinedPath(file)) return;
  throw new SiteError({
    file: source.file ?? '',
    ...(source.file ? { line: 1, column: 1 } : {}),
    reason: `Unexpected output path \`${file}\` of ${source.what}: it would be written outside the output folder`,
    hint: 'give it a path inside the site',
    ruleId: 'output/outside-destination',
  });
}

/** The error for a clash at `file`, placed at the later source's file (else the earlier one's). */
function collision(file: string, place: string | undefined, clash: string): SiteError {
  return new SiteError({
    file: place ?? '',
    ...(place ? { line: 1, column: 1 } : {}),
    reason: `Unexpected second output at ${file}: ${clash}`,
    hint: 'give the page another `url`, `slug` or tag, or rename one of them; one would silently replace the other',
    ruleId: 'output/collision',
  });
}
