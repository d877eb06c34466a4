// hugo-book's `hint` shortcode: `{{< hint warning >}}**Careful**{{< /hint >}}` is a callout box
// (`info`, `warning` or `danger`: the theme colours them) around its inner Markdown.

import { h } from 'hastscript';
import { blockContent, serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const hint: Shortcode = (args, inner, context) => {
  const kind = args.positional[0] ?? args.named.type;
  return serialise(h('blockquote', { className: ['book-hint', ...(kind ? kind.split(/\s+/) : [])] }, [blockContent(inner ?? '', context)]));
};

export default hint;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
