#!/usr/bin/env node
// Entry point of the `runbook-site` binary. An error escaping the command (a watcher's callback in
// `serve`, say) still ends as one line, like runCli's own last resort.

import { runCli } from './main.js';

process.on('uncaughtException', (error) => {
  const message = String(error?.message ?? error).split('\n')[0];
  process.stderr.write(`error: ${message} (run with --debug for the stack; please report it)\n`);
  if (process.argv.includes('--debug')) process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});

process.exitCode = await runCli(process.argv.slice(2));
