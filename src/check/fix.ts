// `check --fix KIND`: repairs the findings of a kind that can be repaired from the site's own sources.
// Today that is `rule-copy-drift`: each drifted copy of a rule on a page is rewritten from the rule file.
// Only the copy's lines change; the page's front matter, BOM and line ends are kept byte for byte.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseSource } from '../content/front-matter.js';
import { loadSite } from '../site/site.js';
import type { CheckOptions } from './check-site.js';
import { fixedBody } from './rule-copy-drift.js';
import { ruleCopyDrifts, type CopyDrift } from '../site/rule-copies.js';

export interface FixResult {
  /** Site-relative paths of the files rewritten. */
  readonly files: readonly string[];
  /** Copies rewritten. */
  readonly fixes: number;
}

export async function fixSite(options: CheckOptions): Promise<FixResult> {
  const model = await loadSite({ source: path.resolve(options.source ?? '.'), baseURL: options.baseURL, buildDrafts: options.buildDrafts });
  const byFile = new Map<string, CopyDrift[]>();
  for (const drift of ruleCopyDrifts(model)) byFile.set(drift.page.file, [...(byFile.get(drift.page.file) ?? []), drift]);
  const files: string[] = [];
  let fixes = 0;
  for (const [file, drifts] of byFile) {
    const absolute = path.join(model.config.siteDir, file);
    const fixed = fixedFileText(readFileSync(absolute, 'utf8'), drifts);
    if (fixed === undefined) continue;
    writeFileSync(absolute, fixed);
    files.push(file);
    fixes += drifts.length;
  }
  return { files, fixes };
}

/**
 * The file's text with its drifted copies rewritten. Discovery gave the body with `\n` line ends and no
 * BOM; both are put back as the file had them. A file with mixed line ends is left alone (undefined).
 */
export function fixedFileText(text: string, drifts: readonly CopyDrift[]): string | undefined {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = text.includes('\r\n');
  const normal = normaliseSource(text);
  if (crlf && normal.split('\n').length !== text.split('\r\n').length) return undefined;
  const { body } = drifts[0]!.page;
  const bodyStart = normal.length - body.length;
  if (bodyStart < 0 || normal.slice(bodyStart) !== body) return undefined;
  const fixed = normal.slice(0, bodyStart) + fixedBody(body, drifts);
  return bom + (crlf ? fixed.replace(/\n/g, '\r\n') : fixed);
}
