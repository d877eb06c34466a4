// The CLI's commands and options as data: the argument parser, `--help` and the README's CLI
// reference are all generated from this table, so they cannot drift apart.

export interface OptionDefinition {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly placeholder?: string;
  readonly description: string;
}

export interface CommandDefinition {
  readonly name: string;
  /** Positional arguments as shown in the usage line. */
  readonly positionals?: string;
  readonly summary: string;
  readonly options: readonly OptionDefinition[];
}

const source: OptionDefinition = { name: 'source', type: 'string', placeholder: 'DIR', description: 'site root holding config.yaml, content/ and the rules folder (default: .)' };
const quiet: OptionDefinition = { name: 'quiet', type: 'boolean', description: 'print only errors' };

export const commands: readonly CommandDefinition[] = [
  {
    name: 'build',
    summary: 'Build the site into static HTML.',
    options: [
      source,
      { name: 'destination', type: 'string', placeholder: 'DIR', description: 'output folder (default: <source>/public)' },
      { name: 'base-url', type: 'string', placeholder: 'URL', description: 'base URL of the published site, overriding the config\'s baseURL' },
      { name: 'strict', type: 'boolean', description: 'fail the build on warnings (exit code 1)' },
      { name: 'build-drafts', type: 'boolean', description: 'include pages with `draft: true`' },
      quiet,
    ],
  },
];

export const globalUsage = 'runbook-site <command> [options]';
