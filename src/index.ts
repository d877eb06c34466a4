// The programmatic API: what the CLI is a thin layer over.

export { build, type BuildOptions, type BuildResult } from './build/build.js';
export { checkSite, type CheckOptions, type CheckResult } from './check/check-site.js';
export { SiteError, type Diagnostic } from './util/diagnostics.js';
export type { Shortcode, ShortcodeArgs, ShortcodeContext, ShortcodeDefinition } from './shortcodes/types.js';
export type { Layout, PageData } from './theme-api/types.js';
