// The CLI: parses arguments against the command table, runs the command's handler, and maps failures to
// exit codes (1 for problems in the site's content, 2 for usage errors). A thin layer over the API.
// Handlers are imported when their command runs: help and usage errors load no part of the pipeline.
// No stack trace reaches a user: an error no step turned into a SiteError is a bug, printed as one line
// asking for a report (its stack only with --debug).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { closeNames } from '../util/close-names.js';
import { SiteError, formatDiagnostic } from '../util/diagnostics.js';
import { packageRoot } from '../util/package-root.js';
import { didYouMean, parseCommandArguments } from './arguments.js';
import { commands, globalOptions } from './definitions.js';
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
  if (name === '--version' || name === '-v') {
    streams.stdout(`runbook-site ${packageVersion()}`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  const handler = handlers[name];
  if (!command || !handler) {
    streams.stderr(`error: ${unknownCommand(name)}\n\n${globalHelp()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseCommandArguments(command, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.stderr(`error: ${error.message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    streams.stdout(commandHelp(command));
    return 0;
  }
  try {
    return await (await handler())({ values: parsed.values, positionals: parsed.positionals, ...streams });
  } catch (error) {
    const debug = (parsed.values as Record<string, unknown>).debug === true;
    if (error instanceof SiteError) {
      streams.stderr(`error: ${formatDiagnostic(error)}`);
      // Where what the site's own code threw came from (a shortcode's, a layout's), when asked.
      if (debug && error.cause instanceof Error && error.cause.stack) streams.stderr(error.cause.stack);
      return 1;
    }
    if (error instanceof UsageError) {
      streams.stderr(`error: ${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    streams.stderr(`error: ${unexpectedErrorMessage(error)} (run with --debug for the stack; please report it)`);
    if (debug) streams.stderr(String((error as Error | undefined)?.stack ?? error));
    return 1;
  }
}

function unexpectedErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unexpected failure';
}

/** `unknown command \`biuld\` (did you mean \`build\`?)`; a misplaced option is named as one. */
function unknownCommand(name: string): string {
  const isOption = name.startsWith('-');
  const names = isOption ? globalOptions.map((option) => `--${option.name}`) : commands.map((command) => command.name);
  return `unknown ${isOption ? 'option' : 'command'} \`${name}\`${didYouMean(closeNames(name, names))}`;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
