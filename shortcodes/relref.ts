// The `relref` shortcode (Hugo's): `{{< relref "runbooks/x/Foo.md#anchor" >}}` is the target page's
// root-relative URL (under the base URL's path), anchor included. Resolution: src/shortcodes/page-ref.ts.

import { singleArgument } from '../src/shortcodes/markup.js';
import { resolvePageRef } from '../src/shortcodes/page-ref.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const relref: Shortcode = (args, _inner, context) =>
  resolvePageRef(singleArgument(context, args, 'path', 'write {{< relref "path/to/page.md" >}}'), context).url;

export default relref;
