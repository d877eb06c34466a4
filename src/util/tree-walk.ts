// Depth-first walks of a unist tree (hast or mdast), in document order, with a visitor per node: what
// unist-util-visit does for runbook-site's own passes over each page, without what makes it cost there.
// unist-util-visit-parents builds a closure per visited node and names it for debuggers
// (`Object.defineProperty(visit, 'name', …)` with a coloured string); on the corpus's pages that
// machinery was ~1 s of a cold build's 11 s of CPU on one thread, and a plain walk of the same trees
// takes a sixth of its time. Plugins of the unified collective (rehype-slug) keep
// theirs.
//
// The root is not visited, only its descendants. A visitor may replace the node it is given in its
// parent's children (same index) or change the node's own children: the walk reads both after the
// visitor returns, as unist-util-visit does. Returning SKIP leaves the node's children unvisited,
// EXIT ends the walk.

import type { Element, Root as HastRoot } from 'hast';

export const SKIP = 'skip';
export const EXIT = 'exit';

export type WalkAction = typeof SKIP | typeof EXIT | undefined | void;

/** A node with children, as the walk sees it: its descendants all of the type `Child`. */
export interface TreeParent<Child> {
  children: Child[];
}

/** Calls `visitor` on every descendant of `tree`; false when a visitor answered EXIT. */
export function eachNode<Child extends { readonly type: string }>(
  tree: TreeParent<Child>,
  visitor: (node: Child, index: number, parent: TreeParent<Child>) => WalkAction,
): boolean {
  for (let index = 0; index < tree.children.length; index += 1) {
    const node = tree.children[index]!;
    const action = visitor(node, index, tree);
    if (action === EXIT) return false;
    if (action !== SKIP && hasChildren<Child>(node) && !eachNode(node, visitor)) return false;
  }
  return true;
}

/** Calls `visitor` on every element below `tree` (a hast root or element). */
export function eachElement(
  tree: HastRoot | Element,
  visitor: (element: Element, index: number, parent: HastRoot | Element) => WalkAction,
): boolean {
  return eachNode<HastRoot['children'][number]>(tree, (node, index, parent) =>
    node.type === 'element' ? visitor(node, index, parent as HastRoot | Element) : undefined,
  );
}

function hasChildren<Child>(node: object): node is TreeParent<Child> {
  return Array.isArray((node as Partial<TreeParent<Child>>).children);
}
