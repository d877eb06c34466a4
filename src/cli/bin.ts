#!/usr/bin/env node
// Entry point of the `runbook-site` binary. An error escaping the command (a watcher's callback in
// `serve`, say) still ends as one line, like runCli's own last resort; so does an exit before it answers.

import './v8-flags.js';
import { runCli } from './main.js';

/** Whether the command has said how it ended (its exit code, or the one error line below). */
let answered = false;

process.on('uncaughtException', (error) => {
  answered = true;
  const message = String(error?.message ?? error).split('\n')[0];
  process.stderr.write(`error: ${message} (run with --debug for the stack; please report it)\n`);
  if (process.argv.includes('--debug')) process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});

// A site module (shortcode, theme) calling process.exit() ends the command before it answers: said,
// and never as a success (a build so ended wrote nothing, its staging folder goes next time).
process.on('exit', (code) => {
  if (answered) return;
  process.stderr.write(`error: the command ended before it finished (exit code ${code}): a site module called process.exit()?\n`);
  if (code === 0) process.exitCode = 1;
});

process.exitCode = await runCli(process.argv.slice(2));
answered = true;
