// A section's (or a tag's) pages: each a link with, for a runbook, its alert's severity badge and the
// page's description, or its rule's summary annotation when the description only repeated the title, for section,
// home and term pages.

import type { Element } from 'hast';
import { h } from 'hastscript';
import { severityClass } from '../../../src/layout/rule-block.js';
import { breakableName } from '../../../src/layout/word-breaks.js';
import type { ChildLink } from '../../../src/theme-api/types.js';

export function childList(children: readonly ChildLink[], label: string): Element | undefined {
  if (children.length === 0) return undefined;
  return h('ul', { className: ['child-list'], 'aria-label': label }, children.map((child) => {
    const text = child.description ?? child.summary;
    return h('li', [
      h('a', { href: child.url }, breakableName(child.title)),
      child.severity ? [' ', h('span', { className: ['severity', `severity-${severityClass(child.severity)}`] }, child.severity)] : [],
      text ? h('p', text) : undefined,
    ]);
  }));
}
