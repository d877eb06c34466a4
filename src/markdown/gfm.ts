// GitHub Flavored Markdown for the Markdown step: remark-gfm (tables, task lists, strikethrough,
// footnotes, autolink literals), with one change of cost, none of output: its autolink-literal pass,
// which walks the whole tree four times (one regular expression each) to link bare URLs and e-mail
// addresses, runs only on a tree with a text that could hold one. On a runbook site few pages do (the
// rule's `runbook:` URL is in a code block, which the pass never looks into). It parses nothing itself.

import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import type { Data, Processor } from 'unified';
import { EXIT, visit } from 'unist-util-visit';

type FromMarkdownExtension = Extract<NonNullable<Data['fromMarkdownExtensions']>[number], { transforms?: unknown }>;

/** What each of the pass's expressions needs in one text: `http(s)://` or `www.`, or an `@` (e-mail, mailto:, xmpp:). */
const AUTOLINK_LITERAL_HINT = /@|https?:\/\/|www\./i;

export function remarkGfmLazyAutolinks(this: Processor) {
  remarkGfm.call(this);
  const extensions = this.data('fromMarkdownExtensions') ?? [];
  this.data('fromMarkdownExtensions', extensions.map((extension) => (Array.isArray(extension) ? extension.map(onlyWhenNeeded) : onlyWhenNeeded(extension))));
}

/** The autolink-literal extension (the one that handles `literalAutolink` tokens) with its tree pass gated. */
function onlyWhenNeeded(extension: FromMarkdownExtension): FromMarkdownExtension {
  if (!extension.enter?.literalAutolink || !extension.transforms) return extension;
  return { ...extension, transforms: extension.transforms.map((transform) => (tree: Root) => (mayHoldAutolinkLiteral(tree) ? transform(tree) : undefined)) };
}

function mayHoldAutolinkLiteral(tree: Root): boolean {
  let found = false;
  visit(tree, 'text', (node) => {
    if (!AUTOLINK_LITERAL_HINT.test(node.value)) return undefined;
    found = true;
    return EXIT;
  });
  return found;
}
