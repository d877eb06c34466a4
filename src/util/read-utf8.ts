// Reads a text file of the site (page, rule file, config) as UTF-8, strictly: a byte that is not UTF-8
// is a SiteError at its line and column, instead of a silent U+FFFD in the published page.

import fs from 'node:fs';
import { SiteError } from './diagnostics.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readUtf8File(absolutePath: string, file: string): string {
  const bytes = fs.readFileSync(absolutePath);
  try {
    return utf8.decode(bytes);
  } catch (error) {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = bytes.subarray(0, offset).reduce((lines, byte) => lines + (byte === 0x0a ? 1 : 0), 1);
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
    throw new SiteError({
      file,
      line,
      // In characters, as every other column; the valid text before the bad byte decodes.
      column: new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1,
      reason: `Unexpected byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at byte ${offset}, expected UTF-8 text`,
      hint: 'save the file as UTF-8',
      ruleId: 'file/invalid-utf8',
    }, { cause: error });
  }
}

/** Offset of the first byte where UTF-8 decoding fails (found by decoding growing prefixes of lines). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8');
  let offset = 0;
  while (offset < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, offset);
    const end = lineEnd === -1 ? bytes.length : lineEnd + 1;
    const text = lenient.decode(bytes.subarray(offset, end));
    const bad = text.indexOf('\ufffd');
    if (bad !== -1 && !utf8Decodes(bytes.subarray(offset, end))) {
      return offset + Buffer.byteLength(text.slice(0, bad));
    }
    offset = end;
  }
  return 0;
}

function utf8Decodes(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
