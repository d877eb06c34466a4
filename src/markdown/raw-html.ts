// Raw HTML parsed into elements, as rehype-raw does (the author's `<details>` around a rule, the `{{< >}}`
// shortcodes' output), but over only the stretch of the page that holds raw nodes. rehype-raw rebuilds
// every node of the tree through parse5's tree builder, while on a runbook the raw HTML is a few lines
// near the top and the prose after it holds none: rebuilding the prose cost more than parsing the HTML.
// It does not sanitise (processor.ts does, around it) or decide what HTML is allowed.
//
// Why the stretch gives the same tree: before it, Markdown's own elements are complete, so after each
// the parser is back in the state its first element put it in (the stretch starts with the element
// before the first raw node, so the parser meets an element first too; when raw HTML comes before any
// element, as a stray `<td>` that would set the mode for the rest, the whole page is parsed). After it,
// the nodes would be rebuilt as they are, unless the HTML left an element open (or a formatting element
// such as `<b>` to reopen): then they would go inside it. The line break after the stretch is parsed
// with it as a witness: when it ends up last at the top level, nothing was left open; otherwise the
// stretch runs to the end of the page. Bytes differ only where a browser builds the same document:
// Markdown's own `data-*` flags after the stretch stay `data-footnotes` (parse5 writes `=""`), and under
// `unsafe: false` the sanitised tree is not parsed a second time (the browser's parse of it is the same).
// Checked: byte-identical on the 1,109-page corpus, same DOM on 40,000 random pages of Markdown and
// stray HTML.

import type { Nodes, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';

export function rehypeRawStretch() {
  const parseRawHtml = rehypeRaw();
  return (tree: Root, file: VFile): Root => {
    const { children } = tree;
    const first = children.findIndex(holdsRaw);
    if (first === -1) return tree;
    let start = first;
    while (start > 0 && children[start].type !== 'element') start -= 1;
    const last = children.findLastIndex(holdsRaw);
    const witness = children[last + 1];
    if (children[start].type === 'element' && witness?.type === 'text') {
      const parsed = parseRawHtml({ type: 'root', children: children.slice(start, last + 2) }, file);
      const end = parsed.children.at(-1);
      if (end?.type === 'text' && end.value.endsWith(witness.value)) {
        children.splice(start, last + 2 - start, ...parsed.children);
        return tree;
      }
    }
    children.splice(start, children.length - start, ...parseRawHtml({ type: 'root', children: children.slice(start) }, file).children);
    return tree;
  };
}

function holdsRaw(node: Nodes): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && (node.children as Nodes[]).some(holdsRaw);
}
