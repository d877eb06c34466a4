// The CLI: parses arguments against the command table, runs the command's handler, and maps failures to
// exit codes (1 for problems in the site's content, 2 for usage errors). A thin layer over the API.
// Handlers are imported when their command runs: help and usage errors load no part of the pipeline.

import { parseArgs } from 'node:util';
import { SiteError, formatDiagnostic } from '../util/diagnostics.js';
import { commands } from './definitions.js';
import { type CommandHandler, UsageError } from './handler.js';
import { commandHelp, globalHelp } from './help.js';

const handlers: Record<string, () => Promise<CommandHandler>> = {
  build: async () => (await import('./build-command.js')).buildCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  check: async () => (await import('./check-command.js')).checkCommand,
  annotate: async () => (await import('./annotate-command.js')).annotateCommand,
  new: async () => (await import('./new-command.js')).newCommand,
  init: async () => (await import('./init-command.js')).initCommand,
};

export interface CliStreams {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const processStreams: CliStreams = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

export async function runCli(argv: readonly string[], streams: CliStreams = processStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    streams.stdout(globalHelp());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  const handler = handlers[name];
  if (!command || !handler) {
    streams.stderr(`error: unknown command \`${name}\`\n\n${globalHelp()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(command.options.map((option) => [option.name, { type: option.type }])),
      },
    });
  } catch (error) {
    streams.stderr(`error: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    streams.stdout(commandHelp(command));
    return 0;
  }
  try {
    return await (await handler())({ values: parsed.values, positionals: parsed.positionals, ...streams });
  } catch (error) {
    if (error instanceof SiteError) {
      streams.stderr(`error: ${formatDiagnostic(error)}`);
      return 1;
    }
    if (error instanceof UsageError) {
      streams.stderr(`error: ${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    throw error;
  }
}
