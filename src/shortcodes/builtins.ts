// `runbook-site/shortcodes`: the built-in shortcodes by name, for a site's own shortcode that wraps one
// (a `rule` that adds a dashboard link, say), and the types a shortcode module is written against.

export { builtinShortcodes } from './registry.js';
export type { Shortcode, ShortcodeArgs, ShortcodeContext, ShortcodeDefinition } from './types.js';
