// `runbook-site check`: checks the site without writing it and prints the findings on stdout (text or
// JSON); exit 1 when any finding is an error, so it can gate CI. `--fix KIND` repairs that kind first.

import { checkSite } from '../check/check-site.js';
import { jsonReport, textReport } from '../check/report.js';
import { type FindingKind, fixableKinds } from '../config/check-findings.js';
import { type CommandHandler, UsageError } from './handler.js';

export const checkCommand: CommandHandler = async ({ values, stdout, stderr }) => {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unexpected --format \`${String(format)}\`, expected text or json`);
  const options = {
    source: values.source as string | undefined,
    baseURL: values['base-url'] as string | undefined,
    buildDrafts: values['build-drafts'] as boolean | undefined,
  };
  const fix = values.fix as string | undefined;
  if (fix !== undefined) {
    if (!fixableKinds.includes(fix as FindingKind)) throw new UsageError(`unexpected --fix \`${fix}\`, expected ${fixableKinds.join(' or ')}`);
    // Loaded only to fix: the repairs load the whole site, an unchanged check loads nothing.
    const { fixSite } = await import('../check/fix.js');
    const fixed = await fixSite(options);
    stderr(`Fixed ${fixed.fixes} ${fix} finding${fixed.fixes === 1 ? '' : 's'} in ${fixed.files.length} file${fixed.files.length === 1 ? '' : 's'}${fixed.files.length > 0 ? `: ${fixed.files.join(', ')}` : ''}`);
  }
  const result = await checkSite(options);
  if (format === 'json') stdout(jsonReport(result));
  else textReport(result).forEach((line) => stdout(line));
  return result.errors > 0 ? 1 : 0;
};
