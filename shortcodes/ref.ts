// The `ref` shortcode (Hugo's): `{{< ref "runbooks/x/Foo.md#anchor" >}}` is the target page's absolute URL
// (its permalink), anchor included. Resolution and errors: src/shortcodes/page-ref.ts.

import { singleArgument } from '../src/shortcodes/markup.js';
import { resolvePageRef } from '../src/shortcodes/page-ref.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const ref: Shortcode = (args, _inner, context) =>
  resolvePageRef(singleArgument(context, args, 'path', 'write {{< ref "path/to/page.md" >}}'), context).permalink;

export default ref;
