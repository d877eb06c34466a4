// hugo-book's `tab` shortcode, inside `tabs`: `{{% tab "Linux" %}}Markdown{{% /tab %}}` is one tab: a radio
// input of its `tabs` group (the first one checked), its label, and its panel of inner Markdown. The group
// is named after the `tabs` id (or its position on the page), the input after the tab's position in it.

import { h } from 'hastscript';
import { blockContent, serialise } from '../src/shortcodes/markup.js';
import type { Shortcode, ShortcodeParent } from '../src/shortcodes/types.js';

const tab: Shortcode = (args, inner, context) => {
  const name = args.positional[0] ?? args.named.name;
  const { parent } = context;
  if (parent?.name !== 'tabs') {
    return context.fail({ reason: 'Unexpected `tab` outside `tabs`', hint: 'put each tab between {{< tabs "id" >}} and {{< /tabs >}}', ruleId: 'tab/outside-tabs' });
  }
  if (!name) {
    context.fail({ reason: 'Missing tab name in `tab`', hint: 'write {{% tab "Linux" %}}...{{% /tab %}}', ruleId: 'tab/bad-arguments' });
  }
  const group = groupName(parent);
  const id = `${group}-${context.ordinal}`;
  // One element a line: the `{{% %}}` form's output is Markdown, where a line holding only an opening tag
  // starts an HTML block (CommonMark's 7th kind) instead of a paragraph.
  return serialise([
    h('input', { type: 'radio', className: ['toggle'], name: group, id, checked: context.ordinal === 0 }),
    { type: 'text', value: '\n' },
    h('label', { for: id }, name),
    { type: 'text', value: '\n' },
    h('div', { className: ['book-tabs-content', 'markdown-inner'] }, [blockContent(inner ?? '', context)]),
  ]);
};

export default tab;

/** It takes inner content, so it must be closed or self-closed. */
export const takesInner = true;

function groupName(tabs: ShortcodeParent): string {
  return `tabs-${tabs.args.positional[0] ?? tabs.args.named.id ?? tabs.ordinal}`;
}
