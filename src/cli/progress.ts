// Build progress on a terminal: one line, rewritten in place, with pages done / total and the elapsed
// time, at most ten times a second. Silent when stderr is not a terminal (logs, CI, pipes); the build
// command's one-line summary is printed either way.

import type { BuildResult } from '../build/build.js';
import { type Diagnostic, formatDiagnostic } from '../util/diagnostics.js';
import { plural } from '../util/plural.js';

export interface ProgressLine {
  update(done: number, total: number): void;
  /** Erases the line before anything else is printed below it. */
  clear(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const started = Date.now();
  let lastDrawn = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (done < total && now - lastDrawn < 100) return;
      lastDrawn = now;
      drawn = true;
      stream.write(`\r\x1b[K${done}/${total} pages  ${((now - started) / 1000).toFixed(1)} s`);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/**
 * `Built 1110 pages (3 rendered), 1203 redirects, 9 warnings in 412 ms → /site/public`; when bodies came
 * from the body cache, `(1110 rendered, 1 from Markdown)`.
 */
export function buildSummary(result: BuildResult): string {
  const markdown = result.renderedBodies < result.rendered ? `, ${result.renderedBodies} from Markdown` : '';
  const rendered = result.rendered < result.pages || markdown ? ` (${result.rendered} rendered${markdown})` : '';
  return `Built ${plural(result.pages, 'page')}${rendered}, ${plural(result.redirects, 'redirect')}, ${plural(result.warnings.length, 'warning')} in ${Math.round(result.durationMs)} ms → ${result.destination}`;
}

/** The reporting callbacks `build` and `serve` share: warnings and progress on stderr, neither when quiet (errors only). */
export function buildReporting(progress: ProgressLine, quiet: boolean, stderr: (line: string) => void) {
  return {
    onWarning: (warning: Diagnostic) => {
      if (quiet) return;
      progress.clear();
      stderr(`warning: ${formatDiagnostic(warning)}`);
    },
    onProgress: quiet ? undefined : progress.update,
  };
}
