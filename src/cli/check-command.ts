// `runbook-site check`: checks the site without writing it and prints the findings on stdout (text or
// JSON); exit 1 when any finding is an error, so it can gate CI.

import { checkSite } from '../check/check-site.js';
import { jsonReport, textReport } from '../check/report.js';
import { type CommandHandler, UsageError } from './handler.js';

export const checkCommand: CommandHandler = async ({ values, stdout }) => {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unexpected --format \`${String(format)}\`, expected text or json`);
  const result = await checkSite({
    source: values.source as string | undefined,
    baseURL: values['base-url'] as string | undefined,
    buildDrafts: values['build-drafts'] as boolean | undefined,
  });
  if (format === 'json') stdout(jsonReport(result));
  else textReport(result).forEach((line) => stdout(line));
  return result.errors > 0 ? 1 : 0;
};
