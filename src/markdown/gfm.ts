// GitHub Flavored Markdown for the Markdown step: remark-gfm (tables, task lists, strikethrough,
// footnotes, autolink literals), with two changes of cost, none of output. Its autolink-literal part costs
// the most and serves the fewest pages: a tokenizer tried at the start of every word (an e-mail address
// can start at any letter), ~0.35 ms of a page's ~2 ms parse, and a tree pass that walks the whole tree
// four times (one regular expression each). On a runbook site few pages can hold one (the rule's
// `runbook:` URL is in a code block, which neither ever looks into). So processor.ts parses a page
// without the tokenizer first and again with it only when a text of the tree holds what every autolink
// literal starts with or contains (`www.`, `http(s)://`, `@`): the tokenizer only claims such a text (what
// it is tried on is text when it fails), and everywhere else it fails and leaves the parse as it was.
// The tree pass runs only on a tree with such a text. It parses nothing itself.

import type { Root } from 'mdast';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import remarkGfm from 'remark-gfm';
import type { Data, Processor } from 'unified';
import { EXIT, visit } from 'unist-util-visit';

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number];
type FromMarkdownExtension = Extract<NonNullable<Data['fromMarkdownExtensions']>[number], { transforms?: unknown }>;
type Construct = Extract<NonNullable<MicromarkExtension['text']>[number], { tokenize: unknown }>;

/** What each autolink literal needs in one text: `http(s)://` or `www.`, or an `@` (e-mail, mailto:, xmpp:). */
const AUTOLINK_LITERAL_HINT = /@|https?:\/\/|www\./i;

/** remark-gfm, its autolink-literal tree pass run only on a tree that may hold one. */
export function remarkGfmLazyAutolinks(this: Processor) {
  remarkGfm.call(this);
  const extensions = this.data('fromMarkdownExtensions') ?? [];
  this.data('fromMarkdownExtensions', extensions.map((extension) => (Array.isArray(extension) ? extension.map(onlyWhenNeeded) : onlyWhenNeeded(extension))));
}

/** remark-gfm without autolink literals: neither their tokenizer nor their tree pass. */
export function remarkGfmWithoutAutolinkLiterals(this: Processor) {
  remarkGfm.call(this);
  const literalConstructs = new Set(Object.values(gfmAutolinkLiteral().text ?? {}).flat());
  const micromarkExtensions = (this.data('micromarkExtensions') ?? []).map((extension) => withoutConstructs(extension, literalConstructs));
  const fromMarkdownExtensions = (this.data('fromMarkdownExtensions') ?? []).map((extension) => (Array.isArray(extension) ? extension.map(withoutTreePass) : withoutTreePass(extension)));
  this.data('micromarkExtensions', micromarkExtensions);
  this.data('fromMarkdownExtensions', fromMarkdownExtensions);
}

/** Whether a text of the tree (code and HTML are not text) holds what an autolink literal needs. */
export function mayHoldAutolinkLiteral(tree: Root): boolean {
  let found = false;
  visit(tree, 'text', (node) => {
    if (!AUTOLINK_LITERAL_HINT.test(node.value)) return undefined;
    found = true;
    return EXIT;
  });
  return found;
}

/** The autolink-literal extension (the one that handles `literalAutolink` tokens) with its tree pass gated. */
function onlyWhenNeeded(extension: FromMarkdownExtension): FromMarkdownExtension {
  if (!extension.enter?.literalAutolink || !extension.transforms) return extension;
  return { ...extension, transforms: extension.transforms.map((transform) => (tree: Root) => (mayHoldAutolinkLiteral(tree) ? transform(tree) : undefined)) };
}

function withoutTreePass(extension: FromMarkdownExtension): FromMarkdownExtension {
  return extension.enter?.literalAutolink ? { ...extension, transforms: [] } : extension;
}

/** A (combined) micromark extension without the given text constructs; a character left with none is no longer a construct's start. */
function withoutConstructs(extension: MicromarkExtension, drop: ReadonlySet<unknown>): MicromarkExtension {
  if (!extension.text) return extension;
  const text: Record<number, Construct[]> = {};
  for (const [code, hooks] of Object.entries(extension.text)) {
    const kept = [hooks].flat().filter((construct): construct is Construct => construct !== undefined && !drop.has(construct));
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { ...extension, text };
}
