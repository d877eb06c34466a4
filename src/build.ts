// The build orchestrator: loads the site model, renders every page, runs the output generators and
// swaps the result in atomically. It wires the pipeline steps of DESIGN.md and does nothing else.
// The CLI and the tests call `build`.

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Diagnostic, SiteError } from './diagnostics.js';
import type { Page } from './discover.js';
import { outputGenerators } from './outputs/index.js';
import { stageOutput } from './output.js';
import { createPageRenderer } from './render-page.js';
import { loadSite } from './site.js';
import { urlCollisions } from './url-collisions.js';
import { outputFileOf } from './urls.js';

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
  /** Called for each warning as it is found. */
  onWarning?: (warning: Diagnostic) => void;
}

export interface BuildResult {
  readonly destination: string;
  /** Pages rendered (home, sections and runbooks). */
  readonly pages: number;
  readonly warnings: readonly Diagnostic[];
  readonly durationMs: number;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const siteDir = path.resolve(options.source ?? '.');
  const destination = path.resolve(options.destination ?? path.join(siteDir, 'public'));
  const warnings: Diagnostic[] = [];
  const warn = (warning: Diagnostic) => {
    warnings.push(warning);
    options.onWarning?.(warning);
  };

  const model = await loadSite({ source: siteDir, baseURL: options.baseURL, buildDrafts: options.buildDrafts });
  assertUniqueUrls(model.site.pages);
  const renderPage = createPageRenderer(model, warn);

  const output = stageOutput(destination);
  try {
    output.copyFolder(path.join(siteDir, model.config.staticDir));
    for (const page of model.site.pages) output.write(outputFileOf(page.path), renderPage(page));
    for (const generate of outputGenerators) {
      for (const file of generate(model)) output.write(file.path, file.content);
    }
    if (options.strict && warnings.length > 0) throw strictFailure(warnings);
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
  return { destination, pages: model.site.pages.length, warnings, durationMs: performance.now() - started };
}

function strictFailure(warnings: readonly Diagnostic[]): SiteError {
  const first = warnings[0]!;
  const strictHint = `--strict turns the ${warnings.length} warning(s) into errors`;
  return new SiteError({ ...first, hint: first.hint ? `${first.hint}; ${strictHint}` : strictHint });
}

/** Two pages writing one URL would silently lose one (see url-collisions.ts). */
function assertUniqueUrls(pages: readonly Page[]): void {
  const [collision] = urlCollisions(pages.map((page) => ({ path: page.path, file: page.file, what: 'page' })));
  if (collision) {
    throw new SiteError({
      file: collision.url.file,
      line: 1,
      reason: `Unexpected second page for URL ${collision.url.path}, already written by ${collision.other.file}`,
      hint: 'rename one of the files or give one a different `url` or `slug`',
      ruleId: 'url/duplicate',
    });
  }
}
