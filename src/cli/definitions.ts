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
  /** Positional arguments as shown in the usage line, and how many the command takes at most. */
  readonly positionals?: { readonly usage: string; readonly max: number };
  readonly summary: string;
  readonly options: readonly OptionDefinition[];
}

const source: OptionDefinition = { name: 'source', type: 'string', placeholder: 'DIR', description: 'site root holding config.yaml, content/ and the rules folder (default: .)' };
const noCache: OptionDefinition = { name: 'no-cache', type: 'boolean', description: 'render every page, ignoring the build cache in <source>/.runbook-site-cache/' };
const workers: OptionDefinition = { name: 'workers', type: 'string', placeholder: 'N', description: 'render worker threads beside the build thread (default: one per core beyond the first; 0: none; at most two per core)' };
const quiet: OptionDefinition = { name: 'quiet', type: 'boolean', description: 'print only errors (no warnings, progress or summary)' };
const baseUrl: OptionDefinition = { name: 'base-url', type: 'string', placeholder: 'URL', description: 'base URL of the published site, overriding the config\'s baseURL' };
const debug: OptionDefinition = { name: 'debug', type: 'boolean', description: 'on an unexpected error, print its stack trace too' };
const buildDrafts: OptionDefinition = { name: 'build-drafts', type: 'boolean', description: 'include pages with `draft: true`' };

export const commands: readonly CommandDefinition[] = [
  {
    name: 'build',
    summary: 'Build the site into static HTML.',
    options: [
      source,
      { name: 'destination', type: 'string', placeholder: 'DIR', description: 'output folder (default: <source>/public)' },
      baseUrl,
      { name: 'strict', type: 'boolean', description: 'fail the build on warnings (exit code 1)' },
      buildDrafts,
      noCache,
      workers,
      quiet,
      debug,
    ],
  },
  {
    name: 'serve',
    summary: 'Build the site, serve it on localhost and rebuild and reload open pages on every change.',
    options: [
      source,
      { name: 'port', type: 'string', placeholder: 'N', description: 'port to listen on (default: 1313)' },
      { name: 'host', type: 'string', placeholder: 'HOST', description: 'address to listen on (default: 127.0.0.1)' },
      { name: 'base-url', type: 'string', placeholder: 'URL', description: 'base URL whose path the site is served under, overriding the config\'s baseURL' },
      buildDrafts,
      noCache,
      workers,
      quiet,
      debug,
    ],
  },
  {
    name: 'check',
    summary: 'Check rule references, alert runbooks, annotation URLs, links and anchors, rule copies, required sections and stale runbooks without writing the site; exit 1 on errors.',
    options: [
      source,
      { name: 'format', type: 'string', placeholder: 'text|json', description: 'output format (default: text)' },
      { name: 'fix', type: 'string', placeholder: 'KIND', description: 'repair the findings of KIND first, then check: `rule-copy-drift` rewrites each drifted rule copy on a page from the rule file' },
      baseUrl,
      buildDrafts,
      debug,
    ],
  },
  {
    name: 'annotate',
    summary: 'Write each alert\'s runbook URL into its rule file (annotate.key, default runbook_url) and correct the annotation URLs check reports as dead, editing only those lines.',
    options: [
      source,
      { name: 'dry-run', type: 'boolean', description: 'print a unified diff of the changes and write nothing' },
      { name: 'form', type: 'string', placeholder: 'page|alert', description: 'URL written: the runbook page\'s (page) or the site\'s /alerts/<Name>/ redirect (alert); default: the config\'s annotate.form, else page' },
      { name: 'labels', type: 'string', placeholder: 'NAMES', description: 'comma-separated labels a new URL passes as `?NAME={{ $labels.NAME | urlquery }}`, for the runbook to fill in ("" for none); default: the config\'s annotate.labels, else the labels the runbook uses as placeholders, plus instance and job when the rule\'s expression keeps them' },
      { name: 'base-url', type: 'string', placeholder: 'URL', description: 'address the URLs are written with, overriding the config\'s baseURL' },
      debug,
    ],
  },
  {
    name: 'new',
    positionals: { usage: 'RULE_FILE ALERT_NAME', max: 2 },
    summary: 'Write the runbook page of an alert rule (or of every alert without one) from the runbook template.',
    options: [
      source,
      { name: 'missing', type: 'boolean', description: 'write a runbook for every alert no page shows (empty files are filled, others never replaced)' },
      debug,
    ],
  },
  {
    name: 'init',
    positionals: { usage: '[DIR]', max: 1 },
    summary: 'Scaffold a site in DIR (default: .): config, content, an example rule and runbook, .gitignore lines, a GitHub Pages workflow. Works in an existing repository; replaces nothing.',
    options: [debug],
  },
];

export const globalUsage = 'runbook-site <command> [options]';

/** Options every command takes, and the ones only the bare `runbook-site` takes. */
export const helpOption: OptionDefinition = { name: 'help', type: 'boolean', description: 'show this help' };
export const globalOptions: readonly (OptionDefinition & { short: string })[] = [
  { name: 'version', short: 'v', type: 'boolean', description: 'print the version' },
  { ...helpOption, short: 'h', description: 'show this help' },
];
