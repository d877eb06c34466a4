// hugo-book's `mermaid` shortcode: `{{< mermaid >}}graph LR; A-->B{{< /mermaid >}}` is a
// `<pre class="mermaid">` holding the diagram's source, which the mermaid library draws in the browser.
// The library is linked only from pages that have one (see src/site/page-scripts.ts). mermaid is an
// optional peer dependency: a site that draws diagrams installs it, and without it this call fails here.

import { h } from 'hastscript';
import { serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';
import { missingPackageProblem, optionalPackageFile } from '../src/util/optional-package.js';

const mermaid: Shortcode = (args, inner, context) => {
  if (optionalPackageFile('mermaid', 'package.json') === undefined) context.fail(missingPackageProblem('mermaid', 'the `mermaid` shortcode'));
  return serialise(h('pre', { className: ['mermaid', ...(args.named.class ? args.named.class.split(/\s+/) : [])] }, (inner ?? '').trim()));
};

export default mermaid;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
