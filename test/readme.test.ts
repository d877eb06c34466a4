// The README's promises: its CLI reference is the `--help` output of the current CLI definitions.

import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { commands } from '../src/cli/definitions.js';
import { withCliReference } from '../src/cli/help.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('the CLI reference in the README is up to date (run `npm run docs` if not)', () => {
  expect(readme).toBe(withCliReference(readme));
});

test.each(commands.map((command) => command.name))('the README shows `runbook-site %s --help` as printed', async (name) => {
  const printed: string[] = [];
  expect(await runCli([name, '--help'], { stdout: (line) => printed.push(line), stderr: () => {} })).toBe(0);
  expect(readme).toContain(printed.join('\n').trimEnd());
});
