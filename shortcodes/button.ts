// hugo-book's `button` shortcode: `{{< button relref="/runbooks/x" >}}Runbook{{< /button >}}` or
// `href="https://..."` (opened in a new tab, as hugo-book does) is a link styled as a button.

import { h } from 'hastscript';
import { inlineContent, serialise, urlArgument } from '../src/shortcodes/markup.js';
import { resolvePageRef } from '../src/shortcodes/page-ref.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const button: Shortcode = (args, inner, context) => {
  const { href, relref } = args.named;
  const url = relref !== undefined ? resolvePageRef(relref, context).url : href !== undefined ? urlArgument(href, context) : undefined;
  const external = relref === undefined && href !== undefined;
  return serialise(
    h(
      'a',
      {
        href: url,
        className: ['book-btn', ...(args.named.class ? args.named.class.split(/\s+/) : [])],
        target: external ? '_blank' : undefined,
        rel: external ? 'noopener' : undefined,
      },
      [inlineContent(inner ?? '', context)],
    ),
  );
};

export default button;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
