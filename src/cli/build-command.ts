// `runbook-site build`: runs the build and reports warnings, errors and a one-line summary on stderr.

import { build } from '../build.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { CommandHandler } from './handler.js';

export const buildCommand: CommandHandler = async ({ values, stderr }) => {
  const result = await build({
    source: values.source as string | undefined,
    destination: values.destination as string | undefined,
    baseURL: values['base-url'] as string | undefined,
    strict: values.strict as boolean | undefined,
    buildDrafts: values['build-drafts'] as boolean | undefined,
    onWarning: (warning) => stderr(`warning: ${formatDiagnostic(warning)}`),
  });
  if (!values.quiet) {
    stderr(`Built ${result.pages} pages, ${result.warnings.length} warnings in ${Math.round(result.durationMs)} ms → ${result.destination}`);
  }
  return 0;
};
