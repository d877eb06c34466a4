// The shortcode registry: the built-in shortcodes, overridden or extended by a site's own modules in
// `<site>/shortcodes/` (`name.js` or `name.mjs`, default export a Shortcode), the file name being the
// shortcode's name. It loads modules once per build; it does not call them.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import button from '../../shortcodes/button.js';
import columns from '../../shortcodes/columns.js';
import comment from '../../shortcodes/comment.js';
import details from '../../shortcodes/details.js';
import figure from '../../shortcodes/figure.js';
import highlight from '../../shortcodes/highlight.js';
import hint from '../../shortcodes/hint.js';
import mermaid from '../../shortcodes/mermaid.js';
import param from '../../shortcodes/param.js';
import ref from '../../shortcodes/ref.js';
import relref from '../../shortcodes/relref.js';
import rule from '../../shortcodes/rule.js';
import tab from '../../shortcodes/tab.js';
import tabs from '../../shortcodes/tabs.js';
import { SiteError } from '../util/diagnostics.js';
import { importSiteFunction } from '../util/fresh-import.js';
import type { Shortcode } from './types.js';

export const builtinShortcodes: ReadonlyMap<string, Shortcode> = new Map<string, Shortcode>([
  ['button', button],
  ['columns', columns],
  ['comment', comment],
  ['details', details],
  ['figure', figure],
  ['highlight', highlight],
  ['hint', hint],
  ['mermaid', mermaid],
  ['param', param],
  ['ref', ref],
  ['relref', relref],
  ['rule', rule],
  ['tab', tab],
  ['tabs', tabs],
]);

export const builtinShortcodeNames: readonly string[] = [...builtinShortcodes.keys()];

const siteShortcodesFolder = 'shortcodes';
const moduleExtensions = ['.js', '.mjs'];

export async function loadShortcodes(siteDir: string): Promise<Map<string, Shortcode>> {
  const shortcodes = new Map(builtinShortcodes);
  const siteModules = new Map<string, string>();
  for (const fileName of await listSiteShortcodeFiles(path.join(siteDir, siteShortcodesFolder))) {
    const name = path.basename(fileName, path.extname(fileName));
    const previous = siteModules.get(name);
    if (previous !== undefined) {
      throw new SiteError({
        file: `${siteShortcodesFolder}/${fileName}`,
        reason: `Unexpected second module for shortcode \`${name}\`, expected one (also ${siteShortcodesFolder}/${previous})`,
        hint: 'keep either the .js or the .mjs file',
        ruleId: 'shortcode/duplicate-module',
      });
    }
    siteModules.set(name, fileName);
    shortcodes.set(name, await importShortcode(path.join(siteDir, siteShortcodesFolder, fileName), `${siteShortcodesFolder}/${fileName}`));
  }
  return shortcodes;
}

/** Module file names in the site's shortcodes folder, sorted; none when the folder does not exist. */
async function listSiteShortcodeFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && moduleExtensions.includes(path.extname(entry.name)))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function importShortcode(absolutePath: string, sitePath: string): Promise<Shortcode> {
  return importSiteFunction<Shortcode>(absolutePath, sitePath, {
    what: 'shortcode',
    example: 'export default function (args, inner, context) { return "..." }',
    ruleId: 'shortcode/invalid-module',
  });
}
