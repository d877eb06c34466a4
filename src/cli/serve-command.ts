// `runbook-site serve`: builds and serves the site, rebuilding on every change, until Ctrl-C. Prints the
// URL, each build's summary or error, and warnings, on stderr.

import { formatDiagnostic, SiteError } from '../util/diagnostics.js';
import { startDevServer } from '../serve/dev-server.js';
import { workerCount } from './build-command.js';
import { type CommandHandler, UsageError } from './handler.js';
import { buildReporting, buildSummary, progressLine } from './progress.js';

export const serveCommand: CommandHandler = async ({ values, stderr }) => {
  const progress = progressLine();
  const server = await startDevServer({
    source: values.source as string | undefined,
    port: portNumber(values.port),
    host: values.host as string | undefined,
    baseURL: values['base-url'] as string | undefined,
    buildDrafts: values['build-drafts'] as boolean | undefined,
    cache: !values['no-cache'],
    workers: workerCount(values.workers),
    ...buildReporting(progress, Boolean(values.quiet), stderr),
    onBuild: (outcome) => {
      progress.clear();
      if ('error' in outcome) stderr(`error: ${outcome.error instanceof SiteError ? formatDiagnostic(outcome.error) : String(outcome.error)}`);
      else if (!values.quiet) stderr(buildSummary(outcome.result));
    },
  });
  stderr(`Serving ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
};

function portNumber(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port expects a port number (0 to 65535), got \`${String(value)}\``);
  return port;
}
