// The `comment` shortcode: `{{% comment %}}notes for editors{{% /comment %}}` shows nothing. Its inner
// content is parsed like the rest of the page (as in Hugo), so comments nest like any other pair and a
// shortcode inside one must be valid; `{{ $labels.x }}` of alert annotations is plain text to the lexer.

import type { Shortcode } from '../src/shortcodes/types.js';

const comment: Shortcode = () => '';

export default comment;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
