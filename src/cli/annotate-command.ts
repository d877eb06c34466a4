// `runbook-site annotate`: writes each alert's runbook URL into its rule file (src/annotate/annotate.ts)
// and prints what it changed; `--dry-run` prints the unified diff on stdout instead and writes nothing.
// Files left alone are named on stderr.

import { annotateSite } from '../annotate/annotate.js';
import type { AnnotationUrlForm } from '../annotate/runbook-url.js';
import { LABEL_NAME } from '../util/label-name.js';
import { type CommandHandler, UsageError } from './handler.js';

export const annotateCommand: CommandHandler = async ({ values, stdout, stderr }) => {
  const form = values.form as string | undefined;
  if (form !== undefined && form !== 'page' && form !== 'alert') throw new UsageError(`unexpected --form \`${form}\`, expected page or alert`);
  const dryRun = values['dry-run'] === true;
  const labels = (values.labels as string | undefined)?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const badLabel = labels?.find((name) => !LABEL_NAME.test(name));
  if (badLabel !== undefined) throw new UsageError(`unexpected label name \`${badLabel}\` in --labels, expected names such as instance,job`);
  const result = await annotateSite({
    source: values.source as string | undefined,
    baseURL: values['base-url'] as string | undefined,
    form: form as AnnotationUrlForm | undefined,
    labels,
    dryRun,
  });
  for (const file of result.changed) {
    if (dryRun) stdout(file.diff.trimEnd());
    else file.changes.forEach((change) => stdout(`${file.file}: ${change.alert}: ${change.key}: ${change.from === undefined ? '' : `${change.from} -> `}${change.to}`));
  }
  for (const { file, reason } of result.refused) stderr(`${file}: left alone: ${reason}`);
  for (const { file, alert, url } of result.uncorrectable) stderr(`${file}: ${alert}: ${url} leads to no page and the alert has no runbook to point it at`);
  const annotations = result.changed.reduce((sum, file) => sum + file.changes.length, 0);
  const removed = result.changed.reduce((sum, file) => sum + file.linesRemoved, 0);
  const added = result.changed.reduce((sum, file) => sum + file.linesAdded, 0);
  stderr(`${dryRun ? 'Would write' : 'Wrote'} ${annotations} annotation${annotations === 1 ? '' : 's'} in ${result.changed.length} rule file${result.changed.length === 1 ? '' : 's'} (${removed} lines removed, ${added} added)${result.refused.length > 0 ? `; ${result.refused.length} left alone` : ''}`);
  return 0;
};
