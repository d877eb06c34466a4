// Diagnostics: the one error type of the build and the warnings it collects.
// Every problem with a site's input is a SiteError that names the file and, where known, the line and
// column, so the CLI can print `path:line:col: reason` (as vfile-message does) plus a hint on what to do.
// This module does not print anything; the CLI decides how and where.

export interface SourcePlace {
  /** Path of the offending file, relative to the site root where possible; '' when no file is to blame. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

export interface Diagnostic extends SourcePlace {
  reason: string;
  /** What the author can do about it. */
  hint?: string;
  /** A stable id of the kind of problem, e.g. `rule/alert-not-found`. */
  ruleId: string;
}

/** Marks a SiteError of any copy of this module (see SiteError's instanceof). */
const siteErrorMark = Symbol.for('runbook-site.SiteError');

export class SiteError extends Error implements Diagnostic {
  /**
   * True for a SiteError of any copy of this module: the CLI runs bundled (scripts/bundle.mjs) while a
   * site's shortcode or layout imports `runbook-site`, the unbundled modules, and throws their SiteError.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [siteErrorMark]?: unknown })[siteErrorMark] === true;
  }

  readonly [siteErrorMark] = true;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly reason: string;
  readonly hint?: string;
  readonly ruleId: string;

  constructor(diagnostic: Diagnostic, options?: { cause?: unknown }) {
    super(formatDiagnostic(diagnostic), options);
    this.name = 'SiteError';
    this.file = diagnostic.file;
    this.line = diagnostic.line;
    this.column = diagnostic.column;
    this.reason = diagnostic.reason;
    this.hint = diagnostic.hint;
    this.ruleId = diagnostic.ruleId;
  }

  toDiagnostic(): Diagnostic {
    return { file: this.file, line: this.line, column: this.column, reason: this.reason, hint: this.hint, ruleId: this.ruleId };
  }
}

export function formatPlace(place: SourcePlace): string {
  if (place.line === undefined) return place.file;
  if (place.column === undefined) return `${place.file}:${place.line}`;
  return `${place.file}:${place.line}:${place.column}`;
}

/** `file:line:col: reason (hint)`; a diagnostic of no file (`file` empty, e.g. a bad --destination) is `reason (hint)`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const hint = diagnostic.hint ? ` (${diagnostic.hint})` : '';
  return `${diagnostic.file === '' ? '' : `${formatPlace(diagnostic)}: `}${diagnostic.reason}${hint}`;
}

/**
 * 1-based line and column of a UTF-16 offset in `text`. A page can report thousands of warnings (one per
 * shortcode), so the line starts of the last text asked about are kept and searched by bisection: a scan
 * from the start per warning would make a build quadratic in the page's size.
 */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const starts = lineStartsOf(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

let lastText: string | undefined;
let lastLineStarts: number[] = [];

function lineStartsOf(text: string): readonly number[] {
  if (text !== lastText) {
    lastLineStarts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lastLineStarts.push(index + 1);
    lastText = text;
  }
  return lastLineStarts;
}
