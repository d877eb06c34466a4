// `build`, the entry of every build (the CLI's, serve's, the API's): a build with nothing to do (the
// inputs and output of the last one, cache/unchanged-build.ts) reports that build's result and loads
// nothing else; any other build loads and runs the pipeline (full-build.ts). The options and the result
// are the API's.

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../util/diagnostics.js';
import { unchangedBuild } from '../cache/unchanged-build.js';
import { buildTracesBeside } from '../write/output.js';
import { destinationFolder } from '../write/destination.js';
import { strictFailure } from './strict.js';

export interface BuildOptions {
  /** Site root (default: the current folder). */
  source?: string;
  /** Output folder (default: `<source>/public`). */
  destination?: string;
  /** Overrides the config's `baseURL`. */
  baseURL?: string;
  /** Turn warnings into errors. */
  strict?: boolean;
  /** Include pages with `draft: true`. */
  buildDrafts?: boolean;
  /** Keep and use the build cache in `<source>/.runbook-site-cache/` (default: true). */
  cache?: boolean;
  /** Render worker threads beside the calling thread, which renders too (default: one per core beyond the first, see defaultWorkerCount); 0: the calling thread alone. */
  workers?: number;
  /** Called for each warning, in page order. */
  onWarning?: (warning: Diagnostic) => void;
  /** Called as pages are done (rendered or taken from the cache). */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  readonly destination: string;
  /** Pages written (home, sections and runbooks). */
  readonly pages: number;
  /** Of those, the pages rendered (the others came from the build cache). */
  readonly rendered: number;
  /** Of those, the pages whose body (shortcodes, Markdown) was rendered; the others' came from the body cache. */
  readonly renderedBodies: number;
  /** Redirect pages written (aliases and /alerts/ URLs). */
  readonly redirects: number;
  readonly warnings: readonly Diagnostic[];
  readonly durationMs: number;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const siteDir = path.resolve(options.source ?? '.');
  const destination = destinationFolder(path.resolve(options.destination ?? path.join(siteDir, 'public')));
  // A lock, staging folder or journal beside the output is a build under way or a killed one's to finish.
  const { report, inputs } = (options.cache ?? true) && !buildTracesBeside(destination)
    ? unchangedBuild(siteDir, { destination, baseURL: options.baseURL, buildDrafts: options.buildDrafts ?? false })
    : {};
  if (!report) {
    const { fullBuild } = await import('./full-build.js');
    return fullBuild(options, started, { inputs });
  }
  report.warnings.forEach((warning) => options.onWarning?.(warning));
  if (options.strict && report.warnings.length > 0) throw strictFailure(report.warnings);
  options.onProgress?.(report.pages, report.pages);
  return { destination, ...report, rendered: 0, renderedBodies: 0, durationMs: performance.now() - started };
}
