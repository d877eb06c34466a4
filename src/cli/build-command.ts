// `runbook-site build`: runs the build and reports progress (on a terminal), warnings, errors and a
// one-line summary on stderr.

import { availableParallelism } from 'node:os';
import { build } from '../build/build.js';
import { type CommandHandler, UsageError } from './handler.js';
import { buildReporting, buildSummary, progressLine } from './progress.js';

export const buildCommand: CommandHandler = async ({ values, stderr }) => {
  const progress = progressLine();
  const result = await build({
    source: values.source as string | undefined,
    destination: values.destination as string | undefined,
    baseURL: values['base-url'] as string | undefined,
    strict: values.strict as boolean | undefined,
    buildDrafts: values['build-drafts'] as boolean | undefined,
    cache: !values['no-cache'],
    workers: workerCount(values.workers),
    ...buildReporting(progress, Boolean(values.quiet), stderr),
  }).finally(progress.clear);
  if (!values.quiet) stderr(buildSummary(result));
  return 0;
};

/**
 * `--workers N`: a whole number, 0 for none, at most two per core (each thread holds its own site model
 * and render stack, ~60 MB on the corpus; more threads than cores only wait); undefined keeps the
 * default (defaultWorkerCount in full-build.ts).
 */
export function workerCount(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const most = 2 * availableParallelism();
  const count = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(count <= most)) throw new UsageError(`--workers expects a whole number from 0 (renders without workers) to ${most} (two per core), got \`${String(value)}\``);
  return count;
}
