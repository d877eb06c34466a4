// The shortcode registry: the built-in shortcodes, overridden or extended by a site's own modules in
// `<site>/shortcodes/` (`name.js` or `name.mjs`, default export a Shortcode, and `export const
// takesInner = true` when it takes inner content), the file name being the shortcode's name. It loads
// modules once per build; it does not call them.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as button from '../../shortcodes/button.js';
import * as columns from '../../shortcodes/columns.js';
import * as comment from '../../shortcodes/comment.js';
import * as details from '../../shortcodes/details.js';
import * as figure from '../../shortcodes/figure.js';
import * as highlight from '../../shortcodes/highlight.js';
import * as hint from '../../shortcodes/hint.js';
import * as mermaid from '../../shortcodes/mermaid.js';
import * as param from '../../shortcodes/param.js';
import * as ref from '../../shortcodes/ref.js';
import * as relref from '../../shortcodes/relref.js';
import * as rule from '../../shortcodes/rule.js';
import * as tab from '../../shortcodes/tab.js';
import * as tabs from '../../shortcodes/tabs.js';
import { SiteError } from '../util/diagnostics.js';
import { importSiteModule } from '../util/fresh-import.js';
import type { Shortcode, ShortcodeDefinition } from './types.js';

export const builtinShortcodes: ReadonlyMap<string, ShortcodeDefinition> = new Map(
  Object.entries({ button, columns, comment, details, figure, highlight, hint, mermaid, param, ref, relref, rule, tab, tabs }).map(
    ([name, module]) => [name, { render: module.default, takesInner: 'takesInner' in module && module.takesInner }] as const,
  ),
);

export const builtinShortcodeNames: readonly string[] = [...builtinShortcodes.keys()];

const siteShortcodesFolder = 'shortcodes';
const moduleExtensions = ['.js', '.mjs'];

export async function loadShortcodes(siteDir: string): Promise<Map<string, ShortcodeDefinition>> {
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

async function importShortcode(absolutePath: string, sitePath: string): Promise<ShortcodeDefinition> {
  const module = await importSiteModule<Shortcode>(absolutePath, sitePath, {
    what: 'shortcode',
    example: 'export default function (args, inner, context) { return "..." }',
    ruleId: 'shortcode/invalid-module',
  });
  const { takesInner = false } = module;
  if (typeof takesInner !== 'boolean') {
    throw new SiteError({
      file: sitePath,
      reason: `Unexpected \`takesInner\` export of type ${typeof takesInner}, expected true or false`,
      hint: 'write `export const takesInner = true` when the shortcode takes inner content, and leave it out when it does not',
      ruleId: 'shortcode/invalid-module',
    });
  }
  return { render: module.default, takesInner };
}
