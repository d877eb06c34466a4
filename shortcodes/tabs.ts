// hugo-book's `tabs` shortcode: `{{< tabs "id" >}}{{% tab "Linux" %}}...{{% /tab %}}...{{< /tabs >}}` is a
// set of tabs built from radio inputs and labels, so it works without JavaScript and from the keyboard
// (arrow keys move between tabs). Each `tab` draws its own input, label and panel (shortcodes/tab.ts).

import { h } from 'hastscript';
import { blockContent, serialise } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const tabs: Shortcode = (_args, inner, context) => serialise(h('div', { className: ['book-tabs'] }, [blockContent(inner ?? '', context)]));

export default tabs;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;
