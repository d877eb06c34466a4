// hugo-book's `mermaid` shortcode: `{{< mermaid >}}graph LR; A-->B{{< /mermaid >}}` is a
// `<pre class="mermaid">` holding the diagram's source, which the mermaid library draws in the browser.
// The library is linked only from pages that have one (see src/outputs/page-scripts.ts).

import { h } from 'hastscript';
import { serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const mermaid: Shortcode = (args, inner) =>
  serialise(h('pre', { className: ['mermaid', ...(args.named.class ? args.named.class.split(/\s+/) : [])] }, (inner ?? '').trim()));

export default mermaid;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
