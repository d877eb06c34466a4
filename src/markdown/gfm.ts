// GitHub Flavored Markdown for the Markdown step without its most costly and least used part: remark-gfm
// (tables, task lists, strikethrough, footnotes) without autolink literals. Their tokenizer is tried at
// the start of every word (an e-mail address can start at any letter), ~0.35 ms of a page's ~2 ms parse,
// and their tree pass walks the whole tree four times (one regular expression each), while on a runbook
// site few pages hold one (the rule's `runbook:` URL is in a code block, which neither looks into). So
// processor.ts parses a page without them first and again with remark-gfm itself only when a text of the
// tree holds what every autolink literal starts with or contains (`www.`, `http(s)://`, `@`): the
// tokenizer only claims such a text (what it is tried on is text when it fails), and everywhere else it
// fails and leaves the parse as it was. It parses nothing itself.

import type { PhrasingContent, Root } from 'mdast';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import remarkGfm from 'remark-gfm';
import type { Data, Processor } from 'unified';
import { eachNode, EXIT } from '../util/tree-walk.js';

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number];
type FromMarkdownExtension = Extract<NonNullable<Data['fromMarkdownExtensions']>[number], { transforms?: unknown }>;
type Construct = Extract<NonNullable<MicromarkExtension['text']>[number], { tokenize: unknown }>;

/** What each autolink literal needs in one text: `http(s)://` or `www.`, or an `@` (e-mail, mailto:, xmpp:). */
const AUTOLINK_LITERAL_HINT = /@|https?:\/\/|www\./i;

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
  return !eachNode<Root['children'][number] | PhrasingContent>(tree, (node) => (node.type === 'text' && AUTOLINK_LITERAL_HINT.test(node.value) ? EXIT : undefined));
}

/** The autolink-literal extension (the one that handles `literalAutolink` tokens) without its tree pass. */
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
