// The unchanged build: a cached build whose every input is byte-identical to the last successful build's
// with the same options into the same output folder (input-records.ts), and finds that folder exactly as
// that build left it (set of files, size and mtime of each, against that build's manifest), has nothing
// to write. It reports what that build reported (pages, redirects, warnings) without loading the site,
// like make or a build tool's task cache.

import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../util/diagnostics.js';
import type { OutputManifest } from '../write/output-update.js';
import { outputEntries } from '../write/output-listing.js';
import { keepRecord, lookUpRecord, runInputs, type RunInputs, type RunKey } from './input-records.js';

/** The build options that change what is written where. */
export interface OutputOptions {
  /** Absolute output folder. */
  readonly destination: string;
  /** The `--base-url` override, if any. */
  readonly baseURL: string | undefined;
  readonly buildDrafts: boolean;
}

/** What a build reported, replayed by an unchanged build. */
export interface BuildReport {
  readonly pages: number;
  readonly redirects: number;
  readonly warnings: readonly Diagnostic[];
}

/**
 * The record keeps its own copy of the output manifest: the build cache keeps one per output folder
 * whatever the options, and a build with other options into the same folder replaces it.
 */
interface BuildRecord extends BuildReport {
  readonly output: OutputManifest['files'];
  readonly outputFolders?: OutputManifest['folders'];
}

function runKey(options: OutputOptions): RunKey {
  return { command: 'build', options: { ...options } };
}

/**
 * The fingerprint of a build's inputs (input-records.ts), taken before the build reads any: `taken`, the
 * unchanged-build check's, when it covered the same folders.
 */
export function buildInputs(siteDir: string, folders: readonly string[], options: OutputOptions, taken?: RunInputs): RunInputs | undefined {
  return runInputs(siteDir, folders, runKey(options), taken);
}

/**
 * The last build's report when this build has nothing to do (see the top of this file); and the inputs
 * as the check took them, for the build that runs otherwise.
 */
export function unchangedBuild(siteDir: string, options: OutputOptions): { readonly report?: BuildReport; readonly inputs?: RunInputs } {
  const { value: record, inputs } = lookUpRecord<BuildRecord>(siteDir, runKey(options));
  // The key holds the output folder, so a record found is that folder's.
  if (!record || !outputAsWritten(options.destination, { files: record.output, folders: record.outputFolders })) return { inputs };
  return { report: { pages: record.pages, redirects: record.redirects, warnings: record.warnings }, inputs };
}

/** Keeps a successful build's output manifest and report for the next build to compare with. */
export function recordBuild(siteDir: string, options: OutputOptions, inputs: RunInputs, manifest: OutputManifest, report: BuildReport): void {
  const record: BuildRecord = { output: manifest.files, outputFolders: manifest.folders, pages: report.pages, redirects: report.redirects, warnings: report.warnings };
  keepRecord(siteDir, runKey(options), inputs, record);
}

/** True when `destination` holds exactly the files of `output`, each of the size and mtime recorded. */
function outputAsWritten(destination: string, output: Pick<OutputManifest, 'files' | 'folders'>): boolean {
  try {
    const entries = outputEntries(destination, output);
    return entries.length === Object.keys(output.files).length && entries.every((file) => {
      const known = Object.hasOwn(output.files, file) ? output.files[file] : undefined;
      const stats = known && lstatSync(path.join(destination, file));
      return stats?.isFile() === true && stats.size === known!.size && stats.mtimeMs === known!.mtimeMs;
    });
  } catch {
    return false;
  }
}
