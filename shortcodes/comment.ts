// The `comment` shortcode: `{{% comment %}}notes for editors{{% /comment %}}` shows nothing. Its inner
// content is kept raw by the lexer (see rawInnerNames in src/shortcodes/expand.ts), so it may hold text
// that is not valid shortcode syntax, such as Go templates of alert annotations.

import type { Shortcode } from '../src/shortcodes/types.js';

const comment: Shortcode = () => '';

export default comment;
