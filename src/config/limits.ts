// Input limits (config key `limits`): the sizes past which a parser of the pipeline, not our code, would
// take minutes or gigabytes on hostile input, so a page or rule file beyond them is a positioned error
// that names the key to raise instead. Measured on a 2-core machine (bench/hardening.mjs): micromark
// resolves emphasis and links with array splices, quadratic in one block's length (a 100 KB block of
// `_a_ ` takes 11 s, 1 MB never ends); a GFM table pads every row to the header's columns (2,000
// columns × 250,000 one-character rows is half a billion cells); the yaml package keeps ~60 bytes of nodes
// per byte of a rule file (50 MB: 3 GB, 75 s). The defaults are far above anything a runbook site holds
// (the 1,109-page corpus's largest block is 1.2 KB, its largest rule file 25 KB).

import { z } from 'zod';

export const inputLimitsSchema = z.strictObject({
  /** Characters of a run of Markdown lines without a blank line (a paragraph, a table, a list). */
  markdownBlockSize: z.number().int().positive().default(65_536),
  /** Emphasis, link, code and autolink marks of one page: micromark holds all of a page's events at once (1 MB of `_a_ `: 2 GB). */
  inlineMarks: z.number().int().positive().default(100_000),
  /** Cells of one GFM table: its header's columns times its rows. */
  tableCells: z.number().int().positive().default(20_000),
  /** Bytes of one page's file: rendering takes ~300 MB of memory a MB of Markdown. */
  pageSize: z.number().int().positive().default(2_000_000),
  /** Characters of a page's front matter. */
  frontMatterSize: z.number().int().positive().default(1_000_000),
  /** Bytes of one rule file. */
  ruleFileSize: z.number().int().positive().default(2_000_000),
});

export type InputLimits = z.infer<typeof inputLimitsSchema>;

export const defaultInputLimits: InputLimits = inputLimitsSchema.parse({});

/** The hint of a limit's error: what to do, and the key that raises it. */
export function raiseLimitHint(key: keyof InputLimits, what: string): string {
  return `${what}, or raise \`limits.${key}\` in the site's config`;
}
