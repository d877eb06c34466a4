// The names a site's config file may have: apart from config.ts, so that what only needs the names (the
// watcher, the unchanged-build check) loads no config parser.

/** Config file names looked for, in Hugo's order of preference. */
export const CONFIG_FILE_NAMES = [
  'hugo.yaml', 'hugo.yml', 'hugo.toml', 'hugo.json',
  'config.yaml', 'config.yml', 'config.toml', 'config.json',
] as const;
