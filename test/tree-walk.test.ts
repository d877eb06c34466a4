// The tree walk (src/util/tree-walk.ts) visits what unist-util-visit visits, in its order, and leaves the
// tree as it would, when visitors skip, exit, replace their node in its parent or change its children:
// both walk copies of the same random hast trees with the same visitor.

import type { Element, ElementContent, Root } from 'hast';
import { SKIP as VISIT_SKIP, EXIT as VISIT_EXIT, visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import { eachElement, eachNode, EXIT, SKIP } from '../src/util/tree-walk.js';

/** A deterministic pseudo-random sequence (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTree(next: () => number): Root {
  let label = 0;
  const children = (depth: number): ElementContent[] =>
    Array.from({ length: Math.floor(next() * 4) }, (): ElementContent => {
      label += 1;
      const kind = next();
      if (kind < 0.3 || depth > 4) return { type: 'text', value: `t${label}` };
      if (kind < 0.4) return { type: 'comment', value: `c${label}` };
      return { type: 'element', tagName: ['p', 'div', 'code', 'pre', 'span'][Math.floor(next() * 5)]!, properties: { id: `e${label}` }, children: children(depth + 1) };
    });
  return { type: 'root', children: children(0) };
}

type Decision = 'skip' | 'exit' | 'replace' | 'children' | 'none';

/** What the visitor does at a node: drawn from the node's label, so both walks decide alike. */
function decisionOf(label: string, seed: number): Decision {
  const value = random(seed * 7919 + Number(label.slice(1)))();
  return value < 0.15 ? 'skip' : value < 0.17 ? 'exit' : value < 0.3 ? 'replace' : value < 0.4 ? 'children' : 'none';
}

function labelOf(node: Root['children'][number]): string {
  return node.type === 'element' ? String(node.properties.id) : 'value' in node ? node.value : node.type;
}

/** Visits a node as both walks do: records it, then skips, exits, replaces it or swaps its children. */
function visitor(seed: number, seen: string[]) {
  return (node: Root['children'][number], index: number, parent: Root | Element): Decision => {
    const label = labelOf(node);
    seen.push(label);
    const decision = decisionOf(label, seed);
    if (decision === 'replace') parent.children[index] = { type: 'element', tagName: 'b', properties: { id: `r${label.slice(1)}` }, children: [{ type: 'text', value: `in-r${label.slice(1)}` }] };
    if (decision === 'children' && node.type === 'element') node.children = [{ type: 'text', value: `new-${label}` }];
    return decision;
  };
}

test.each(Array.from({ length: 300 }, (_, seed) => seed))('random tree %i: same visits and same tree as unist-util-visit', (seed) => {
  const tree = randomTree(random(seed));
  const ours = structuredClone(tree);
  const theirs = structuredClone(tree);
  const oursSeen: string[] = [];
  const theirsSeen: string[] = [];
  const ourVisitor = visitor(seed, oursSeen);
  const completed = eachNode<Root['children'][number]>(ours, (node, index, parent) => {
    const decision = ourVisitor(node, index, parent as Root | Element);
    return decision === 'skip' || decision === 'replace' ? SKIP : decision === 'exit' ? EXIT : undefined;
  });
  const theirVisitor = visitor(seed, theirsSeen);
  let exited = false;
  visit(theirs, (node, index, parent) => {
    if (node.type === 'root' || !parent || index === undefined) return undefined;
    const decision = theirVisitor(node, index, parent);
    if (decision === 'exit') exited = true;
    return decision === 'skip' || decision === 'replace' ? VISIT_SKIP : decision === 'exit' ? VISIT_EXIT : undefined;
  });
  expect(oursSeen).toEqual(theirsSeen);
  expect(ours).toEqual(theirs);
  expect(completed).toBe(!exited);
});

test('eachElement gives elements only, with their index and parent', () => {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'text', value: 'a' },
      { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'comment', value: 'b' }, { type: 'element', tagName: 'code', properties: {}, children: [] }] },
    ],
  };
  const seen: string[] = [];
  eachElement(tree, (element, index, parent) => {
    seen.push(`${element.tagName}@${index} in ${parent.type === 'root' ? 'root' : parent.tagName}`);
  });
  expect(seen).toEqual(['p@1 in root', 'code@1 in p']);
});
