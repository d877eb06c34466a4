// The `details` shortcode, in Hugo's form (`summary="..." open=true`, plus `class`, `name`, `title`) and
// hugo-book's (`{{< details "Summary" open >}}`): a collapsible block around its inner Markdown.

import { h } from 'hastscript';
import { blockContent, serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const details: Shortcode = (args, inner, context) => {
  const { named, positional } = args;
  // hugo-book's named form calls the summary `title`; in Hugo's, `title` is the tooltip beside `summary`.
  const summary = named.summary ?? positional[0] ?? named.title ?? 'Details';
  const open = named.open !== undefined ? named.open !== 'false' : positional[1] === 'open';
  return serialise(
    h('details', { className: named.class, name: named.name, title: named.summary !== undefined ? named.title : undefined, open }, [
      h('summary', summary),
      blockContent(inner ?? '', context),
    ]),
  );
};

export default details;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
