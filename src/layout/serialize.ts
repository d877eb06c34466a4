// Serialises what a layout draws (a whole document or one of its parts) to HTML text: the one setting
// for every page the theme draws. Raw nodes are written as they are: the theme's parts put in subtrees
// they serialised once per build (the menu), and no raw HTML of the author's reaches a layout (the
// Markdown step parses it into elements). It does not decide what is drawn.

import type { Nodes } from 'hast';
import { toHtml } from 'hast-util-to-html';

export function themeHtml(tree: Nodes): string {
  return toHtml(tree, { allowDangerousHtml: true });
}
