// A guard in front of the Markdown parser (micromark, a library): its emphasis and link resolution is
// quadratic in the length of one block of lines, and a GFM table pads every row to its header's columns,
// so a megabyte paragraph or a 2,000-column header over many rows takes minutes or all memory. This scans
// a page's body as written (one pass, linear) and rejects, at the block's first line, a run of lines
// without a blank line longer than `limits.markdownBlockSize`, a table with more cells than
// `limits.tableCells`, and, at line 1, a page with more inline marks than `limits.inlineMarks`: micromark
// holds every event of a page at once, so 1 MB of `_a_ ` in 64 KB blocks still takes 2 GB and 45 s.
// Code fences are not told apart: whether a line opens one depends on HTML blocks and list items around
// it, and a wrong guess would let a hostile block through, so a long block counts wherever it is. It
// parses nothing and changes nothing.

import { raiseLimitHint, type InputLimits } from '../config/limits.js';
import { SiteError } from '../util/diagnostics.js';

export interface BlockPlace {
  readonly file: string;
  /** Lines of the file before the body. */
  readonly lineOffset: number;
}

export function assertParsableBlocks(body: string, place: BlockPlace, limits: Pick<InputLimits, 'markdownBlockSize' | 'tableCells' | 'inlineMarks'>): void {
  const marks = inlineMarkCount(body);
  if (marks > limits.inlineMarks) {
    throw limitError(place, 0, `Unexpected page with ${marks.toLocaleString('en')} inline marks (\`*\`, \`_\`, brackets, backticks, \`<\`, \`~\`), expected at most ${limits.inlineMarks.toLocaleString('en')} (the Markdown parser keeps a few KB for each)`, raiseLimitHint('inlineMarks', 'split the page'), 'markdown/too-many-marks');
  }
  let blockStart = -1;
  let blockLine = 0;
  let tableColumns = 0;
  let tableLine = 0;
  let tableRows = 0;
  forEachLine(body, (start, end, line) => {
    if (isBlank(body, start, end)) {
      blockStart = -1;
      tableColumns = 0;
    } else {
      if (blockStart === -1) {
        blockStart = start;
        blockLine = line;
      }
      if (end - blockStart > limits.markdownBlockSize) {
        throw limitError(place, blockLine, `Unexpected block of more than ${limits.markdownBlockSize.toLocaleString('en')} characters without a blank line, expected a shorter paragraph, table or list`, raiseLimitHint('markdownBlockSize', 'break it up with blank lines'), 'markdown/block-too-long');
      }
      if (tableColumns > 0) {
        tableRows += 1;
        if (tableColumns * tableRows > limits.tableCells) {
          throw limitError(place, tableLine, `Unexpected table of ${tableColumns.toLocaleString('en')} columns and ${tableRows.toLocaleString('en')}+ rows, expected at most ${limits.tableCells.toLocaleString('en')} cells (every row is padded to the header's columns)`, raiseLimitHint('tableCells', 'split the table or drop columns'), 'markdown/table-too-large');
        }
      } else if (line > blockLine) {
        tableColumns = delimiterRowColumns(body.slice(start, end));
        tableLine = line - 1;
        tableRows = 2;
      }
    }
  });
}

/** Calls `visit` with each line of `text`: where it starts, where it ends (before its line end) and its index. */
export function forEachLine(text: string, visit: (start: number, end: number, line: number) => void): void {
  for (let start = 0, line = 0; start <= text.length; line += 1) {
    const newline = text.indexOf('\n', start);
    visit(start, newline === -1 ? text.length : newline, line);
    if (newline === -1) break;
    start = newline + 1;
  }
}

/** Characters that open or close emphasis, links, code or autolinks: each costs the parser events and memory. */
function inlineMarkCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 0x2a || char === 0x5f || char === 0x5b || char === 0x5d || char === 0x60 || char === 0x3c || char === 0x7e) count += 1;
  }
  return count;
}

/** A line of only blanks and `>` ends a paragraph, in a block quote or out of one. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const char = text.charCodeAt(index);
    if (char !== 0x20 && char !== 0x09 && char !== 0x3e) return false;
  }
  return true;
}

/** Columns of a GFM table's delimiter row (`| --- | :-: |`, in a block quote `> |---|`), or 0 when the line is not one. */
function delimiterRowColumns(text: string): number {
  const line = text.replace(/^[\s>]+/, '');
  if (!line.includes('|') || !line.includes('-') || !/^[\s|:-]+$/.test(line)) return 0;
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.every((cell) => /^\s*:?-+:?\s*$/.test(cell)) ? cells.length : 0;
}

function limitError(place: BlockPlace, line: number, reason: string, hint: string, ruleId: string): SiteError {
  return new SiteError({ file: place.file, line: place.lineOffset + line + 1, column: 1, reason, hint, ruleId });
}
