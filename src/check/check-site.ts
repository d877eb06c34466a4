// `check`, the entry of every check (the CLI's and the API's): a cached check whose every input is
// byte-identical to the last one's with the same options (cache/input-records.ts) answers that check's
// findings and loads nothing else; any other check loads the site and runs it (site-check.ts). The
// options and the result are the API's.

import path from 'node:path';
import type { AnnotationBaseURL } from './annotation-urls.js';
import type { Finding } from '../config/check-findings.js';
import type { RuleFileCoverage } from '../site/coverage.js';
import { lookUpRecord, type RunKey } from '../cache/input-records.js';

export interface CheckOptions {
  /** Site root (default: the current folder). */
  source?: string;
  /** Overrides the config's `baseURL`. */
  baseURL?: string;
  /** Include pages with `draft: true`. */
  buildDrafts?: boolean;
  /** Read and keep page bodies in the build cache (default: true), as `build` does. */
  cache?: boolean;
}

export interface CheckResult {
  /** Sorted by file, then line. */
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
  /** Findings of level `info`: worth knowing, never failing. */
  readonly infos: number;
  /** Pages checked. */
  readonly pages: number;
  /** Addresses under which annotation URLs were checked. */
  readonly annotationBaseURLs: readonly AnnotationBaseURL[];
  /** Per rule file: alerts with a runbook, with a drifted copy, with a runbook missing a section. */
  readonly coverage: readonly RuleFileCoverage[];
}

export async function checkSite(options: CheckOptions = {}): Promise<CheckResult> {
  const siteDir = path.resolve(options.source ?? '.');
  const key: RunKey | undefined = options.cache === false ? undefined : { command: 'check', options: { baseURL: options.baseURL, buildDrafts: options.buildDrafts ?? false } };
  const { value: known, inputs } = key ? lookUpRecord<CheckResult>(siteDir, key) : {};
  if (known) return known;
  const { fullCheck } = await import('./site-check.js');
  return fullCheck(options, key, inputs);
}
