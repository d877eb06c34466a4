// The `param` shortcode (Hugo's): `{{< param "owner.team" >}}` is the value of that key in the page's front
// matter, else in the site config's `params`; dots walk into nested maps, keys match in any case (Hugo
// lowercases them). A key found in neither is an error, as in Hugo.

import { serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const param: Shortcode = (args, _inner, context) => {
  const key = args.positional[0];
  if (key === undefined || args.positional.length > 1 || Object.keys(args.named).length > 0) {
    context.fail({ reason: 'Unexpected arguments to `param`, expected one key', hint: 'write {{< param "key" >}} or {{< param "nested.key" >}}', ruleId: 'param/bad-arguments' });
  }
  const value = lookup(context.page.params, key) ?? lookup(context.site.params, key);
  if (value === undefined) {
    context.fail({
      reason: `Param \`${key}\` not found in the page's front matter or the site's params`,
      hint: 'add it to the front matter, or under `params:` in config.yaml',
      ruleId: 'param/not-found',
    });
  }
  const text = displayed(value);
  return context.markdown ? text : serialise({ type: 'text', value: text });
};

export default param;

function lookup(params: Readonly<Record<string, unknown>>, key: string): unknown {
  let current: unknown = params;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    // The key as written first: the body cache then depends on that one key, not on the whole front matter.
    const name = Object.hasOwn(current, part) ? part : Object.keys(current).find((candidate) => candidate.toLowerCase() === part.toLowerCase());
    if (name === undefined) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current ?? undefined;
}

function displayed(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(displayed).join(' ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
