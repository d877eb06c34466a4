// hugo-book's `columns` shortcode: its inner Markdown split at each `<--->` line into side-by-side columns.

import { h } from 'hastscript';
import { blockContent, serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const columns: Shortcode = (_args, inner, context) =>
  serialise(
    h(
      'div',
      { className: ['book-columns', 'flex', 'flex-wrap'] },
      (inner ?? '').split('<--->').map((column) => h('div', { className: ['flex-even', 'markdown-inner'] }, [blockContent(column, context)])),
    ),
  );

export default columns;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
